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

ERROR = Severity.ERROR


@rule(
    "SOPAP-I01", "unit-kerja", ERROR, tag="N",
    clause="Logo dan Nama SKPD/Unit Kerja: nomenklatur SKPD/Unit Kerja yang membuat SOP.",
)
def unit_kerja(sop: Sop, context: Context) -> Iterator[Finding]:
    """The SKPD or unit kerja that made the SOP is named (``unit``).

    Why: item 1 of the identity block is the nomenklatur of the SKPD/Unit
    Kerja; without it the SOP belongs to no one. Fix: write ``unit`` (and
    ``instansi``, the government it belongs to) as printed on the letterhead.

    Passing example::

        unit: Kecamatan Contoh

    Failing example::

        unit: null
    """
    if sop.unit is None:
        yield sop.location, "unit kerja pembuat SOP tidak disebut; isi 'unit' dengan nomenklatur SKPD/unit kerja"


@rule(
    "SOPAP-I02", "nomor-sop", ERROR, tag="N",
    clause="Nomor SOP: nomor prosedur yang di-SOP-kan, sesuai dengan tata naskah dinas yang berlaku.",
)
def nomor_sop(sop: Sop, context: Context) -> Iterator[Finding]:
    """The SOP has a number (``nomor``).

    Why: item 2 of the identity block; the number follows the agency's tata
    naskah dinas and is how other documents cite the SOP. Fix: write the
    number as printed, quoted when it is only digits.

    Passing example::

        nomor: "045/12/KEC-X/2025"

    Failing example::

        nomor: null
    """
    if sop.nomor is None:
        yield sop.location, "nomor SOP tidak diisi; isi 'nomor' sesuai tata naskah dinas instansi"


def _missing_date(tanggal: Tanggal | None) -> bool:
    return tanggal is None or tanggal.date is None


@rule(
    "SOPAP-I03", "tanggal-pembuatan", ERROR, tag="N",
    clause="Tanggal Pembuatan: tanggal pertama kali SOP dibuat, yaitu tanggal selesai disusun.",
)
def tanggal_pembuatan(sop: Sop, context: Context) -> Iterator[Finding]:
    """The SOP says when it was made (``tanggal_pembuatan``), as a date.

    Why: item 3 of the identity block: the date the SOP was finished. Fix:
    write the date, e.g. ``8 Oktober 2024``; a dash is not a date here.

    Passing example::

        tanggal_pembuatan: 2 Januari 2025

    Failing example::

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
    """The identity block has the revision date item (``tanggal_revisi``).

    Why: item 4 of the identity block. A dash is fine (never revised); the
    item itself must be there, and a future date (a planned review) is
    legitimate. Fix: write ``tanggal_revisi: "-"`` or the date.

    Passing example::

        tanggal_revisi: "-"

    Failing example::

        tanggal_revisi: null
    """
    if sop.tanggal_revisi is None:
        yield sop.location, "butir tanggal revisi tidak ada; tulis tanggal_revisi: \"-\" bila belum pernah direvisi"


@rule(
    "SOPAP-I05", "tanggal-efektif", ERROR, tag="N",
    clause="Tanggal Efektif: tanggal mulai berlakunya SOP atau sama dengan tanggal ditandatanganinya dokumen SOP AP.",
)
def tanggal_efektif(sop: Sop, context: Context) -> Iterator[Finding]:
    """The SOP says from when it applies (``tanggal_efektif``), as a date.

    Why: item 5 of the identity block; staff and auditors must know whether
    the SOP is in force. Fix: write the date of signing or entry into force.

    Passing example::

        tanggal_efektif: 6 Januari 2025

    Failing example::

        tanggal_efektif: null
    """
    if _missing_date(sop.tanggal_efektif):
        where = sop.tanggal_efektif.location if sop.tanggal_efektif else sop.location
        yield where, "tanggal efektif tidak diisi; tulis tanggal SOP mulai berlaku"
