"""Catalogue stage: which SOP of the catalogue a reference to another SOP names.

One resolver serves the site (links both ways, the page of SOPs still
missing) and the compliance rule on references that lead nowhere, so the two
never disagree. A reference names an SOP by id (``unit/nama-berkas``), by
nomor (also inside a longer text), or by nama: case, spacing, punctuation
and a leading "SOP", "Standar Operasional Prosedur" or "Prosedur" do not
matter. A nama that several SOPs share is settled by the citing SOP's own
unit, then by its instansi (a catalogue may hold every agency of a Pemda);
otherwise the reference is ambiguous: it exists, but links nowhere.

Not every item written under Keterkaitan names another SOP: real SOPs list
the SOP itself, a regulation, a form, a party ("PJK terkait") or "Seluruh SOP
di lingkungan ...". :func:`classify` tells these apart, so that the rules give
each its own message and the page of SOPs still missing lists only SOPs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from katalog_sop.catalogue import Catalogue
from katalog_sop.dasar_hukum import parse_kutipan
from katalog_sop.model import Sop

_PREFIX = re.compile(r"^(?:sop|standar operasional prosedur|prosedur)\b\s*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_TOKEN = re.compile(r"[\w./-]+")
"""A run of the characters a nomor is written with; one that holds a digit may be a nomor.
(A single pattern "[\\w./-]*\\d[\\w./-]*" rescans a long run from each of its
characters: quadratic, minutes on one 1 MiB keterkaitan item.)"""

AMBIGUOUS = ""
"""What :meth:`Resolver.resolve` returns when several SOPs answer and the unit does not decide."""

DIRI_SENDIRI = "diri-sendiri"
TIDAK_SPESIFIK = "tidak-spesifik"
PERATURAN = "peraturan"
PIHAK = "pihak"
DOKUMEN = "dokumen"
BUKAN_SOP = (PERATURAN, PIHAK, DOKUMEN)
"""Kinds of item, besides a reference to an SOP, that :func:`classify` returns."""

_NAMES_SOP = re.compile(r"\s*(?:sop|standar operasional prosedur|prosedur)\b", re.IGNORECASE)
_EVERY_SOP = re.compile(
    r"\s*(?:seluruh|semua|segala|setiap)\s+(?:sop|standar operasional prosedur|prosedur)\b"
    r"|\s*(?:sop|standar operasional prosedur|prosedur)\s+(?:terkait|lain(?:nya)?|yang berkaitan)\W*\Z",
    re.IGNORECASE,
)
_PARTY = re.compile(r"\bterkait\W*\Z", re.IGNORECASE)
_DOCUMENT = re.compile(
    r"\s*(?:form(?:ulir)?|blanko|dokumen|laporan|surat|nota|berita acara|rencana aksi|perjanjian kinerja|"
    r"standar biaya|lembar|buku|kartu|daftar|aplikasi|matriks)\b|\bform\W*\Z",
    re.IGNORECASE,
)
_YEAR_TAIL = re.compile(r"tahun(?:19|20)\d\d\Z")


def _numbers(text: str) -> list[str]:
    """The runs of ``text`` that could be a nomor: those holding a digit."""
    return [token for token in _TOKEN.findall(text) if any(char.isdecimal() for char in token)]


@functools.lru_cache(maxsize=8192)
def title_key(text: str) -> str:
    """``"SOP Rapat Internal"`` and ``"Rapat internal."`` -> ``rapatinternal``."""
    return _NOT_WORD.sub("", _PREFIX.sub("", text.strip()).lower())


def _instansi(sop: Sop) -> str:
    return title_key(sop.instansi.value) if sop.instansi is not None else ""


def unit_of(sop: Sop) -> str:
    """The unit folder of an SOP's id (``unit/nama``), or "" for an SOP outside any unit."""
    return sop.id.split("/", 1)[0] if "/" in sop.id else ""


def _same_title(a: str, b: str) -> bool:
    """Titles equal but for case, punctuation, a leading "SOP" and a trailing "Tahun 2025"."""
    x, y = _YEAR_TAIL.sub("", title_key(a)), _YEAR_TAIL.sub("", title_key(b))
    return bool(x) and x == y


