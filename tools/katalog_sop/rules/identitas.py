"""Identity block (Bagian Identitas): items 1-5 of the Lampiran, each present.

The Lampiran of PermenPANRB 35/2012 lists what the identity block holds; an
SOP without them cannot be dated, numbered or traced to its unit. The schema
lets an SOP leave them out (an incomplete SOP is still published); these rules
say what is missing. Pengesahan is in :mod:`pengesahan`, date order in
:mod:`urutan_tanggal`.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop, Tanggal
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.tanggal import WithoutDay, parse_tanggal

ERROR = Severity.ERROR


@rule(
    "SOPAP-I01", "unit-kerja", ERROR, tag="N",
    clause="Logo dan Nama SKPD/Unit Kerja: nomenklatur SKPD/Unit Kerja yang membuat SOP.",
)
def unit_kerja(sop: Sop, context: Context) -> Iterator[Finding]:
    """SKPD atau unit kerja yang membuat SOP disebutkan (``unit``).

    Mengapa: butir 1 bagian identitas adalah nomenklatur SKPD/Unit Kerja; tanpa
    butir ini, SOP tidak diketahui milik siapa. Perbaikan: tulis ``unit`` (dan
    ``instansi``, pemerintahan yang menaunginya) sebagaimana tercetak pada kop
    surat.

    Contoh yang lolos::

        unit: Kecamatan Contoh

    Contoh yang gagal::

        unit: null
    """
    if sop.unit is None:
        yield sop.location, "unit kerja pembuat SOP tidak disebut; isi 'unit' dengan nomenklatur SKPD/unit kerja"


@rule(
    "SOPAP-I02", "nomor-sop", ERROR, tag="N",
    clause="Nomor SOP: nomor prosedur yang di-SOP-kan, sesuai dengan tata naskah dinas yang berlaku.",
)
def nomor_sop(sop: Sop, context: Context) -> Iterator[Finding]:
    """SOP mempunyai nomor (``nomor``).

    Mengapa: butir 2 bagian identitas; nomor SOP mengikuti tata naskah dinas
    instansi dan dipakai dokumen lain untuk merujuk SOP ini. Perbaikan: tulis
    nomor sebagaimana tercetak, di antara tanda petik bila nomor hanya terdiri
    atas angka.

    Contoh yang lolos::

        nomor: "045/12/KEC-X/2025"

    Contoh yang gagal::

        nomor: null
    """
    if sop.nomor is None:
        yield sop.location, "nomor SOP tidak diisi; isi 'nomor' sesuai tata naskah dinas instansi"


def _missing_date(tanggal: Tanggal | None) -> bool:
    """No date written, or a text that is none ("-"). A month and year with no day ("Januari 2014")
    is a date as printed: building the SOP already warns that its day is missing."""
    if tanggal is None:
        return True
    if tanggal.date is not None:
        return False
    try:
        parse_tanggal(str(tanggal.raw))
    except WithoutDay:
        return False
    except ValueError:
        return True
    return True


@rule(
    "SOPAP-I03", "tanggal-pembuatan", ERROR, tag="N",
    clause="Tanggal Pembuatan: tanggal pertama kali SOP dibuat, yaitu tanggal selesai disusun.",
)
def tanggal_pembuatan(sop: Sop, context: Context) -> Iterator[Finding]:
    """SOP mencantumkan waktu pembuatannya (``tanggal_pembuatan``) berupa tanggal.

    Mengapa: butir 3 bagian identitas, yaitu tanggal SOP selesai disusun.
    Perbaikan: tulis tanggalnya, misalnya ``8 Oktober 2024``; tanda hubung (-)
    di sini bukan tanggal.

    Contoh yang lolos::

        tanggal_pembuatan: 2 Januari 2025

    Contoh yang gagal::

        tanggal_pembuatan: "-"
    """
    if _missing_date(sop.tanggal_pembuatan):
        where = sop.tanggal_pembuatan.location if sop.tanggal_pembuatan else sop.location
        yield where, "tanggal pembuatan tidak diisi; tulis tanggal SOP selesai dibuat"


@rule(
    "SOPAP-I04", "tanggal-revisi", ERROR, tag="N",
    clause="Tanggal Revisi: tanggal SOP direvisi atau tanggal rencana ditinjau ulangnya.",
)
def tanggal_revisi(sop: Sop, context: Context) -> Iterator[Finding]:
    """Bagian identitas memuat butir tanggal revisi (``tanggal_revisi``).

    Mengapa: butir 4 bagian identitas. Tanda hubung (-) dapat diterima (belum
    pernah direvisi), berbeda dengan tanggal pembuatan dan tanggal efektif
    yang selalu ada; butir yang kosong (tidak ada, atau ada tetapi tidak diisi
    sama sekali) tidak menyatakan apa pun. Tanggal yang akan datang (rencana
    peninjauan ulang) adalah sah. Perbaikan: tulis
    ``tanggal_revisi: "-"`` atau tanggalnya.

    Contoh yang lolos::

        tanggal_revisi: "-"

    Contoh yang gagal::

        tanggal_revisi: ""
    """
    revisi = sop.tanggal_revisi
    if revisi is None:
        yield sop.location, "butir tanggal revisi tidak ada; tulis tanggal_revisi: \"-\" bila belum pernah direvisi"
    elif not str(revisi.raw).strip():  # printed but left blank: "-" is what says "never revised"
        yield revisi.location, "tanggal revisi kosong; tulis \"-\" bila belum pernah direvisi, atau tanggalnya"


@rule(
    "SOPAP-I05", "tanggal-efektif", ERROR, tag="N",
    clause="Tanggal Efektif: tanggal mulai berlakunya SOP atau sama dengan tanggal ditandatanganinya dokumen SOP AP.",
)
def tanggal_efektif(sop: Sop, context: Context) -> Iterator[Finding]:
    """SOP mencantumkan saat mulai berlakunya (``tanggal_efektif``) berupa tanggal.

    Mengapa: butir 5 bagian identitas; pegawai dan auditor harus mengetahui
    apakah SOP sedang berlaku. Perbaikan: tulis tanggal penandatanganan atau
    tanggal mulai berlaku.

    Contoh yang lolos::

        tanggal_efektif: 6 Januari 2025

    Contoh yang gagal::

        tanggal_efektif: null
    """
    if _missing_date(sop.tanggal_efektif):
        where = sop.tanggal_efektif.location if sop.tanggal_efektif else sop.location
        yield where, "tanggal efektif tidak diisi; tulis tanggal SOP mulai berlaku"
