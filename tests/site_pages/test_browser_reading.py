"""Reading an SOP in Chromium, on a desktop and on a phone, and printing it as the official form.

What a reader checks: the sheet is legible and never makes the page pan
sideways; its zoomable view works with keys and closes back where it was
opened; it opens in a tab of its own and downloads as SVG; the title says
whose SOP it is; printing (with or without JavaScript) gives the identity
sheet laid out as the SOP AP form (with the agency's logo in its kop where
the SOP names one), then each page of the flowchart sheet,
on A4 landscape, with nothing of the web page on paper.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browser import RequestRecorder, assert_a4_landscape, new_context, print_pdf, read_pdf

NINE_STEPS = "sop/dinas-tanpa-nama/pengukuran-kinerja.html"
"""A 9-step SOP of the example catalogue whose sheet has 2 pages."""
FULL = "sop/contoh/surat-keterangan-domisili.html"
"""An SOP with every part of the form written (the conftest's unit "contoh")."""
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, recorder):
    context = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    recorder.attach(context)
    yield context.new_page()
    recorder.assert_only_local()
    context.close()


def _sheet_scale(page) -> float:
    """CSS pixels per point of the first drawn sheet page as shown (the sheet is drawn in points)."""
    return page.evaluate(
        "() => { const s = document.querySelector('.sop-lembar svg');"
        " return s.getBoundingClientRect().width / s.viewBox.baseVal.width; }"
    )


def test_the_sheet_is_shown_at_its_own_size_and_named_for_assistive_technology(base, page):
    page.goto(base + NINE_STEPS)
    sheets = page.locator(".sop-lembar svg")
    expect(sheets).to_have_count(2)
    # Drawn in points, shown at 4/3 px per point: its 7 pt text is 9.3 px tall, as in a PDF at 100 %.
    assert _sheet_scale(page) == pytest.approx(4 / 3, rel=0.01)
    for i in range(2):
        expect(sheets.nth(i)).to_have_attribute("role", "img")
        expect(sheets.nth(i)).to_have_attribute("aria-label", f"Pengukuran Kinerja — halaman {i + 1} dari 2")
    titles = page.locator(".sop-lembar svg title").all_text_contents()
    assert titles == ["Pengukuran Kinerja — halaman 1 dari 2", "Pengukuran Kinerja — halaman 2 dari 2"], \
        "no internal names (n1, n1->n2) as tooltips"


def test_on_a_phone_the_page_never_pans_sideways_the_table_and_sheet_scroll_in_their_frames(base, phone):
    phone.goto(base + NINE_STEPS)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for frame in (".sop-gulir", ".sop-lembar-gulir"):
        box = phone.locator(frame).first
        assert box.evaluate("e => e.scrollWidth > e.clientWidth"), f"{frame} scrolls inside itself"
        box.evaluate("e => e.scrollLeft = 200")
        assert box.evaluate("e => e.scrollLeft") > 0
    assert _sheet_scale(phone) == pytest.approx(4 / 3, rel=0.01), "legible on a phone too, not shrunk to 390 px"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_zoom_view_pans_and_zooms_with_keys_and_closes_back_to_its_button(base, page):
    page.goto(base + NINE_STEPS)
    opener = page.get_by_role("button", name="Perbesar halaman 2 dari 2")
    opener.click()
    dialog = page.get_by_role("dialog", name="Pengukuran Kinerja — halaman 2 dari 2")
    expect(dialog).to_be_visible()
    copy = dialog.locator("svg")
    fitted = copy.bounding_box()
    assert fitted["width"] <= 1280 and fitted["height"] <= 900, "fitted to the window"
    page.keyboard.press("+")
    page.keyboard.press("+")
    zoomed = copy.bounding_box()
    assert zoomed["width"] == pytest.approx(fitted["width"] * 1.25 ** 2, rel=0.01)
    page.keyboard.press("ArrowRight")
    assert copy.bounding_box()["x"] == pytest.approx(zoomed["x"] - 40, abs=1)
    page.keyboard.press("0")
    assert copy.bounding_box()["width"] == pytest.approx(fitted["width"], rel=0.01)
    dialog.get_by_role("button", name="Perbesar").click()
    assert copy.bounding_box()["width"] > fitted["width"] * 1.2
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    assert page.locator("[id]").evaluate_all("es => es.length") == len(set(page.locator("[id]").evaluate_all(
        "es => es.map(e => e.id)"))), "the copy left no duplicate ids behind"


def test_the_zoom_view_pans_with_a_finger(base, phone):
    phone.goto(base + NINE_STEPS)
    phone.get_by_role("button", name="Perbesar halaman 1 dari 2").click()
    field = phone.locator(".sop-perbesar-bidang")
    before = field.locator("svg").bounding_box()
    box = field.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for kind, dx in (("pointerdown", 0), ("pointermove", -30), ("pointermove", -60), ("pointerup", -60)):
        field.dispatch_event(kind, {"pointerId": 7, "pointerType": "touch", "isPrimary": True,
                                    "clientX": x + dx, "clientY": y, "bubbles": True})
    assert field.locator("svg").bounding_box()["x"] == pytest.approx(before["x"] - 60, abs=1)


