"""The ``sarif`` report as a code-scanning service reads it: valid SARIF 2.1.0, every result tied to its rule."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import unquote

import jsonschema
import pytest

from katalog_sop import __version__
from katalog_sop.check import check
from katalog_sop.problem import Severity
from katalog_sop.reporters import REPORTERS
from katalog_sop.reporters.sarif import SCHEMA_URI, SRCROOT, STRUCTURAL, as_sarif
from katalog_sop.rules import RULES

from conftest import MINIMAL, REPO
from reporters.helpers import EXEMPTED, TODAY, check_files, seeds
from reporters.sarif_spec import SARIF_2_1_0

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(result) -> dict:
    """The report, parsed, after checking it against the SARIF 2.1.0 requirements."""
    log = json.loads(as_sarif(result))
    jsonschema.Draft7Validator(SARIF_2_1_0).validate(log)
    return log


def run_of(result) -> dict:
    return sarif(result)["runs"][0]


def test_the_spec_schema_is_a_valid_draft_07_schema():
    jsonschema.Draft7Validator.check_schema(SARIF_2_1_0)
    with pytest.raises(jsonschema.ValidationError):  # it does reject: a level SARIF does not know
        bad = json.loads(as_sarif(seeds()))
        bad["runs"][0]["results"][0]["level"] = "info"
        jsonschema.Draft7Validator(SARIF_2_1_0).validate(bad)


def test_registered_as_sarif():
    assert REPORTERS["sarif"] is as_sarif


def test_seeds_are_one_run_of_the_tool():
    result = seeds()
    log = sarif(result)
    assert (log["$schema"], log["version"], len(log["runs"])) == (SCHEMA_URI, "2.1.0", 1)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("katalog-sop", __version__)
    assert "informationUri" not in driver
    assert run["invocations"][0]["executionSuccessful"] is True  # errors found: the tool itself ran fine
    assert len(run["results"]) == len(result.problems) > 0
    assert [a["location"]["uri"] for a in run["artifacts"]] == [f.source.display for f in result.files]


def test_every_result_points_at_its_rule_with_the_right_level():
    result = seeds()
    run = run_of(result)
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    assert [r["id"] for r in rules[: len(result.rules)]] == [rule.id for rule in result.rules]
    for problem, found in zip(result.problems, run["results"], strict=True):
        assert rules[found["ruleIndex"]]["id"] == found["ruleId"] == problem.code
        assert found["level"] == LEVELS[problem.severity]
        assert found["message"]["text"] == problem.message
        physical = found["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": problem.location.path, "uriBaseId": SRCROOT}
        assert physical["region"] == {"startLine": problem.location.line, "startColumn": problem.location.column}
        logical = found["locations"][0].get("logicalLocations")
        json_path = problem.location.json_path
        assert logical == ([{"fullyQualifiedName": json_path}] if json_path else None)
        assert "suppressions" not in found


def test_each_rule_carries_its_documentation_and_configured_level():
    result = seeds()
    described = {r["id"]: r for r in run_of(result)["tool"]["driver"]["rules"]}
    for rule in result.rules:
        descriptor = described[rule.id]
        assert descriptor["name"] == rule.slug
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.clause
        assert descriptor["help"]["text"] == rule.prose
        assert rule.id in descriptor["help"]["markdown"] and "``" not in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity]
        assert descriptor["properties"]["tag"] == rule.tag
        assert descriptor["properties"]["scope"] == rule.scope
        assert rule.tag in descriptor["properties"]["tags"]


def test_a_configured_severity_is_the_default_level(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quiet = dataclasses.replace(RULES["SOPAP-I01"], severity=Severity.INFO)
    run = run_of(check_files(tmp_path, {"unit/contoh.yaml": MINIMAL}, rules=[quiet]))
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "note"}
    assert [r["level"] for r in run["results"]] == ["note"]


def test_suppressed_findings_carry_the_authors_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_of(check_files(tmp_path, {"unit/contoh.yaml": EXEMPTED}))
    found = [(r["ruleId"], r["level"], r.get("suppressions")) for r in run["results"]]
    assert sorted(found, key=str) == [
        ("SOPAP-I01", "error", None),
        ("SOPAP-I02", "error", [{"kind": "inSource", "justification": 'nomor menunggu <register> & "tata naskah"'}]),
        ("SOPAP-M02", "warning", [{"kind": "inSource", "justification": "waktu belum diukur"}]),
        ("SOPAP-M03", "warning", None),
        ("SOPAP-M03", "warning", None),
        ("SOPAP-W01", "note", None),
    ]


def test_structural_checks_are_described_rules_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {
        "unit/rujukan.yaml": "nama: R\npelaksana: [A]\nlangkah:\n  - kegiatan: Menerima surat\n    pelaksana: B\n",
        "unit/sintaks.yaml": "nama: [tidak ditutup\n",
    }
    result = check_files(tmp_path, files)
    run = run_of(result)
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.id for rule in result.rules] + ["reference", "yaml"]
    for descriptor in rules[-2:]:
        assert descriptor["name"] == descriptor["id"]
        assert descriptor["shortDescription"]["text"] == STRUCTURAL[descriptor["id"]][0]
        assert descriptor["defaultConfiguration"] == {"level": "error"}
        assert "struktur" in descriptor["properties"]["tags"]
    reference, syntax = run["results"]
    assert rules[reference["ruleIndex"]]["id"] == "reference"
    assert reference["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "$.langkah[0].pelaksana"}]
    assert rules[syntax["ruleIndex"]]["id"] == "yaml"
    assert "logicalLocations" not in syntax["locations"][0]  # a syntax error names no node


def test_every_pipeline_stage_code_has_a_description():
    source = "".join(path.read_text(encoding="utf-8") for path in (REPO / "tools" / "katalog_sop").glob("*.py"))
    codes = set(re.findall(r'^CODE(?:_[A-Z]+)? = "([^"]+)"$', source, re.MULTILINE))
    assert codes and codes == set(STRUCTURAL)
    assert not codes & set(RULES)


def test_paths_are_relative_uris_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check_files(tmp_path, {"unit dua/a b%#:c.yaml": MINIMAL})
    run = run_of(result)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"sops/unit%20dua/a%20b%25%23%3Ac.yaml"} == {a["location"]["uri"] for a in run["artifacts"]}
    assert unquote(uris.pop()) == result.files[0].source.display


def test_a_path_given_as_absolute_is_a_file_uri(tmp_path):
    folder = tmp_path / "sops" / "unit dua"
    folder.mkdir(parents=True)
    (folder / "contoh.yaml").write_text(MINIMAL, encoding="utf-8")
    run = run_of(check([str(folder / "contoh.yaml")], today=TODAY))
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (folder / "contoh.yaml").as_uri()}
    assert location["uri"].startswith("file:///") and "%20" in location["uri"]
