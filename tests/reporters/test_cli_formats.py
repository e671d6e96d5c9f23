"""Every ``--format`` through the real command: output a program can read, and the same exit code."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from katalog_sop.reporters import REPORTERS

from conftest import MINIMAL, REPO

FORMATS = sorted(REPORTERS)


def sop(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run the command in a fresh process, as a user or a CI step would."""
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "katalog_sop", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


@functools.cache
def seeds(output_format: str) -> subprocess.CompletedProcess:
    return sop("check", "--format", output_format, "--today", "2026-11-20", "sops")


def readable(output_format: str, stdout: str) -> None:
    """The output parses as its format says."""
    if output_format == "sarif":
        assert json.loads(stdout)["version"] == "2.1.0"
    elif output_format == "junit":
        assert ET.fromstring(stdout.encode("utf-8")).tag == "testsuites"
    elif output_format == "github":
        assert stdout.splitlines()[-1].startswith("5 berkas SOP diperiksa")
    elif output_format == "json":
        assert isinstance(json.loads(stdout), list)


def test_the_help_names_every_format():
    result = sop("check", "--help")
    assert result.returncode == 0
    assert all(name in result.stdout for name in FORMATS)


@pytest.mark.parametrize("output_format", FORMATS)
def test_seeds_exit_code_does_not_depend_on_the_format(output_format):
    result = seeds(output_format)
    assert "Traceback" not in result.stderr
    assert result.returncode == seeds("text").returncode == 1, result.stderr
    readable(output_format, result.stdout)


@pytest.mark.parametrize("output_format", ["sarif", "junit", "github"])
def test_a_clean_catalogue_exits_0_in_every_format(output_format, tmp_path):
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    (folder / "baik.yaml").write_text(MINIMAL, encoding="utf-8")
    result = sop("check", "--format", output_format, "--ignore", "SOPAP", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    if output_format == "sarif":
        assert json.loads(result.stdout)["runs"][0]["results"] == []
    elif output_format == "junit":
        assert ET.fromstring(result.stdout.encode("utf-8")).get("failures") == "0"
    else:
        assert result.stdout == "1 berkas SOP diperiksa, 0 aturan: 0 galat, 0 peringatan, 0 info.\n"
