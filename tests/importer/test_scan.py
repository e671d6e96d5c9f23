"""Scanned pages (``importer.scan``): stood upright, straightened, ruled lines found, text read.

Every page here is drawn by the test with Pillow: a small identity block
(labels left, values right, in large clear letters) ruled as a table, then
turned a quarter, a half or three quarters, tilted a few degrees, sprinkled
with noise, and saved as a PDF with no text layer, as a scanner would.
Tests that read text need Tesseract with its ``ind`` and ``osd`` models
(``apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd``);
without them they fail and say so: CI installs them.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from katalog_sop.importer.grid import Grid
from katalog_sop.importer.identity import read_identity
from katalog_sop.importer.page import Page
from katalog_sop.importer.scan import NO_TESSERACT, read_scanned_page
from katalog_sop.importer.scan import reader
from katalog_sop.importer.scan.cells import cells_of
from katalog_sop.importer.scan.orientation import find_orientation, turn
from katalog_sop.importer.scan.rules import find_rules
from katalog_sop.importer.scan.skew import find_skew, straighten
from katalog_sop.importer.scan.tesseract import TsvRow, find_tesseract, languages
from katalog_sop.importer.scan.words import MARGIN, words_of

DPI = 200
SCALE = DPI / 72
LEFT, MIDDLE, RIGHT = 60, 480, 1140
ROWS = (60, 190, 320, 450, 580)
FIELDS = (("Nomor SOP", "123/SOP/2024"), ("Tanggal Pembuatan", "5 Januari 2024"),
          ("Disahkan oleh", "Kepala Dinas"), ("Nama SOP", "Pelayanan Informasi"))


def sheet() -> Image.Image:
    """A page 1200 x 640 pixels (432 x 230 points at 200 dpi): four labelled fields, ruled."""
    image = Image.new("L", (1200, 640), 255)
    draw = ImageDraw.Draw(image)
    for y in ROWS:
        draw.line((LEFT, y, RIGHT, y), fill=0, width=3)
    for x in (LEFT, MIDDLE, RIGHT):
        draw.line((x, ROWS[0], x, ROWS[-1]), fill=0, width=3)
    font = ImageFont.load_default(size=40)
    for (label, value), top in zip(FIELDS, ROWS):
        draw.text((LEFT + 20, top + 40), label, fill=0, font=font)
        draw.text((MIDDLE + 20, top + 40), value, fill=0, font=font)
    return image


def scanned(image: Image.Image, turned: int = 0, tilt: float = 0.0, seed: int = 1) -> Image.Image:
    """``image`` tilted ``tilt`` degrees and turned ``turned`` degrees counter-clockwise, with noise."""
    if tilt:
        image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.rotate(turned, expand=True) if turned else image
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32) * 0.92 + 12 + rng.normal(0, 8, (image.height, image.width))
    specks = rng.random(pixels.shape) < 0.002
    pixels[specks] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def pdf_of(image: Image.Image, path, rotate_flag: int = 0):
    """``image`` saved as a one-page PDF at 200 dpi with no text layer, its page's /Rotate set."""
    image.save(path, resolution=DPI)
    if rotate_flag:
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        document[0].set_rotation(rotate_flag)
        turned = path.with_name("diputar-" + path.name)
        document.save(str(turned))
        document.close()
        return turned
    return path


@pytest.fixture
def tesseract() -> str:
    program = find_tesseract()
    if program is None:
        pytest.fail("Tesseract is not installed; install it: apt-get install tesseract-ocr tesseract-ocr-ind "
                    "tesseract-ocr-osd")
    missing = {"ind", "osd"} - languages(program)
    if missing:
        pytest.fail(f"Tesseract lacks the models {sorted(missing)}; install tesseract-ocr-ind tesseract-ocr-osd")
    return program


@pytest.mark.parametrize("tilt", [-3.0, -1.2, 2.5])
def test_skew_is_found_within_half_a_degree(tilt):
    assert find_skew(scanned(sheet(), tilt=tilt)) == pytest.approx(tilt, abs=0.5)


