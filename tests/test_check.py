"""The check pipeline: finding files, SOP ids, and never stopping at a bad file."""

from __future__ import annotations

import pytest

from katalog_sop import check as check_module
from katalog_sop.check import UsageError, find_sop_files, sop_id_for

from conftest import MINIMAL, check_structure


def test_finds_yaml_files_sorted_and_skips_hidden(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("sops/b/z.yaml", "sops/a/y.yml", "sops/a/x.yaml", "sops/.git/h.yaml", "sops/a/.hidden.yaml", "sops/a/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    found = find_sop_files(["sops"])
    assert [(s.display, s.sop_id) for s in found] == [
        ("sops/a/x.yaml", "a/x"),
        ("sops/a/y.yml", "a/y"),
        ("sops/b/z.yaml", "b/z"),
    ]


def test_a_file_named_twice_is_checked_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sops" / "a").mkdir(parents=True)
    (tmp_path / "sops" / "a" / "x.yaml").write_text(MINIMAL, encoding="utf-8")
    assert len(find_sop_files(["sops", "sops/a/x.yaml", "./sops/a"])) == 1


def test_the_current_folder_is_shown_without_a_prefix(tmp_path, monkeypatch):
    (tmp_path / "lain" / "a").mkdir(parents=True)
    (tmp_path / "lain" / "a" / "b.d.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "lain")
    assert [(s.display, s.sop_id) for s in find_sop_files(["."])] == [("a/b.d.yaml", "a/b.d")]
    monkeypatch.chdir(tmp_path)
    assert [(s.display, s.sop_id) for s in find_sop_files(["./lain/"])] == [("lain/a/b.d.yaml", "a/b.d")]


def test_sop_id_is_the_path_below_sops(tmp_path):
    file = tmp_path / "katalog" / "sops" / "kecamatan-x" / "surat-masuk.yaml"
    assert sop_id_for(file) == "kecamatan-x/surat-masuk"
    assert sop_id_for(tmp_path / "lain" / "a" / "b.yaml", tmp_path / "lain") == "a/b"
    assert sop_id_for(tmp_path / "lain" / "b.yaml") == "b"


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="path tidak ditemukan: .*tidak-ada"):
        check_structure([str(tmp_path / "tidak-ada")])


def test_folder_without_sops_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="tidak ada berkas SOP"):
        check_structure([str(tmp_path)])


def test_two_files_claiming_one_id(tmp_path):
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "a.yml").write_text(MINIMAL, encoding="utf-8")
    result = check_structure([str(tmp_path / "sops")])
    [problem] = result.problems
    assert problem.code == "id"
    assert problem.location.path.endswith("a.yml")
    assert problem.message == f"id SOP 'unit/a' sudah dipakai oleh {folder.as_posix()}/a.yaml"
    assert list(result.catalogue.sops) == ["unit/a"]


def test_every_file_is_checked_even_after_bad_ones(tmp_path):
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    (folder / "1-rusak.yaml").write_bytes(b"\xff\xfe")
    (folder / "2-sintaks.yaml").write_text("nama: [\n", encoding="utf-8")
    (folder / "3-baik.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "4-skema.yaml").write_text("nama: C\n", encoding="utf-8")
    result = check_structure([str(tmp_path / "sops")])
    assert [p.code for p in result.problems] == ["file", "yaml", "schema", "schema"]
    assert list(result.catalogue.sops) == ["unit/3-baik"]


def test_an_internal_failure_is_contained_to_its_file(tmp_path, monkeypatch):
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "b.yaml").write_text(MINIMAL.replace("Contoh SOP", "Pemicu"), encoding="utf-8")
    real = check_module.build_sop

    def flaky(document, sop_id):
        if document.data["nama"] == "Pemicu":
            raise RuntimeError("boom")
        return real(document, sop_id)

    monkeypatch.setattr(check_module, "build_sop", flaky)
    result = check_structure([str(tmp_path / "sops")])
    [problem] = result.problems
    assert problem.code == "internal"
    assert problem.location.path.endswith("b.yaml")
    assert "RuntimeError: boom" in problem.message
    assert list(result.catalogue.sops) == ["unit/a"]


def test_problems_are_sorted_by_file_then_line(tmp_path):
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "b.yaml").write_text("nama: C\nx: 1\npelaksana: [A]\nlangkah: [{kegiatan: K}]\ny: 2\n", encoding="utf-8")
    (folder / "a.yaml").write_text("z: 1\nnama: C\npelaksana: [A]\nlangkah: [{kegiatan: K}]\n", encoding="utf-8")
    result = check_structure([str(folder)])
    assert [(p.location.path.rsplit("/", 1)[1], p.location.line) for p in result.problems] == [
        ("a.yaml", 1),
        ("b.yaml", 2),
        ("b.yaml", 5),
    ]
