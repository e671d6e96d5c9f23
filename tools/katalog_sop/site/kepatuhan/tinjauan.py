"""Pages stage, "Perlu ditinjau": the SOPs whose review is overdue or falls due soon, with their dates.

Counted as rule SOPAP-W03 (:func:`katalog_sop.rules.tinjauan.review_of`)
counts it, with the period the configuration gives that rule, so that the
list and the rule's findings never disagree: an SOP is overdue here exactly
when SOPAP-W03 reports it. The list adds what a rule cannot: SOPs falling due
within :data:`WINDOW_DAYS`, and planned reviews (a tanggal_revisi the SOP
writes in the future) within that window. Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from katalog_sop.check import CheckResult
from katalog_sop.rules import RULES
from katalog_sop.rules.tinjauan import Review, review_of
from katalog_sop.site.scores import Scores, SopScore

RULE_ID = "SOPAP-W03"
WINDOW_DAYS = 90
"""How far ahead "segera jatuh tempo" looks: one quarter, the usual planning horizon of a Bagian Organisasi."""


@dataclass(frozen=True)
class Due:
    score: SopScore
    review: Review
    days: int
    """Days from today to the due date: negative when overdue."""
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def state(self) -> str:
        """In the reader's words: "terlambat 45 hari", "jatuh tempo dalam 30 hari", "rencana tinjauan dalam 12 hari"."""
        if self.overdue:
            return f"terlambat {_span(self.review.due, self.today)}"
        if self.days == 0:
            return "rencana tinjauan hari ini" if self.review.planned else "jatuh tempo hari ini"
        return f"{'rencana tinjauan' if self.review.planned else 'jatuh tempo'} dalam {_span(self.today, self.review.due)}"


def _span(start: dt.date, end: dt.date) -> str:
    """From ``start`` to ``end``: "45 hari" under two months, then whole calendar months ("4 bulan"), then years
    and months ("2 tahun 10 bulan"); always rounded down."""
    days = (end - start).days
    if days < 60:
        return f"{days} hari"
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(months, 12)
    if not years:
        return f"{months} bulan"
    return f"{years} tahun" + (f" {months} bulan" if months else "")


def review_months(result: CheckResult) -> int:
    """The review period the configuration gives SOPAP-W03, else the rule's default."""
    configured = result.options.get(RULE_ID, {})
    return int(configured.get("periode_bulan", RULES[RULE_ID].defaults["periode_bulan"]))


def due_reviews(scores: Scores, today: dt.date, months: int) -> list[Due]:
    """Overdue and soon-due reviews, the most overdue first (then by name)."""
    found = []
    for score in scores.sops.values():
        review = review_of(score.sop, months, today)
        if review is None:
            continue
        days = (review.due - today).days
        if days <= WINDOW_DAYS:
            found.append(Due(score, review, days, today))
    found.sort(key=lambda due: (due.days, due.score.sop.nama.value.casefold(), due.score.sop.id))
    return found
