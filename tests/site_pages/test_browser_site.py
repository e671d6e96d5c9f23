"""The built catalogue in a real browser, as staff and auditors use it.

The example catalogue (mkdocs.yml, docs/, sops/) is built with
``mkdocs build --strict`` together with two small SOPs that name each other
(the ``site`` fixture of conftest.py), then served on 127.0.0.1 and also
opened from ``file://``. Every request the browser makes is recorded and
any to another host is blocked and fails the test (the ``page`` fixture).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import assert_a4_landscape, print_pdf, read_pdf

SOP = "sop/dinas-tanpa-nama/pengukuran-kinerja.html"


def _search(page, words: str):
    page.locator("#katalog-cari-kotak").click()
    page.keyboard.type(words)  # the search answers as keys are typed
    results = page.locator(".katalog-cari__item")
    expect(results.first).to_be_visible()
    return results


def _title(text: str) -> re.Pattern:
    """The page's h1: the text, then the heading's permalink sign."""
    return re.compile(rf"^{re.escape(text)}\s*¶?\s*$")


def test_an_sop_page_shows_its_step_table_and_its_sheet(base, page):
    page.goto(base + SOP)
    expect(page.locator("h1")).to_have_text(_title("Pengukuran Kinerja"))
    expect(page.locator("table.sop-langkah tbody tr")).to_have_count(9)
    expect(page.locator("table.sop-langkah thead th")).to_have_text(
        ["No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan"]
    )
    sheets = page.locator(".sop-lembar svg")
    expect(sheets).to_have_count(2)
    expect(sheets.first).to_be_visible()
    assert sheets.first.bounding_box()["width"] > 400


def test_search_finds_sops_by_a_word_of_their_name(base, page):
    page.goto(base + "index.html")
    results = _search(page, "kinerja")
    assert results.count() >= 3
    expect(page.locator(".katalog-cari__hasil")).to_contain_text("Pengukuran Kinerja")


@pytest.mark.parametrize("words", ["Memeriksa berkas permohonan", "Petugas Loket", "Berkas diperiksa"], ids=["kegiatan", "pelaksana", "output"])
def test_search_finds_an_sop_by_its_kegiatan_pelaksana_and_output(base, page, words):
    page.goto(base + "index.html")
    _search(page, words)
    expect(page.locator(".katalog-cari__hasil")).to_contain_text("Pelayanan Permohonan Izin")


def test_a_keterkaitan_link_leads_there_and_dirujuk_oleh_leads_back(base, page):
    page.goto(base + "sop/contoh/permohonan-izin.html")
    page.get_by_role("link", name="SOP Pengarsipan Berkas Izin").click()
    expect(page.locator("h1")).to_have_text(_title("Pengarsipan Berkas Izin"))
    dirujuk = page.locator("h2#dirujuk-oleh + ul")
    dirujuk.get_by_role("link", name="Pelayanan Permohonan Izin").click()
    expect(page.locator("h1")).to_have_text(_title("Pelayanan Permohonan Izin"))


def test_the_dark_mode_toggle_switches_the_palette(base, page):
    page.goto(base + SOP)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_search_works_when_the_site_is_opened_from_disk(site, page):
    page.goto((site / "index.html").as_uri())
    results = _search(page, "kinerja")
    assert results.count() >= 3
    results.first.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text(re.compile("Kinerja", re.I))
    assert page.url.startswith("file://")


def test_printing_an_sop_page_gives_the_official_parts_on_a4_landscape(base, page, tmp_path):
    page.goto(base + SOP)
    pages = read_pdf(print_pdf(page, tmp_path / "sop.pdf"))
    assert_a4_landscape(pages)
    text = [p.text for p in pages]
    identity = next(i for i, t in enumerate(text) if "Nomor SOP" in t)
    assert "Disahkan oleh" in text[identity] and "Pengukuran Kinerja" in text[identity]
    sheet_pages = [i for i, t in enumerate(text) if "Mutu Baku" in t and "Tim Penyusun" in t]
    assert len(sheet_pages) == 2, "each page of the flowchart sheet on a printed page of its own"
    assert all(i > identity for i in sheet_pages)
    assert not any("Cari" in t and "Katalog SOP" in t.split("\n")[0] for t in text), "no header or search on paper"