def test_a_sheet_page_opens_in_a_tab_of_its_own_and_downloads_as_svg(base, page):
    page.goto(base + NINE_STEPS)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Buka di tab baru: halaman 1 dari 2").click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.startswith("blob:")
    expect(tab.locator("svg")).to_have_count(1)
    assert "Pengukuran Kinerja" in tab.locator("svg title").first.text_content()
    tab.close()
    with page.expect_download() as downloaded:
        page.get_by_role("button", name="Unduh SVG: halaman 2 dari 2").click()
    download = downloaded.value
    assert download.suggested_filename == "pengukuran-kinerja-lembar-2.svg"
    with open(download.path(), encoding="utf-8") as file:
        text = file.read()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<title>Pengukuran Kinerja — halaman 2 dari 2</title>" in text and 'xmlns="http://www.w3.org/2000/svg"' in text


def test_the_title_and_tab_say_whose_sop_it_is(base, page):
    page.goto(base + FULL)
    expect(page).to_have_title("Penerbitan Surat Keterangan Domisili · Kecamatan Contoh - Katalog SOP")
    expect(page.locator(".sop-subjudul")).to_have_text(
        "Kecamatan Contoh · Pemerintah Kabupaten Contoh · Nomor 045/12/KEC-X/2025")
    status = page.locator(".sop-status")
    expect(status).to_contain_text(re.compile(r"^Status kepatuhan: \d+ dari \d+ pemeriksaan lolos"))
    expect(status.get_by_role("link")).to_have_attribute("href", "#temuan-kepatuhan")


def test_source_lines_are_shown_only_in_the_findings(base, page):
    page.goto(base + NINE_STEPS)
    outside = page.locator("article").evaluate(
        "a => { const c = a.cloneNode(true); c.querySelectorAll('.sop-kepatuhan').forEach(e => e.remove());"
        " return c.innerText; }")
    assert not re.search(r"\bbaris \d", outside), "no YAML line numbers in the reader's text"
    sources = page.locator(".sop-kepatuhan .sop-sumber")
    assert sources.count() > 0
    expect(sources.first).to_have_text(re.compile(r"^sumber: baris \d+$"))
    expect(sources.first).to_have_attribute("title", re.compile(r"^sops/dinas-tanpa-nama/pengukuran-kinerja\.yaml:\d+:\d+$"))


def _printed(page, tmp_path, name: str):
    pages = read_pdf(print_pdf(page, tmp_path / name))
    assert_a4_landscape(pages)
    return [" ".join(p.text.split()) for p in pages]


NOT_ON_PAPER = ("Temuan kepatuhan", "Catatan Sumber", "Dirujuk oleh", "Cari SOP", "Cetak / Unduh PDF",
                "Perbesar", "Unduh SVG", "Status kepatuhan", "Daftar isi", "Riwayat Revisi")


def test_a_nine_step_sop_with_a_two_page_sheet_prints_on_three_pages_as_the_form(base, page, tmp_path):
    page.goto(base + NINE_STEPS)
    text = _printed(page, tmp_path, "sop.pdf")
    assert len(text) == 3, [t[:80] for t in text]
    identity, first, second = text
    for label in ("Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh", "Nama SOP",
                  "Pengukuran Kinerja", "DASAR HUKUM", "KUALIFIKASI PELAKSANA", "KETERKAITAN",
                  "PERALATAN/PERLENGKAPAN", "PERINGATAN", "PENCATATAN DAN PENDATAAN"):
        assert label in identity, label
    assert "Undang-undang Nomor 25 Tahun 2009" in identity and "Laptop/Desktop" in identity
    assert "Mutu Baku" not in identity, "the identity sheet has a page of its own"
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
    for sheet_page in (first, second):
        assert "Pengukuran Kinerja" in sheet_page and "Mutu Baku" in sheet_page and "Tim Penyusun" in sheet_page
    assert "Sekretaris bersama Tim" in second and "Sekretaris bersama Tim" not in first
    for page_text in text:
        for word in NOT_ON_PAPER:
            assert word not in page_text, word


def test_the_printed_form_has_the_official_block_and_borders_on_every_table(base, page, tmp_path):
    page.goto(base + FULL)
    identity, sheet = _printed(page, tmp_path, "full.pdf")
    for text in ("PEMERINTAH KABUPATEN CONTOH", "KECAMATAN CONTOH", "045/12/KEC-X/2025", "2 Januari 2025",
                 "6 Januari 2025", "Camat Contoh", "Drs. BUDI SANTOSO, M.Si", "NIP. 19700101 199003 1 002",
                 "Undang-Undang Nomor 23 Tahun 2014", "Buku register surat keterangan"):
        assert text in identity, text
    assert identity.index("Camat Contoh") < identity.index("Drs. BUDI SANTOSO") < identity.index("NIP.")
    assert "Halaman 1 dari 1" in sheet
    page.emulate_media(media="print")
    borderless = page.evaluate(
        "() => [...document.querySelectorAll('.sop-cetak th, .sop-cetak td')]"
        ".filter(c => c.offsetParent !== null)"
        ".filter(c => ['Top', 'Bottom', 'Left', 'Right'].some(s => parseFloat(getComputedStyle(c)['border' + s + 'Width']) === 0))"
        ".map(c => c.textContent.slice(0, 40))")
    assert borderless == []


