"""`sop diff` against a real git repository made in a temporary folder, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Penguji", "GIT_AUTHOR_EMAIL": "penguji@contoh.go.id",
    "GIT_COMMITTER_NAME": "Penguji", "GIT_COMMITTER_EMAIL": "penguji@contoh.go.id",
    "GIT_AUTHOR_DATE": "2026-11-01T09:00:00+07:00", "GIT_COMMITTER_DATE": "2026-11-01T09:00:00+07:00",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
TEBING = "sops/kecamatan-tebing-tinggi/pengumpulan-data-kinerja.yaml"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True).stdout


def sop(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "katalog_sop", *args], cwd=repo, env=ENV, capture_output=True, text=True
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    """The seed catalogue on `main`, and a branch `revisi` that renames one SOP and edits another."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests (the README's set-up installs it)")
    shutil.copytree(REPO / "sops", tmp_path / "sops")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "sops")
    git(tmp_path, "commit", "-q", "-m", "Katalog awal")
    git(tmp_path, "checkout", "-q", "-b", "revisi")
    git(tmp_path, "mv", "sops/dinas-tanpa-nama/pengukuran-kinerja.yaml", "sops/dinas-tanpa-nama/pengukuran-capaian-kinerja.yaml")
    path = tmp_path / TEBING
    path.write_text(path.read_text(encoding="utf-8").replace("waktu: 120 Hari", "waktu: 90 Hari"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "Persingkat penyusunan laporan")
    return tmp_path


def test_default_compares_the_merge_base_with_main_against_the_working_tree(repo):
    path = repo / TEBING  # a change not yet committed is part of the review too
    path.write_text(path.read_text(encoding="utf-8").replace("waktu: 15 Menit", "waktu: 30 Menit"), encoding="utf-8")
    done = sop(repo, "diff")
    assert done.returncode == 0, done.stderr
    base = git(repo, "rev-parse", "main").strip()[:10]
    assert done.stdout.startswith(f"Perbandingan: merge-base dengan main ({base}) \u2192 pohon kerja (sops)\n")
    assert "dipindah: sops/dinas-tanpa-nama/pengukuran-capaian-kinerja.yaml \u2014 Pengukuran Kinerja" in done.stdout
    assert "waktu: 120 Hari \u2192 90 Hari (\u221230 hari)" in done.stdout
    assert "waktu: 15 Menit \u2192 30 Menit (+15 menit)" in done.stdout
    assert done.stderr == ""


def test_two_revisions_read_from_git_without_touching_the_working_tree(repo):
    (repo / TEBING).write_text("bukan: [yaml", encoding="utf-8")  # the working tree is not read
    done = sop(repo, "diff", "main", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["before"].startswith("main (") and report["after"].startswith("HEAD (")
    kinds = {entry["id"]: entry["kind"] for entry in report["sops"]}
    assert kinds == {
        "dinas-tanpa-nama/pengukuran-capaian-kinerja": "dipindah",
        "kecamatan-tebing-tinggi/pengumpulan-data-kinerja": "diubah",
    }
    assert git(repo, "status", "--porcelain") == f" M {TEBING}\n"


def test_a_revision_that_does_not_exist_is_a_usage_error(repo):
    done = sop(repo, "diff", "tidak-ada", "HEAD")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "sop diff: galat: 'tidak-ada' bukan berkas, folder, atau revisi git yang dikenal\n"


def test_outside_git_the_default_needs_a_base(tmp_path):
    shutil.copytree(REPO / "sops", tmp_path / "sops")
    done = sop(tmp_path, "diff")
    assert done.returncode == 2
    assert "sebutkan BASE" in done.stderr and "Traceback" not in done.stderr


def test_sheets_before_and_after_are_written_for_the_changed_sop(repo):
    done = sop(repo, "diff", "main", "HEAD", "--sheets", "lembar")
    assert done.returncode == 0, done.stderr
    written = sorted(p.relative_to(repo / "lembar").as_posix() for p in (repo / "lembar").rglob("*.svg"))
    tebing = [p for p in written if p.startswith("kecamatan-tebing-tinggi/")]
    assert {p.rsplit("/", 1)[1].split("-")[0] for p in tebing} == {"sebelum", "sesudah"}
    changed = [p for p in tebing if "#ffeb9c" in (repo / "lembar" / p).read_text(encoding="utf-8")]
    assert len(changed) == 2, "the changed step is filled on one page before and one page after"
    assert sorted(done.stderr.split()) == [f"lembar/{p}" for p in written]  # each file written is named