def classify(sop: Sop, text: str) -> str | None:
    """What a Keterkaitan item of ``sop`` is when it is not a reference to another SOP, else ``None``.

    :data:`DIRI_SENDIRI` (the SOP names itself), :data:`TIDAK_SPESIFIK`
    ("Seluruh SOP ..."), or one of :data:`BUKAN_SOP`: a regulation, a party
    ("Subject Matter terkait") or a document ("Rencana Aksi (FRA)"). An item
    written as "SOP ..." is an SOP reference, whatever follows.
    """
    value = text.strip()
    if value == sop.id or (sop.nomor is not None and value == sop.nomor.value.strip() and value.strip("- ")):
        return DIRI_SENDIRI
    if _same_title(value, sop.nama.value):
        return DIRI_SENDIRI
    if _EVERY_SOP.match(value):
        return TIDAK_SPESIFIK
    if _NAMES_SOP.match(value):
        return None
    cited = parse_kutipan(value)
    if cited.jenis is not None and cited.nomor is not None:
        return PERATURAN
    if _PARTY.search(value):
        return PIHAK
    if _DOCUMENT.search(value):
        return DOKUMEN
    return None


class Resolver:
    def __init__(self, catalogue: Catalogue):
        self.sops = catalogue.sops
        self.by_nomor: dict[str, list[str]] = {}
        self.by_title: dict[str, list[str]] = {}
        for sop in self.sops.values():
            if sop.nomor is not None and sop.nomor.value.strip("- "):
                self.by_nomor.setdefault(sop.nomor.value.strip(), []).append(sop.id)
            self.by_title.setdefault(title_key(sop.nama.value), []).append(sop.id)

    def resolve(self, sop: Sop, text: str) -> str | None:
        """The id of the SOP ``text`` names, :data:`AMBIGUOUS`, or ``None`` when none does."""
        return self.resolve_from(unit_of(sop), _instansi(sop), text)

    def resolve_from(self, unit: str, instansi: str, text: str) -> str | None:
        """As :meth:`resolve`, for a text written in the folder ``unit`` of agency ``instansi`` (a title
        key; "" for none): among SOPs of one name or number, the unit's own, then the agency's."""
        value = text.strip()
        if value in self.sops:
            return value
        in_text = [c for n in _numbers(value) for c in self.by_nomor.get(n, [])]
        for candidates in (self.by_nomor.get(value, []), self.by_title.get(title_key(value), []), in_text):
            if len(set(candidates)) == 1:
                return candidates[0]
            same_unit = {c for c in candidates if unit_of(self.sops[c]) == unit}
            if len(same_unit) == 1:
                return same_unit.pop()
            same_agency = {c for c in candidates if _instansi(self.sops[c]) == instansi}
            if len(same_agency) == 1:  # several agencies may each have an SOP of that name: one's own first
                return same_agency.pop()
            if candidates:
                return AMBIGUOUS
        return None


@dataclass(frozen=True)
class Links:
    targets: dict[tuple[str, int], str] = field(default_factory=dict)
    """(SOP id, index of its keterkaitan item) -> id of the SOP it names."""
    referenced_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """SOP id -> ids of the SOPs whose keterkaitan name it, sorted."""
    missing: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """(instansi, title key) of an SOP not in the catalogue -> (citing SOP id, the item as written): two
    agencies missing an SOP of one name miss two SOPs."""


def resolve_links(catalogue: Catalogue) -> Links:
    """Every keterkaitan item of the catalogue: where it leads, who is named by whom, what is missing."""
    resolver = Resolver(catalogue)
    targets: dict[tuple[str, int], str] = {}
    referenced: dict[str, set[str]] = {}
    missing: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for sop in catalogue.sops.values():
        for index, item in enumerate(sop.keterkaitan):
            target = resolver.resolve(sop, item.value)
            if target is None and classify(sop, item.value) is not None:
                continue  # not an SOP (or this one): nothing is missing
            if target is None:
                missing.setdefault((_instansi(sop), title_key(item.value)), []).append((sop.id, item.value))
            elif target not in (AMBIGUOUS, sop.id):
                targets[(sop.id, index)] = target
                referenced.setdefault(target, set()).add(sop.id)
    return Links(
        targets,
        {k: tuple(sorted(v)) for k, v in sorted(referenced.items())},
        {k: tuple(v) for k, v in sorted(missing.items()) if k[1]},
    )
