"""Catalogue-wide: links to other SOPs (keterkaitan) lead to an SOP of the catalogue.

An item of ``keterkaitan``, or a step's ``keterangan`` that starts with "SOP",
names another SOP by its title ("SOP Rapat Internal"), its number or its id
(resolved as the site resolves it: :mod:`katalog_sop.keterkaitan`).
A link that matches none of the catalogue's SOPs cannot be followed on the
site, and an auditor cannot check the linked procedure exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.keterkaitan import Resolver
from katalog_sop.model import Sop, Text
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule

_SOP_NOTE = re.compile(r"\s*SOP\b", re.IGNORECASE)


def links(sop: Sop) -> Iterator[Text]:
    """The SOP's references to other SOPs: keterkaitan, and keterangan that names an SOP."""
    yield from sop.keterkaitan
    for step in sop.langkah:
        if step.keterangan is not None and _SOP_NOTE.match(step.keterangan.value):
            yield step.keterangan


@rule(
    "SOPAP-C02", "keterkaitan-tak-ditemukan", Severity.INFO, tag="U", scope=CATALOGUE,
    clause="Keterkaitan: hubungan SOP ini dengan SOP lain (butir format SOP AP; rumusan lampiran tidak terbaca).",
)
def keterkaitan_tak_ditemukan(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Setiap SOP yang ditautkan ada di katalog (menurut judul, nomor, atau id).

    Mengapa: tautan ke SOP yang tidak ada adalah prosedur yang tidak dapat
    diikuti pembaca; sering kali SOP itu memang belum pernah disusun instansi.
    Katalog diisi bertahap, sehingga SOP yang belum ada di katalog adalah
    informasi (daftar SOP yang masih perlu ditambahkan), bukan kesalahan SOP
    yang merujuknya.
    Perbaikan: tulis judulnya persis sama dengan ``nama`` SOP yang dirujuk
    (atau sebutkan nomornya), atau tambahkan SOP tersebut.

    Contoh yang lolos::

        kecamatan/surat-masuk:
          keterkaitan: [SOP Pengiriman Surat Keluar]
        kecamatan/surat-keluar:
          nama: Pengiriman Surat Keluar
          keterkaitan: ["045/12/KEC-X/2025"]

    Contoh yang gagal::

        kecamatan/surat-masuk:
          keterkaitan: [SOP Pengiriman Surat Keluar]
        kecamatan/surat-keluar:
          nama: Pengiriman Surat Keluar
          keterkaitan: [SOP Rapat Internal]
    """
    resolver = Resolver(catalogue)
    for sop in catalogue.sops.values():
        for link in links(sop):
            if resolver.resolve(sop, link.value) is None:
                yield link.location, f"keterkaitan '{link.value}' tidak ditemukan di katalog"
