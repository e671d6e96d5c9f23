"""Model stage: typed, immutable SOP records.

Field names are the SOP AP form's own words (``nama``, ``pelaksana``,
``langkah`` ...). Every record carries the :class:`Location` it was read from,
so later stages (rules, diagrams, pages) can point back at the source. The
model is built by :mod:`katalog_sop.build`; nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Mapping, NamedTuple

from katalog_sop.problem import Location
from katalog_sop.waktu import Durasi, format_durasi


class Text(NamedTuple):
    """A piece of the author's text and where it stands.

    A named tuple, like :class:`Location`: an SOP holds dozens of these, and
    making them was a large part of the build stage as frozen dataclasses.
    The records made once or more per step (:class:`Waktu`,
    :class:`Pelaksana`, :class:`Cabang`, :class:`Langkah`) are named tuples for
    the same reason; the others stay frozen dataclasses.
    """

    value: str
    location: Location

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Tanggal:
    raw: str
    date: dt.date | None
    """``None`` when the author wrote "-" or left the value empty."""
    location: Location


class Waktu(NamedTuple):
    raw: str
    durasi: Durasi | None
    """``None`` when the text could not be read (a warning says so)."""
    location: Location

    @property
    def text(self) -> str:
        """As the sheet and the pages show it: as the agency wrote it ("2 menit/berkas", "30 menit - 3 Jam");
        a bare number under a unit-bearing column with its unit ("45 menit")."""
        if self.durasi and not any(ch.isalpha() for ch in self.raw):
            return format_durasi(self.durasi)
        return self.raw


@dataclass(frozen=True)
class Nip:
    raw: str
    digits: str | None
    """The 18 digits, or ``None`` when it is not a well-formed NIP (a warning says so)."""
    location: Location


@dataclass(frozen=True)
class Pengesahan:
    jabatan: Text | None
    nama: Text | None
    nip: Nip | None
    location: Location


@dataclass(frozen=True)
class Kop:
    alamat: Text | None
    email: Text | None
    situs_web: Text | None
    logo: Text | None
    """The path of the agency's logo in the site's docs folder (``gambar/logo.png``), as written."""
    location: Location


class Pelaksana(NamedTuple):
    """One column of the flowchart sheet."""

    id: str
    nama: str
    location: Location
    kelompok: str | None = None
    """The upper level of a two-level pelaksana header ("Satker Penerima")."""


class Cabang(NamedTuple):
    """One labelled exit of a decision."""

    label: str
    ke: int | None
    """The target step's number, or ``None`` where the exit ends the procedure."""
    location: Location


class Tabel(NamedTuple):
    """A flowchart table, as the row that starts it says: its title, printed columns and notes."""

    judul: str | None
    pelaksana: tuple[str, ...] = ()
    """The pelaksana ids of its columns in printed order, empty ones too; empty: the columns its
    symbols stand in (of an SOP's only table: every pelaksana)."""
    catatan: tuple[Text, ...] = ()
    """What is printed under the table ("Ket: *) Kelengkapan dokumen pendukung: ...")."""


MULAI, PROSES, KEPUTUSAN, SELESAI, KAPSUL = "mulai", "proses", "keputusan", "selesai", "kapsul"
BENTUK = (MULAI, PROSES, KEPUTUSAN, SELESAI, KAPSUL)
"""A symbol's shape; ``kapsul`` is a capsule some sheets draw in mid-flow, neither start nor end."""
BERANTAI, BERSAMAAN = "berantai", "bersamaan"


class Keluar(NamedTuple):
    """One arrow leaving a symbol: its label and the symbols it enters."""

    label: str | None
    ke: tuple[tuple[int, int], ...]
    """Each target as ``(row number, symbol index)``; empty where the arrow ends the procedure."""
    location: Location
    panah: str | None = None
    """``dua_arah`` (a head at both ends) or ``tanpa`` (a line with no head), as the sheet draws it."""


