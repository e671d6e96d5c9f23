"""Mutu baku: each step's kelengkapan, waktu and output.

"Agar SOP AP ini terkait dengan kinerja, maka setiap aktivitas hendaknya
mengidentifikasikan mutu baku tertentu, seperti: waktu yang diperlukan untuk
menyelesaikan, persyaratan/kelengkapan yang diperlukan (standar input) dan
outputnya." "Hendaknya" is "should": a gap is a warning. Keterangan is optional.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule

CLAUSE = (
    "Setiap aktivitas hendaknya mengidentifikasikan mutu baku tertentu, seperti: waktu yang diperlukan untuk "
    "menyelesaikan, persyaratan/kelengkapan yang diperlukan (standar input) dan outputnya."
)


@rule("SOPAP-M01", "kelengkapan", Severity.WARNING, tag="N", clause=CLAUSE)
def kelengkapan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap langkah mencantumkan kelengkapannya (dokumen atau masukan yang diperlukan).

    Mengapa: mutu baku adalah alat kendali mutu prosedur; kelengkapan adalah
    standar input-nya. Perbaikan: tulis apa yang harus tersedia bagi pejabat
    pelaksana.

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
             waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    for step in sop.langkah:
        if not step.kelengkapan and not step.unknown("kelengkapan"):  # unreadable: information (SOPAP-T01)
            yield step.location, f"{step.sebutan} tanpa kelengkapan (mutu baku)"


@rule("SOPAP-M02", "waktu", Severity.WARNING, tag="N", clause=CLAUSE)
def waktu(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap langkah mencantumkan waktu yang diperlukan.

    Mengapa: waktu adalah tolok ukur kinerja prosedur. Perbaikan: tulis
    waktunya, misalnya ``15 menit`` atau ``1 hari``.

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
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    for step in sop.langkah:
        if step.waktu is None and step.waktu_dari is None and not step.unknown("waktu"):  # a merged cell covers it
            yield step.location, f"{step.sebutan} tanpa waktu (mutu baku)"


@rule("SOPAP-M03", "output", Severity.WARNING, tag="N", clause=CLAUSE)
def output(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap langkah mencantumkan output-nya.

    Mengapa: output adalah apa yang diterima langkah berikutnya, dan auditor
    dapat memeriksa apakah output itu benar telah dihasilkan. Perbaikan: tulis
    dokumen atau hasil langkah tersebut.

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
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    for step in sop.langkah:
        if not step.output and not step.unknown("output"):
            yield step.location, f"{step.sebutan} tanpa output (mutu baku)"
