"""The revision history on an SOP page: the author's table, and the file's last change in git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import markdown
import pytest

from katalog_sop.riwayat import NO_HISTORY, GitHistory
from katalog_sop.site.build import site_pages

from conftest import MINIMAL, check_structure
from site_pages.test_plugin import _build, _project

WITH_REVISI = MINIMAL + """\
tanggal_revisi: 8 Oktober 2024
revisi:
  - {ke: 1, tanggal: 8 Oktober 2024, uraian: 'Waktu *langkah* 2 <b>dipersingkat</b>'}
"""

ONLY_TANGGAL_REVISI = MINIMAL + "tanggal_revisi: 2024-10-08\n"

NO_REVISION = MINIMAL + 'tanggal_revisi: "-"\n'

GIT_NOTE = "p[@class='sop-riwayat-git']"


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def _pages(write_sop, history: GitHistory = NO_HISTORY) -> dict[str, ET.Element]:
    for name, text in (("revisi.yaml", WITH_REVISI), ("tanggal.yaml", ONLY_TANGGAL_REVISI), ("tanpa.yaml", NO_REVISION)):
        path = write_sop(text, name)
    result = check_structure([str(path.parent.parent)])
    assert not [p for p in result.problems if p.is_error], result.problems
    pages = site_pages(result, history=history)
    return {name: _tree(pages[f"sop/unit/{name}.md"]) for name in ("revisi", "tanggal", "tanpa")}


def _tree(page: str) -> ET.Element:
    html = markdown.markdown(page, extensions=["attr_list", "toc"]).replace("<br>", "<br />")
    return ET.fromstring(f"<div>{html}</div>")


def _text(element: ET.Element | None) -> str:
    assert element is not None
    return " ".join("".join(element.itertext()).split())


def _section(root: ET.Element) -> list[ET.Element] | None:
    """The elements under the "Riwayat Revisi" heading, or ``None`` when the page has no such section."""
    children = list(root)
    starts = [i for i, e in enumerate(children) if e.tag == "h2" and _text(e) == "Riwayat Revisi"]
    if not starts:
        return None
    rest = children[starts[0] + 1 :]
    end = next((i for i, e in enumerate(rest) if e.tag == "h2"), len(rest))
    return rest[:end]


def test_outside_git_the_section_shows_what_the_author_wrote_and_no_git_line(write_sop):
    pages = _pages(write_sop)
    table = _section(pages["revisi"])
    assert [e.get("class") for e in table] == ["sop-revisi"]
    assert [_text(td) for td in table[0].iter("td")] == ["1", "8 Oktober 2024", "Waktu *langkah* 2 <b>dipersingkat</b>"]
    assert [_text(e) for e in _section(pages["tanggal"])] == ["Revisi terakhir: 8 Oktober 2024 (rincian revisi tidak dicatat)."]
    assert _section(pages["tanpa"]) is None, 'tanggal_revisi "-" means no revision yet'
    assert not [root for root in pages.values() if root.find(f".//{GIT_NOTE}") is not None]


def test_the_last_commit_date_is_shown_beside_the_revision_history(write_sop):
    history = GitHistory(
        dates={"unit/revisi": dt.date(2026, 11, 21), "unit/tanpa": dt.date(2024, 3, 4)},
        uncommitted=frozenset({"unit/tanpa"}),
        in_git=True,
    )
    pages = _pages(write_sop, history)
    revisi = _section(pages["revisi"])
    assert [e.get("class") for e in revisi] == ["sop-revisi", "sop-riwayat-git"], "the table stays, the date follows it"
    assert _text(revisi[1]) == "Terakhir diubah (git): 21 November 2026."
    assert revisi[1].get("data-search-exclude") == ""
    (tanpa,) = _section(pages["tanpa"])
    assert _text(tanpa) == "Terakhir diubah (git): 4 Maret 2024; ada perubahan yang belum di-commit."
    assert _text(_section(pages["tanggal"])[-1]) == "Berkas SOP ini belum pernah di-commit ke git."


def _git(repo, *args: str, when: str = "2024-03-04T23:30:00-05:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ("-c", "user.name=Penguji", "-c", "user.email=penguji@example.invalid", "-c", "commit.gpgsign=false")
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_catalogue_in_git_builds_pages_with_their_dates(tmp_path):
    project = _project(tmp_path)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "katalog")
    edited = min((project / "sops" / "sekretariat").glob("*.yaml"))
    edited.write_text(edited.read_text(encoding="utf-8") + "# belum di-commit\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(project / "site" / "sop").as_posix(): p.read_text(encoding="utf-8")
             for p in (project / "site" / "sop").rglob("*.html")}
    edited_page = f"sekretariat/{edited.stem}.html"
    assert "Terakhir diubah (git): 4 Maret 2024; ada perubahan yang belum di-commit." in pages[edited_page]
    others = [text for name, text in pages.items() if name != edited_page]
    assert others and all("Terakhir diubah (git): 4 Maret 2024.</p>" in text for text in others)


def test_a_catalogue_outside_git_builds_pages_without_dates(site):
    pages = [p.read_text(encoding="utf-8") for p in (site / "sop").rglob("*.html")]
    assert pages and not [text for text in pages if "sop-riwayat-git" in text or "(git)" in text]
