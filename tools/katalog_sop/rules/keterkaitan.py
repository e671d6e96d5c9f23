"""Keterkaitan: each item names another SOP, and (catalogue-wide) one of the catalogue.

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
from katalog_sop.keterkaitan import (
    BUKAN_SOP, DIRI_SENDIRI, DOKUMEN, PERATURAN, PIHAK, TIDAK_SPESIFIK, Resolver, classify,
)
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
            if resolver.resolve(sop, link.value) is None and classify(sop, link.value) is None:
                yield link.location, f"keterkaitan '{link.value}' tidak ditemukan di katalog"


KETERKAITAN_CLAUSE = (
    "Keterkaitan: hubungan SOP ini dengan SOP lain (butir format SOP AP; rumusan lampiran tidak terbaca)."
)


@rule("SOPAP-B02", "keterkaitan-diri-sendiri", Severity.WARNING, tag="U", clause=KETERKAITAN_CLAUSE)
def keterkaitan_diri_sendiri(sop: Sop, context: Context) -> Iterator[Finding]:
    """Keterkaitan tidak menyebut SOP itu sendiri.

    Mengapa: keterkaitan menunjukkan SOP lain yang berhubungan dengan prosedur
    ini. SOP yang menyebut dirinya sendiri biasanya menyalin daftar keterkaitan
    dari SOP saudaranya (persiapan, pengumpulan, evaluasi, diseminasi) tanpa
    menghapus dirinya; pembaca tidak mendapat rujukan apa pun dari butir itu.
    Judul dibandingkan tanpa memperhatikan huruf besar/kecil, tanda baca,
    awalan "SOP", dan akhiran "Tahun 2025". Perbaikan: hapus butir tersebut.

    Contoh yang lolos::

        keterkaitan: [SOP Pelayanan Surat Pengantar Nikah]

    Contoh yang gagal::

        keterkaitan: [SOP Pelayanan Surat Pengantar Nikah, SOP Penerbitan Surat Keterangan Domisili]
    """
    for item in sop.keterkaitan:
        if classify(sop, item.value) == DIRI_SENDIRI:
            yield item.location, f"keterkaitan '{item.value}' adalah SOP ini sendiri; sebutkan hanya SOP lain"


_NOT_SOP = {
    PERATURAN: "peraturan, bukan SOP; tempatkan di dasar hukum",
    PIHAK: "menyebut pihak atau unit, bukan SOP; sebutkan judul SOP yang berkaitan",
    DOKUMEN: "dokumen atau formulir, bukan SOP; tempatkan di kelengkapan atau pencatatan dan pendataan",
}


@rule("SOPAP-B03", "keterkaitan-bukan-sop", Severity.WARNING, tag="U", clause=KETERKAITAN_CLAUSE)
def keterkaitan_bukan_sop(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap butir keterkaitan menyebut SOP, bukan peraturan, pihak, atau dokumen.

    Mengapa: butir keterkaitan yang berisi peraturan ("Peraturan BPS Nomor 1
    Tahun 2024"), pihak ("PJK terkait", "Subject Matter terkait"), atau dokumen
    ("Rencana Aksi (FRA)", "Standar Biaya Masukan") tidak dapat ditautkan ke
    prosedur mana pun dan menandakan bagian itu diisi dengan isi bagian lain.
    Butir yang ditulis "SOP ..." selalu dianggap menyebut SOP. Perbaikan:
    pindahkan butir ke bagian yang sesuai (dasar hukum, kelengkapan, pencatatan
    dan pendataan), dan sebutkan judul SOP yang benar-benar berkaitan.

    Contoh yang lolos::

        keterkaitan: [SOP Pelayanan Surat Pengantar Nikah]

    Contoh yang gagal::

        keterkaitan: [SOP Pelayanan Surat Pengantar Nikah, Formulir Permohonan Surat Keterangan]
    """
    for item in sop.keterkaitan:
        kind = classify(sop, item.value)
        if kind in BUKAN_SOP:
            yield item.location, f"keterkaitan '{item.value}' adalah {_NOT_SOP[kind]}"


@rule("SOPAP-B04", "keterkaitan-tidak-spesifik", Severity.WARNING, tag="U", clause=KETERKAITAN_CLAUSE)
def keterkaitan_tidak_spesifik(sop: Sop, context: Context) -> Iterator[Finding]:
    """Keterkaitan menyebut SOP tertentu, bukan "seluruh SOP" atau "SOP terkait".

    Mengapa: "Seluruh SOP di lingkungan ..." atau "SOP terkait" tidak
    menunjukkan prosedur mana yang harus dibaca bersama SOP ini, sehingga
    keterkaitannya tidak dapat diperiksa. Perbaikan: sebutkan judul (atau
    nomor) SOP yang berkaitan; kosongkan bagian ini bila tidak ada.

    Contoh yang lolos::

        keterkaitan: [SOP Pelayanan Surat Pengantar Nikah]

    Contoh yang gagal::

        keterkaitan: [Seluruh SOP di lingkungan Kecamatan]
    """
    for item in sop.keterkaitan:
        if classify(sop, item.value) == TIDAK_SPESIFIK:
            yield item.location, f"keterkaitan '{item.value}' tidak menyebut SOP tertentu; sebutkan judul SOP-nya"
