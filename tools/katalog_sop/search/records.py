"""Search stage, what is indexed: each SOP as the texts people search it by, field by field.

An SOP is found by its name, nomor, unit and instansi, its pelaksana, the
kegiatan of every step, what each step needs and makes (kelengkapan,
output), its dasar hukum and its keterkaitan. Each text is kept whole and
apart (a table cell is never glued to the next), with the weight of its
field: a word of the name says more about an SOP than a word of a step.

Regulations are also indexed by their number and year (``n:25:2009``), read
from "Nomor 25 Tahun 2009", "No. 25/2009" or "210/PMK.05/2022" alike, so
that "uu 25/2009" finds "Undang-Undang Nomor 25 Tahun 2009". The reader's
browser reads a query with the same pattern (:data:`NUMBER_YEAR`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from katalog_sop.model import Sop

FIELD_WEIGHTS = {
    "nama": 10, "nomor": 10, "unit": 4, "instansi": 3, "pelaksana": 4, "kegiatan": 3,
    "output": 2, "kelengkapan": 1.5, "keterkaitan": 1.5, "dasar_hukum": 1,
}
"""How much a word found in each field counts; a regulation's number and year counts :data:`REGULATION_WEIGHT`."""

REGULATION_WEIGHT = 6

NUMBER_YEAR = re.compile(r"\b(\d{1,4})(?:/[a-z0-9.\-]+?)*?\s*(?:/|\btahun\b|\bth\b\.?)\s*((?:19|20)\d\d)\b")
"""A regulation's number and year in the lower-cased text with "nomor"/"no." removed; the same in the
browser (``katalog-cari.js``)."""

_NOMOR_WORD = re.compile(r"\b(?:nomor|no)\b\.?\s*:?", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")


def number_years(text: str) -> list[str]:
    """The ``n:<number>:<year>`` terms of the regulations a text cites, in order, each once."""
    plain = _NOMOR_WORD.sub(" ", text.lower())
    found = [f"n:{int(number)}:{year}" for number, year in NUMBER_YEAR.findall(plain)]
    return list(dict.fromkeys(found))


def nomor_term(nomor: str) -> str | None:
    """The term an SOP's whole nomor is found by: ``#`` and its letters and digits (``#sop026170002025``)."""
    key = _NOT_ALNUM.sub("", nomor.lower())
    return "#" + key if key else None


@dataclass(frozen=True)
class SearchRecord:
    """One SOP as search shows and finds it."""

    id: str
    url: str
    """From the site's root, percent-encoded (``sop/unit/a.html``)."""
    nama: str
    nomor: str
    unit: str
    instansi: str
    texts: tuple[tuple[str, str], ...]
    """(field, text as written) for every text searched, in the SOP's order."""


def search_record(sop: Sop, url: str) -> SearchRecord:
    """What search indexes of ``sop``, whose page is at ``url``."""
    texts: list[tuple[str, str]] = []

    def add(field: str, value) -> None:
        if value is not None and str(value).strip():
            texts.append((field, str(value)))

    add("nama", sop.nama.value)
    add("nomor", sop.nomor.value if sop.nomor else None)
    add("unit", sop.unit.value if sop.unit else None)
    add("instansi", sop.instansi.value if sop.instansi else None)
    for pelaksana in sop.pelaksana:
        add("pelaksana", pelaksana.nama)
    for step in sop.langkah:
        add("kegiatan", step.kegiatan.value)
        for item in step.kelengkapan:
            add("kelengkapan", item.value)
        for item in step.output:
            add("output", item.value)
    for item in sop.dasar_hukum:
        add("dasar_hukum", item.value)
    for item in sop.keterkaitan:
        add("keterkaitan", item.value)
    value = lambda text: text.value if text is not None else ""  # noqa: E731
    return SearchRecord(sop.id, url, sop.nama.value, value(sop.nomor), value(sop.unit), value(sop.instansi), tuple(texts))
