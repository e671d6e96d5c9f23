"""File names and SOP text that try to drive a terminal, forge report lines or break an output's encoding.

Whatever string a reporter is given (a path with escape sequences, line
breaks, bidi overrides, or a byte that is not UTF-8 kept as a lone
surrogate), what it writes is valid UTF-8 in its format, a human-readable
line never carries a control character, and no text from a file can start
a line of its own.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from katalog_sop.check import check
from katalog_sop.problem import Location, Problem, Severity
from katalog_sop.reporters import REPORTERS, as_github, as_json, as_junit, as_sarif, as_text, format_line, summary

from conftest import MINIMAL
from reporters.helpers import TODAY, seeds

ESC_CLEAR = "\x1b[2J\x1b[H"
FORGED = "\nsops/palsu.yaml:1:1: error[schema] palsu"
WORKFLOW = "\n::error file=palsu.yaml::palsu"
HOSTILE = (
    f"unit/x{ESC_CLEAR}\r{FORGED}{WORKFLOW}\r\n\x9b31m\u202ekiri\u2066\u2028\u2029\x85\x0b\x0c\x00\x07\x7f"
    "\udcff\ud800\ufffe.yaml"
)
"""Every character a terminal, a CI log or an encoder treats as more than text, in one file name."""

NOT_TEXT = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""What a terminal or a log viewer would act on, or what UTF-8 cannot carry."""


def hostile_result(path: str = f"sops/{HOSTILE}"):
    """A check result with problems at a hostile path, one of them suppressed with a hostile reason."""
    problems = (
        Problem(Location(path, 3, 7, f"$['{HOSTILE}']"), Severity.ERROR, "schema", f"pesan {HOSTILE}"),
        Problem(Location(path, 4, 1), Severity.WARNING, "SOPAP-K01", "peringatan", suppressed=f"alasan {HOSTILE}"),
        Problem(Location(path, 5, 1), Severity.INFO, "SOPAP-W01", "info"),
    )
    return dataclasses.replace(seeds(), problems=problems)


def assert_lines_are_text(output: str) -> list[str]:
    """The output is valid UTF-8, and no line holds a control character or a bidi override."""
    output.encode("utf-8")  # raises on a lone surrogate
    lines = output.split("\n")
    for line in lines:
        assert not NOT_TEXT.search(line), repr(line)
    return lines


def test_text_shows_a_hostile_file_name_escaped_and_every_line_is_one_problem():
    result = hostile_result()
    lines = [line for line in assert_lines_are_text(as_text(result)) if line]
    shown = lines[0].rsplit(" (", 1)[0]
    assert "\\x1b[2J\\x1b[H" in shown and "\\n" in shown and "\\r" in shown and "\\xff" in shown
    assert len(lines) == 1 + len(result.problems)
    assert all(line.startswith(f"{shown}:") for line in lines[1:])
    assert not any(line.startswith(("sops/palsu.yaml", "::")) for line in lines)


def test_format_line_escapes_the_path_the_json_path_and_the_reason():
    for problem in hostile_result().problems:
        line = format_line(problem, color=True)
        (plain,) = assert_lines_are_text(re.sub(r"\x1b\[[0-9]+m", "", line))  # only the colours are codes
        assert plain.startswith("sops/unit/x\\x1b[2J\\x1b[H\\r\\nsops/palsu.yaml")


def test_github_annotations_and_log_lines_cannot_forge_a_command_or_drive_the_log():
    result = hostile_result()
    lines = assert_lines_are_text(as_github(result).rstrip("\n"))
    counting = [p for p in result.problems if p.counts]
    assert len(lines) == len(result.problems) + len(summary(result).splitlines())
    assert [line.split(" ", 1)[0] for line in lines[: len(counting)]] == ["::error", "::notice"]
    assert all(not line.startswith("::") for line in lines[len(counting):])
    assert lines[len(counting)].startswith("dikecualikan: sops/unit/x\\x1b[2J")


