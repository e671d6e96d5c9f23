"""Which pelaksana column an actor named in a text belongs to: by the words of the column's name.

Shared by the wording rules (a subject before the verb) and the actor rule.
Short titles ("Sekdis", "Kasubbag") are spelt out first, so that a text's
"Sekretaris" meets the column "Sekdis".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]{2,}")
_MINOR = frozenset({"anggota", "para", "seluruh", "semua", "yang", "dan", "di", "pada", "dari", "ke", "atau", "tim"})
_SHORT_TITLES = {"sekdis": "sekretaris dinas", "kadis": "kepala dinas", "kabid": "kepala bidang", "kabag": "kepala bagian",
                 "kasubag": "kepala subbagian", "kasubbag": "kepala subbagian", "kasi": "kepala seksi",
                 "sekcam": "sekretaris camat", "kaban": "kepala badan", "sekban": "sekretaris badan"}
"""Short titles of officials as SOPs write them, spelt out so that "Sekretaris" meets a column "Sekdis"."""


def significant_words(text: str) -> frozenset[str]:
    """The words that tell one actor from another ("Anggota PJK TI" -> pjk, ti; "Sekdis" -> sekretaris, dinas)."""
    words = " ".join(_SHORT_TITLES.get(word, word) for word in _WORD.findall(text.lower()))
    return frozenset(words.split()) - _MINOR


_TITLES = frozenset({"kepala", "ketua", "sekretaris", "wakil", "koordinator", "petugas", "staf", "pejabat", "bagian",
                     "bidang", "seksi", "subbagian", "sub", "umum"})
"""Words many officials share: "Kepala UKPBJ" is not the column "Kasi" (Kepala Seksi) for sharing "kepala"."""


def column_of(actor: str, columns: dict[str, str]) -> str | None:
    """The id of the column whose name shares most of the actor's words (Jaccard), or ``None``.

    An actor named by more than a title ("Kepala UKPBJ") must share one of those other words."""
    words = significant_words(actor)
    own = words - _TITLES
    best, score = None, 0.0
    for column, name in columns.items():
        theirs = significant_words(name)
        if own and not own & theirs:
            continue
        shared = len(words & theirs)
        if shared and shared / len(words | theirs) > score:
            best, score = column, shared / len(words | theirs)
    return best
