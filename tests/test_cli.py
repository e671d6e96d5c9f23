"""The `sop` command as a user runs it: output formats and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from katalog_sop.cli import main
from katalog_sop.reporters import JSON_KEYS

from conftest import MINIMAL, REPO

EXAMPLES = REPO / "tests" / "examples"


def sop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command in a fresh process, as a user would."""
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "katalog_sop", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def catalogue(tmp_path):
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    (folder / "baik.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


def test_console_script_is_installed():
    script = shutil.which("sop", path=str(Path(sys.executable).parent)) or shutil.which("sop")
    assert script, "the 'sop' console script is not installed"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("sop ")


STRUCTURE_ONLY = ("--ignore", "SOPAP")  # every rule id starts so: the structural checks alone


def test_clean_catalogue_exits_0_and_defaults_to_sops(catalogue):
    result = sop("check", *STRUCTURE_ONLY, cwd=catalogue)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "1 berkas SOP diperiksa, 0 aturan: 0 galat, 0 peringatan, 0 info.\n"


def test_errors_exit_1_with_one_line_each(catalogue):
    (catalogue / "sops" / "unit" / "buruk.yaml").write_text(
        "nama: Buruk\npelaksana: [A]\nlangkah:\n  - kegiatan: K\n    pelaksana: B\n", encoding="utf-8"
    )
    result = sop("check", "sops", *STRUCTURE_ONLY, cwd=catalogue)
    assert result.returncode == 1
    assert result.stdout == (
        "sops/unit/buruk.yaml (1 galat)\n"
        "sops/unit/buruk.yaml:5:16: error[reference] pelaksana 'B' tidak ada dalam daftar pelaksana"
        " (at $.langkah[0].pelaksana)\n"
    )
    assert result.stderr == "2 berkas SOP diperiksa, 0 aturan: 1 galat, 0 peringatan, 0 info.\n"


def test_warnings_alone_exit_0_unless_strict(catalogue):
    (catalogue / "sops" / "unit" / "waktu.yaml").write_text(
        "nama: W\npelaksana: [A]\nlangkah: [{kegiatan: K, pelaksana: A, waktu: 2 jm}]\n", encoding="utf-8"
    )
    relaxed = sop("check", *STRUCTURE_ONLY, cwd=catalogue)
    assert relaxed.returncode == 0
    assert "warning[duration]" in relaxed.stdout
    strict = sop("check", "--strict", *STRUCTURE_ONLY, cwd=catalogue)
    assert strict.returncode == 1
    assert strict.stdout == relaxed.stdout


def test_json_format_has_exactly_the_documented_keys():
    result = sop("check", "--format", "json", "tests/examples/invalid")
    assert result.returncode == 1
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert len(records) >= 15
    assert all(tuple(record) == JSON_KEYS for record in records)
    first = next(r for r in records if r["path"].endswith("unknown-top-key.yaml"))
    assert first == {
        "path": "tests/examples/invalid/unknown-top-key.yaml",
        "line": 6,
        "column": 1,
        "severity": "error",
        "code": "schema",
        "message": "kunci tidak dikenal 'nama_sop'; mungkin maksudnya 'nama'?",
        "json_path": "$.nama_sop",
        "suppressed": None,
    }
    syntax = next(r for r in records if r["path"].endswith("syntax-error.yaml"))
    assert syntax["json_path"] is None
    assert records == sorted(records, key=lambda r: (r["path"], r["line"], r["column"]))


def test_json_of_a_clean_catalogue_is_an_empty_array(catalogue):
    result = sop("check", "--format", "json", *STRUCTURE_ONLY, cwd=catalogue)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_text_lines_follow_the_documented_shape():
    result = sop("check", "tests/examples/invalid")
    assert result.returncode == 1
    blocks = result.stdout.split("\n\n")
    header = re.compile(r"^tests/examples/invalid/[\w.-]+\.yaml \(\d+ (galat|peringatan)(, \d+ \w+)*\)$")
    assert all(header.match(block.splitlines()[0]) for block in blocks)
    lines = [line for block in blocks for line in block.splitlines()[1:]]
    assert len(lines) >= 15
    shape = re.compile(r"^tests/examples/invalid/[\w.-]+\.yaml:\d+:\d+: (error|warning|info)\[([a-z]+|SOPAP-[A-Z]\d\d)\] \S.*$")
    assert [line for line in lines if not shape.match(line)] == []
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))


def test_no_traceback_for_any_bad_input():
    result = sop("check", "tests/examples/invalid", "tests/examples/valid")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_path_exits_2(catalogue):
    result = sop("check", "sops", "tidak-ada", cwd=catalogue)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "sop check: galat: path tidak ditemukan: tidak-ada\n"


def test_missing_default_folder_exits_2(tmp_path):
    result = sop("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "sop check: galat: path tidak ditemukan: sops\n"


@pytest.mark.parametrize("args", [["check", "--bogus"], ["check", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2(args):
    result = sop(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("usage: sop")


def test_main_can_be_called_in_process(catalogue, monkeypatch, capsys):
    monkeypatch.chdir(catalogue)
    assert main(["check", *STRUCTURE_ONLY]) == 0
    assert main(["check", *STRUCTURE_ONLY, str(EXAMPLES / "invalid" / "bad-nip.yaml")]) == 0
    assert main(["check", *STRUCTURE_ONLY, "--strict", str(EXAMPLES / "invalid" / "bad-nip.yaml")]) == 1
    out = capsys.readouterr().out
    assert out.count("warning[nip]") == 2
