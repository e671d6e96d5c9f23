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
from katalog_sop.rules.kutipan_katalog import issuer_of, one_slip, subject_of_title
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
    cited_as: dict[tuple[str, str, int], dict[str, list[tuple[object, Kutipan]]]] = {}
    for sop in catalogue.sops.values():
        for text in sop.dasar_hukum:
            cited = parse_kutipan(text.value)
            subject, family = subject_of_title(cited.tentang), issuer_of(cited)
            if subject and family and cited.tahun and cited.nomor and not _registry_titled(cited):
                cited_as.setdefault((family, cited.nomor.lower(), cited.tahun), {}).setdefault(subject, []).append(
                    (text, cited))
    for subjects in cited_as.values():
        merged = _merge_slips(subjects)
        if len(merged) < 2:
            continue
        ranked = sorted(merged.values(), key=len, reverse=True)
        if len(ranked[0]) == len(ranked[1]):
            continue  # no title has the most: nothing tells which is wrong
        usual = ranked[0][0][1].tentang
        for group in ranked[1:]:
            for text, cited in group:
                yield text.location, (
                    f"peraturan ini dikutip dengan judul '{cited.tentang}', sedangkan {len(ranked[0])} kutipan lain di "
                    f"katalog ini memberinya judul '{usual}'; periksa judul resminya"
                )


def _registry_titled(cited: Kutipan) -> bool:
    known = REGISTRY.get(cited.key) if cited.key else None
    return known is not None and known.judul_kunci is not None


def _merge_slips(subjects: dict[str, list]) -> dict[str, list]:
    """Subjects one letter apart ("Organisai" and "Organisasi") counted as one title."""
    merged: dict[str, list] = {}
    for subject, found in sorted(subjects.items(), key=lambda item: -len(item[1])):
        home = next((key for key in merged if len(key) >= 30 and one_slip(key, subject)), subject)
        merged.setdefault(home, []).extend(found)
    return merged
