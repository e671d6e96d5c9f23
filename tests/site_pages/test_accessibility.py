"""Accessibility: axe-core, run in Chromium on every kind of page, finds no serious or critical barrier.

axe-core (from the npm registry, pinned and installed by tools/bootstrap.sh)
checks the pages a reader, an auditor and a maintainer open: the home page,
an SOP page (also with its zoom view open and with search results shown),
the Kepatuhan dashboard, the Aturan page and the index pages, in the light
and the dark palette, at desktop and phone widths. A failure lists each
violation with its rule and the element, as axe reports it.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser import RequestRecorder, axe_violations, new_context

PAGES = ("index.html", "sop/dinas-tanpa-nama/pengukuran-kinerja.html", "kepatuhan.html", "aturan.html",
         "unit/index.html", "unit/contoh.html", "pelaksana/index.html", "dasar-hukum/index.html", "a-z/index.html",
         "kategori/index.html", "kategori/perencanaan.html", "sop/sekretariat/pengumpulan-data-kinerja.html",
         "kepatuhan/sop/index.html", "kepatuhan/sop/index.html?tingkat=warning&urut=3.naik", "kepatuhan/tinjauan/index.html")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=[(scheme, size) for scheme in ("light", "dark") for size in VIEWPORTS], ids=lambda p: "-".join(p))
def looking(request, browser):
    scheme, size = request.param
    context = new_context(browser, viewport=VIEWPORTS[size], color_scheme=scheme)
    recorder = RequestRecorder().attach(context)
    page = context.new_page()
    yield page
    recorder.assert_only_local()
    context.close()


def test_no_page_kind_has_a_serious_barrier(site, base, looking):
    data = json.loads((site / "compliance.json").read_text(encoding="utf-8"))
    failed = max(data["per_rule"], key=lambda r: r["sops_failing"])["id"]  # a list of the SOPs failing a rule
    found = {}
    for path in (*PAGES, f"kepatuhan/aturan/{failed.lower()}.html"):
        looking.goto(base + path)
        if violations := axe_violations(looking):
            found[path] = violations
    assert found == {}


def test_the_zoom_view_and_the_search_results_have_no_serious_barrier(base, looking):
    looking.goto(base + "sop/dinas-tanpa-nama/pengukuran-kinerja.html")
    looking.get_by_role("button", name="Perbesar halaman 1 dari 2").click()
    expect(looking.get_by_role("dialog")).to_be_visible()
    assert axe_violations(looking) == []
    looking.keyboard.press("Escape")
    looking.locator("#katalog-cari-kotak").click()
    looking.keyboard.type("kinerja")
    expect(looking.locator(".katalog-cari__item").first).to_be_visible()
    assert axe_violations(looking) == []
