"""Monitoring stage, the model: rounds of Tabel 7 and evaluations, as immutable records.

A round (:class:`Putaran`) is one file ``monitoring/<unit>/<yyyy-mm>.yaml``:
one date, one penilai, the methods used, and one result (:class:`Hasil`) per
SOP: the SOP as written and the id it resolves to, the penilaian (or
``None``: not yet assessed), the notes and the action decided. An evaluation
(:class:`Evaluasi`) has the same frame, with the checklist's answers and a
conclusion per SOP. Every record carries its location. Nothing here reads a
file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from katalog_sop.problem import Location

BERJALAN_BAIK = "berjalan_baik"
KURANG_BAIK = "kurang_baik"
TIDAK_BERJALAN_BAIK = "tidak_berjalan_baik"
PENILAIAN = {
    BERJALAN_BAIK: "Berjalan dengan baik",
    KURANG_BAIK: "Berjalan kurang baik",
    TIDAK_BERJALAN_BAIK: "Tidak berjalan dengan baik",
}
"""The values of a result and their labels; Tabel 7 has the first and the last, some agencies (BPS) add the
middle one."""

METODE = {
    "observasi": "Observasi supervisor",
    "wawancara_pelaksana": "Wawancara dengan pelaksana",
    "wawancara_pengguna_layanan": "Wawancara dengan pengguna layanan",
    "diskusi_kelompok_kerja": "Pertemuan dan diskusi kelompok kerja",
    "pengarahan": "Pengarahan dalam pelaksanaan",
}

KESIMPULAN = {"tetap": "Tetap berlaku", "direvisi": "Direvisi", "dicabut": "Dicabut", "diganti": "Diganti"}
JAWABAN = {"ya": "Ya", "tidak": "Tidak", "sebagian": "Sebagian"}


@dataclass(frozen=True)
class Penilai:
    jabatan: str = ""
    nama: str = ""
    nip: str = ""

    def __bool__(self) -> bool:
        return bool(self.jabatan or self.nama or self.nip)


@dataclass(frozen=True)
class Hasil:
    """One row of Tabel 7: one SOP's result in one round."""

    sop: str
    """The SOP as written in the record."""
    sop_id: str | None
    """The id it resolves to; ``None`` when it names no SOP of the catalogue."""
    penilaian: str | None
    catatan: str
    tindakan: str
    location: Location


@dataclass(frozen=True)
class Jawaban:
    pertanyaan: str
    """The question's id in the checklist."""
    jawaban: str
    catatan: str
    location: Location
    teks: str = ""
    """The question as the checklist in force words it."""


@dataclass(frozen=True)
class HasilEvaluasi:
    sop: str
    sop_id: str | None
    jawaban: tuple[Jawaban, ...]
    kesimpulan: str | None
    catatan: str
    location: Location


@dataclass(frozen=True)
class Putaran:
    """One monitoring round of one unit (one Tabel 7)."""

    path: str
    unit: str
    """The folder under ``monitoring/``: the unit's folder under ``sops/``."""
    tanggal: dt.date
    penilai: Penilai
    metode: tuple[str, ...]
    hasil: tuple[Hasil, ...]
    location: Location
    jenis: str = field(default="monitoring", init=False)


@dataclass(frozen=True)
class Evaluasi:
    """One evaluation of one unit's SOPs."""

    path: str
    unit: str
    tanggal: dt.date
    penilai: Penilai
    hasil: tuple[HasilEvaluasi, ...]
    location: Location
    jenis: str = field(default="evaluasi", init=False)


@dataclass(frozen=True)
class Records:
    """Every monitoring round and evaluation of a catalogue, oldest first."""

    putaran: tuple[Putaran, ...] = ()
    evaluasi: tuple[Evaluasi, ...] = ()

    @cached_property
    def _rows(self) -> dict[str, list[tuple[Putaran, Hasil]]]:
        """Each SOP's rows in every round, newest first: one pass, so that a catalogue of thousands of
        SOPs and rounds is not searched once per SOP and rule."""
        rows: dict[str, list[tuple[Putaran, Hasil]]] = {}
        for putaran in sorted(self.putaran, key=lambda p: (p.tanggal, p.path), reverse=True):
            for hasil in putaran.hasil:
                if hasil.sop_id is not None:
                    rows.setdefault(hasil.sop_id, []).append((putaran, hasil))
        return rows

    @cached_property
    def _evaluated(self) -> dict[str, list[tuple[Evaluasi, HasilEvaluasi]]]:
        rows: dict[str, list[tuple[Evaluasi, HasilEvaluasi]]] = {}
        for evaluasi in sorted(self.evaluasi, key=lambda e: (e.tanggal, e.path), reverse=True):
            for hasil in evaluasi.hasil:
                if hasil.sop_id is not None:
                    rows.setdefault(hasil.sop_id, []).append((evaluasi, hasil))
        return rows

    def monitoring_of(self, sop_id: str) -> list[tuple[Putaran, Hasil]]:
        """The SOP's results in every round, newest first (a result not yet assessed included)."""
        return list(self._rows.get(sop_id, ()))

    def assessed(self, sop_id: str) -> list[tuple[Putaran, Hasil]]:
        """The SOP's assessed results (a penilaian given), newest first."""
        return [(p, h) for p, h in self.monitoring_of(sop_id) if h.penilaian is not None]

    def evaluations_of(self, sop_id: str) -> list[tuple[Evaluasi, HasilEvaluasi]]:
        """The SOP's evaluations, newest first."""
        return list(self._evaluated.get(sop_id, ()))

    def concluded(self, sop_id: str) -> list[tuple[Evaluasi, HasilEvaluasi]]:
        """The SOP's evaluations that reached a conclusion, newest first."""
        return [(e, h) for e, h in self.evaluations_of(sop_id) if h.kesimpulan is not None]

    def __len__(self) -> int:
        return len(self.putaran) + len(self.evaluasi)
