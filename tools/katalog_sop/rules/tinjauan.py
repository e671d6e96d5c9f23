"""Review overdue: an SOP in force for longer than the review period without a revision.

The Lampiran asks for monitoring "setiap 6 (enam) bulan sekali"; derivative
guidelines (BPS, Setneg) evaluate SOP AP at least once a year. An SOP whose
last enactment or revision is older than the period (12 months by default)
has not been reviewed, as far as the document shows. A tanggal_revisi in the
future is a planned review ("tanggal rencana ditinjau ulang"): the SOP is not
overdue before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from katalog_sop.model import Sop, Tanggal
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.tanggal import format_tanggal


def add_months(date: dt.date, months: int) -> dt.date:
    """``2024-01-31`` + 1 -> ``2024-02-29`` (the day clamped to the month's end)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _dated(sop: Sop) -> list[Tanggal]:
    """The dates an SOP was enacted or revised; the date it was made when it gives neither (the review is as
    overdue from the making as from an enactment that never got its date)."""
    written = [sop.tanggal_efektif, sop.tanggal_revisi, *(revisi.tanggal for revisi in sop.revisi)]
    dated = [tanggal for tanggal in written if tanggal is not None and tanggal.date is not None]
    if not dated and sop.tanggal_pembuatan is not None and sop.tanggal_pembuatan.date is not None:
        return [sop.tanggal_pembuatan]
    return dated


@dataclass(frozen=True)
class Review:
    """When an SOP was last enacted or revised, and when its next review is due."""

    last: Tanggal | None
    """The latest date on or before today (``None`` when every date is in the future)."""
    due: dt.date
    planned: bool
    """``due`` is a planned review the SOP itself writes (a tanggal_revisi in the future), not counted from ``last``."""
    made_only: bool = False
    """``last`` is the date the SOP was made: it gives no enactment or revision date."""


def review_of(sop: Sop, months: int, today: dt.date) -> Review | None:
    """The SOP's review, counted as this rule counts it; ``None`` when the SOP gives no date at all."""
    dated = _dated(sop)
    if not dated:
        return None
    past = [tanggal for tanggal in dated if tanggal.date <= today]
    last = max(past, key=lambda tanggal: tanggal.date) if past else None
    future = [tanggal.date for tanggal in dated if tanggal.date > today]
    if future:
        return Review(last, min(future), True)
    return Review(last, add_months(last.date, months), False, last is sop.tanggal_pembuatan)


@rule(
    "SOPAP-W03", "tinjauan-terlambat", Severity.WARNING, tag="D",
    clause="Monitoring SOP AP dilaksanakan secara reguler setiap 6 (enam) bulan sekali; evaluasi sedikitnya "
    "sekali setahun (pedoman turunan BPS dan Kemensetneg).",
    periode_bulan=12,
)
def tinjauan_terlambat(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tanggal terakhir dari tanggal efektif dan revisi paling lama ``periode_bulan`` bulan (12) sebelum hari ini.

    Tanpa tanggal efektif dan revisi, tanggal pembuatan yang dihitung.

    Mengapa: SOP yang tidak ditinjau siapa pun selama setahun mungkin tidak
    lagi menggambarkan pekerjaan yang sebenarnya. Perbaikan: tinjau ulang SOP;
    catat hasilnya sebagai entri ``revisi`` atau tanggal_revisi baru
    (tanggal_revisi yang akan datang mencatat rencana peninjauan ulang).

    Contoh yang lolos::

        tanggal_pembuatan: 2 Januari 2024
        tanggal_efektif: 6 Januari 2024
        revisi:
          - {ke: 1, tanggal: 3 Maret 2025, uraian: Ditinjau ulang; waktu langkah 2 diubah}

    Contoh yang gagal::

        tanggal_pembuatan: 2 Januari 2024
        tanggal_efektif: 6 Januari 2024
    """
    months = context.options["periode_bulan"]
    review = review_of(sop, months, context.today)
    if review is not None and not review.planned and review.due < context.today:
        yield review.last.location, (
            f"SOP terakhir {_done(review)} {format_tanggal(review.last.date)}, lebih dari {months} bulan lalu; "
            "tinjau ulang dan catat revisinya"
        )


def _done(review: Review) -> str:
    return "dibuat (tanpa tanggal efektif)" if review.made_only else "ditetapkan atau direvisi"
