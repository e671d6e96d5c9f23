"""Regional regulations of another region cited as a legal basis.

A Peraturan Daerah, Peraturan Walikota or Peraturan Bupati binds only its own
kota or kabupaten. A Tarakan agency citing "Peraturan Walikota Tegal ...
tentang ... Tata Kerja DP3APPKB Kota Tarakan" cites a regulation that cannot
apply to it (seed 000). Provincial regulations are not judged: which kota or
kabupaten lies in which province is not known here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.dasar_hukum import Kutipan, region_of
from katalog_sop.rules.hukum import kutipan

LOCAL = ("kota", "kabupaten")

_NAMED_REGION = re.compile(
    r"\b(?i:(kota|kabupaten|kab\.?|provinsi))\s+((?:(?!Nomor\b|Tahun\b|Tentang\b)[A-Z][\w'-]*\s*){1,3})"
)

Region = tuple[str, str]


def named_regions(text: str) -> list[Region]:
    """Every "Kota X" / "Kabupaten X" / "Provinsi X" that ``text`` names."""
    found = (region_of(f"{level} {name}") for level, name in _NAMED_REGION.findall(text))
    return [region for region in found if region is not None]


def agency_region(sop: Sop) -> Region | None:
    """The SOP's own kota or kabupaten, from ``instansi``, else from ``unit``."""
    for text in (sop.instansi, sop.unit):
        regions = [region for region in named_regions(text.value) if region[0] in LOCAL] if text else []
        if regions:
            return regions[0]
    return None


def _show(region: Region) -> str:
    return f"{region[0].capitalize()} {region[1].capitalize()}"


def _mismatch(kutipan: Kutipan, own: Region | None) -> str | None:
    issuer = kutipan.wilayah
    if issuer is None or issuer[0] not in LOCAL:
        return None
    if own is not None and issuer != own:
        return f"peraturan {_show(issuer)} dikutip oleh SOP {_show(own)}; peraturan daerah lain tidak berlaku di sini"
    subjects = [region for region in named_regions(kutipan.tentang or "") if region[0] == issuer[0]]
    if subjects and issuer not in subjects:
        return f"peraturan {_show(issuer)} mengatur {_show(subjects[0])} menurut judulnya; penerbitnya keliru?"
    return None


@rule(
    "SOPAP-D05", "wilayah-peraturan", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": peraturan daerah dan peraturan kepala daerah hanya berlaku di wilayahnya sendiri.",
)
def wilayah_peraturan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Peraturan daerah yang dikutip berasal dari kota atau kabupaten SOP itu sendiri.

    Mengapa: Perda, Perwal, atau Perbup daerah lain tidak berlaku di sini;
    kutipan itu disalin dari SOP instansi lain, atau menyebut penerbit yang
    keliru. Wilayah SOP dibaca dari ``instansi`` (bila tidak ada, dari
    ``unit``). Perbaikan: kutip peraturan wilayah sendiri.

    Contoh yang lolos::

        instansi: Pemerintah Kota Tarakan
        dasar_hukum:
          - Peraturan Walikota Tarakan Nomor 56 Tahun 2021 tentang Susunan Organisasi dan Tata Kerja Dinas
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        instansi: Pemerintah Kota Tarakan
        dasar_hukum:
          - Peraturan Walikota Tegal Nomor 56 Tahun 2021 tentang Susunan Organisasi dan Tata Kerja Dinas
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    if not sop.dasar_hukum:
        return
    own = agency_region(sop)
    for text, cited in kutipan(sop):
        message = _mismatch(cited, own)
        if message:
            yield text.location, message