def test_junit_is_well_formed_and_names_the_file_readably():
    text = as_junit(hostile_result())
    root = ET.fromstring(text.encode("utf-8"))
    classnames = {case.get("classname") for case in root.iter("testcase")}
    hostile = [name for name in classnames if name.startswith("sops/unit/x")]
    assert len(hostile) == 1 and not NOT_TEXT.search(hostile[0])
    assert "\\x1b[2J" in hostile[0] and "\\xff" in hostile[0]
    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert not NOT_TEXT.search(value.replace("\n", "")), repr(value)


def test_json_is_valid_utf8_and_keeps_every_character_it_can():
    text = as_json(hostile_result())
    records = json.loads(text.encode("utf-8"))
    path = records[0]["path"]
    # A program gets the name back as written where UTF-8 can carry it ...
    assert path.startswith(f"sops/unit/x{ESC_CLEAR}\r{FORGED}")
    # ... and a byte that is not UTF-8 as visible text, like every other output shows it.
    assert "\\xff" in path and "\\ud800" in path
    assert records[1]["suppressed"].startswith(f"alasan unit/x{ESC_CLEAR}")


def test_sarif_is_valid_utf8_and_points_at_the_real_bytes_of_the_name():
    text = as_sarif(hostile_result("sops/unit-" + os.fsdecode(b"\xff\xfe") + f"/{ESC_CLEAR}.yaml"))
    log = json.loads(text.encode("utf-8"))
    (result, *_) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote_to_bytes(uri) == b"sops/unit-\xff\xfe/\x1b[2J\x1b[H.yaml"
    assert "\\ud800" in result["message"]["text"] and "\\xff" in result["message"]["text"]


def test_a_name_with_a_surrogate_no_byte_stands_for_still_makes_a_sarif_uri():
    log = json.loads(as_sarif(hostile_result()).encode("utf-8"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and "%5Cud800" in uri


# --- through the real command --------------------------------------------------------------------------


@pytest.fixture
def hostile_catalogue(tmp_path) -> Path:
    """A catalogue whose file names carry escape sequences, forged lines and a byte that is not UTF-8."""
    (tmp_path / "sops" / "unit").mkdir(parents=True)
    # No "/" in a name: the forged line names a file in the working folder.
    (tmp_path / "sops" / "unit" / f"x{ESC_CLEAR}\r\npalsu.yaml:1:1: error[schema] palsu{WORKFLOW}\u202e.yaml").write_text(
        "nama: [tidak ditutup\n", encoding="utf-8"
    )
    folder = tmp_path / "sops" / os.fsdecode(b"unit-\xff\xfe")
    folder.mkdir()
    (folder / "sop.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


def test_sarif_uris_name_the_files_checked_whatever_their_names_hold(hostile_catalogue, monkeypatch):
    monkeypatch.chdir(hostile_catalogue)
    result = check(["sops"], today=TODAY)
    run = json.loads(as_sarif(result).encode("utf-8"))["runs"][0]
    uris = [artifact["location"]["uri"] for artifact in run["artifacts"]]
    uris += [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert len(set(uris)) == 2
    for uri in uris:
        assert uri.isascii() and (hostile_catalogue / os.fsdecode(unquote_to_bytes(uri))).is_file(), uri


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_every_format_of_sop_check_on_hostile_names(hostile_catalogue, output_format):
    done = subprocess.run(
        [sys.executable, "-m", "katalog_sop", "check", "--format", output_format, "sops"],
        cwd=hostile_catalogue, env={**os.environ, "PYTHONWARNINGS": "error"}, capture_output=True, timeout=120,
    )
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict: valid UTF-8
    assert "Traceback" not in stderr
    if output_format in ("text", "github"):
        lines = assert_lines_are_text(stdout.rstrip("\n"))
        assert not any(line.startswith(("palsu.yaml", "::error file=palsu")) for line in lines)
        assert any("unit-\\xff\\xfe/sop.yaml" in line for line in lines)
    elif output_format == "junit":
        ET.fromstring(done.stdout)
    else:
        json.loads(stdout)
