"""A scanned SOP read end to end: the test's own SOP PDF drawn as pictures (turned, with the /Rotate
flag or without), read back by OCR into a draft whose every OCR value is marked with its place.

Needs Tesseract with its ``ind`` and ``osd`` models (the set-up installs them); without them these
tests fail and say so.
"""

from __future__ import annotations

import difflib
import io

import pytest

from katalog_sop.importer import read_document
from katalog_sop.importer.scan.tesseract import find_tesseract

from importer.sheets import IDENTITY, make_sop


def _scanned(pdf, out, turn: int = 0, flag: int = 0, dpi: int = 200):
    """``pdf`` as a picture-only PDF: each page drawn at ``dpi``, turned ``turn`` degrees counter-clockwise,
    and given the /Rotate flag ``flag``."""
    import pypdfium2
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    document = pypdfium2.PdfDocument(str(pdf))
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L").rotate(turn, expand=True)
        buffer = io.BytesIO()
        image.save(buffer, "PDF", resolution=float(dpi))
        page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
        if flag:
            page.rotate(flag)
        writer.add_page(page)
    document.close()
    with open(out, "wb") as file:
        writer.write(file)
    return out


@pytest.fixture(scope="module")
def tesseract():
    if find_tesseract() is None:
        pytest.fail("Tesseract is not installed; install it: apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd")


def _near(expected: str, got) -> bool:
    return difflib.SequenceMatcher(None, expected, str(got or "")).ratio() >= 0.9


@pytest.mark.parametrize("turn, flag", [(0, 0), (90, 0), (270, 270)], ids=["upright", "turned", "turned-with-flag"])
def test_a_scanned_sop_is_read_upright_and_every_ocr_value_says_where_it_stands(tmp_path, tesseract, turn, flag):
    scan = _scanned(make_sop(tmp_path / "asli.pdf"), tmp_path / "pindai.pdf", turn, flag)
    [draft] = read_document(scan)
    assert draft.scanned == [1, 2] and [s.rotation for s in draft.scans] == [(turn - flag) % 360] * 2
    for key in ("nama", "nomor", "tanggal_pembuatan", "tanggal_efektif"):
        assert _near(IDENTITY[key], draft.data.get(key)), (key, draft.data.get(key))
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan_perlengkapan"):
        assert len(draft.data.get(key, [])) == len(IDENTITY[key]), key
    assert len(draft.data["langkah"]) == 4
    marks = {path: reason for path, reason in draft.checks}
    assert marks[("nama",)].startswith("dibaca dengan OCR, halaman 1 (x ")
    assert "keyakinan" in marks[("nama",)]
    for index in range(len(draft.data["dasar_hukum"])):
        assert ("dasar_hukum", index) in marks
    for index, step in enumerate(draft.data["langkah"]):
        if step["kegiatan"] != "?":
            assert marks[("langkah", index, "kegiatan")].startswith("dibaca dengan OCR, halaman 2")


def test_a_text_repeated_down_the_table_is_marked_where_its_own_row_stands():
    """A Kelengkapan printed on every row is located in each step's row, not at its first print."""
    from types import SimpleNamespace

    from katalog_sop.importer import Draft
    from katalog_sop.importer.ocr_marks import mark_ocr
    from katalog_sop.importer.page import Page
    from katalog_sop.importer.scan.words import ScannedWord

    words = [ScannedWord(text, x, y, x + 30, y + 9, confidence=90.0)
             for text, x, y in (("Surat", 400, 100), ("PD", 432, 100), ("Surat", 400, 200), ("PD", 432, 200))]
    page = Page(1, 842, 595, words=words)
    draft = Draft("pindai.pdf", data={"langkah": [{"kegiatan": "?", "kelengkapan": "Surat PD"},
                                                  {"kegiatan": "?", "kelengkapan": "Surat PD"}]})
    draft.tables = [SimpleNamespace(rows=[SimpleNamespace(page=1, top=90, bottom=150), SimpleNamespace(page=1, top=190, bottom=250)])]
    mark_ocr(draft, [page])
    marks = dict(draft.checks)
    assert marks[("langkah", 0, "kelengkapan")] == "dibaca dengan OCR, halaman 2 (x 400 pt, y 100 pt, keyakinan 90 %)"
    assert marks[("langkah", 1, "kelengkapan")] == "dibaca dengan OCR, halaman 2 (x 400 pt, y 200 pt, keyakinan 90 %)"


def test_in_a_pdf_of_text_and_scanned_pages_only_what_ocr_read_is_marked(tmp_path, tesseract):
    """The identity page has a text layer, the step page is a picture: only the steps and the lanes'
    names (the step table's header) carry OCR marks."""
    from pypdf import PdfReader, PdfWriter

    original = make_sop(tmp_path / "asli.pdf")
    scan = _scanned(original, tmp_path / "pindai.pdf")
    writer = PdfWriter()
    writer.add_page(PdfReader(original).pages[0])
    writer.add_page(PdfReader(scan).pages[1])
    with open(tmp_path / "campuran.pdf", "wb") as file:
        writer.write(file)
    [draft] = read_document(tmp_path / "campuran.pdf")
    assert draft.scanned == [2] and draft.data["nama"] == IDENTITY["nama"]
    ocr = {path for path, reason in draft.checks if reason.startswith("dibaca dengan OCR")}
    assert ocr and all(path[0] in ("langkah", "pelaksana") for path in ocr), sorted(ocr)
    assert len(draft.data["langkah"]) == 4


def _stamped(pdf, out, dpi: int = 200):
    """``pdf`` as a colour scan whose approval cell is stamped (a violet ring over the name and the NIP,
    reaching into the next row) and signed (a blue scrawl through the name, one stroke upright across the whole cell). Ink over
    print darkens it, as on paper (the colours multiply)."""
    import pypdfium2
    from PIL import Image, ImageChops, ImageDraw

    document = pypdfium2.PdfDocument(str(pdf))
    pages = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    document.close()
    k = dpi / 72
    ink = Image.new("RGB", pages[0].size, "white")
    draw = ImageDraw.Draw(ink)
    draw.ellipse([k * 512, k * 114, k * 584, k * 186], outline=(120, 70, 190), width=round(k * 1.2))
    scrawl = [(520, 100), (540, 158), (556, 112), (572, 160), (590, 104), (610, 150)]
    draw.line([(k * x, k * y) for x, y in scrawl], fill=(25, 55, 205), width=round(k * 1.2))
    draw.line([(k * 628, k * 104), (k * 630, k * 164)], fill=(25, 55, 205), width=round(k * 1.2))
    pages[0] = ImageChops.multiply(pages[0], ink)
    pages[0].save(out, "PDF", resolution=float(dpi), quality=95, save_all=True, append_images=pages[1:])
    return out


def test_a_stamped_and_signed_approval_is_read_past_its_coloured_ink(tmp_path, tesseract):
    """The stamp's ring and the signature cross the printed jabatan, name and NIP, and one stroke of the
    signature stands upright through the whole cell like a rule: the print is read all the same."""
    scan = _stamped(make_sop(tmp_path / "asli.pdf"), tmp_path / "bercap.pdf")
    [draft] = read_document(scan)
    approval = draft.data.get("disahkan_oleh", {})
    for key in ("jabatan", "nama", "nip"):
        assert _near(IDENTITY["disahkan_oleh"][key], approval.get(key)), (key, approval)
