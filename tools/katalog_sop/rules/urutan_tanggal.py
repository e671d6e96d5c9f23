"""Date order in the identity block: nothing takes effect or is revised before it is made.

The Lampiran defines Tanggal Pembuatan as the date the SOP was finished and
Tanggal Efektif as the date it applies, "sama dengan tanggal ditandatanganinya
dokumen SOP AP": a document cannot be signed before it is finished. A revision
(or a planned review) can only follow the making. Whether each date is there
is :mod:`identitas`'s business; a date that is not a date, the build stage's.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.tanggal import format_tanggal


@rule(
    "SOPAP-I09", "urutan-tanggal", Severity.ERROR, tag="N",
    clause=(
        "Tanggal Pembuatan: tanggal SOP selesai dibuat. Tanggal Revisi: tanggal SOP direvisi atau rencana "
        "ditinjau ulang. Tanggal Efektif: tanggal mulai berlaku atau tanggal ditandatanganinya dokumen SOP AP."
    ),
)
def urutan_tanggal(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tanggal efektif dan tanggal revisi tidak lebih awal daripada tanggal pembuatan.

    Mengapa: SOP baru ditandatangani (efektif) dan direvisi setelah selesai
    disusun (pembuatan); urutan yang terbalik berarti ada salah ketik pada
    salah satu tanggal. Perbaikan: cocokkan tanggal-tanggal tersebut dengan
    naskah asli yang telah ditandatangani.

    Contoh yang lolos::

        tanggal_pembuatan: 2 Januari 2025
        tanggal_efektif: 6 Januari 2025

    Contoh yang gagal::

        tanggal_pembuatan: 6 Januari 2025
        tanggal_efektif: 2 Januari 2025
    """
    made = sop.tanggal_pembuatan.date if sop.tanggal_pembuatan else None
    if made is None:
        return
    for label, tanggal in (("efektif", sop.tanggal_efektif), ("revisi", sop.tanggal_revisi)):
        if tanggal is not None and tanggal.date is not None and tanggal.date < made:
            yield tanggal.location, (
                f"tanggal {label} ({format_tanggal(tanggal.date)}) lebih awal dari tanggal pembuatan "
                f"({format_tanggal(made)})"
            )
