"""Reading each SOP file's last commit date from git: real repositories made in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from katalog_sop.riwayat import (
    GitHistory,
    last_commit_dates,
    parse_log,
    read_history,
    uncommitted_files,
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch, tmp_path):
    """No global or system git configuration, and no repository above the temporary folder."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, when: str = "2024-01-02T10:00:00+07:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ("-c", "user.name=Penguji", "-c", "user.email=penguji@example.invalid", "-c", "commit.gpgsign=false")
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


def write(path: Path, text: str = "nama: Contoh\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path) -> Path:
    """A work tree with no commit yet; the SOPs go in its ``sops/`` folder."""
    root = tmp_path / "katalog"
    root.mkdir()
    git(root, "init", "-q", "-b", "utama")
    return root


def commit(repo: Path, when: str, message: str = "ubah") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@needs_git
def test_two_commits_give_each_file_its_own_last_date(repo):
    write(repo / "sops" / "umum" / "a.yaml")
    write(repo / "sops" / "umum" / "b.yaml")
    commit(repo, "2024-01-02T10:00:00+07:00")
    write(repo / "sops" / "umum" / "b.yaml", "nama: Diubah\n")
    write(repo / "README.md", "di luar folder SOP\n")
    commit(repo, "2024-03-04T23:30:00-05:00")  # the committer's own date, not UTC's 5 March
    assert last_commit_dates(repo / "sops") == {
        "umum/a.yaml": dt.date(2024, 1, 2),
        "umum/b.yaml": dt.date(2024, 3, 4),
    }


@needs_git
def test_a_renamed_file_is_dated_by_its_rename(repo):
    write(repo / "sops" / "lama.yaml")
    commit(repo, "2024-01-02T10:00:00+07:00")
    git(repo, "mv", "sops/lama.yaml", "sops/baru.yaml")
    commit(repo, "2024-05-06T09:00:00+07:00")
    assert last_commit_dates(repo / "sops")["baru.yaml"] == dt.date(2024, 5, 6)


@needs_git
def test_names_with_spaces_and_non_ascii_letters(repo):
    write(repo / "sops" / "unit satu" / "pengumpulan data ü é.yaml")
    commit(repo, "2024-07-08T12:00:00+07:00")
    assert last_commit_dates(repo / "sops") == {"unit satu/pengumpulan data ü é.yaml": dt.date(2024, 7, 8)}


@needs_git
def test_a_change_merged_from_a_branch_is_dated_by_the_merge(repo):
    write(repo / "sops" / "a.yaml")
    commit(repo, "2024-01-02T10:00:00+07:00")
    git(repo, "checkout", "-q", "-b", "cabang")
    write(repo / "sops" / "a.yaml", "nama: Diubah di cabang\n")
    commit(repo, "2024-02-03T10:00:00+07:00")
    git(repo, "checkout", "-q", "utama")
    git(repo, "merge", "-q", "--no-ff", "-m", "gabung", "cabang", when="2024-04-05T10:00:00+07:00")
    assert last_commit_dates(repo / "sops") == {"a.yaml": dt.date(2024, 4, 5)}


@needs_git
def test_an_untracked_file_has_no_date_and_a_changed_one_is_named(repo):
    write(repo / "sops" / "lama.yaml")
    write(repo / "sops" / "diubah.yaml")
    commit(repo, "2024-01-02T10:00:00+07:00")
    write(repo / "sops" / "baru.yaml")
    write(repo / "sops" / "diubah.yaml", "nama: Belum di-commit\n")
    assert sorted(last_commit_dates(repo / "sops")) == ["diubah.yaml", "lama.yaml"]
    assert uncommitted_files(repo / "sops") == {"diubah.yaml"}


@needs_git
def test_read_history_keys_the_answer_by_the_callers_names(repo, monkeypatch):
    sops = repo / "sops"
    write(sops / "umum" / "a.yaml")
    commit(repo, "2024-01-02T10:00:00+07:00")
    write(sops / "umum" / "a.yaml", "nama: Diubah\n")
    write(sops / "umum" / "b.yaml")
    monkeypatch.chdir(repo)  # the check names files relative to the working folder
    history = read_history(sops, {"umum/a": "sops/umum/a.yaml", "umum/b": str(sops / "umum" / "b.yaml")})
    assert history == GitHistory({"umum/a": dt.date(2024, 1, 2)}, frozenset({"umum/a"}), in_git=True)


@needs_git
def test_names_that_are_not_utf8_or_hold_a_line_break_are_dated_under_the_name_the_check_shows(repo, monkeypatch):
    sops = repo / "sops"
    strange = sops / os.fsdecode(b"unit-\xff\xfe") / "a.yaml"
    write(strange)
    write(sops / "unit" / "baris\nbaru.yaml")
    commit(repo, "2024-03-04T10:00:00+07:00")
    write(strange, "nama: Diubah\n")
    monkeypatch.chdir(repo)
    # The check shows a byte that is not UTF-8 as "\xNN"; a caller may also pass the real name.
    files = {"shown": "sops/unit-\\xff\\xfe/a.yaml", "real": os.fsdecode(b"sops/unit-\xff\xfe/a.yaml"),
             "baris": "sops/unit/baris\nbaru.yaml"}
    history = read_history(sops, files)
    assert history.dates == dict.fromkeys(files, dt.date(2024, 3, 4))
    assert history.uncommitted == {"shown", "real"}
    for name in last_commit_dates(sops):
        name.encode("utf-8")  # every name is text any page can carry


@needs_git
def test_a_repository_without_commits_gives_nothing(repo):
    write(repo / "sops" / "a.yaml")
    assert last_commit_dates(repo / "sops") == {}
    assert read_history(repo / "sops", {"a": str(repo / "sops" / "a.yaml")}) == GitHistory()


@needs_git
def test_a_folder_outside_any_repository_gives_nothing(tmp_path):
    write(tmp_path / "sops" / "a.yaml")
    assert last_commit_dates(tmp_path / "sops") == {}
    assert uncommitted_files(tmp_path / "sops") == frozenset()
    assert read_history(tmp_path / "sops", {"a": str(tmp_path / "sops" / "a.yaml")}) == GitHistory()


def test_without_git_on_the_path_gives_nothing(tmp_path, monkeypatch, capsys):
    write(tmp_path / "sops" / "a.yaml")
    empty = tmp_path / "kosong"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert last_commit_dates(tmp_path / "sops") == {}
    assert read_history(tmp_path / "sops", {"a": str(tmp_path / "sops" / "a.yaml")}) == GitHistory()
    assert capsys.readouterr() == ("", "")


def test_a_missing_folder_gives_nothing(tmp_path):
    assert last_commit_dates(tmp_path / "tidak-ada") == {}


def test_the_log_parser_keeps_the_newest_date_and_skips_what_it_cannot_read():
    out = (
        b"\x002024-03-04T23:30:00-05:00\x00\nb.yaml\x00c d.yaml\x00"
        b"\x00bukan-tanggal\x00\nx.yaml\x00"  # an unreadable date dates none of its files
        b"\x002024-01-02T10:00:00+07:00\x00"  # a merge with no file of its own
        b"\x002023-12-31T10:00:00+07:00\x00\nb.yaml\x00a.yaml\x00"
    )
    assert parse_log(out) == {
        "b.yaml": dt.date(2024, 3, 4),
        "c d.yaml": dt.date(2024, 3, 4),
        "a.yaml": dt.date(2023, 12, 31),
    }
    assert parse_log(b"") == {}
