"""Waktu plausibility: a step that takes more than a month, and units mixed in one SOP.

The regulation fixes no form for waktu ("waktu yang diperlukan untuk
menyelesaikan"). These are hints for the author (info): a step of 120 hari
inside a procedure of minutes is usually a whole sub-procedure or a typo, and
one SOP that counts in menit, jam and hari is hard to add up.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.waktu import format_durasi

DAYS_PER_UNIT = {
    "detik": 1 / 86400, "menit": 1 / 1440, "jam": 1 / 24, "hari": 1.0,
    "hari_kerja": 1.0, "minggu": 7.0, "bulan": 30.0, "tahun": 365.0,
}
"""A hari kerja counts as one day: the limit is a hint, not a calendar."""


@rule(
    "SOPAP-W01", "waktu-terlalu-lama", Severity.INFO, tag="CP",
    clause=PRAKTIK_UMUM + ": mutu baku waktu adalah waktu yang diperlukan untuk menyelesaikan satu kegiatan.",
    batas_hari=30,
)
def waktu_terlalu_lama(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tidak ada langkah yang memerlukan waktu lebih dari ``batas_hari`` hari (bawaan 30).

    Mengapa: satu langkah yang memakan waktu berbulan-bulan biasanya merupakan
    prosedur tersendiri, atau salah ketik (SOP sampel 003: "120 Hari" di
    samping "15 Menit"). Perbaikan: pecah langkah tersebut, atau betulkan
    waktunya.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 1 hari, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 2 hari, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 1 hari, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 1 hari, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 120 hari, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 1 hari, output: Arsip surat}
    """
    limit = context.options["batas_hari"]
    for step in sop.langkah:
        durasi = step.waktu.durasi if step.waktu else None
        if durasi is not None and durasi.maximum * DAYS_PER_UNIT[durasi.satuan] > limit:
            yield step.waktu.location, (
                f"waktu {step.sebutan} ({format_durasi(durasi)}) lebih dari {limit} hari; "
                "pecah menjadi beberapa langkah atau periksa angkanya"
            )
