"""The catalogue built with Zensical, as a user runs it: `sop site`, then `zensical build` in that folder.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so the core writes the
whole site as a folder first (``sop site --out DIR``: docs/, overrides/,
mkdocs.yml). The example catalogue (plus one SOP whose name is markup) is
built both ways from one copy; the Zensical build must have the MkDocs
build's pages and data files with the same content, our search box alone in
the header, nothing asked of another host, and search that finds SOPs in
Chromium, served over http and opened from disk.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
import yaml
from playwright.sync_api import expect

from browser import home_page, launch_chromium
from conftest import REPO

HOSTILE_NAME = "<img src=x onerror=\"document.title='diretas'\">Penerimaan Surat & Masuk"

THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
"""Each generator's own theme files (bundles named by hash): not ours to compare."""
ZENSICAL_ONLY = {"search.js", "search.json"}
"""Zensical writes its search index even with its search turned off; no page loads it."""
MKDOCS_ONLY = {"sitemap.xml.gz"}

LINK = re.compile(r'<a [^>]*href="([^"#][^"]*)"')
ASSET = re.compile(r'<(?:script|img)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"')


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The example catalogue (mkdocs.yml, docs/, sops/, monitoring/) built with MkDocs and with Zensical."""
    project = tmp_path_factory.mktemp("zensical") / "katalog"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    for folder in ("docs", "sops", "monitoring", "schema"):
        shutil.copytree(REPO / folder, project / folder)
    (project / "sops" / "contoh").mkdir()
    (project / "sops" / "contoh" / "surat-masuk.yaml").write_text(yaml.safe_dump({
        "nama": HOSTILE_NAME, "nomor": "800/01/CONTOH", "pelaksana": ["Petugas Agenda", "Sekretaris"],
        "langkah": [
            {"kegiatan": "Mencatat surat masuk di buku agenda", "pelaksana": "Petugas Agenda", "output": "Agenda surat"},
            {"kegiatan": "Mendisposisikan surat masuk", "pelaksana": "Sekretaris", "output": "Disposisi"},
        ],
    }), encoding="utf-8")
    written = _run([sys.executable, "-m", "katalog_sop", "site", "--out", "build/zensical"], project)
    assert written.returncode == 0, written.stderr
    built = _run([sys.executable, "-m", "zensical", "build", "--strict"], project / "build" / "zensical")
    assert built.returncode == 0, built.stdout + built.stderr
    mkdocs = _run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    assert mkdocs.returncode == 0, mkdocs.stderr
    yield project
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def site(project) -> Path:
    return project / "build" / "zensical" / "site"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not p.relative_to(site).as_posix().startswith(THEME_ASSETS)}


def _article(page: Path) -> list[str]:
    """The page's content, line by line, without the theme's skip-link anchor (Zensical's own)."""
    text = page.read_text(encoding="utf-8")
    content = text[text.index("<article"):text.index("</article>")]
    return [line.strip() for line in content.splitlines() if line.strip() and 'id="__skip"' not in line]


def _title(page: Path) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1))


def _links(page: Path) -> set[Path]:
    """The files a page's links point at, resolved against the page's folder."""
    targets = set()
    for href in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in href or href.startswith(("mailto:", "data:")):
            continue
        targets.add((page.parent / unquote(urldefrag(html.unescape(href)).url)).resolve())
    return targets


def test_the_folder_is_built_with_the_mkdocs_builds_pages_and_data_files(project, site):
    mkdocs = _files(project / "site")
    zensical = _files(site)
    assert zensical - ZENSICAL_ONLY == mkdocs - MKDOCS_ONLY
    for data in ("compliance.json", "cari/manifest.js", "assets/katalog-sop/katalog-cari.js"):
        assert data in zensical


def test_every_page_has_the_same_content_as_in_the_mkdocs_build(project, site):
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 50
    differing = [str(page) for page in pages if _article(site / page) != _article(project / "site" / page)]
    assert differing == []


def test_an_sop_page_has_its_sheet_inlined_as_svg_and_its_steps(project, site):
    page = site / "sop" / "dinas-tanpa-nama" / "pengukuran-kinerja.html"
    text = page.read_text(encoding="utf-8")
    assert '<h1 id="pengukuran-kinerja">Pengukuran Kinerja' in text
    figures = re.findall(r'<figure class="sop-lembar-halaman" id="lembar-\d+">.*?</figure>', text, re.S)
    assert len(figures) == 2 and all("<svg" in figure and "</svg>" in figure for figure in figures)
    assert '<table class="sop-langkah">' in text and 'class="sop-cetak"' in text
    assert _title(page) == _title(project / "site" / page.relative_to(site)) == "Pengukuran Kinerja - Katalog SOP"