WITH_LOGO = "sop/kecamatan-tebing-tinggi/pengumpulan-data-kinerja.html"
"""The example SOP whose kop names a logo (``kop.logo``: docs/gambar/logo-contoh.png)."""
MM = 96 / 25.4
"""CSS pixels per millimetre."""


def test_the_kop_prints_the_agencys_logo_left_of_its_names_and_the_identity_sheet_keeps_one_page(base, page, tmp_path):
    page.goto(base + WITH_LOGO)
    data = print_pdf(page, tmp_path / "logo.pdf")
    printed = read_pdf(data)
    assert_a4_landscape(printed)
    text = [" ".join(p.text.split()) for p in printed]
    sheet_pages = int(re.search(r"Halaman 1 dari (\d+)", text[1])[1])
    assert len(text) == 1 + sheet_pages, "the identity sheet still takes one page"
    assert "PEMERINTAH KABUPATEN BALANGAN" in text[0] and "PENCATATAN DAN PENDATAAN" in text[0]
    images = [len(p.images) for p in PdfReader(io.BytesIO(data)).pages]
    assert images == [1] + [0] * sheet_pages, "the logo is on the identity sheet, once"
    page.emulate_media(media="print")
    logo = page.locator(".sop-cetak-logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the image loaded"
    box, names = logo.bounding_box(), page.locator(".sop-cetak-instansi").bounding_box()
    assert 10 * MM < box["height"] <= 18 * MM + 0.5
    assert box["x"] + box["width"] < names["x"], "left of the instansi and unit, as signed kops have it"
    assert box["y"] < names["y"] + names["height"] and names["y"] < box["y"] + box["height"], "beside them"


def test_printing_needs_no_javascript(browser, base, tmp_path):
    context = new_context(browser, java_script_enabled=False)
    recorder = RequestRecorder().attach(context)
    page = context.new_page()
    page.goto(base + NINE_STEPS)
    assert page.locator(".sop-alat").count() == 0, "the script did not run"
    text = _printed(page, tmp_path, "nojs.pdf")
    assert len(text) == 3 and "DASAR HUKUM" in text[0] and "Halaman 2 dari 2" in text[2]
    recorder.assert_only_local()
    context.close()


def test_the_sheet_alone_prints_as_its_own_pdf(base, page, tmp_path):
    page.goto(base + NINE_STEPS)
    page.evaluate("window.print = () => { window.printedWith = document.documentElement.className; }")
    page.get_by_role("button", name=re.compile("^Unduh PDF lembar")).click()
    assert "sop-cetak-lembar" in page.evaluate("window.printedWith")
    page.evaluate("document.documentElement.classList.add('sop-cetak-lembar')")
    text = _printed(page, tmp_path, "lembar.pdf")
    assert len(text) == 2 and "Halaman 1 dari 2" in text[0] and "Halaman 2 dari 2" in text[1]
    assert "DASAR HUKUM" not in " ".join(text)
    page.get_by_role("button", name="Cetak / Unduh PDF").click()
    assert "sop-cetak-lembar" not in page.evaluate("window.printedWith"), "the whole form again"


ENGLISH = ("404 - Not found", "Made with", "Permanent link", 'aria-label="Header"', 'aria-label="Footer"',
           "Skip to content", "Back to top", "Table of contents", "Copy to clipboard")
"""The theme's English a reader of the example site met before: none may be left on any page."""


def test_every_page_speaks_indonesian(site, base, page):
    leaks = {}
    for file in site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        found = [word for word in ENGLISH if word in text]
        if found:
            leaks[str(file.relative_to(site))] = found
    assert leaks == {}
    page.goto(base + "tidak-ada/halaman.html")
    expect(page).to_have_title("Halaman tidak ditemukan - Katalog SOP")
    expect(page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    page.get_by_role("link", name="beranda katalog").click()
    expect(page.locator("h1")).to_contain_text("Katalog SOP")
    page.goto(base + NINE_STEPS)
    expect(page.locator("h2 a.headerlink").first).to_have_attribute("title", "Tautan ke bagian ini")
    expect(page.locator(".md-copyright")).to_contain_text("Katalog SOP Administrasi Pemerintahan")
    expect(page.locator(".sop-kepatuhan .sop-tingkat").first).to_have_text(re.compile("^(kesalahan|peringatan|saran)$"))
