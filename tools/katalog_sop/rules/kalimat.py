"""Wording of uraian kegiatan: active, a verb first, no subject.

The Lampiran explains why SOP AP uses only five symbols: activities are
written "bersifat aktif menggunakan kata kerja tanpa subyek". The word
heuristics are in :mod:`kata_kerja`; each step gets at most one of the three
findings:

- K01: the step starts with a nominalisation (pe-/per-/ke- ... -an:
  "Penandatanganan", "Pembuatan", "Pengarsipan");
- K02: a subject comes before the verb ("Sekretaris menyampaikan",
  "Kepala Badan mengoreksi"), or the step starts with a pelaksana's name;
- K03: anything else that does not start with an active verb (a passive
  "Diserahkan", an English "Upload", a noun phrase "Rapat Tim ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Langkah, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, per_sop, rule
from katalog_sop.rules.kolom import column_of
from katalog_sop.rules.kata_kerja import (
    NOMINAL,
    OTHER,
    SUBJECT,
    classify,
    is_passive,
    suggestion,
)

CLAUSE = "Kegiatan ditulis bersifat aktif menggunakan kata kerja tanpa subyek."


@per_sop
def _wording(sop: Sop) -> list[tuple[Langkah, str, str]]:
    """(step, kind, words) for every step that does not start with an active verb."""
    names = {name.lower() for p in sop.pelaksana for name in (p.nama, p.id)}
    ordered = tuple(sorted(names, key=len, reverse=True))
    found = ((step, classify(step.kegiatan.value, ordered)) for step in sop.langkah)
    return [(step, kind[0], kind[1]) for step, kind in found if kind is not None]


@per_sop
def wording(sop: Sop) -> dict[int, tuple[str, str]]:
    """``id(step)`` -> (kind, words) for the steps that do not start with an active verb (read once per SOP)."""
    return {id(step): (kind, words) for step, kind, words in _wording(sop)}


def subject_of(sop: Sop, step: Langkah) -> str | None:
    """The subject written before the kegiatan's verb ("Anggota PJK TI melakukan ..."), or ``None``."""
    found = wording(sop).get(id(step))
    return found[1] if found is not None and found[0] == SUBJECT else None


def starts_active(sop: Sop, step: Langkah) -> bool:
    """Whether the kegiatan starts with an active verb, as the form asks."""
    return id(step) not in wording(sop)


_LIST_MARKER = re.compile(r"\w[.)]")
def _findings(sop: Sop, kind: str) -> Iterator[tuple[Langkah, str]]:
    return ((step, words) for step, found, words in _wording(sop) if found == kind)


def _hint(word: str) -> str:
    verb = suggestion(word)
    return f", misalnya '{verb} ...'" if verb else ""


@rule("SOPAP-K01", "nominalisasi", Severity.WARNING, tag="N", clause=CLAUSE)
def nominalisasi(sop: Sop, context: Context) -> Iterator[Finding]:
    """Uraian kegiatan tidak diawali nominalisasi ("Penandatanganan ...").

    Mengapa: kata benda menamai hasil, bukan apa yang dikerjakan pejabat;
    Lampiran meminta kata kerja aktif. Perbaikan: awali dengan kata kerja
    berawalan me- ("Menandatangani").

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Penandatanganan surat keterangan oleh Camat, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    for step, word in _findings(sop, NOMINAL):
        yield step.kegiatan.location, (
            f"uraian {step.sebutan} diawali kata benda '{word.capitalize()}'; awali dengan kata kerja aktif{_hint(word)}"
        )


@rule("SOPAP-K02", "subjek-di-awal", Severity.WARNING, tag="N", clause=CLAUSE)
def subjek_di_awal(sop: Sop, context: Context) -> Iterator[Finding]:
    """Uraian kegiatan tidak memuat subjek sebelum kata kerjanya ("Sekretaris menyampaikan ...").

    Mengapa: kolom pelaksana sudah menyatakan siapa yang bertindak; Lampiran
    meminta kata kerja "tanpa subyek". Perbaikan: hapus subjeknya dan periksa
    pelaksana langkah tersebut ("Menyampaikan ...", pelaksana Sekretaris).

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Camat menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    columns = {p.id: p.nama for p in sop.pelaksana}
    for step, subject in _findings(sop, SUBJECT):
        if _LIST_MARKER.fullmatch(subject):  # "a. Menyusun laporan ...": a list, not a subject
            continue
        column = column_of(subject, columns)
        if step.pelaksana and column not in step.pelaksana:  # the real problem is who acts (SOPAP-K04)
            drawn = ", ".join(columns.get(p, p) for p in step.pelaksana)
            yield step.kegiatan.location, (
                f"uraian {step.sebutan} diawali subjek '{subject}', tetapi langkah digambar di kolom {drawn}: "
                "subjek dan kolom pelaksana tidak sama; tentukan siapa yang bertindak, lalu tulis tanpa subjek"
            )
        else:
            yield step.kegiatan.location, (
                f"uraian {step.sebutan} diawali subjek '{subject}'; tulis tanpa subjek, pelaksana sudah di kolomnya"
            )


@rule("SOPAP-K03", "kata-kerja-aktif", Severity.WARNING, tag="N", clause=CLAUSE)
def kata_kerja_aktif(sop: Sop, context: Context) -> Iterator[Finding]:
    """Uraian kegiatan diawali kata kerja aktif (me-/ber-), bukan bentuk pasif atau kata asing.

    Mengapa: "Diserahkan ...", "Upload ...", atau "Rapat Tim ..." tidak
    menyatakan apa yang dikerjakan pejabat. Perbaikan: awali dengan kata kerja
    aktif ("Menyerahkan", "Mengunggah", "Melaksanakan rapat").

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Mengunggah surat keterangan ke aplikasi, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 10 menit, output: Surat terunggah}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Surat terunggah, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Upload surat keterangan ke aplikasi, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 10 menit, output: Surat terunggah}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Surat terunggah, waktu: 30 menit, output: Surat keterangan}
    """
    for step, word in _findings(sop, OTHER):
        form = "bentuk pasif" if is_passive(word) else "bukan kata kerja aktif"
        yield step.kegiatan.location, (
            f"uraian {step.sebutan} diawali '{word.capitalize()}' ({form}); awali dengan kata kerja aktif{_hint(word)}"
        )
