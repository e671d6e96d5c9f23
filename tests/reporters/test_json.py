"""The ``json`` reporter: every value survives exactly, one object per line."""

from __future__ import annotations

import dataclasses
import json

from katalog_sop.problem import Location, Problem, Severity
from katalog_sop.reporters.json import JSON_KEYS, as_json

from .helpers import seeds

NASTY = 'kutip " garis \\ miring </script> {{x}} tab\t baris\nbaru \x01 \u2028 é 漢 😀'


def test_nasty_text_reads_back_exactly_as_the_standard_library_writes_it():
    problems = (
        Problem(Location(f"sops/{NASTY}.yaml", 3, 7, f"$['{NASTY}']"), Severity.WARNING, "SOPAP-K03", NASTY, NASTY),
        Problem(Location("sops/b.yaml"), Severity.ERROR, "yaml", "rusak"),
    )
    result = dataclasses.replace(seeds(), problems=problems)
    text = as_json(result)
    lines = text.rstrip("\n").split("\n")
    assert "\u2028" not in text  # written as an escape: a raw one breaks lines in some log viewers
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 2 + len(problems)
    expected = [
        {"path": f"sops/{NASTY}.yaml", "line": 3, "column": 7, "severity": "warning", "code": "SOPAP-K03",
         "message": NASTY, "json_path": f"$['{NASTY}']", "suppressed": NASTY},
        {"path": "sops/b.yaml", "line": 1, "column": 1, "severity": "error", "code": "yaml",
         "message": "rusak", "json_path": None, "suppressed": None},
    ]
    assert json.loads(text) == expected
    assert [list(record) for record in json.loads(text)] == [list(JSON_KEYS)] * 2
    standard = [json.dumps(record, ensure_ascii=False).replace("\u2028", "\\u2028") for record in expected]
    assert lines[1:-1] == [line + "," for line in standard[:-1]] + standard[-1:]


def test_no_problems_is_an_empty_array():
    assert as_json(dataclasses.replace(seeds(), problems=())) == "[]\n"


def test_characters_a_terminal_acts_on_are_escapes_and_read_back_the_same():
    text = "awal\x7f\x85\x9b[2J\u202ekebalik\u2066\u200f\u061c\u2029\uffffakhir"
    problems = (Problem(Location("sops/a.yaml", 1, 1, "$"), Severity.ERROR, "schema", text),)
    written = as_json(dataclasses.replace(seeds(), problems=problems))
    assert json.loads(written)[0]["message"] == text
    assert not any(char in written for char in "\x7f\x85\x9b\u202e\u2066\u200f\u061c\u2029\uffff")


def test_a_delete_in_an_otherwise_plain_ascii_report_is_still_escaped():
    # DEL is the one ASCII character a terminal acts on that the JSON encoder leaves raw
    problems = (Problem(Location("sops/a.yaml", 1, 1, "$"), Severity.ERROR, "schema", "hapus\x7fini"),)
    written = as_json(dataclasses.replace(seeds(), problems=problems))
    assert "\x7f" not in written and json.loads(written)[0]["message"] == "hapus\x7fini"
