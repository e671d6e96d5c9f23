"""The MkDocs plugin, through `mkdocs build` as a maintainer runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from search_files import search_records

MKDOCS = [sys.executable, "-m", "mkdocs"]


def _project(tmp_path: Path) -> Path:
    """A copy of the example catalogue: mkdocs.yml, docs/ and sops/."""
    project = tmp_path / "katalog"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "sops", project / "sops")
    (project / "schema").mkdir()
    shutil.copy(REPO / "schema" / "sop.schema.json", project / "schema")
    return project


def _build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *extra], cwd=project, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("site"))
    result = _build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_sop_gets_a_page_with_its_sheet_outside_the_search_index(built):
    pages = sorted(p.relative_to(built / "sop").as_posix() for p in (built / "sop").rglob("*.html"))
    sources = sorted(p.relative_to(REPO / "sops").with_suffix(".html").as_posix() for p in (REPO / "sops").rglob("*.yaml"))
    assert pages == sources
    page = (built / "sop" / "dinas-tanpa-nama" / "pengukuran-kinerja.html").read_text(encoding="utf-8")
    assert page.count("sop-lembar-halaman") == 2 and 'class="sop-lembar" data-search-exclude' in page
    assert '<table class="sop-langkah">' in page
    index = json.dumps(search_records(built))
    assert "Pengukuran Kinerja" in index and "Tim Penyusun" in index
    sheet_only = ("halaman 1 dari 2", "Lembar flowchart SOP")
    assert not [text for text in sheet_only if text in index], "sheet text kept out of the search index"


def test_docs_folder_gets_nothing_generated(built):
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    assert sorted(str(p.relative_to(REPO)) for p in (REPO / "docs").rglob("*") if p.is_file()) == sorted(tracked)


def test_a_structural_error_fails_the_build_listing_every_problem_and_writes_nothing(tmp_path):
    project = _project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("situs sebelumnya", encoding="utf-8")
    bad = project / "sops" / "sekretariat" / "rusak.yaml"
    bad.write_text("nama: Rusak\npelaksana: [A, B]\nlangkah:\n  - kegiatan: X\n    pelaksan: A\n  - kegiatan: 5\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert "sops/sekretariat/rusak.yaml:5:5: error[schema]" in result.stderr
    assert "sops/sekretariat/rusak.yaml:6:15: error[schema]" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"], "the earlier site is left as it was"


def test_compliance_pages_and_data_are_built_and_kept_out_of_search(built):
    data = json.loads((built / "compliance.json").read_text(encoding="utf-8"))
    sources = sorted(p.relative_to(REPO / "sops").with_suffix("").as_posix() for p in (REPO / "sops").rglob("*.yaml"))
    assert sorted(s["id"] for s in data["sops"]) == sources
    assert all(0 <= s["passed"] <= s["checks"] == len(data["rules"]) for s in data["sops"])
    dashboard = (built / "kepatuhan.html").read_text(encoding="utf-8")
    assert dashboard.count("<tr data-sop=") == len(sources) and "assets/katalog-sop/kepatuhan.js" in dashboard
    assert 'id="sopap-i02"' in (built / "aturan.html").read_text(encoding="utf-8")
    records = search_records(built)
    assert sorted(record["id"] for record in records) == sources, "search finds SOPs, and only SOPs"
    assert all(record["url"] == f"sop/{record['id']}.html" for record in records)
    texts = json.dumps(records)
    assert "tidak menyebut pelaksana" not in texts, "findings and dashboard tables stay out of the search index"
    assert "SOPAP-I02" not in texts, "the rules page's examples never outrank an SOP: they are not searched"


def _plugin_options(project: Path, options: str) -> None:
    """Give the katalog-sop plugin in the project's mkdocs.yml these extra options (YAML lines)."""
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    anchor = "  - katalog-sop:\n"
    assert anchor in text
    indent = "      "
    extra = "".join(indent + line + "\n" for line in options.strip("\n").splitlines())
    mkdocs_yml.write_text(text.replace(anchor, anchor + extra, 1), encoding="utf-8")


def test_compliance_errors_fail_the_build_only_when_asked(tmp_path):
    project = _project(tmp_path)
    _plugin_options(project, "fail_on: error")
    result = _build(project)
    assert result.returncode != 0
    assert "error[SOPAP-I02]" in result.stderr and "situs tidak dibuat" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_the_build_reads_the_rules_configuration_beside_mkdocs_yml(tmp_path):
    project = _project(tmp_path)
    (project / "katalog-sop.yml").write_text("rules:\n  SOPAP-D02: off\n", encoding="utf-8")
    assert _build(project).returncode == 0
    data = json.loads((project / "site" / "compliance.json").read_text(encoding="utf-8"))
    ran = {rule["id"] for rule in data["rules"]}
    assert "SOPAP-D02" not in ran and "SOPAP-D01" in ran
    assert "SOPAP-D02" in (project / "site" / "aturan.html").read_text(encoding="utf-8")  # still documented
    page = (project / "site" / "sop" / "bakesbangpol" / "mekanisme-pengumpulan-data-kinerja.html").read_text(encoding="utf-8")
    assert "Pemerintahan Daerah'" not in page  # the D02 finding on this seed is gone


def test_inline_rules_in_mkdocs_yml_and_their_mistakes(tmp_path):
    project = _project(tmp_path)
    _plugin_options(project, "rules:\n  SOPAP-I02: info\n  SOPAP-K01: off\nfail_on: error")
    result = _build(project)
    assert "error[SOPAP-I02]" not in result.stderr
    (tmp_path / "bad").mkdir()
    project_bad = _project(tmp_path / "bad")
    _plugin_options(project_bad, "rules:\n  SOPAP-I2: info")
    bad = _build(project_bad)
    assert bad.returncode != 0
    assert "katalog-sop: mkdocs.yml (plugins > katalog-sop > rules > SOPAP-I2): aturan tidak dikenal 'SOPAP-I2'" in bad.stderr
    assert "Traceback" not in bad.stderr
