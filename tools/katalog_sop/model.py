"""Model stage: typed, immutable SOP records.

Field names are the SOP AP form's own words (``nama``, ``pelaksana``,
``langkah`` ...). Every record carries the :class:`Location` it was read from,
so later stages (rules, diagrams, pages) can point back at the source. The
model is built by :mod:`katalog_sop.build`; nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
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
        """As the sheet and the pages show it: read and tidied ("1–3 hari kerja"), else as written."""
        return format_durasi(self.durasi) if self.durasi else self.raw


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
    location: Location


class Pelaksana(NamedTuple):
    """One column of the flowchart sheet."""

    id: str
    nama: str
    location: Location


class Cabang(NamedTuple):
    """One labelled exit of a decision."""

    label: str
    ke: int | None
    """The target step's number, or ``None`` where the exit ends the procedure."""
    location: Location


class Langkah(NamedTuple):
    nomor: int
    """1-based position: the "No" column."""
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

    @property
    def is_keputusan(self) -> bool:
        return bool(self.cabang)

    @property
    def exits(self) -> tuple[tuple[str | None, int | None], ...]:
        """Every way out of the step as ``(label, target)``; a target of ``None`` ends."""
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
    key_locations: Mapping[str, Location] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Where each top-level key the author wrote stands (to point at an empty section)."""
    pengecualian: tuple[Pengecualian, ...] = ()

    def pelaksana_by_id(self, pelaksana_id: str) -> Pelaksana:
        for pelaksana in self.pelaksana:
            if pelaksana.id == pelaksana_id:
                return pelaksana
        raise KeyError(pelaksana_id)
