"""A decision with no question: an empty diamond whose kegiatan neither asks nor checks anything.

"Angka Inisial LNPRT" or "Melaporkan hasil" with exits Ya and Tidak answers
a question the sheet never asks. A decision whose kegiatan is a check
("Memeriksa kelengkapan berkas"), states its condition ("Jika setuju ...",
"apakah ..."), or whose diamond holds its question ("Lengkap?"), is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import KEPUTUSAN, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.keputusan import DECISION_CLAUSE


_ASKS = re.compile(
    r"\b(?:jika|apabila|bila|setuju|apakah|evaluasi|verifikasi|validasi|pemeriksaan|penilaian|reviu|review|"
    r"persetujuan|pengesahan|pengecekan|pengujian|uji|memeriksa|menilai|menyetujui|mengesahkan|memutuskan|"
    r"memverifikasi|memvalidasi|mengevaluasi|mengecek|meneliti|menguji|mereviu|mempertimbangkan|menentukan|"
    r"menetapkan|mengoreksi|mencocokkan)\b",
    re.IGNORECASE,
)
"""A kegiatan that states its condition ("Jika setuju ...", "apakah ...") or is a check ("Memeriksa ...",
"Pemeriksaan draft ...", "... Evaluasi Data") asks its question; anything else leaves Ya and Tidak unexplained."""


@rule("SOPAP-F10", "keputusan-tanpa-pertanyaan", Severity.INFO, tag="N", clause=DECISION_CLAUSE)
def keputusan_tanpa_pertanyaan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap keputusan menyatakan pertanyaan yang dijawabnya.

    Mengapa: simbol keputusan menggambarkan pilihan "ya/tidak"; belah ketupat
    kosong dengan uraian yang bukan pemeriksaan atau pertanyaan ("Angka
    Inisial LNPRT", "Melaporkan hasil") tidak menyatakan apa yang diputuskan,
    sehingga cabang Ya dan Tidak tidak berarti. Informasi, bukan peringatan:
    pada banyak lembar pertanyaannya tersirat dari langkah sebelumnya, dan
    auditor yang membaca SOP nyata melaporkannya hanya sebagian.
    Perbaikan: tulis pertanyaannya di dalam simbol ("Angka inisial wajar?")
    atau mulai uraian dengan kegiatan pemeriksaannya ("Memeriksa kewajaran
    angka inisial").

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Memeriksa kelengkapan berkas
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 3}, {label: Tidak lengkap, ke: 1}]
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Menerima kelengkapan berkas permohonan
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Ya, ke: 3}, {label: Tidak, ke: 1}]
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    for step in sop.langkah:
        diamonds = [symbol for symbol in step.simbol if symbol.bentuk == KEPUTUSAN]
        if not (step.is_keputusan or diamonds):
            continue
        if any(symbol.teks and symbol.teks.strip() for symbol in diamonds) or "?" in step.kegiatan.value:
            continue
        if not _ASKS.search(step.kegiatan.value):
            yield step.kegiatan.location, (
                f"{step.sebutan} adalah keputusan tanpa pertanyaan ('{step.kegiatan.value}'): tulis pertanyaan yang "
                "dijawab Ya/Tidak di simbolnya, atau awali uraian dengan kegiatan pemeriksaannya"
            )


_HANDS_OVER = re.compile(
    r"\W*(?:mengajukan|menyampaikan|mengirim|mengirimkan|menyerahkan|meneruskan|memohon|meminta|melaporkan)\b",
    re.IGNORECASE,
)


@rule("SOPAP-F11", "uraian-tidak-sesuai-simbol", Severity.WARNING, tag="N", clause=DECISION_CLAUSE)
def uraian_tidak_sesuai_simbol(sop: Sop, context: Context) -> Iterator[Finding]:
    """Uraian langkah yang digambar sebagai keputusan menguraikan keputusan itu, bukan penyerahan.

    Mengapa: baris "Mengajukan permintaan" yang simbolnya belah ketupat
    "Setuju?" menguraikan perbuatan pemohon, sedangkan yang digambar adalah
    keputusan pejabat lain: pembaca tidak tahu apa yang diperiksa dan oleh
    siapa. Perbaikan: uraikan keputusannya ("Memeriksa dan menyetujui
    permintaan"), dan gambarkan pengajuannya sebagai langkah sendiri.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Mengajukan berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Memeriksa dan menyetujui permohonan
            simbol:
              - {pelaksana: Kasi Pemerintahan, bentuk: keputusan, teks: Setuju?,
                 cabang: [{label: Ya, ke: 3}, {label: Tidak, ke: 1}]}
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Mengajukan permohonan
            simbol:
              - {pelaksana: Kasi Pemerintahan, bentuk: keputusan, teks: Setuju?,
                 cabang: [{label: Ya, ke: 3}, {label: Tidak, ke: 1}]}
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    for step in sop.langkah:
        diamonds = [symbol for symbol in step.simbol if symbol.bentuk == KEPUTUSAN]
        if not (step.is_keputusan or diamonds) or not _HANDS_OVER.match(step.kegiatan.value):
            continue
        if _ASKS.search(step.kegiatan.value) or "?" in step.kegiatan.value:
            continue
        asked = next((symbol.teks for symbol in diamonds if symbol.teks), None)
        drawn = f"keputusan '{asked}'" if asked else "keputusan"
        yield step.kegiatan.location, (
            f"uraian {step.sebutan} ('{step.kegiatan.value}') menyerahkan sesuatu, tetapi simbolnya {drawn}: "
            "uraikan keputusan yang diambil, dan gambarkan penyerahannya sebagai langkah sendiri"
        )
