"""A bounded text-level mutation fuzz of the SOP files: no mutated file may crash, mislead or break the site.

The engine is ``benchmarks/fuzz_sources.py`` (run it there for any number of
cases); here a fixed, deterministic set of cases runs on every test run, and
every counter must be zero. A failure prints how to reproduce each case.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import fuzz_sources  # noqa: E402

SEED = 12
CASES = 300


def test_no_mutated_sop_file_crashes_misleads_or_breaks_the_site(tmp_path):
    failures = fuzz_sources.run_cases(SEED, range(CASES), tmp_path, subprocess_every=80, site_every=40)
    counts = fuzz_sources.counts(failures)
    report = fuzz_sources.table(failures, CASES) + "\n" + fuzz_sources.reproducers(failures, SEED)
    assert counts == dict.fromkeys(fuzz_sources.COUNTERS, 0), report


def test_a_case_is_the_same_from_its_seed_and_number_alone():
    seeds = fuzz_sources.seed_files()
    first = fuzz_sources.make_case(SEED, 7, seeds)
    again = fuzz_sources.make_case(SEED, 7, list(seeds))
    assert (first.data, first.mutations, first.companion) == (again.data, again.mutations, again.companion)
    originals = {data for _, data in seeds}
    mutated = [fuzz_sources.make_case(SEED, number, seeds).data for number in range(50)]
    assert len(set(mutated)) > 45 and sum(data in originals for data in mutated) < 5


def test_the_seeds_are_the_catalogue_and_the_valid_examples():
    names = {name for name, _ in fuzz_sources.seed_files()}
    assert {"sekretariat/pengumpulan-data-kinerja.yaml", "valid/minimal.yaml"} <= names
    assert not any(name.startswith("invalid/") for name in names)


def test_every_mutator_is_used():
    seeds = fuzz_sources.seed_files()
    used = {m.split(":")[0] for n in range(300) for m in fuzz_sources.make_case(SEED, n, seeds).mutations}
    assert used == {mutator.__name__ for mutator in fuzz_sources.MUTATORS}


# The fuzz must see what it counts: each counter, planted in the tool, is found.


def _one_case(tmp_path, number=3):
    return fuzz_sources.counts(fuzz_sources.run_cases(SEED, [number], tmp_path))


def _accepted_case(tmp_path):
    """A case number whose catalogue the check accepts (its sheets and pages are made)."""
    seeds = fuzz_sources.seed_files()
    for number in range(100):
        case = fuzz_sources.make_case(SEED, number, seeds)
        target, _ = fuzz_sources.write_case(case, seeds, tmp_path / "probe")
        if fuzz_sources.accepted_result(target) is not None:
            return number
    pytest.fail("no accepted case among the first 100")


def test_a_crash_of_the_check_is_counted_as_a_traceback(tmp_path, monkeypatch):
    import katalog_sop.cli

    def crash(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(katalog_sop.cli, "check", crash)
    assert _one_case(tmp_path)["traceback"] == 1


def test_an_internal_error_is_counted(tmp_path, monkeypatch):
    import katalog_sop.check

    def crash(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(katalog_sop.check, "_check_file", crash)
    assert _one_case(tmp_path)["internal"] == 1


def test_a_problem_without_a_position_and_output_that_is_not_json_are_counted(tmp_path, monkeypatch):
    from katalog_sop.reporters import REPORTERS

    unplaced = {"path": "x", "line": 0, "column": 1, "severity": "error", "code": "schema", "message": "m", "json_path": None, "suppressed": None}
    monkeypatch.setitem(REPORTERS, "json", lambda result: json.dumps([unplaced]))
    monkeypatch.setitem(REPORTERS, "sarif", lambda result: "{")
    found = _one_case(tmp_path)
    assert (found["no position"], found["unparseable output"]) == (1, 1)


def test_a_line_past_the_end_of_the_file_is_counted(tmp_path, monkeypatch):
    from katalog_sop.problem import Location
    from katalog_sop.reporters import REPORTERS

    text = REPORTERS["text"]

    def far(result, color=False):
        moved = result.problems[0]._replace(location=Location(result.problems[0].location.path, 10**6, 1))
        return text(type(result)(result.files, result.catalogue, (moved,), result.rules, result.skipped, result.today))

    monkeypatch.setitem(REPORTERS, "text", far)
    assert _one_case(tmp_path)["no position"] == 1


def test_a_sheet_graphviz_cannot_draw_is_counted(tmp_path, monkeypatch):
    import katalog_sop.diagram.render as render

    number = _accepted_case(tmp_path)
    monkeypatch.setattr(render, "ENGINE", "false")
    monkeypatch.setattr(render, "graphviz_version", lambda: "none")
    assert _one_case(tmp_path, number)["cannot draw"] == 1


def test_markup_in_a_page_is_counted(tmp_path, monkeypatch):
    import katalog_sop.site.build as build

    number = _accepted_case(tmp_path)
    monkeypatch.setattr(build, "rules_page", lambda result, ctx: "<script>alert(1)</script>")
    assert _one_case(tmp_path, number)["unsafe output"] == 1


def test_a_control_character_printed_to_the_terminal_is_counted(tmp_path, monkeypatch):
    from katalog_sop.reporters import REPORTERS

    monkeypatch.setitem(REPORTERS, "github", lambda result: "\x1b[2J::notice::x\n")
    assert _one_case(tmp_path)["unsafe output"] == 1


def test_an_exit_code_that_contradicts_the_report_is_counted(tmp_path, monkeypatch):
    import katalog_sop.cli

    monkeypatch.setattr(katalog_sop.cli, "EXIT_PROBLEMS", 3)
    monkeypatch.setattr(katalog_sop.cli, "EXIT_OK", 1)
    assert _one_case(tmp_path)["exit code"] == 1


def test_a_case_over_its_time_is_counted(tmp_path, monkeypatch):
    import time

    import katalog_sop.cli

    real = katalog_sop.cli.check
    monkeypatch.setattr(katalog_sop.cli, "check", lambda *a, **k: (time.sleep(2), real(*a, **k))[1])
    found = fuzz_sources.counts(fuzz_sources.run_cases(SEED, [3], tmp_path, timeout=0.5))
    assert found["slow"] == 1


def test_a_site_that_does_not_build_is_counted(tmp_path):
    seeds = fuzz_sources.seed_files()
    case = fuzz_sources.make_case(SEED, 3, seeds)
    broken = fuzz_sources.Case(case.number, case.seed_name, b"nama: [\n", (), None)
    fuzz_sources.write_case(broken, seeds, tmp_path)
    outcome = fuzz_sources.Outcome()
    fuzz_sources.build_site(broken, tmp_path, outcome, timeout=60)
    assert [failure.counter for failure in outcome.failures] == ["cannot draw"]


@pytest.mark.parametrize(
    "html",
    [
        '<p><img src="x" onerror="alert(1)"></p>',
        "<div><script>alert(1)</script></div>",
        '<a href=" javascript:alert(1)">x</a>',
        "<style>*{display:none}</style>",
    ],
)
def test_live_markup_in_a_built_page_is_found(html):
    parser = fuzz_sources._LiveMarkup()
    parser.feed(html)
    assert parser.found


def test_escaped_markup_in_a_built_page_is_text():
    parser = fuzz_sources._LiveMarkup()
    parser.feed("<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert parser.found == []
