"""`sop render` as a user runs it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from test_cli import sop

from conftest import REPO

DINAS = "sops/dinas-tanpa-nama/pengukuran-kinerja.yaml"


def test_one_page_sheet_goes_to_the_named_file(tmp_path):
    out = tmp_path / "lembar.svg"
    result = sop("render", "tests/examples/valid/lengkap.yaml", "-o", str(out), "--cache", str(tmp_path / "c"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out.as_posix()}\n"
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_several_pages_go_to_numbered_files(tmp_path):
    out = tmp_path / "dinas.svg"
    result = sop("render", DINAS, "-o", str(out), "--max-rows", "4", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dinas-1.svg", "dinas-2.svg", "dinas-3.svg"]


def test_png_for_a_quick_look(tmp_path):
    out = tmp_path / "lihat.png"
    result = sop("render", "tests/examples/valid/minimal.yaml", "-o", str(out), "--format", "png", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_an_sop_with_errors_draws_nothing(tmp_path):
    out = tmp_path / "x.svg"
    result = sop("render", "tests/examples/invalid/bad-targets.yaml", "-o", str(out), "--no-cache")
    assert result.returncode == 1
    assert "error[reference]" in result.stdout
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_usage_errors(tmp_path):
    missing = sop("render", "tidak-ada.yaml", "-o", str(tmp_path / "x.svg"))
    assert (missing.returncode, missing.stderr) == (2, "sop render: galat: berkas tidak ditemukan: tidak-ada.yaml\n")
    onto_source = sop("render", DINAS, "-o", str(tmp_path / "x.yaml"))
    assert onto_source.returncode == 2 and "bukan berkas SOP" in onto_source.stderr
    assert (REPO / DINAS).read_text(encoding="utf-8").startswith("# yaml-language-server")
    bad_rows = sop("render", DINAS, "-o", str(tmp_path / "x.svg"), "--max-rows", "0")
    assert bad_rows.returncode == 2
