"""Identity items the source did not print but a transcriber inferred.

A transcription records in ``catatan_sumber.disimpulkan`` what it inferred
instead of read. An identity item filled in that way (a title made up from the
steps, an agency guessed from a cited regulation) is not the agency's own
statement: an auditor must see it as missing from the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

_LABELS = (
    # (model field, how a note names the item, in lower case)
    ("nama", ("nama sop", "judul sop")),
    ("nomor", ("nomor sop",)),
    ("instansi", ("instansi",)),
    ("unit", ("unit",)),
    ("tanggal_pembuatan", ("tanggal pembuatan",)),
    ("tanggal_efektif", ("tanggal efektif",)),
    ("disahkan_oleh", ("pengesahan", "disahkan oleh")),
    ("disahkan_oleh.nip", ("nip",)),
)
_PART_OF = {"disahkan_oleh.nip": "disahkan_oleh"}
"""A part named on its own ("NIP pengesah disimpulkan") is what was inferred, not the whole approval block."""
_WORDS = {name: re.compile("|".join(rf"\b{phrase}\b" for phrase in phrases)) for name, phrases in _LABELS}


def named_items(note: str) -> list[str]:
    """The identity items a note names ("Nama SOP ...", "instansi dan unit ..."), as model fields."""
    lower = note.lower()
    named = [
        name for name, phrases in _LABELS
        if any(phrase in lower for phrase in phrases) and _WORDS[name].search(lower)  # substring first: cheap
    ]
    return [name for name in named if not any(_PART_OF.get(part) == name for part in named)]


@rule(
    "SOPAP-I10", "identitas-disimpulkan", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": transkripsi mencatat isian yang disimpulkan penyalin, bukan tertulis pada sumber.",
)
def identitas_disimpulkan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Butir identitas terisi, tetapi ``catatan_sumber.disimpulkan`` menyatakan bahwa isinya disimpulkan.

    Mengapa: SOP asli tidak memuat butir tersebut; isinya adalah dugaan
    penyalin. Perbaikan: mintalah instansi melengkapi SOP asli, lalu hapus
    catatan tersebut.

    Contoh yang lolos::

        catatan_sumber:
          disimpulkan: [Pelaksana langkah 1 disimpulkan dari uraiannya]

    Contoh yang gagal::

        catatan_sumber:
          disimpulkan: [Nama SOP tidak ada pada sumber; disimpulkan dari uraian prosedur]
    """
    if sop.catatan_sumber is None:
        return
    for note in sop.catatan_sumber.disimpulkan:
        for name in named_items(note.value):
            value = sop
            for part in name.split("."):
                value = getattr(value, part, None) if value is not None else None
            if value is not None:
                yield value.location, (
                    f"isian '{name}' tidak tertulis pada SOP asli; disimpulkan penyalin (lihat {note.location.json_path})"
                )
