"""The ``junit`` report as a CI service reads it: a testcase per file and rule, counts that add up, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from katalog_sop.problem import Severity
from katalog_sop.reporters import REPORTERS
from katalog_sop.reporters.junit import as_junit
from katalog_sop.reporters.text import format_line

from reporters.helpers import EXEMPTED, check_files, seeds


def junit(result) -> ET.Element:
    """The report parsed as a CI service reads the file: bytes, with their declaration."""
    text = as_junit(result)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    found = {(case.get("classname"), case.get("name")): case for case in root.iter("testcase")}
    assert len(found) == len(list(root.iter("testcase"))), "a (file, rule) testcase is listed twice"
    return found


def outcome(case: ET.Element) -> str:
    kinds = [child.tag for child in case if child.tag != "system-out"]
    assert len(kinds) <= 1
    return kinds[0] if kinds else "passed"


def assert_counts_add_up(root: ET.Element) -> None:
    outcomes = Counter(outcome(case) for case in root.iter("testcase"))
    expected = {
        "tests": str(sum(outcomes.values())),
        "failures": str(outcomes["failure"]),
        "skipped": str(outcomes["skipped"]),
        "errors": "0",
    }
    suite = root.find("testsuite")
    assert root.tag == "testsuites" and len(root.findall("testsuite")) == 1
    assert suite.get("name") == "katalog-sop"
    for element in (root, suite):
        assert {key: element.get(key) for key in expected} == expected


def test_registered_as_junit():
    assert REPORTERS["junit"] is as_junit


def test_seeds_every_rule_of_every_built_file_is_a_testcase():
    result = seeds()
    root = junit(result)
    assert_counts_add_up(root)
    found = cases(root)
    built = [f.source.display for f in result.files if f.sop is not None]
    assert built and {(path, rule.id) for path in built for rule in result.rules} <= set(found)
    for (path, name), case in found.items():
        problems = [p for p in result.problems if (p.location.path, p.code) == (path, name)]
        failing = [p for p in problems if p.counts and p.severity is not Severity.INFO]
        failure = case.find("failure")
        if not failing:
            assert failure is None
            continue
        assert failure.text.split("\n") == [format_line(p) for p in failing]
        assert failure.get("type") == ("error" if any(p.is_error for p in failing) else "warning")
        if len(failing) == 1:
            assert failure.get("message") == failing[0].message
    assert Counter(outcome(case) for case in found.values())["failure"] > 0


def test_passed_failed_skipped_and_info(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = junit(check_files(tmp_path, {"unit/contoh.yaml": EXEMPTED}))
    assert_counts_add_up(root)
    found = {name: case for (path, name), case in cases(root).items() if path == "sops/unit/contoh.yaml"}
    assert {name: outcome(case) for name, case in found.items()} == {
        "SOPAP-I01": "failure",
        "SOPAP-I02": "skipped",
        "SOPAP-K01": "passed",
        "SOPAP-M02": "skipped",
        "SOPAP-M03": "failure",
        "SOPAP-W01": "passed",  # info never fails
    }
    assert found["SOPAP-I01"].find("failure").get("type") == "error"
    warning = found["SOPAP-M03"].find("failure")
    assert warning.get("type") == "warning"
    assert warning.get("message") == "2 temuan; yang pertama: langkah 1 tanpa output (mutu baku)"
    assert len(warning.text.split("\n")) == 2
    reason = 'dikecualikan: nomor menunggu <register> & "tata naskah"'
    assert found["SOPAP-I02"].find("skipped").get("message") == reason
    assert found["SOPAP-M02"].find("skipped").get("message") == "dikecualikan: waktu belum diukur"
    assert "[dikecualikan: waktu belum diukur]" in found["SOPAP-M02"].find("system-out").text
    assert "info[SOPAP-W01] waktu langkah 2 (40 hari)" in found["SOPAP-W01"].find("system-out").text
    assert root.find("testsuite/properties/property[@name='today']").get("value") == "2026-11-20"


def test_markup_quotes_and_control_characters_survive(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {
        # A pelaksana name that is not listed: the reference error quotes it.
        "unit/rujukan.yaml": (
            "nama: R\npelaksana: [A]\nlangkah:\n  - kegiatan: Menerima surat\n"
            '    pelaksana: "<B> & \\"C\\" \\x07\\x1b"\n'
        ),
        "unit/alasan.yaml": EXEMPTED.replace("waktu belum diukur", '"waktu </skipped> \\x01 belum diukur"'),
    }
    root = junit(check_files(tmp_path, files))
    assert_counts_add_up(root)
    found = cases(root)
    # The file with an error was not built: only its structural check is a testcase.
    assert [name for path, name in found if path == "sops/unit/rujukan.yaml"] == ["reference"]
    failure = found[("sops/unit/rujukan.yaml", "reference")].find("failure")
    message = "pelaksana '<B> & \"C\" \\x07\\x1b' tidak ada dalam daftar pelaksana"
    assert failure.get("message") == message
    assert failure.text == f"sops/unit/rujukan.yaml:5:16: error[reference] {message} (at $.langkah[0].pelaksana)"
    skipped = found[("sops/unit/alasan.yaml", "SOPAP-M02")].find("skipped")
    assert skipped.get("message") == "dikecualikan: waktu </skipped> \\x01 belum diukur"


def test_a_file_that_does_not_parse_is_one_failing_testcase(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = junit(check_files(tmp_path, {"unit/sintaks.yaml": "nama: [tidak ditutup\n"}))
    assert_counts_add_up(root)
    (key, case), = cases(root).items()
    assert key == ("sops/unit/sintaks.yaml", "yaml")
    assert case.find("failure").get("type") == "error"
