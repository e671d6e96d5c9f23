"""Agency profiles: the Nomor SOP pattern and the extra fields an agency requires.

The regulation leaves the number's form to each agency's tata naskah dinas,
and an agency may require more than the form does (a revision date, the
signer's NIP). A profile in the configuration (:mod:`katalog_sop.config`)
says so for the SOPs whose id it covers; the first profile that covers an
SOP applies. Without a profile these rules find nothing. A pattern reaches
here only once the configuration judged that it cannot backtrack for long,
and it is never run on a nomor longer than :data:`MAX_NOMOR`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from katalog_sop.config import NOMOR_LENGTH, Profile
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule


MAX_NOMOR = NOMOR_LENGTH
"""A nomor longer than this is reported, never matched: the time a match takes grows with its length."""


@functools.lru_cache(maxsize=64)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def _profile(sop: Sop, profiles: tuple[Profile, ...]) -> Profile | None:
    """The first profile that covers ``sop`` (profiles come read and checked by :mod:`katalog_sop.config`)."""
    return next((profile for profile in profiles if profile.covers(sop.id)), None)


@rule(
    "SOPAP-I11", "nomor-pola-profil", Severity.WARNING, tag="N",
    clause="Nomor SOP: nomor prosedur yang di-SOP-kan, sesuai dengan tata naskah dinas yang berlaku.",
    profil=(),
)
def nomor_pola(sop: Sop, context: Context) -> Iterator[Finding]:
    """Nomor SOP mengikuti pola pada profil instansi (``profiles[].nomor``).

    Opsi ``profil`` memuat profil-profil dari konfigurasi; opsi ini diisi dari
    ``profiles`` dan tidak ditulis secara manual.

    Mengapa: nomor diberikan "sesuai dengan tata naskah dinas yang berlaku",
    yaitu penomoran instansi itu sendiri; nomor dalam bentuk lain tidak dapat
    diarsipkan atau dirujuk. Perbaikan: tulis nomor sesuai ketentuan tata
    naskah dinas instansi, atau betulkan pola pada profil bila instansi telah
    mengubah penomorannya.

    Opsi contoh::

        profil:
          - {name: Kabupaten Contoh, nomor: '^\\d{3}/\\d+/KEC-[A-Z]+/\\d{4}$'}

    Contoh yang lolos::

        nomor: "045/12/KEC-X/2025"

    Contoh yang gagal::

        nomor: "SOP-12"
    """
    profile = _profile(sop, context.options["profil"])
    if profile is None or profile.nomor is None or sop.nomor is None:
        return
    if len(sop.nomor.value) > MAX_NOMOR:
        yield sop.nomor.location, (
            f"nomor terlalu panjang ({len(sop.nomor.value)} karakter, lebih dari {MAX_NOMOR}) untuk dicocokkan "
            f"dengan pola nomor SOP profil '{profile.name}'; nomor SOP hanya beberapa puluh karakter"
        )
        return
    if not _pattern(profile.nomor).search(sop.nomor.value):
        yield sop.nomor.location, (
            f"nomor '{sop.nomor.value}' tidak sesuai pola nomor SOP profil '{profile.name}' ({profile.nomor})"
        )


@rule(
    "SOPAP-I12", "isian-wajib-profil", Severity.WARNING, tag="CP",
    clause="praktik umum: instansi dapat mewajibkan isian tambahan dalam tata naskah dinasnya.",
    profil=(),
)
def isian_wajib(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap isian yang diwajibkan profil instansi (``profiles[].required``) telah diisi.

    Opsi ``profil`` memuat profil-profil dari konfigurasi; opsi ini diisi dari
    ``profiles`` dan tidak ditulis secara manual.

    Mengapa: instansi dapat mewajibkan lebih dari yang dimuat formulir,
    misalnya tanggal rencana revisi atau NIP penanda tangan. Perbaikan: isi
    isian tersebut, atau keluarkan dari profil bila instansi tidak lagi
    mewajibkannya.

    Opsi contoh::

        profil:
          - {name: Kabupaten Contoh, required: [kop, disahkan_oleh.nip]}

    Contoh yang lolos::

        kop: {alamat: "Jl. Merdeka No. 1, Contoh"}

    Contoh yang gagal::

        kop: null
    """
    profile = _profile(sop, context.options["profil"])
    if profile is None:
        return
    for name in profile.required:
        head, _, tail = name.partition(".")
        value = getattr(sop, head, None)
        if tail and value is not None:
            value = getattr(value, tail, None)
        if value is None or value == ():
            where = sop.key_locations.get(head, sop.location)
            yield where, f"isian '{name}' wajib menurut profil '{profile.name}' tetapi kosong atau tidak ada"
