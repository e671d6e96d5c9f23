"""Pages stage, monitoring: each SOP's monitoring and evaluation state, computed once for every page.

An SOP's state is what an auditor asks first: when was it last assessed and
how, when is the next round due, is it overdue, when was it last evaluated
and what was decided. It is counted exactly as rules SOPAP-E01/E02 (monitoring)
and SOPAP-E03 (evaluation) count it, with the periods the configuration
gives those rules (:func:`periods`), so that the pages and the findings never
disagree: an SOP is "jatuh tempo" here exactly when E01 or E02 reports it.

Pure: reads the check's result, returns values; nothing here writes HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from katalog_sop.check import CheckResult
from katalog_sop.keterkaitan import unit_of
from katalog_sop.model import Sop
from katalog_sop.monitoring.load import FOLDER
from katalog_sop.monitoring.model import Evaluasi, Hasil, HasilEvaluasi, Putaran, Records
from katalog_sop.rules import RULES
from katalog_sop.rules.monitoring import due as due_unmonitored, in_force_since
from katalog_sop.rules.tinjauan import add_months

MONITORING_RULE = "SOPAP-E02"
EVALUATION_RULE = "SOPAP-E03"


@dataclass(frozen=True)
class Keadaan:
    """One SOP's monitoring and evaluation state on the check's date."""

    sop: Sop
    unit: str
    """The SOP's unit folder (``""`` outside any unit)."""
    last: tuple[Putaran, Hasil] | None
    """The newest assessed result; ``None``: never assessed."""
    due: dt.date | None
    """When the next monitoring falls due; ``None``: never monitored and no date in force (due now)."""
    overdue: bool
    """Monitoring is due now: reported by SOPAP-E01 (never monitored) or SOPAP-E02 (the last is too old)."""
    evaluated: tuple[Evaluasi, HasilEvaluasi] | None
    """The newest evaluation with a conclusion; ``None``: never concluded."""
    evaluation_due: dt.date | None

    @property
    def within(self) -> bool:
        """Assessed within the period before the check's date (counted on the Kepatuhan page)."""
        return self.last is not None and not self.overdue


@dataclass(frozen=True)
class MonitoringView:
    """The catalogue's records and every SOP's state, for the SOP pages, the dashboard and the Tabel 7 pages."""

    records: Records
    today: dt.date
    months: int
    """The monitoring period (SOPAP-E02's ``periode_bulan``)."""
    evaluation_months: int
    """The evaluation period (SOPAP-E03's ``periode_bulan``)."""
    states: Mapping[str, Keadaan]
    """By SOP id."""


def periods(result: CheckResult) -> tuple[int, int]:
    """The monitoring and evaluation periods in months: the configuration's, else the rules' defaults."""
    def months(rule_id: str) -> int:
        configured = result.options.get(rule_id, {})
        return int(configured.get("periode_bulan", RULES[rule_id].defaults["periode_bulan"]))
    return months(MONITORING_RULE), months(EVALUATION_RULE)


def monitoring_view(result: CheckResult) -> MonitoringView | None:
    """The view of ``result``'s records; ``None`` when the catalogue keeps none (no ``monitoring/`` folder)."""
    records = result.catalogue.monitoring
    if records is None:
        return None
    months, evaluation_months = periods(result)
    states = {sop.id: state_of(sop, records, result.today, months, evaluation_months)
              for sop in result.catalogue.sops.values()}
    return MonitoringView(records, result.today, months, evaluation_months, states)


def state_of(sop: Sop, records: Records, today: dt.date, months: int, evaluation_months: int) -> Keadaan:
    assessed = records.assessed(sop.id)
    last = assessed[0] if assessed else None
    since = in_force_since(sop)
    if last is not None:
        due = add_months(last[0].tanggal, months)
        overdue = due < today
    else:
        due = add_months(since, months) if since is not None else None
        overdue = due_unmonitored(sop, months, today)
    concluded = records.concluded(sop.id)
    evaluated = concluded[0] if concluded else None
    start = evaluated[0].tanggal if evaluated is not None else since
    evaluation_due = add_months(start, evaluation_months) if start is not None else None
    return Keadaan(sop, unit_of(sop), last, due, overdue, evaluated, evaluation_due)


def record_parts(path: str, unit: str) -> tuple[str, ...]:
    """A record file's parts below its unit's folder, without ``.yaml``: ``("2026-06",)``.

    The path is the one the check shows (relative to where it ran, or absolute); the unit's folder is the
    last ``monitoring/<unit>`` in it."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    starts = [i for i in range(1, len(parts) - 1) if parts[i] == unit and parts[i - 1] == FOLDER]
    rest = parts[starts[-1] + 1:] if starts else parts[-1:]
    return (*rest[:-1], rest[-1].removesuffix(".yaml"))


def record_file(path: str, unit: str) -> str:
    """A record file as the catalogue's maintainers know it: ``monitoring/<unit>/<name>.yaml``."""
    return "/".join((FOLDER, unit, *record_parts(path, unit))) + ".yaml"
