"""Catalogue-wide: one regulation cited under different titles by the SOPs of one catalogue.

When the registry holds no checked title, the catalogue itself is the
evidence: the title most SOPs give a regulation against the one a few give.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.dasar_hukum import Kutipan, parse_kutipan
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.rules.kutipan_katalog import ranked_titles, titles_by_regulation
from katalog_sop.rules.peraturan import REGISTRY


@rule(
    "SOPAP-C05", "judul-peraturan-beda-antar-sop", Severity.WARNING, tag="CP", scope=CATALOGUE,
    clause=PRAKTIK_UMUM + ": judul peraturan dikutip sesuai judul resminya, sama di setiap SOP.",
)
def judul_peraturan_beda_antar_sop(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Satu peraturan dikutip dengan judul yang sama di semua SOP katalog.

    Mengapa: bila SOP-SOP satu instansi mengutip peraturan yang sama dengan
    judul berbeda (Peraturan BPS 5/2023 sebagai "Organisasi dan Tata Kerja
    BPS Provinsi dan BPS Kabupaten/Kota" di enam SOP, tetapi "Organisasi dan
    Tata Kerja Badan Pusat Statistik" di satu SOP), salah satunya keliru. Yang
    dilaporkan adalah kutipan dengan judul yang lebih jarang; peraturan yang
    judul resminya ada di daftar peraturan diperiksa oleh SOPAP-D02.
    Perbaikan: periksa judulnya pada naskah peraturan, lalu samakan.

    Contoh yang lolos::

        kecamatan/a:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Kedudukan, Susunan Organisasi, dan Tata Kerja Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/b:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Kedudukan, Susunan Organisasi, dan Tata Kerja Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/c:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Kedudukan, Susunan Organisasi, dan Tata Kerja Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        kecamatan/a:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Kedudukan, Susunan Organisasi, dan Tata Kerja Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/b:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Kedudukan, Susunan Organisasi, dan Tata Kerja Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/c:
          dasar_hukum:
            - Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Pedoman Pelayanan Administrasi Terpadu Kecamatan
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    citations = ((text, parse_kutipan(text.value)) for sop in catalogue.sops.values() for text in sop.dasar_hukum)
    for titles in titles_by_regulation((text, cited) for text, cited in citations if not _registry_titled(cited)).values():
        ranked = ranked_titles(titles) if len(titles) > 1 else None
        if ranked is None:
            continue  # one title, or no title cited most: nothing tells which is wrong
        (_, usual), others = ranked[0], ranked[1:]
        for _, group in others:
            for text, cited in group:
                yield text.location, (
                    f"peraturan ini dikutip dengan judul '{cited.tentang}', sedangkan {len(usual)} kutipan lain di "
                    f"katalog ini memberinya judul '{usual[0][1].tentang}'; periksa judul resminya"
                )


def _registry_titled(cited: Kutipan) -> bool:
    known = REGISTRY.get(cited.key) if cited.key else None
    return known is not None and known.judul_kunci is not None