def test_rules_are_found_where_they_are_drawn():
    tilted = scanned(sheet(), tilt=2.5)
    image = straighten(tilted, find_skew(tilted))
    rules = find_rules(image, SCALE)
    grid = Grid(Page(0, image.width / SCALE, image.height / SCALE, segments=rules.segments))
    across = sorted(r.at * SCALE for r in grid.horizontal if r.end - r.start > 200)
    down = sorted(r.at * SCALE for r in grid.vertical if r.end - r.start > 100)
    assert across == pytest.approx(ROWS, abs=3 * SCALE)  # within 3 points
    assert down == pytest.approx((LEFT, MIDDLE, RIGHT), abs=3 * SCALE)
    assert len(cells_of(grid)) == 8


def test_words_come_back_onto_the_page_in_points():
    rows = [TsvRow(4, 2, 1, 1, 1, MARGIN + 20, MARGIN + 10, 200, 60, -1, ""),
            TsvRow(5, 2, 1, 1, 1, MARGIN + 40, MARGIN + 18, 80, 40, 91.5, "Nomor"),
            TsvRow(5, 2, 1, 1, 1, MARGIN + 40, MARGIN + 18, 8, 40, 30.0, "|")]
    [(picture, word)] = words_of(rows, {2: (100, 300)}, SCALE, zoom=2.0)
    assert picture == 2 and word.text == "Nomor" and word.confidence == 91.5
    assert (word.x0 * SCALE, word.x1 * SCALE) == pytest.approx((120, 160))
    assert (word.top * SCALE, word.bottom * SCALE) == pytest.approx((305, 335))  # its line's top and bottom


def test_without_tesseract_rules_are_found_and_the_notes_say_why_no_text(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "find_tesseract", lambda: None)
    page = read_scanned_page(pdf_of(scanned(sheet(), turned=90), tmp_path / "pindai.pdf"), 0)
    assert NO_TESSERACT in page.notes and not page.read_text and page.page.words == []
    assert page.rotation in (90, 270) and page.orientation_method == "garis"  # sideways, which way unknown
    assert (page.page.width, page.page.height) == pytest.approx((1200 / SCALE, 640 / SCALE), abs=1)  # upright again
    assert len(cells_of(Grid(page.page))) == 8


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_orientation_is_found(tesseract, turned):
    found = find_orientation(scanned(sheet(), turned=turned), DPI, tesseract)
    assert found.degrees == turned
    assert turn(Image.new("L", (30, 20)), found.degrees).size == ((20, 30) if turned % 180 else (30, 20))


def test_a_turned_tilted_noisy_scan_is_read_cell_by_cell(tesseract, tmp_path):
    page = read_scanned_page(pdf_of(scanned(sheet(), turned=270, tilt=2.0), tmp_path / "pindai.pdf"), 0)
    assert page.rotation == 270 and page.rotate_flag == 0
    assert page.skew == pytest.approx(2.0, abs=0.5)
    assert page.read_text and page.language == "ind" and page.notes == []
    texts = [w.text for w in page.page.words]
    for word in ("Nomor", "Tanggal", "Pembuatan", "Disahkan", "Kepala", "Dinas", "Pelayanan", "Informasi"):
        assert word in texts
    assert page.mean_confidence > 70
    identity = read_identity(page.page, Grid(page.page))
    assert identity.values["nomor"] == "123/SOP/2024"
    assert identity.values["nama"] == "Pelayanan Informasi"
    assert identity.values["tanggal_pembuatan"] == "5 Januari 2024"


def test_the_rotate_flag_is_applied_before_looking(tesseract, tmp_path):
    # the picture lies on its side and the page's /Rotate flag turns it upright, as iLovePDF does
    path = pdf_of(scanned(sheet(), turned=90), tmp_path / "pindai.pdf", rotate_flag=90)
    page = read_scanned_page(path, 0, ocr=False)
    assert page.rotate_flag == 90 and page.rotation == 0
    assert page.image_size == (1200, 640)


def test_orientation_by_reading_when_osd_is_unsure(tesseract):
    # the fallback: the inkiest patches read each way up; the way with most confident words wins
    from katalog_sop.importer.scan.orientation import _by_reading

    found = _by_reading(scanned(sheet(), turned=180), DPI, tesseract)
    assert found is not None and found.degrees == 180 and found.method == "ocr"
