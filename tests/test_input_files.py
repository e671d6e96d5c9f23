"""Hostile and unlucky files in a catalogue: every file not taken is reported, nothing hangs or leaks."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from katalog_sop.check import check_contents, find_sop_files, sop_id_for
from katalog_sop.source import load_file

from conftest import MINIMAL, check_structure

SECRET = MINIMAL.replace("Contoh SOP", "Isi rahasia di luar katalog")


@contextlib.contextmanager
def at_most(seconds: int):
    """Fail, instead of hanging the test run, when the block takes longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def catalogue(tmp_path, monkeypatch) -> Path:
    """``sops/unit/baik.yaml`` under the current folder, and a folder outside the catalogue."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sops" / "unit").mkdir(parents=True)
    (tmp_path / "sops" / "unit" / "baik.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "luar").mkdir()
    (tmp_path / "luar" / "rahasia.yaml").write_text(SECRET, encoding="utf-8")
    return tmp_path


def _shown(result) -> list[tuple[str, int, int, str, str]]:
    return [(p.location.path, p.location.line, p.location.column, p.severity.value, p.code) for p in result.problems]


def _one_at(result, path: str):
    [problem] = [p for p in result.problems if p.location.path == path]
    assert (problem.location.line, problem.location.column) == (1, 1)
    assert problem.code == "file"
    return problem


# --- not regular files --------------------------------------------------------------------------


def test_a_fifo_in_the_catalogue_is_reported_not_opened(catalogue):
    os.mkfifo(catalogue / "sops" / "unit" / "pipa.yaml")
    with at_most(10):
        result = check_structure(["sops"])
    problem = _one_at(result, "sops/unit/pipa.yaml")
    assert problem.severity.value == "error"
    assert "bukan berkas biasa" in problem.message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_a_fifo_named_on_the_command_line_is_reported_not_opened(catalogue):
    os.mkfifo(catalogue / "sops" / "unit" / "pipa.yaml")
    with at_most(10):
        result = check_structure(["sops/unit/pipa.yaml", "sops/unit/baik.yaml"])
    assert "bukan berkas biasa" in _one_at(result, "sops/unit/pipa.yaml").message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_the_reader_never_blocks_on_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "pipa.yaml")
    with at_most(10):
        document, [problem] = load_file(tmp_path / "pipa.yaml", "pipa.yaml")
    assert document is None
    assert problem.message.startswith("berkas tidak dapat dibaca: bukan berkas biasa")


def test_a_device_is_never_read(catalogue):
    (catalogue / "sops" / "unit" / "nol.yaml").symlink_to("/dev/zero")
    with at_most(10):
        result = check_structure(["sops"])
    assert _one_at(result, "sops/unit/nol.yaml").severity.value == "error"


# --- links ------------------------------------------------------------------------------------------


def test_a_link_leaving_the_catalogue_is_refused_and_its_content_never_read(catalogue):
    (catalogue / "sops" / "unit" / "bocor.yaml").symlink_to(catalogue / "luar" / "rahasia.yaml")
    result = check_structure(["sops"])
    problem = _one_at(result, "sops/unit/bocor.yaml")
    assert problem.severity.value == "error"
    assert "tautan" in problem.message and "luar folder katalog" in problem.message
    assert list(result.catalogue.sops) == ["unit/baik"]
    assert not any("rahasia" in p.message for p in result.problems)


def test_a_relative_link_climbing_out_is_refused(catalogue):
    (catalogue / "sops" / "unit" / "bocor.yaml").symlink_to("../../luar/rahasia.yaml")
    result = check_structure(["sops/unit"])
    assert "luar folder katalog" in _one_at(result, "sops/unit/bocor.yaml").message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_a_link_leaving_is_refused_when_named_alone(catalogue):
    (catalogue / "sops" / "unit" / "bocor.yaml").symlink_to(catalogue / "luar" / "rahasia.yaml")
    result = check_structure(["sops/unit/bocor.yaml"])
    assert "luar folder katalog" in _one_at(result, "sops/unit/bocor.yaml").message
    assert list(result.catalogue.sops) == []


def test_a_folder_link_leaving_the_catalogue_is_refused(catalogue):
    (catalogue / "sops" / "bocor").symlink_to(catalogue / "luar")
    result = check_structure(["sops"])
    problem = _one_at(result, "sops/bocor")
    assert problem.severity.value == "error"
    assert "luar folder katalog" in problem.message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_a_folder_link_leaving_is_refused_when_named_alone(catalogue):
    (catalogue / "sops" / "bocor").symlink_to(catalogue / "luar")
    result = check_structure(["sops/bocor"])
    assert "luar folder katalog" in _one_at(result, "sops/bocor").message
    assert list(result.catalogue.sops) == []


def test_a_link_staying_inside_the_catalogue_is_followed(catalogue):
    (catalogue / "sops" / "lain").mkdir()
    (catalogue / "sops" / "lain" / "salinan.yaml").symlink_to("../unit/baik.yaml")
    result = check_structure(["sops"])
    assert result.problems == ()
    assert sorted(result.catalogue.sops) == ["lain/salinan", "unit/baik"]


def test_a_folder_link_staying_inside_is_reported_not_walked_twice(catalogue):
    (catalogue / "sops" / "alias").symlink_to("unit")
    result = check_structure(["sops"])
    problem = _one_at(result, "sops/alias")
    assert problem.severity.value == "warning"
    assert "sops/unit" in problem.message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_a_catalogue_folder_that_is_itself_a_link_is_read(tmp_path, monkeypatch):
    (tmp_path / "data" / "unit").mkdir(parents=True)
    (tmp_path / "data" / "unit" / "baik.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "sops").symlink_to(tmp_path / "data")
    monkeypatch.chdir(tmp_path / "repo")
    result = check_structure(["sops"])
    assert result.problems == ()
    assert list(result.catalogue.sops) == ["unit/baik"]


# --- names that are not taken, folders that cannot be read -------------------------------------------


@pytest.mark.parametrize("name, fixed", [("X.YAML", "X.yaml"), ("y.Yml", "y.yml"), ("z.yaml ", "z.yaml")])
def test_a_name_almost_an_sop_file_is_a_warning_saying_why(catalogue, name, fixed):
    (catalogue / "sops" / "unit" / name).write_text(MINIMAL, encoding="utf-8")
    result = check_structure(["sops"])
    problem = _one_at(result, f"sops/unit/{name}")
    assert problem.severity.value == "warning"
    assert problem.message.startswith("berkas tidak dibaca")
    assert f"'{fixed}'" in problem.message
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_other_files_and_hidden_ones_stay_unreported(catalogue):
    for name in ("catatan.txt", "README.md", "x.yaml.bak", ".tersembunyi.yaml", ".X.YAML"):
        (catalogue / "sops" / "unit" / name).write_text(MINIMAL, encoding="utf-8")
    (catalogue / "sops" / ".git").mkdir()
    (catalogue / "sops" / ".git" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    assert check_structure(["sops"]).problems == ()


def test_an_unreadable_folder_is_an_error_at_the_folder(catalogue, monkeypatch):
    (catalogue / "sops" / "terkunci").mkdir()
    (catalogue / "sops" / "terkunci" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "terkunci":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = check_structure(["sops"])
    problem = _one_at(result, "sops/terkunci")
    assert problem.severity.value == "error"
    assert problem.message.startswith("folder tidak dapat dibaca: Permission denied")
    assert list(result.catalogue.sops) == ["unit/baik"]


def test_a_deep_tree_is_walked_without_recursion(catalogue):
    folder = catalogue / "sops"
    for _ in range(60):  # every path stays short; what is deep is the nesting
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "jauh.yaml").write_text(MINIMAL, encoding="utf-8")
    found = [source.display for source in find_sop_files(["sops"])]
    assert found == ["sops/" + "d/" * 60 + "jauh.yaml", "sops/unit/baik.yaml"]


# --- names that are not UTF-8 ------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_shown_escaped_and_still_read(catalogue):
    raw = os.fsencode(catalogue / "sops" / "unit") + b"/caf\xe9.yaml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(MINIMAL)
    result = check_structure(["sops"])
    [source] = [f.source for f in result.files if "caf" in f.source.display]
    assert source.display == "sops/unit/caf\\xe9.yaml"
    assert source.sop_id == "unit/caf\\xe9"
    assert f"{source.display} {source.sop_id}".encode("utf-8")
    assert sorted(result.catalogue.sops) == ["unit/baik", "unit/caf\\xe9"]
    problem = _one_at(result, "sops/unit/caf\\xe9.yaml")
    assert problem.severity.value == "warning"
    assert "\\xe9" in problem.message
    for p in result.problems:
        (p.location.path + p.message).encode("utf-8")


def test_a_folder_named_not_utf8_is_shown_escaped(catalogue):
    folder = os.fsencode(catalogue / "sops") + b"/\xffunit"
    os.mkdir(folder)
    with open(folder + b"/a.yaml", "w", encoding="utf-8") as handle:
        handle.write(MINIMAL)
    result = check_structure(["sops"])
    assert "\\xffunit/a" in result.catalogue.sops
    assert [p.location.path for p in result.problems] == ["sops/\\xffunit/a.yaml"]


def test_an_argument_that_is_not_utf8_is_shown_escaped(catalogue):
    folder = os.fsencode(catalogue / "sops") + b"/\xffunit"
    os.mkdir(folder)
    with open(folder + b"/a.yaml", "w", encoding="utf-8") as handle:
        handle.write(MINIMAL)
    result = check_structure([os.fsdecode(b"sops/\xffunit/a.yaml")])
    assert [f.source.display for f in result.files] == ["sops/\\xffunit/a.yaml"]
    assert result.files[0].sop is not None


def test_refused_files_are_reported_when_the_bytes_are_given_too(catalogue):
    (catalogue / "sops" / "unit" / "bocor.yaml").symlink_to(catalogue / "luar" / "rahasia.yaml")
    sources = find_sop_files(["sops"])
    result = check_contents([(source, None) for source in sources], rules=())
    assert _shown(result) == [("sops/unit/bocor.yaml", 1, 1, "error", "file")]


def test_two_links_to_one_outside_file_are_two_problems(catalogue):
    for name in ("bocor-1.yaml", "bocor-2.yaml"):
        (catalogue / "sops" / "unit" / name).symlink_to(catalogue / "luar" / "rahasia.yaml")
    result = check_structure(["sops/unit/bocor-1.yaml", "sops/unit/bocor-2.yaml"])
    assert _shown(result) == [
        ("sops/unit/bocor-1.yaml", 1, 1, "error", "file"),
        ("sops/unit/bocor-2.yaml", 1, 1, "error", "file"),
    ]


def test_the_id_of_a_name_that_is_not_utf8_is_valid_unicode(tmp_path):
    name = os.fsdecode(b"caf\xe9.yaml")
    assert sop_id_for(tmp_path / "sops" / "unit" / name) == "unit/caf\\xe9"
