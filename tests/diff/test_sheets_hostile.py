"""`sop diff --sheets` on hostile SOP text: every sheet is written, well-formed and inert, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import MINIMAL
from diagram.test_hostile import assert_inert, drawn_lines

QUOTE_AFTER_BACKSLASH = 'Menerima \\"URL=<javascript:alert(1)>];//'
CONTROL = "Mencatat\x00NUL\x1b[31m\x07\x7f\x9b\u202ekebalik"
SVG = "{http://www.w3.org/2000/svg}"


def _sop(*args: str, env: dict | None = None, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "katalog_sop", *args],
        cwd=cwd, env=env or {**os.environ, "PYTHONWARNINGS": "error"}, capture_output=True, text=True, timeout=120,
    )


def _versions(tmp_path: Path, kegiatan: str) -> tuple[Path, Path]:
    """One SOP before and after an edit that puts ``kegiatan`` into its first step, its pelaksana and its name."""
    old, new = tmp_path / "lama.yaml", tmp_path / "baru.yaml"
    old.write_text(MINIMAL, encoding="utf-8")
    value = json.dumps(kegiatan)  # a JSON string is a YAML double-quoted scalar
    new.write_text(
        MINIMAL.replace("nama: Contoh SOP", f"nama: {value}")
        .replace("Menerima surat masuk", value)
        .replace("[Sekretaris, Kepala Bagian]", f"[Sekretaris, Kepala Bagian, {value}]"),
        encoding="utf-8",
    )
    return old, new


@pytest.mark.parametrize("kegiatan", [QUOTE_AFTER_BACKSLASH, CONTROL], ids=["quote after backslash", "control characters"])
def test_sheets_of_hostile_text_are_written_well_formed_and_inert(kegiatan, tmp_path):
    old, new = _versions(tmp_path, kegiatan)
    done = _sop("diff", str(old), str(new), "--sheets", "lembar", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    written = sorted((tmp_path / "lembar").rglob("*.svg"))
    assert [p.name for p in written] == ["sebelum-1.svg", "sesudah-1.svg"]
    after = written[1].read_text(encoding="utf-8")
    assert_inert(after)
    root = ET.fromstring(after.encode("utf-8"))  # well-formed XML, or this raises
    shown = drawn_lines(after)
    if kegiatan == CONTROL:
        kegiatan = "Mencatat\u2400NUL\u241b[31m\u2407\u2421\ufffd\ufffdkebalik"
        assert root.find(f"{SVG}g/{SVG}title").text.startswith(kegiatan)
    joined = "".join(shown)  # the kegiatan may wrap in its cell
    assert "".join(kegiatan.split()) in "".join(joined.split()).replace("-", "") or kegiatan in shown


def test_without_graphviz_sheets_fail_with_a_message_not_a_traceback(tmp_path):
    old, new = _versions(tmp_path, "Menerima surat")
    bare = tmp_path / "bin"
    bare.mkdir()
    git = shutil.which("git")
    if git:
        (bare / "git").symlink_to(git)
    env = {**os.environ, "PYTHONWARNINGS": "error", "PATH": str(bare)}
    done = _sop("diff", str(old), str(new), "--sheets", "lembar", env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "sop diff: galat: Graphviz tidak ditemukan" in done.stderr


def test_the_names_of_sheets_written_are_one_plain_line_each(tmp_path):
    unit = "unit\x1b[2J\x1b]8;;https://contoh.invalid\x07\nlembar/palsu.svg\u202e"
    for side, kegiatan in (("lama", "Menerima surat masuk"), ("baru", "Menerima surat")):
        folder = tmp_path / side / unit
        folder.mkdir(parents=True)
        (folder / "sop.yaml").write_text(MINIMAL.replace("Menerima surat masuk", kegiatan), encoding="utf-8")
    done = _sop("diff", "lama", "baru", "--sheets", "lembar", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = sorted((tmp_path / "lembar").rglob("*.svg"))
    assert [p.name for p in written] == ["sebelum-1.svg", "sesudah-1.svg"]
    lines = done.stderr.splitlines()
    assert len(lines) == 2, "one line per file written, whatever its name holds"
    assert not any(c in done.stderr for c in "\x1b\x07\u202e")
    assert all(line.startswith("lembar/unit") and line.endswith(".svg") for line in lines)
