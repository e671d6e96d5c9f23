"""Pengesahan (Disahkan oleh): who enacted the SOP, and a NIP that is a real one.

Item 6 of the identity block: "nomenklatur jabatan, tanda tangan, nama pejabat
disertai NIP, serta stempel/cap instansi". A NIP has 18 digits (Perka BKN
22/2007): birth date YYYYMMDD, TMT CPNS YYYYMM, sex 1/2, a 3-digit number.
That it has 18 digits is read by the build stage (a warning there); here its
parts are checked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

PENGESAHAN_CLAUSE = (
    "Pengesahan oleh pejabat yang berwenang: nomenklatur jabatan, tanda tangan, nama pejabat disertai NIP, "
    "serta stempel/cap instansi."
)


@rule("SOPAP-I06", "pengesahan", Severity.ERROR, tag="N", clause=PENGESAHAN_CLAUSE)
def pengesahan(sop: Sop, context: Context) -> Iterator[Finding]:
    """SOP menyebutkan pejabat yang mengesahkannya: ``disahkan_oleh`` dengan ``jabatan`` dan ``nama``.

    Mengapa: SOP AP sah setelah ditandatangani pejabat yang berwenang;
    formulirnya memuat jabatan dan nama. Perbaikan: salin keduanya dari kolom
    tanda tangan.

    Contoh yang lolos::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002

    Contoh yang gagal::

        disahkan_oleh:
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002
    """
    signed = sop.disahkan_oleh
    if signed is None:
        yield sop.location, "pengesahan (disahkan_oleh) tidak ada; tulis jabatan, nama, dan NIP pejabat yang mengesahkan"
        return
    missing = [name for name in ("jabatan", "nama") if getattr(signed, name) is None]
    if missing:
        yield signed.location, f"pengesahan tanpa {' dan '.join(missing)} pejabat yang mengesahkan"


@rule("SOPAP-I07", "nip-pengesahan", Severity.WARNING, tag="N", clause=PENGESAHAN_CLAUSE)
def nip_pengesahan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Pejabat yang mengesahkan SOP disertai NIP-nya.

    Mengapa: Lampiran meminta "nama pejabat disertai NIP". Ini peringatan,
    bukan galat. Pejabat yang dipilih (Bupati, Walikota, Gubernur, Menteri,
    Kepala Desa) tidak mempunyai NIP, sehingga tidak dinilai. Perbaikan: salin
    NIP dari kolom tanda tangan.

    Contoh yang lolos::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002

    Contoh yang gagal::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
    """
    signed = sop.disahkan_oleh
    if signed is None or signed.nip is not None:
        return
    if signed.jabatan is not None and _ELECTED.match(signed.jabatan.value):
        return  # an elected official has no NIP: none written is right
    yield signed.location, "NIP pejabat yang mengesahkan tidak ditulis; salin NIP dari kolom tanda tangan"


_ELECTED = re.compile(
    r"\W*(?:(?:plt|plh|pj)\.?\s+)?(?:wakil\s+)?(?:bupati|wali\s?kota|gubernur|menteri|presiden|kepala desa|ketua dprd)\b",
    re.IGNORECASE,
)
"""Officials who are elected or appointed to political office, not civil servants: they have no NIP."""


@rule(
    "SOPAP-I08", "struktur-nip", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": NIP 18 angka = tanggal lahir, TMT CPNS, jenis kelamin, nomor urut (Perka BKN 22/2007).",
)
def struktur_nip(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tanggal lahir dan TMT pada NIP benar-benar ada, dan angka jenis kelaminnya 1 atau 2.

    Mengapa: NIP dengan tanggal lahir atau TMT yang mustahil adalah salah
    ketik, sehingga SOP tidak menunjuk siapa pun. Perbaikan: salin ulang NIP
    dari kolom tanda tangan.

    Contoh yang lolos::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002

    Contoh yang gagal::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19701301 199003 1 002
    """
    nip = sop.disahkan_oleh.nip if sop.disahkan_oleh else None
    if nip is None or nip.digits is None:
        return  # absent (SOPAP-I07) or not 18 digits (the build stage says so)
    for message in nip_mistakes(nip.digits, context.today):
        yield nip.location, message


def nip_mistakes(digits: str, today: dt.date) -> list[str]:
    """What is wrong with the parts of an 18-digit NIP (empty when nothing)."""
    mistakes = []
    born = _date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    if born is None or born > today:
        mistakes.append(f"tanggal lahir pada NIP ({digits[6:8]}-{digits[4:6]}-{digits[0:4]}) bukan tanggal yang ada")
    tmt = _date(int(digits[8:12]), int(digits[12:14]), 1)
    if tmt is None or tmt > today or (born is not None and tmt <= born):
        mistakes.append(f"TMT CPNS pada NIP ({digits[12:14]}-{digits[8:12]}) bukan bulan yang mungkin")
    if digits[14] not in "12":
        mistakes.append(f"angka jenis kelamin pada NIP adalah {digits[14]}; seharusnya 1 atau 2")
    return mistakes


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
