"""Catalogue-wide, family E: is each SOP evaluated within the year (see :mod:`.monitoring`)?"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule
from katalog_sop.rules.monitoring import due, overdue, place
from katalog_sop.tanggal import format_tanggal


@rule(
    "SOPAP-E03", "evaluasi-terlambat", Severity.WARNING, tag="D", scope=CATALOGUE,
    clause="Evaluasi penerapan SOP AP sedikitnya sekali setahun (pedoman turunan BPS dan Kemensetneg).",
    periode_bulan=12,
)
def evaluasi_terlambat(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Sebuah SOP dievaluasi (dengan kesimpulan) dalam ``periode_bulan`` bulan (12) terakhir.

    SOP yang berlaku kurang dari periode itu belum wajib dievaluasi.

    Mengapa: evaluasi memutuskan apakah SOP tetap berlaku, direvisi,
    dicabut atau diganti. Perbaikan: evaluasi SOP dan catat kesimpulannya
    dalam berkas ``jenis: evaluasi``.

    Contoh yang lolos::

        kecamatan/contoh:
          tanggal_efektif: 6 Januari 2024
        monitoring/kecamatan/evaluasi-2025:
          jenis: evaluasi
          tanggal: 10 Juni 2025
          hasil:
            - {sop: contoh, kesimpulan: tetap}

    Contoh yang gagal::

        kecamatan/contoh:
          tanggal_efektif: 6 Januari 2024
        monitoring/kecamatan/evaluasi-2024:
          jenis: evaluasi
          tanggal: 10 Juni 2024
          hasil:
            - {sop: contoh, kesimpulan: tetap}
    """
    records, months = catalogue.monitoring, context.options["periode_bulan"]
    if records is None:
        return
    for sop in catalogue.sops.values():
        concluded = records.concluded(sop.id)
        if last := overdue(concluded, months, context.today):
            evaluasi, hasil = last
            yield sop.location, (f"evaluasi terakhir {format_tanggal(evaluasi.tanggal)} ({place(hasil.location)}), "
                                 f"lebih dari {months} bulan lalu; evaluasi ulang SOP ini")
        elif not concluded and due(sop, months, context.today):
            yield sop.location, f"SOP belum pernah dievaluasi dalam {months} bulan sejak berlaku; evaluasi SOP ini"
