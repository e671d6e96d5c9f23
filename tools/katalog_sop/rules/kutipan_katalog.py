"""Rules stage, shared by the catalogue-wide legal-basis rules: who issued a citation and what it is about.

"Peraturan Kepala BPS" of 2008 and "Peraturan BPS" of 2020 are one issuer;
titles are compared normalised, with a doubled letter written single, and
two long titles one letter apart ("Organisai") are one title.
"""

from __future__ import annotations

import re

from katalog_sop.dasar_hukum import REGIONAL, Kutipan, normalise_title

_AGENCY = {"perka", "perban", "perlem", "kepka"}
"""One agency issues under these names over the years ("Peraturan Kepala BPS", then "Peraturan BPS")."""
_FILLER = {"badan", "lembaga", "kepala", "dan"}
_DOUBLED = re.compile(r"(.)\1+")


def issuer_of(cited: Kutipan) -> str | None:
    """Who issued it, so that one agency's "Peraturan Kepala" and "Peraturan" of later years meet."""
    if cited.jenis is None:
        return None
    if cited.jenis in _AGENCY:
        words = [w for w in (cited.penerbit or "").split() if w not in _FILLER]
        return "lembaga:" + " ".join(words) if words else None
    if cited.jenis in REGIONAL or cited.jenis in ("permen", "kepmen", "perdirjen", "perrektor"):
        return f"{cited.jenis}:{cited.penerbit}" if cited.penerbit else None
    return cited.jenis


def subject_of_title(title: str | None) -> str | None:
    """The title compared: normalised, a doubled letter written single ("Organisai" stays a typo apart)."""
    if not title:
        return None
    key = _DOUBLED.sub(r"\1", normalise_title(title))
    return key if len(key) >= 12 else None


def one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]
