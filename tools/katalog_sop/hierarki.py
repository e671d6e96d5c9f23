"""Catalogue stage, dasar hukum in the order of the hierarchy of regulations, and what each is about.

Pasal 7 ayat (1) UU 12/2011 orders the kinds of peraturan perundang-undangan:
UUD 1945; Ketetapan MPR; UU/Perppu; PP; Perpres; Perda Provinsi; Perda
Kabupaten/Kota. The other instruments SOPs cite (peraturan menteri,
peraturan and keputusan of a gubernur, bupati or wali kota, of a badan or
lembaga, surat edaran) stand outside that list (Pasal 8, which this project
has not verified). Their place here is an order for reading, by who issues
them, not a claim of legal rank: a minister's after the President's, a
kepala daerah's after the Perda, all others last. Keppres and Inpres stand
with the Perpres, the Perppu with the UU. The parser reads no Ketetapan MPR:
one falls under "Lainnya", with the citations it cannot read.

Within a group: the province's before a kabupaten's or kota's (as Pasal 7
puts the Perda), then the newest year first, then by name with numbers
read as numbers. Pure: parsing comes from :mod:`katalog_sop.dasar_hukum`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from katalog_sop.dasar_hukum import LEVEL_OF_JENIS, REGIONAL, Kutipan, clean_tentang, parse_kutipan


class Tingkat(NamedTuple):
    """One group of the index: its heading and the jenis (:data:`katalog_sop.dasar_hukum` codes) in it."""

    judul: str
    jenis: frozenset[str]


TINGKAT = (
    Tingkat("Undang-Undang Dasar", frozenset({"uud"})),
    Tingkat("Undang-Undang dan Perppu", frozenset({"uu", "uudrt", "perppu"})),
    Tingkat("Peraturan Pemerintah", frozenset({"pp"})),
    Tingkat("Peraturan, Keputusan, dan Instruksi Presiden", frozenset({"perpres", "keppres", "inpres"})),
    Tingkat("Peraturan dan Keputusan Menteri", frozenset(
        {"permenpanrb", "permenpan", "kepmenpan", "permendagri", "pmk", "permen", "kepmen"})),
    Tingkat("Peraturan Daerah", frozenset({"perda"})),
    Tingkat("Peraturan dan Keputusan Kepala Daerah", frozenset(LEVEL_OF_JENIS)),
    Tingkat("Lainnya", frozenset()),
)
"""The groups in order; the last takes every other jenis and every citation whose jenis cannot be read."""

OTHERS = len(TINGKAT) - 1
_GROUP = {jenis: index for index, group in enumerate(TINGKAT) for jenis in group.jenis}
_LEVEL = {"provinsi": 0, "kabupaten": 1, "kota": 1}
_NUMBERS = re.compile(r"(\d+)")
_TENTANG = re.compile(r"\btentang\b\s*:?\s*(?P<tentang>.+)", re.IGNORECASE | re.DOTALL)
_NOMOR = re.compile(r"\b(?:nomor|no)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_JOINED = re.compile(r"\b(?:jo|juncto|dan|serta|sebagaimana|di ?ubah)\b", re.IGNORECASE)


def tingkat(kutipan: Kutipan) -> int:
    """The index in :data:`TINGKAT` of the group ``kutipan`` belongs to (by its jenis, even without a number)."""
    return _GROUP.get(kutipan.jenis or "", OTHERS)


def urutan(kutipan: Kutipan, title: str) -> tuple:
    """The sort key of a regulation inside its group: province first, newest year first, then ``title`` naturally."""
    words = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _NUMBERS.split(title.casefold()) if p)
    return (_level(kutipan), kutipan.tahun is None, -(kutipan.tahun or 0), words)


def _level(kutipan: Kutipan) -> int:
    """0 a province's, 1 a kabupaten's or kota's, 2 a regional one whose region is not said; 0 for the rest."""
    if kutipan.jenis not in REGIONAL:
        return 0
    wilayah = kutipan.wilayah
    return _LEVEL.get(wilayah[0] if wilayah else LEVEL_OF_JENIS.get(kutipan.jenis), 2)


def tentang(spellings: Counter) -> str | None:
    """What a regulation is about, as the SOPs cite it (``spellings``: each text written, by how many SOPs).

    The title the parser reads that most SOPs give; where it reads none, the
    words after "tentang" of the text most SOPs write, unless what stands
    before them may name another regulation too ("Nomor 1 Tahun 2009 dan
    nomor 3 Tahun 2002 tentang ...", "... jo. Perpres 12/2021 tentang ...":
    the parser leaves such a title alone for that reason), then ``None``.
    """
    read: Counter = Counter()
    for text, count in spellings.items():
        found = parse_kutipan(text).tentang
        if found:
            read[" ".join(found.split())] += count
    if read:
        return _most_common(read)
    text = _most_common(spellings)
    match = _TENTANG.search(text)
    head = text[: match.start()] if match else ""
    if match is None or len(_NOMOR.findall(head)) > 1 or len(_YEAR.findall(head)) > 1 or _JOINED.search(head):
        return None  # a second number or year, or a word that joins or amends: maybe another regulation's title
    found = clean_tentang(" ".join(match["tentang"].split()))
    return found or None


def _most_common(counts: Counter) -> str:
    """The most frequent; of equals, the first in alphabetical order (the same page on every build)."""
    return min(counts, key=lambda text: (-counts[text], text))
