"""Pages stage, compliance scores: per SOP, per unit and per rule, the share of checks passed.

One definition serves the SOP pages' badge, the Kepatuhan page and
``compliance.json``, so the three never disagree:

- The checks of an SOP are the rules that ran (``result.rules``), each once,
  whatever its scope (a catalogue-wide rule is a check of every SOP too).
- A check fails for an SOP when that rule has at least one counting finding
  (one the SOP does not exempt itself from with ``pengecualian``) of severity
  error or warning located in the SOP's file. An info finding is advice: it
  is shown and counted as info, but it never fails a check. Severities are
  the configured ones, so a rule the configuration turns to ``info`` never
  fails, and a rule switched ``off`` is not a check at all.
- A unit (the SOP id's folder, as on the unit index) pools its SOPs: the sum
  of passed checks over the sum of checks.
- Percentages are rounded down, so "100%" means every check passed.

Structural problems (codes that are not rule ids) are not checks: the SOP
page lists them apart. Pure: never reads files, never formats HTML.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from katalog_sop.check import CheckResult
from katalog_sop.keterkaitan import unit_of
from katalog_sop.model import Sop
from katalog_sop.problem import Problem, Severity
from katalog_sop.rules import Rule

FAILING = (Severity.ERROR, Severity.WARNING)
"""The severities of a finding that fails its check."""

ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def percent(passed: int, checks: int) -> int | None:
    """The share as a whole percentage, rounded down; ``None`` when there was nothing to check."""
    return passed * 100 // checks if checks else None


@dataclass(frozen=True)
class SopScore:
    sop: Sop
    unit: str
    """The unit's id: the folder of the SOP's id ("" for an SOP outside any folder)."""
    checks: int
    findings: tuple[Problem, ...]
    """The rule findings in the SOP's file, exempted ones included, sorted by file and line."""
    failed: frozenset[str]
    """Ids of the rules whose check fails for this SOP."""

    @property
    def passed(self) -> int:
        return self.checks - len(self.failed)

    @property
    def counting(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.counts)

    @property
    def exempted(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if not p.counts)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.findings if p.counts and p.severity is severity)


@dataclass(frozen=True)
class UnitScore:
    unit: str
    sops: tuple[SopScore, ...]

    @property
    def checks(self) -> int:
        return sum(s.checks for s in self.sops)

    @property
    def passed(self) -> int:
        return sum(s.passed for s in self.sops)

    @property
    def exempted(self) -> tuple[Problem, ...]:
        return tuple(p for s in self.sops for p in s.exempted)

    def count(self, severity: Severity) -> int:
        return sum(s.count(severity) for s in self.sops)


@dataclass(frozen=True)
class RuleCounts:
    failing: int = 0
    """SOPs whose check of this rule fails."""
    findings: int = 0
    """Counting findings, of any severity."""
    exempted: int = 0


@dataclass(frozen=True)
class RuleScore:
    rule: Rule
    """As it ran: with its configured severity."""
    total: RuleCounts
    by_unit: dict[str, RuleCounts]


@dataclass(frozen=True)
class Scores:
    sops: dict[str, SopScore]
    """By SOP id, in catalogue order."""
    units: dict[str, UnitScore]
    """By unit id, sorted."""
    rules: tuple[RuleScore, ...]
    """The rules that ran, in id order."""
    unplaced: tuple[Problem, ...]
    """Rule findings in no published SOP's file (counted per rule, never per SOP)."""

    @functools.cached_property
    def rules_by_id(self) -> dict[str, Rule]:
        return {score.rule.id: score.rule for score in self.rules}

    @property
    def checks(self) -> int:
        return sum(s.checks for s in self.sops.values())

    @property
    def passed(self) -> int:
        return sum(s.passed for s in self.sops.values())


def compute_scores(result: CheckResult) -> Scores:
    ran = {rule.id: rule for rule in result.rules}
    by_path: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if problem.code in ran:
            by_path.setdefault(problem.location.path, []).append(problem)
    sops: dict[str, SopScore] = {}
    tally: dict[str, dict[str, list[int]]] = {rule_id: {} for rule_id in ran}
    # per rule, per unit: [SOPs failing, counting findings, exempted findings]
    for sop in result.catalogue.sops.values():
        findings = tuple(by_path.pop(sop.path, ()))
        failed = frozenset(p.code for p in findings if p.counts and p.severity in FAILING)
        score = sops[sop.id] = SopScore(sop, unit_of(sop), len(ran), findings, failed)
        for rule_id in ran:
            tally[rule_id].setdefault(score.unit, [0, 0, 0])[0] += rule_id in failed
        for p in findings:
            tally[p.code][score.unit][1 if p.counts else 2] += 1
    units: dict[str, list[SopScore]] = {}
    for score in sops.values():
        units.setdefault(score.unit, []).append(score)
    unplaced = tuple(p for problems in by_path.values() for p in problems)
    rules = []
    for rule_id in sorted(ran):
        by_unit = {unit: RuleCounts(*row) for unit, row in sorted(tally[rule_id].items())}
        outside = [p for p in unplaced if p.code == rule_id]
        total = RuleCounts(
            sum(c.failing for c in by_unit.values()),
            sum(c.findings for c in by_unit.values()) + sum(p.counts for p in outside),
            sum(c.exempted for c in by_unit.values()) + sum(not p.counts for p in outside),
        )
        rules.append(RuleScore(ran[rule_id], total, by_unit))
    return Scores(sops, {unit: UnitScore(unit, tuple(m)) for unit, m in sorted(units.items())}, tuple(rules), unplaced)
