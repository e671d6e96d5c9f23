"""Dasar hukum: the SOP cites the guideline its format comes from (PermenPANRB 35/2012, or its agency's own).

The accepted guidelines are an option written as citations in any spelling,
read by the same parser as the SOPs' own citations, so an agency lists its
derived guideline as it writes it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from katalog_sop.dasar_hukum import parse_kutipan
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.rules.hukum import kutipan

GUIDELINES = (
    "Peraturan Menteri PANRB Nomor 35 Tahun 2012",
    "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011",
)
"""The SOP AP guidelines every agency may cite, as citations: an agency adds its own derived guideline."""


@rule(
    "SOPAP-D04", "pedoman-sop", Severity.INFO, tag="CP",
    clause=PRAKTIK_UMUM + ": SOP AP menyebut pedomannya (PermenPANRB 35/2012, Permendagri 52/2011 bagi "
    "pemerintah daerah, atau pedoman turunan instansinya) sebagai dasar hukum.",
    pedoman=GUIDELINES,
)
def pedoman_sop(sop: Sop, context: Context) -> Iterator[Finding]:
    """Dasar hukum mencakup pedoman penyusunan SOP itu sendiri.

    Mengapa: empat dari lima SOP AP nyata mengutip PermenPANRB 35/2012 atau
    Permendagri 52/2011, peraturan yang menetapkan formatnya; auditor
    mengharapkannya. Opsi ``pedoman`` memuat pedoman yang diterima, ditulis
    sebagai kutipan dalam ejaan apa pun ("Perka BPS Nomor 19 Tahun 2013" sama
    dengan "Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013"):
    instansi yang mempunyai pedoman turunan sendiri menambahkannya. Tidak
    dinilai bila tidak ada dasar hukum sama sekali (SOPAP-B01). Perbaikan:
    tambahkan pedoman tersebut.

    Contoh yang lolos::

        dasar_hukum:
          - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik

    Opsi contoh::

        pedoman:
          - Permenpan RB No. 35 Tahun 2012
          - Perka BPS Nomor 19 Tahun 2013
    """
    if not sop.dasar_hukum:
        return
    accepted = guideline_keys(tuple(context.options["pedoman"]))
    if not any(cited.key in accepted for _, cited in kutipan(sop)):
        named = "; ".join(context.options["pedoman"])
        yield sop.key_locations.get("dasar_hukum", sop.location), (
            f"dasar hukum tidak menyebut pedoman penyusunan SOP AP; yang diterima (opsi 'pedoman'): {named}"
        )


@functools.lru_cache(maxsize=64)
def guideline_keys(citations: tuple[str, ...]) -> frozenset[str]:
    """The registry keys of the accepted guidelines, each written as a citation (or, as before, as its key)."""
    return frozenset(parse_kutipan(item).key or item for item in citations)
