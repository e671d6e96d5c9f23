"""`sop render` as a user runs it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

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


MINIMAL_SOP = "tests/examples/valid/minimal.yaml"
MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_the_format_comes_from_the_output_file_name(fmt, tmp_path):
    out = tmp_path / f"lihat.{fmt.upper() if fmt == 'pdf' else fmt}"
    result = sop("render", MINIMAL_SOP, "-o", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(MAGIC[fmt])


@pytest.mark.parametrize(
    "name, fmt",
    [("lihat.png", "svg"), ("lihat.svg", "png"), ("lihat.pdf", "svg"), ("lihat.jpg", None), ("lihat.svg.txt", "svg")],
)
def test_a_format_that_does_not_match_the_file_name_is_refused(name, fmt, tmp_path):
    out = tmp_path / name
    result = sop("render", MINIMAL_SOP, "-o", str(out), "--no-cache", *(["--format", fmt] if fmt else []))
    assert result.returncode == 2
    assert result.stderr.startswith("sop render: galat: ") and "Traceback" not in result.stderr
    assert name in result.stderr and ".svg" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_name_without_extension_takes_the_format_given(tmp_path):
    out = tmp_path / "lembar"
    result = sop("render", MINIMAL_SOP, "-o", str(out), "--format", "png", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(MAGIC["png"])


def test_several_png_pages_go_to_numbered_png_files(tmp_path):
    out = tmp_path / "dinas.png"
    result = sop("render", DINAS, "-o", str(out), "--max-rows", "4", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dinas-1.png", "dinas-2.png", "dinas-3.png"]
    assert all(p.read_bytes().startswith(MAGIC["png"]) for p in tmp_path.iterdir())


HOSTILE = 'Menerima \\"URL=<javascript:alert(1)>];// \x00\x1b[31m\u202e'


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_hostile_text_draws_in_every_format(fmt, tmp_path):
    source = tmp_path / "sop.yaml"
    source.write_text(
        f"nama: {json.dumps(HOSTILE)}\npelaksana: [{json.dumps(HOSTILE)}]\nlangkah:\n"
        f"  - kegiatan: {json.dumps(HOSTILE)}\n    pelaksana: {json.dumps(HOSTILE)}\n"
        f"    cabang: [{{label: {json.dumps(HOSTILE)}, ke: 2}}, {{label: Tidak, ke: selesai}}]\n"
        f"  - kegiatan: Selesai\n    pelaksana: {json.dumps(HOSTILE)}\n",
        encoding="utf-8",
    )
    out = tmp_path / f"lembar.{fmt}"
    result = sop("render", str(source), "-o", str(out), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(MAGIC[fmt])
    if fmt == "svg":
        root = ET.parse(out).getroot()  # well-formed XML, or this raises
        for element in root.iter():
            assert element.tag.rsplit("}", 1)[-1] not in ("a", "script", "foreignObject")
            assert not any(k.rsplit("}", 1)[-1] == "href" or k.startswith("on") for k in element.attrib)
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert any(t and t.startswith("Menerima") for t in texts)


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "berkas").write_text("bukan folder")
    result = sop("render", MINIMAL_SOP, "-o", str(tmp_path / "berkas" / "x.svg"), "--no-cache")
    assert result.returncode == 2
    assert result.stderr.startswith("sop render: galat: ") and "Traceback" not in result.stderr


def test_a_cache_that_cannot_be_written_is_a_warning_and_the_sheet_is_drawn(tmp_path):
    (tmp_path / "berkas").write_text("bukan folder")
    out = tmp_path / "x.svg"
    result = sop("render", MINIMAL_SOP, "-o", str(out), "--cache", str(tmp_path / "berkas" / "cache"))
    assert result.returncode == 0, result.stderr
    assert "sop render: peringatan: cache lembar" in result.stderr
    assert ET.parse(out).getroot().tag == "{http://www.w3.org/2000/svg}svg"