class Simbol(NamedTuple):
    """One symbol of a row, in one pelaksana column (the sheet's unit of drawing)."""

    langkah: int
    """The row's position (``Langkah.nomor``)."""
    urutan: int
    """0-based place in the row's flow order."""
    id: str | None
    pelaksana: str | None
    """The column's pelaksana id; ``None`` where the source does not show it."""
    bentuk: str
    """mulai, proses, keputusan or selesai: as written, else inferred."""
    teks: str | None
    """What is printed inside the symbol ("Setuju?", "Mulai")."""
    keluar: tuple[Keluar, ...]
    """Every arrow leaving it; for a decision one per exit. Empty where it ends or the flow is unknown."""
    location: Location

    @property
    def key(self) -> tuple[int, int]:
        return (self.langkah, self.urutan)


class Langkah(NamedTuple):
    nomor: int
    """1-based position of the row on the sheet (internal identity; see ``label`` for the printed number)."""
    id: str | None
    kegiatan: Text
    pelaksana: tuple[str, ...]
    """Ids of the pelaksana who carry out the step (several for a joint step)."""
    kelengkapan: tuple[Text, ...]
    waktu: Waktu | None
    output: tuple[Text, ...]
    keterangan: Text | None
    cabang: tuple[Cabang, ...]
    lanjut_ke: int | None
    """For a process step, the next step's number; ``None`` where the procedure ends."""
    location: Location
    label: str = ""
    """The number printed in the No column ("5a"); the position where the SOP prints none; "" for an unnumbered row."""
    simbol: tuple[Simbol, ...] = ()
    """The row's symbols in flow order (one for an ordinary step)."""
    alur: str = BERANTAI
    """How the row's symbols relate: a chain (hand-off) or parallel."""
    tidak_terbaca: tuple[str, ...] = ()
    """What the source does not show for this row (pelaksana, simbol, alur, waktu ...), in the schema's order
    (a tuple, not a set: the model's repr keys the sheet cache and must not vary between processes)."""
    waktu_baris: int = 1
    """How many rows this row's Waktu cell spans (a cell merged down over the rows below it)."""
    pelaksana_gabung: bool = False
    """Whether the sheet prints this row's pelaksana cells as one merged cell (no lines between the columns)."""
    waktu_dari: int | None = None
    """For a row under a merged Waktu cell: the number (position) of the row whose cell covers it."""
    masuk: tuple[int, ...] = (0,)
    """The symbols (indices) an arrow into the row enters unless it names one: the first of a chain,
    every one of a parallel row; never a start."""
    tabel: Tabel | None = None
    """The flowchart table this row starts, where one SOP holds several tables, or the first row says
    its table's columns or notes."""
    dalam_tabel: str | None = None
    """The title of the table the row stands in, where one SOP holds several (numbers repeat between them)."""

    @property
    def sebutan(self) -> str:
        """How messages and pages name the row: "langkah 5a", or "baris ke-7 (tanpa nomor)"."""
        name = f"langkah {self.label}" if self.label else f"baris ke-{self.nomor} (tanpa nomor)"
        return f"{name} (tabel {self.dalam_tabel})" if self.dalam_tabel else name

    def unknown(self, part: str) -> bool:
        return part in self.tidak_terbaca

    @property
    def is_keputusan(self) -> bool:
        return bool(self.cabang)

    @property
    def exits(self) -> tuple[tuple[str | None, int | None], ...]:
        """Every way out of the row as ``(label, target row)``; a target of ``None`` ends.

        Arrows between the row's own symbols are not ways out; a row whose
        flow the source does not show has none.
        """
        if self.simbol:
            found: dict[tuple[str | None, int | None], None] = {}
            for symbol in self.simbol:
                for keluar in symbol.keluar:
                    if not keluar.ke:
                        found[(keluar.label, None)] = None
                    for row, index in keluar.ke:
                        if row != self.nomor or index <= symbol.urutan:  # a hand-on within the row is no way out
                            found[(keluar.label, row)] = None
                if symbol.bentuk == SELESAI and not symbol.keluar:
                    found[(None, None)] = None
            return tuple(found)
        if self.cabang:
            return tuple((c.label, c.ke) for c in self.cabang)
        return ((None, self.lanjut_ke),)


