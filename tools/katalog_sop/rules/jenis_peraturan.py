"""Dasar hukum: a regulation cited under the wrong form ("Keputusan Presiden" for a Peraturan Presiden).

The registry knows Peraturan Presiden Nomor 86 Tahun 2007 tentang Badan Pusat
Statistik; a citation "Keputusan Presiden Nomor 86 tahun 2007 tentang Badan
Pusat Statistik" names no regulation the registry holds, but its number, year
and title are that Perpres's: the form is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from katalog_sop.dasar_hukum import normalise_title
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.hukum import CITATION_FORM, kutipan
from katalog_sop.rules.peraturan import REGISTRY, Peraturan

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _by_number(registry: Mapping[str, Peraturan]) -> dict[tuple[str, int], list[Peraturan]]:
    index: dict[tuple[str, int], list[Peraturan]] = {}
    for peraturan in registry.values():
        if peraturan.judul_kunci:
            index.setdefault((_NOT_WORD.sub("", peraturan.nomor.lower()), peraturan.tahun), []).append(peraturan)
    return index


_INDEX = _by_number(REGISTRY)


@rule("SOPAP-D08", "jenis-peraturan-keliru", Severity.WARNING, tag="CP", clause=CITATION_FORM)
def jenis_peraturan_keliru(sop: Sop, context: Context) -> Iterator[Finding]:
    """Dasar hukum menyebut jenis peraturan yang benar.

    Mengapa: "Keputusan Presiden Nomor 86 tahun 2007 tentang Badan Pusat
    Statistik" adalah Peraturan Presiden Nomor 86 Tahun 2007; jenis yang
    keliru membuat kutipan menunjuk ke peraturan yang tidak ada. Dilaporkan
    bila nomor, tahun, dan judulnya sama dengan peraturan lain jenis di daftar
    peraturan. Perbaikan: tulis jenis peraturannya sesuai naskahnya.

    Contoh yang lolos::

        dasar_hukum:
          - Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Keputusan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    for text, cited in kutipan(sop):
        if not (cited.key and cited.tentang and cited.nomor and cited.tahun) or cited.key in REGISTRY:
            continue
        title = normalise_title(cited.tentang)
        for known in _INDEX.get((_NOT_WORD.sub("", cited.nomor.lower()), cited.tahun), ()):
            if known.jenis != cited.jenis and known.judul_kunci == title:
                yield text.location, f"jenis peraturan keliru: nomor, tahun, dan judul ini milik {known.sebutan}"
                break
