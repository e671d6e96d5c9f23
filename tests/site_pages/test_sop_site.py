"""`sop site`: the whole site as a ready folder, made by the same core as the plugin's build."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from site_pages.test_plugin import _build, _project


def sop_site(project, *args):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "katalog_sop", "site", *args], cwd=project, capture_output=True,
                          text=True, env=env, timeout=300)


def test_the_folder_holds_every_page_with_its_sheet_and_a_config_without_the_plugin(tmp_path):
    project = _project(tmp_path)
    done = sop_site(project, "--out", "keluar")
    assert done.returncode == 0, done.stderr
    out = project / "keluar"
    page = (out / "docs" / "sop" / "sekretariat" / "pengumpulan-data-kinerja.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Pengumpulan Data Kinerja · Sekretariat"\n---\n')
    assert page.count("<svg") >= 1 and 'data-sop="sekretariat/pengumpulan-data-kinerja"' not in page
    assert "\n\n" not in page[page.index('<div class="sop-lembar"'):page.index("</svg>")], "the sheet is one HTML block"
    for written in ("index.md", "formulir-sop-ap.md", "kepatuhan.md", "unit/sekretariat.md", "cari",
                    "assets/katalog-sop/katalog-cari.js", "compliance.json"):
        assert (out / "docs" / written).exists(), written
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"search": {"enabled": False}}, "offline"] and config["docs_dir"] == "docs"
    assert config["theme"]["custom_dir"] == "overrides" and (out / "overrides" / "404.html").is_file()
    assert "assets/katalog-sop/katalog-cari.js" in config["extra_javascript"]
    assert config["nav"][0] == {"Beranda": "index.md"}
    assert "galat" in done.stderr and "cd keluar && zensical build" in done.stderr


def test_the_plugin_and_the_folder_make_the_same_pages(tmp_path):
    project = _project(tmp_path)
    assert sop_site(project, "--out", "keluar").returncode == 0
    built = _build(project)
    assert built.returncode == 0, built.stderr
    written = {p.relative_to(project / "keluar" / "docs").with_suffix(".html").as_posix()
               for p in (project / "keluar" / "docs").rglob("*.md")}
    site = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*.html")}
    assert written and written <= site
    data = {p.relative_to(project / "keluar" / "docs").as_posix() for p in (project / "keluar" / "docs" / "cari").rglob("*")}
    assert data <= {p.relative_to(project / "site").as_posix() for p in (project / "site" / "cari").rglob("*")}


def test_the_folder_builds_with_mkdocs_alone(tmp_path):
    project = _project(tmp_path)
    assert sop_site(project, "--out", "keluar").returncode == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project / "keluar",
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    html = (project / "keluar" / "site" / "sop" / "sekretariat" / "pengumpulan-data-kinerja.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<title>Pengumpulan Data Kinerja · Sekretariat - Katalog SOP</title>" in html


def test_a_structural_error_writes_nothing_and_keeps_the_earlier_folder(tmp_path):
    project = _project(tmp_path)
    assert sop_site(project, "--out", "keluar").returncode == 0
    before = sorted(p.relative_to(project / "keluar").as_posix() for p in (project / "keluar").rglob("*"))
    (project / "sops" / "sekretariat" / "rusak.yaml").write_text("nama: Rusak\nlangkah:\n  - kegiatan: 5\n", encoding="utf-8")
    done = sop_site(project, "--out", "keluar")
    assert done.returncode == 1
    assert "sops/sekretariat/rusak.yaml:3:15: error[schema] harus berupa teks" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.relative_to(project / "keluar").as_posix() for p in (project / "keluar").rglob("*")) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".keluar")] == []


def test_it_never_writes_over_sources_or_a_folder_it_did_not_make(tmp_path):
    project = _project(tmp_path)
    for out in ("docs", ".", "docs/keluar", "sops"):
        done = sop_site(project, "--out", out)
        assert done.returncode == 2 and "pilih folder lain" in done.stderr, (out, done.stderr)
    mine = project / "milik-saya"
    mine.mkdir()
    (mine / "catatan.txt").write_text("penting", encoding="utf-8")
    done = sop_site(project, "--out", "milik-saya")
    assert done.returncode == 2 and "bukan folder buatan 'sop site'; tidak ditimpa" in done.stderr
    assert [p.name for p in mine.iterdir()] == ["catatan.txt"]
    assert not (project / "docs" / "sop").exists()
