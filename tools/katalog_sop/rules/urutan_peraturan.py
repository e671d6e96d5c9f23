"""Dasar hukum newer than the SOP: a regulation enacted after the SOP's last own date.

An SOP effective on 10 January 2025 that cites a regulation of May 2025 was
edited after it was signed, or cites what did not exist when it was signed:
either way the signed text is not the text shown. The regulation's day comes
from the registry where it is known; otherwise its year alone decides, and
only a later year counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.rules.hukum import kutipan
from katalog_sop.rules.peraturan import REGISTRY
from katalog_sop.tanggal import format_tanggal

CLAUSE = PRAKTIK_UMUM + ": dasar hukum SOP adalah peraturan yang telah ada ketika SOP ditetapkan atau direvisi."


@rule("SOPAP-D06", "peraturan-setelah-tanggal-sop", Severity.WARNING, tag="CP", clause=CLAUSE)
def peraturan_setelah_tanggal_sop(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tidak ada dasar hukum yang ditetapkan sesudah tanggal SOP yang terakhir (efektif, revisi, atau pembuatan).

    Mengapa: SOP yang mengutip peraturan yang belum ada ketika SOP
    ditandatangani telah diubah sesudah pengesahannya (atau tanggalnya
    keliru); naskah yang berlaku bukan lagi naskah yang disahkan. Tanggal
    penetapan peraturan diambil dari daftar peraturan bila diketahui; bila
    tidak, hanya tahun yang lebih akhir yang dilaporkan. Perbaikan: catat
    perubahan itu sebagai revisi dengan tanggalnya, atau perbaiki tanggal SOP.

    Contoh yang lolos::

        tanggal_pembuatan: 2 Mei 2014
        tanggal_efektif: 6 Mei 2014
        tanggal_revisi: 1 Januari 2026
        dasar_hukum:
          - Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        tanggal_pembuatan: 2 Januari 2014
        tanggal_efektif: 6 Januari 2014
        tanggal_revisi: 1 Januari 2026
        dasar_hukum:
          - Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    dates = [t.date for t in (sop.tanggal_pembuatan, sop.tanggal_efektif, sop.tanggal_revisi,
                              *(r.tanggal for r in sop.revisi)) if t is not None and t.date is not None]
    dates = [date for date in dates if date <= context.today]  # a planned review is no date of the text
    if not dates:
        return
    last = max(dates)
    for text, cited in kutipan(sop):
        known = REGISTRY.get(cited.key) if cited.key else None
        if known is not None and known.ditetapkan is not None:
            if known.ditetapkan > last:
                yield text.location, (
                    f"peraturan ini ditetapkan {format_tanggal(known.ditetapkan)}, sesudah tanggal SOP yang terakhir "
                    f"({format_tanggal(last)}); catat perubahan itu sebagai revisi, atau perbaiki tanggal SOP"
                )
        elif cited.tahun is not None and cited.tahun > last.year:
            yield text.location, (
                f"peraturan ini terbit tahun {cited.tahun}, sesudah tanggal SOP yang terakhir ({format_tanggal(last)}); "
                "catat perubahan itu sebagai revisi, atau perbaiki tanggal SOP"
            )
