"""Every rule's docstring examples, run: the failing one fires the rule, the passing one does not.

A per-SOP example is also held to more: the passing example is clean for
every per-SOP rule (it shows a model SOP), and the failing one fires no other
per-SOP rule (it shows this rule's mistake alone).
"""

from __future__ import annotations

import pytest

from katalog_sop.rules import RULES, run_rules
from katalog_sop.rules.base import EXAMPLE_DATE, PER_SOP

from rules.helpers import example_catalogue, example_options, overlay, write_catalogue

PER_SOP_RULES = [r for r in RULES.values() if r.scope == PER_SOP]


def _codes(result, rules, options=None):
    found = run_rules(result.catalogue, today=EXAMPLE_DATE, rules=rules, options=options)
    return sorted({p.code for p in found})


def test_the_sample_sop_passes_every_per_sop_rule(tmp_path):
    result = write_catalogue(tmp_path, {"kecamatan/contoh": overlay(None)})
    assert _codes(result, PER_SOP_RULES) == []


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_failing_example_fires_the_rule(rule, tmp_path):
    result = example_catalogue(tmp_path, rule, "Failing")
    if rule.scope == PER_SOP:
        assert _codes(result, PER_SOP_RULES, example_options(rule)) == [rule.id]
    else:
        assert _codes(result, [rule], example_options(rule)) == [rule.id]


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_passing_example_does_not_fire_the_rule(rule, tmp_path):
    result = example_catalogue(tmp_path, rule, "Passing")
    if rule.scope == PER_SOP:
        assert _codes(result, PER_SOP_RULES, example_options(rule)) == []
    else:
        assert _codes(result, [rule], example_options(rule)) == []


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_findings_point_at_a_node_of_the_failing_example(rule, tmp_path):
    result = example_catalogue(tmp_path, rule, "Failing")
    problems = run_rules(result.catalogue, today=EXAMPLE_DATE, rules=[rule], options=example_options(rule))
    files = {f.source.display for f in result.files}
    for problem in problems:
        assert problem.location.path in files
        assert problem.location.json_path is not None and problem.location.json_path.startswith("$")
        assert problem.severity is rule.severity and problem.message