@dataclass(frozen=True)
class Revisi:
    ke: int | None
    tanggal: Tanggal
    uraian: Text
    location: Location


@dataclass(frozen=True)
class Pengecualian:
    """The author exempts this SOP (or one of its steps) from one rule, and says why."""

    aturan: str
    alasan: Text
    langkah: int | None
    """The step's number (1-based); ``None``: the whole SOP."""
    location: Location


@dataclass(frozen=True)
class CatatanSumber:
    sumber: Text | None
    perbaikan: tuple[Text, ...]
    tidak_terbaca: tuple[Text, ...]
    disimpulkan: tuple[Text, ...]
    catatan: tuple[Text, ...]
    location: Location


@dataclass(frozen=True)
class Sop:
    id: str
    """The path under ``sops/`` without ``.yaml``, e.g. ``kecamatan-x/pengumpulan-data``."""
    path: str
    location: Location
    nama: Text
    nomor: Text | None
    instansi: Text | None
    unit: Text | None
    kop: Kop | None
    tanggal_pembuatan: Tanggal | None
    tanggal_revisi: Tanggal | None
    tanggal_efektif: Tanggal | None
    disahkan_oleh: Pengesahan | None
    dasar_hukum: tuple[Text, ...]
    kualifikasi_pelaksana: tuple[Text, ...]
    keterkaitan: tuple[Text, ...]
    peralatan_perlengkapan: tuple[Text, ...]
    peringatan: tuple[Text, ...]
    pencatatan_pendataan: tuple[Text, ...]
    satuan_waktu: str | None
    pelaksana: tuple[Pelaksana, ...]
    langkah: tuple[Langkah, ...]
    revisi: tuple[Revisi, ...]
    catatan_sumber: CatatanSumber | None
    tujuan: tuple[Text, ...] = ()
    ruang_lingkup: tuple[Text, ...] = ()
    definisi: tuple[Text, ...] = ()
    disusun_oleh: Pengesahan | None = None
    diperiksa_oleh: Pengesahan | None = None
    formulir: Mapping[str, str | None] = field(default_factory=dict, compare=False, hash=False)
    """The SOP's own form labels (standard key -> printed label; ``None``: no such column)."""
    key_locations: Mapping[str, Location] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Where each top-level key the author wrote stands (to point at an empty section)."""
    pengecualian: tuple[Pengecualian, ...] = ()
    kategori: Text | None = None
    """The kind of work, from the agency's own list ("Kepegawaian"); the catalogue's, not the form's (never printed)."""

    def pelaksana_by_id(self, pelaksana_id: str) -> Pelaksana:
        for pelaksana in self.pelaksana:
            if pelaksana.id == pelaksana_id:
                return pelaksana
        raise KeyError(pelaksana_id)


_SOURCES: dict[int, tuple[weakref.ref, str]] = {}


def remember_source(sop: Sop, digest: str) -> None:
    """Note that ``sop`` was built, as it is, from the text whose SHA-256 is ``digest``."""
    key = id(sop)
    _SOURCES[key] = (weakref.ref(sop, lambda _, key=key: _SOURCES.pop(key, None)), digest)


def source_digest(sop: Sop) -> str | None:
    """The SHA-256 of the text ``sop`` was built from; ``None`` for an SOP made any other way.

    With the SOP's id and the code, that text decides every value of the SOP,
    so a cache may key on it instead of the whole model (whose ``repr`` is a
    large part of drawing a sheet). Kept beside the SOP, not in it: a copy made
    with ``dataclasses.replace`` or changed in any way is another object, and has none.
    """
    entry = _SOURCES.get(id(sop))
    return entry[1] if entry is not None and entry[0]() is sop else None

