"""Reach of the flowchart: every step on a path from the start to the end.

A step that no path from step 1 reaches is never carried out; a step from
which no path reaches ``selesai`` traps the procedure. Both are read from the
graph of :mod:`alur` (common practice of every SOP AP reader), so warnings.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.alur import CLAUSE, flow
from katalog_sop.rules.base import Context, Finding, rule


@rule("SOPAP-F03", "langkah-tak-terjangkau", Severity.WARNING, tag="CP", clause=CLAUSE)
def langkah_tak_terjangkau(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap langkah dapat dicapai dari titik mulai.

    Mengapa: langkah yang tidak dapat dicapai melalui jalur mana pun dari
    langkah 1 tidak pernah dilaksanakan. (Langkah yang sama sekali tidak
    dimasuki anak panah ditangani SOPAP-F01.) Perbaikan: hubungkan langkah
    tersebut, atau hapus.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat, lanjut_ke: selesai,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - kegiatan: Memeriksa konsep surat keterangan
            pelaksana: Camat
            kelengkapan: Konsep surat
            waktu: 15 menit
            output: Konsep surat
            cabang: [{label: Benar, ke: selesai}, {label: Salah, ke: 3}]
    """
    graph = flow(sop)
    if graph.unknown:
        return
    for step in sop.langkah:
        if step.nomor not in graph.from_start and step.nomor in graph.entered:
            yield step.location, f"{step.sebutan} tidak dapat dicapai dari langkah 1"


@rule("SOPAP-F04", "tidak-sampai-selesai", Severity.WARNING, tag="CP", clause=CLAUSE)
def tidak_sampai_selesai(sop: Sop, context: Context) -> Iterator[Finding]:
    """Dari setiap langkah pada alur prosedur, ada jalur yang menuju selesai.

    Mengapa: langkah yang semua jalurnya berputar kembali tanpa akhir menjebak
    prosedur. Tidak dinilai bila prosedur sama sekali tidak mempunyai akhir
    (SOPAP-F02). Perbaikan: beri perulangan itu jalan keluar ke langkah
    sesudahnya atau ke ``selesai``.

    Contoh yang lolos::

        langkah:
          - kegiatan: Memeriksa kelengkapan berkas
            pelaksana: petugas
            kelengkapan: Berkas permohonan
            waktu: 10 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 2}, {label: Tidak lengkap, ke: selesai}]
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas lengkap, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - kegiatan: Memeriksa kelengkapan berkas
            pelaksana: petugas
            kelengkapan: Berkas permohonan
            waktu: 10 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 2}, {label: Tidak lengkap, ke: selesai}]
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas lengkap, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat, lanjut_ke: 2,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}
    """
    graph = flow(sop)
    if not graph.ending or graph.unknown:
        return
    for step in sop.langkah:
        if step.nomor in graph.from_start and step.nomor not in graph.finishing:
            yield step.location, f"dari {step.sebutan} tidak ada jalan menuju selesai"
