"""run_rules: the registry's entry point — options, selection, ordering, and what a Problem carries."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest


from katalog_sop.problem import sort_problems
from katalog_sop.rules import RULES, run_rules

from conftest import REPO, check_structure

TODAY = dt.date(2026, 11, 20)
KECAMATAN = "kecamatan-tebing-tinggi/pengumpulan-data-kinerja"


@pytest.fixture(scope="module")
def seeds():
    return check_structure([str(REPO / "sops")]).catalogue


def _codes(problems, sop_path_part=""):
    return [p.code for p in problems if sop_path_part in p.location.path]


def test_problems_are_sorted_unique_and_carry_the_rule(seeds):
    problems = run_rules(seeds, today=TODAY)
    assert problems == sort_problems(problems)
    for problem in problems:
        assert problem.severity is RULES[problem.code].severity


def test_the_same_input_gives_the_same_output(seeds):
    assert run_rules(seeds, today=TODAY) == run_rules(seeds, today=TODAY)


def test_takes_plain_sops_as_well_as_a_catalogue(seeds):
    # Plain SOPs come without the catalogue's monitoring records.
    without_records = dataclasses.replace(seeds, monitoring=None)
    assert run_rules(list(seeds.sops.values()), today=TODAY) == run_rules(without_records, today=TODAY)


def test_a_selection_runs_only_those_rules(seeds):
    problems = run_rules(seeds, today=TODAY, rules=[RULES["SOPAP-W01"], RULES["SOPAP-C03"]])
    assert {p.code for p in problems} == {"SOPAP-W01", "SOPAP-C03"}


def test_options_change_what_a_rule_reports(seeds):
    assert "SOPAP-W03" in _codes(run_rules(seeds, today=TODAY), KECAMATAN)
    lenient = {"SOPAP-W03": {"periode_bulan": 36}, "SOPAP-W01": {"batas_hari": 365}}
    codes = _codes(run_rules(seeds, today=TODAY, options=lenient), KECAMATAN)
    assert "SOPAP-W03" not in codes and "SOPAP-W01" not in codes


def test_the_review_period_counts_from_today(seeds):
    before = dt.date(2025, 10, 8)  # exactly 12 months after 8 Oktober 2024
    assert "SOPAP-W03" not in _codes(run_rules(seeds, today=before), KECAMATAN)
    assert "SOPAP-W03" in _codes(run_rules(seeds, today=before + dt.timedelta(days=1)), KECAMATAN)


@pytest.mark.parametrize("options, message", [
    ({"SOPAP-Z99": {}}, "aturan tidak dikenal: SOPAP-Z99"),
    ({"SOPAP-W03": {"periode": 6}}, "SOPAP-W03: opsi tidak dikenal: periode"),
])
def test_configuration_mistakes_raise(seeds, options, message):
    with pytest.raises(ValueError, match=message):
        run_rules(seeds, today=TODAY, options=options)


def test_a_rule_that_fails_is_one_internal_problem_and_every_other_finding_stays(seeds, monkeypatch):
    healthy = run_rules(seeds, today=TODAY)
    broken_ids = ("SOPAP-K01", "SOPAP-C01")  # one rule per SOP, one across the catalogue

    def fail(*_):
        raise IndexError("list index out of range")

    rules = [dataclasses.replace(r, check=fail) if r.id in broken_ids else r for r in RULES.values()]
    problems = run_rules(seeds, today=TODAY, rules=rules)
    internal = [p for p in problems if p.code == "internal"]
    assert len(internal) == len(seeds.sops) + 1
    assert all("SOPAP-K01" in p.message or "SOPAP-C01" in p.message for p in internal)
    assert all("IndexError" in p.message and p.is_error for p in internal)
    assert [p for p in problems if p.code != "internal"] == [p for p in healthy if p.code not in broken_ids]
