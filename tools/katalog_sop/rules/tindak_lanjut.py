"""Catalogue-wide, family E: is an SOP found "tidak berjalan dengan baik" followed up (see :mod:`.monitoring`)?"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule
from katalog_sop.monitoring.model import PENILAIAN, TIDAK_BERJALAN_BAIK
from katalog_sop.rules.monitoring import last_revised, place
from katalog_sop.tanggal import format_tanggal


@rule(
    "SOPAP-E04", "tindak-lanjut-monitoring", Severity.WARNING, tag="N", scope=CATALOGUE,
    clause="Monitoring untuk menemukan permasalahan penerapan SOP AP dan menentukan tindakan yang harus diambil "
    "(Tabel 7, kolom Tindakan yang Harus Diambil; diringkas).",
)
def tindak_lanjut(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """SOP yang hasil monitoring terakhirnya "tidak berjalan dengan baik" sudah ditindaklanjuti.

    Tindak lanjut yang terlihat di katalog: revisi SOP sesudah tanggal
    monitoring itu, atau putaran monitoring berikutnya yang menilainya lagi.

    Mengapa: temuan bahwa SOP tidak dijalankan harus berujung pada tindakan
    (pembinaan, revisi SOP); tanpa catatan berikutnya, auditor tidak melihat
    tindakan itu. Perbaikan: jalankan tindakan yang diputuskan, lalu catat
    monitoring ulang atau revisi SOP-nya.

    Contoh yang lolos::

        kecamatan/contoh:
          tanggal_revisi: 2 Juni 2025
        monitoring/kecamatan/2025-05:
          jenis: monitoring
          tanggal: 20 Mei 2025
          hasil:
            - {sop: contoh, penilaian: tidak_berjalan_baik, tindakan: Revisi waktu langkah 2}

    Contoh yang gagal::

        kecamatan/contoh: {}
        monitoring/kecamatan/2025-05:
          jenis: monitoring
          tanggal: 20 Mei 2025
          hasil:
            - {sop: contoh, penilaian: tidak_berjalan_baik, tindakan: Revisi waktu langkah 2}
    """
    records = catalogue.monitoring
    if records is None:
        return
    for sop in catalogue.sops.values():
        assessed = records.assessed(sop.id)
        if not assessed or assessed[0][1].penilaian != TIDAK_BERJALAN_BAIK:
            continue
        putaran, hasil = assessed[0]
        revised = last_revised(sop)
        if revised is not None and revised > putaran.tanggal:
            continue
        action = f"; tindakan yang diputuskan: {hasil.tindakan.rstrip('.')}" if hasil.tindakan else "; tindakan belum dicatat"
        yield sop.location, (
            f"monitoring {format_tanggal(putaran.tanggal)} ({place(hasil.location)}) menilai SOP "
            f"'{PENILAIAN[TIDAK_BERJALAN_BAIK].lower()}'{action}; belum ada monitoring ulang atau revisi sesudahnya"
        )
