"""Catalogue-wide: a regulation cited while a newer one of the same issuer and title is cited too.

An agency replaces its regulation on the same subject with a new one of the
same title (Perka BPS 7/2008 and Peraturan BPS 7/2020, both "Organisasi dan
Tata Kerja Badan Pusat Statistik"); SOPs written before keep citing the old
one. The catalogue sees both: the newer citation, in another SOP, is the
evidence. An amendment of the old one ("Perubahan Kedua atas Peraturan
Kepala BPS Nomor 7 Tahun 2008 ...") is old with it. A regulation the registry
already knows as revoked is left to SOPAP-D03.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.dasar_hukum import Kutipan, parse_kutipan
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.rules.kutipan_katalog import issuer_of, one_slip, ranked_titles, subject_of_title, titles_by_regulation
from katalog_sop.rules.peraturan import DICABUT, REGISTRY

_AMENDS = re.compile(r"\bperubahan\b.*?\batas\s+(.+)", re.IGNORECASE)


CLAUSE = PRAKTIK_UMUM + ": dasar hukum adalah peraturan yang masih berlaku, bukan yang telah diganti."


@rule("SOPAP-C04", "peraturan-diganti", Severity.WARNING, tag="CP", scope=CATALOGUE, clause=CLAUSE)
def peraturan_diganti(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Dasar hukum tidak mengutip peraturan yang di katalog yang sama telah dikutip versi barunya.

    Mengapa: instansi mengganti peraturannya dengan peraturan baru berjudul
    sama (Peraturan Kepala BPS 7/2008 lalu Peraturan BPS 7/2020, keduanya
    "Organisasi dan Tata Kerja Badan Pusat Statistik"); SOP yang disusun
    sebelumnya tetap mengutip yang lama. Bila SOP lain di katalog sudah
    mengutip peraturan penerbit yang sama dengan judul yang sama dan tahun yang
    lebih baru, yang lama kemungkinan besar telah diganti; perubahan atas
    peraturan lama itu ikut dilaporkan. Perbaikan: periksa peraturan yang
    berlaku, lalu kutip yang baru.

    Contoh yang lolos::

        kecamatan/a:
          dasar_hukum:
            - Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/b:
          dasar_hukum:
            - Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        kecamatan/a:
          dasar_hukum:
            - Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
        kecamatan/b:
          dasar_hukum:
            - Peraturan Kepala BPS Nomor 7 Tahun 2008 tentang Organisasi dan Tata Kerja Badan Pusat Statistik
            - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    cited_in = [(text, parse_kutipan(text.value)) for sop in catalogue.sops.values() for text in sop.dasar_hukum]
    newest = _newest(cited_in)
    for text, cited in cited_in:
        known = REGISTRY.get(cited.key) if cited.key else None
        if known is not None and known.status == DICABUT:
            continue  # SOPAP-D03 says it, with the revoking regulation
        newer = _newer(cited, newest)
        if newer is not None:
            yield text.location, (
                f"SOP lain di katalog ini mengutip peraturan yang lebih baru dengan judul yang sama: '{newer.raw}'; "
                "periksa apakah peraturan ini telah diganti"
            )
            continue
        base = _AMENDS.search(cited.tentang or "")
        if base and (old := parse_kutipan(base.group(1))).tahun and (newer := _newer(old, newest)) is not None:
            yield text.location, (
                f"peraturan ini mengubah peraturan yang judulnya telah dikutip dalam versi lebih baru di katalog ini "
                f"('{newer.raw}'); periksa apakah keduanya telah diganti"
            )


def _newest(citations: Iterable[tuple[object, Kutipan]]) -> dict[str, dict[str, Kutipan]]:
    """Per issuer, per subject, the newest regulation cited under it.

    A regulation cited under two different titles (one SOP miscites Peraturan
    BPS 5/2023 under the title of another) counts under the title most SOPs
    give it, and is no evidence when no title has the most.
    """
    newest: dict[str, dict[str, Kutipan]] = {}
    for (family, _, _), titles in titles_by_regulation(citations).items():
        ranked = ranked_titles(titles)
        if ranked is None:
            continue
        subject, cited = ranked[0][0], ranked[0][1][0][1]
        best = newest.setdefault(family, {}).get(subject)
        if best is None or cited.tahun > best.tahun:
            newest[family][subject] = cited
    return newest


def _newer(cited: Kutipan, newest: dict[str, dict[str, Kutipan]]) -> Kutipan | None:
    """The newest regulation of ``cited``'s issuer under its title (a slip of one letter in a long title allowed)."""
    subject, family = subject_of_title(cited.tentang), issuer_of(cited)
    if not (subject and family and cited.tahun):
        return None
    subjects = newest.get(family, {})
    alike = [other for key, other in subjects.items() if key == subject or (len(subject) >= 30 and one_slip(key, subject))]
    best = max(alike, key=lambda other: other.tahun, default=None)
    return best if best is not None and best.tahun > cited.tahun and best.key != cited.key else None