def test_the_index_pages_lead_to_every_sop(site):
    sop_pages = {p.resolve() for p in (site / "sop").rglob("*.html")}
    sources = {p.relative_to(REPO / "sops").with_suffix("") for p in (REPO / "sops").rglob("*.yaml")}
    assert {p.relative_to((site / "sop").resolve()).with_suffix("") for p in sop_pages} >= sources
    by_letter = set().union(*(_links(page) for page in (site / "a-z").glob("*.html")))
    assert sop_pages <= by_letter, "the A-Z pages link every SOP"
    by_unit = set().union(*(_links(page) for page in (site / "unit").glob("*.html")))
    assert sop_pages <= by_unit, "the unit pages link every SOP"
    for page in [*(site / "a-z").glob("*.html"), *(site / "unit").glob("*.html")]:
        assert all(target.is_file() for target in _links(page)), f"{page.name}: every link leads to a page"


def test_the_kepatuhan_dashboard_is_built_with_its_data(site):
    text = (site / "kepatuhan.html").read_text(encoding="utf-8")
    assert '<h1 id="kepatuhan">Kepatuhan' in text and "Ringkasan" in text
    for table in ("unit", "aturan", "tinjauan"):
        assert f'data-kepatuhan="{table}"' in text
    assert "assets/katalog-sop/kepatuhan.js" in text
    data = json.loads((site / "compliance.json").read_text(encoding="utf-8"))
    assert len(data["sops"]) == len(list((site / "sop").rglob("*.html")))


def test_a_name_that_is_markup_is_text_everywhere(site):
    page = site / "sop" / "contoh" / "surat-masuk.html"
    assert _title(page) == HOSTILE_NAME + " - Katalog SOP"
    for any_page in site.rglob("*.html"):
        assert "<img src=x" not in any_page.read_text(encoding="utf-8"), any_page


def test_every_page_has_our_search_box_alone_and_asks_nothing_of_another_host(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "katalog-sop/katalog-cari.js" in text, page
        assert 'class="md-search' not in text, f"{page}: Zensical's own search box is turned off"
        outside = [url for url in (a or b for a, b in ASSET.findall(text)) if "://" in url or url.startswith("//")]
        assert outside == [], page


def test_the_404_page_is_ours_and_leads_home(site):
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Halaman tidak ditemukan" in text and "beranda katalog" in text


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(params=["http", "file"])
def opened(request, site, browser):
    """The home page of the Zensical build, served over http or opened from disk, and its requests."""
    with home_page(site, browser, request.param) as opened:
        yield opened


def test_search_finds_an_sop_and_opens_it_with_its_sheet(opened):
    page, _ = opened
    field = page.get_by_role("searchbox", name="Cari SOP")
    field.fill("mengumpulkan data capaian kinerja")  # the SOP says "Pengumpulan ... Capaian Kinerja"
    expect(page.locator(".katalog-cari__info")).to_contain_text("ditemukan")
    first = page.locator(".katalog-cari__item").first
    expect(first).to_contain_text("Pengumpulan Data Capaian Kinerja")
    first.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Pengumpulan Data Capaian Kinerja")
    expect(page.locator(".sop-lembar svg").first).to_be_visible()


def test_a_name_that_is_markup_is_found_and_shown_as_text(opened):
    page, _ = opened
    page.get_by_role("searchbox", name="Cari SOP").fill("surat masuk agenda")
    expect(page.locator(".katalog-cari__item").first).to_contain_text(HOSTILE_NAME)
    assert page.title() != "diretas"


def test_the_kepatuhan_tables_filter_by_unit(opened):
    page, _ = opened
    page.goto(page.url.replace("index.html", "kepatuhan.html"))
    page.locator('select[data-filter="unit"]').select_option("sekretariat")
    expect(page.locator("[data-kepatuhan-filter]")).to_have_attribute("data-diterapkan", "sekretariat|")
    rows = page.locator('table[data-kepatuhan="unit"] tbody tr')
    shown = [row.get_attribute("data-unit") for row in rows.all() if row.is_visible()]
    assert shown == ["sekretariat"]
