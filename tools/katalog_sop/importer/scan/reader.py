"""Scanned pages: one page of a scanned PDF read into the importer's page geometry.

The steps, each in its own module: draw the page (:mod:`.raster`), stand it
upright (:mod:`.orientation`), undo its tilt and lean (:mod:`.skew`) and its
curl (:mod:`.dewarp`), find its ruled lines (:mod:`.rules`), read its words
cell by cell (:mod:`.cells`, :mod:`.ocr`), then find the flowchart's
symbols and arrows (:mod:`.figures`). The result is a :class:`~katalog_sop.importer.page.Page` in
PDF points of the straightened page, so the grid, identity and step readers
run on it as on a page with a text layer. What could not be done is said in
``notes``, in Indonesian, for the draft's warnings; nothing here raises for
a missing Tesseract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from katalog_sop.importer.grid import Grid
from katalog_sop.importer.page import Page
from katalog_sop.importer.scan.cells import cells_of
from katalog_sop.importer.scan.dewarp import find_curl, flatten
from katalog_sop.importer.scan.figures import find_figures
from katalog_sop.importer.scan.ocr import clean, read_words
from katalog_sop.importer.scan.orientation import find_orientation, turn
from katalog_sop.importer.scan.raster import DPI, render_page
from katalog_sop.importer.scan.rules import Rules, find_rules, page_unit
from katalog_sop.importer.scan.skew import find_lean, find_skew, straighten, unlean
from katalog_sop.importer.scan.tesseract import TesseractError, find_tesseract, text_language

NO_TESSERACT = "Tesseract tidak terpasang; teks halaman pindaian tidak dibaca"


@dataclass
class ScannedPage:
    page: Page
    """Words (:class:`~katalog_sop.importer.scan.words.ScannedWord`, with their confidence), ruled lines
    and arrow shafts, symbols and arrowheads (as shapes), in PDF points from the straightened page's top
    left."""
    rotation: int
    """Degrees the drawn page (its ``/Rotate`` flag applied) was turned clockwise to stand upright."""
    rotate_flag: int
    """The page's own ``/Rotate`` flag, in degrees (pdfium applies it when drawing)."""
    orientation_method: str
    """How ``rotation`` was found: "osd", "ocr", "garis" or "tidak diketahui" (see :mod:`.orientation`)."""
    skew: float
    """Degrees the content was tilted counter-clockwise, undone."""
    lean: float
    """Degrees the columns leaned (lower ends to the right) once the rows were level, undone by shearing."""
    bend: float
    """Points the long rules strayed from straight (a curled page); flattened when 1.5 or more."""
    image: object
    """The straightened page as a greyscale PIL image."""
    scale: float
    """Pixels of ``image`` per PDF point."""
    read_text: bool = False
    """Whether the text was read (Tesseract installed and working)."""
    language: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def image_size(self) -> tuple[int, int]:
        return self.image.size

    @property
    def mean_confidence(self) -> float | None:
        """The words' mean OCR confidence (0-100), ``None`` without words."""
        words = self.page.words
        return sum(w.confidence for w in words) / len(words) if words else None


def read_scanned_page(pdf_path, index: int, dpi: float = DPI, ocr: bool = True) -> ScannedPage:
    """Page ``index`` (from 0) of the scanned PDF at ``pdf_path`` as page geometry, its text read by OCR
    when ``ocr`` and Tesseract is installed."""
    raster = render_page(pdf_path, index, dpi)
    program = find_tesseract() if ocr else None
    found = find_orientation(raster.image, raster.scale * 72, program)
    width, height = (raster.height, raster.width) if found.degrees in (90, 270) else (raster.width, raster.height)
    unit = page_unit(width, height)
    pictures = [turn(p, found.degrees) for p in (raster.image, raster.colour, raster.through) if p is not None]
    (image, *coloured), skew, lean, bend = _straightened(pictures, raster.scale, unit)
    mask, through = (np.asarray(coloured[0]) < 128, coloured[1]) if coloured else (None, None)
    rules = _print_rules(image, through, raster.scale, unit)
    page = Page(index, width, height, segments=rules.segments)
    out = ScannedPage(page, found.degrees, raster.rotate_flag, found.method, skew, lean, bend, image, raster.scale)
    if found.method in _GUESSED:
        out.notes.append(_GUESSED[found.method])
    if ocr:
        _read_words(out, program, rules.mask, mask, through)
    _add_figures(out, rules, unit)
    return out


def _print_rules(image, through, scale: float, unit: float) -> Rules:
    """The ruled lines of the page's print, found on the page seen through its coloured ink
    (``through``): a signature's upright stroke is no rule, and would cut the approval cell in two.
    Unless that loses the table's own rules (a table ruled in colour): then every line. The ink is
    always the whole page's, for the flowchart's figures."""
    every = find_rules(image, scale, unit)
    if through is None:
        return every
    printed = find_rules(through, scale, unit)
    if sum(s.length for s in printed.segments) < KEPT * sum(s.length for s in every.segments):
        return every
    return Rules(printed.segments, printed.mask, every.ink)


KEPT = 0.8
"""Share of the ruled lines' length that must stay when the page is seen through its coloured ink, for
the rules of the print to be taken (less, and the table itself was ruled in colour)."""


def _add_figures(out: ScannedPage, rules: Rules, unit: float) -> None:
    """Put the flowchart's symbols (as outlines) and arrows (shafts and heads) on ``out.page``; after
    the OCR, whose cells they must not split."""
    found = find_figures(out.image, out.scale, rules.segments, out.page.words, unit, rules.ink)
    out.page.shapes = found.shapes
    out.page.segments = found.segments
    out.page.words = found.words


_GUESSED = {"garis": "arah halaman pindaian ditebak dari arah baris teks; halaman terbalik tidak dikenali",
            "tidak diketahui": "arah halaman pindaian tidak diketahui; halaman dibaca sebagaimana tampil"}


def _straightened(pictures: list, scale: float, unit: float) -> tuple[list, float, float, float]:
    """Upright ``pictures`` (the page, then any mask of it) levelled, their lean sheared away and their
    curl flattened, as measured on the first; with the skew, lean and bend found."""
    skew = find_skew(pictures[0])
    pictures = [straighten(p, skew) for p in pictures]
    lean = find_lean(pictures[0])
    pictures = [unlean(p, lean) for p in pictures]
    mesh, bend = find_curl(pictures[0], scale, unit)
    return [flatten(p, mesh) for p in pictures], skew, lean, bend


def _read_words(out: ScannedPage, program: str | None, lines_mask, colour, through) -> None:
    """Fill ``out.page.words`` by OCR, cell by cell (those with coloured ink, ``colour``, read twice, the
    second time seen through it, ``through``: see :mod:`.stamps`); say in ``out.notes`` what could not
    be read."""
    if program is None:
        out.notes.append(NO_TESSERACT)
        return
    language = text_language(program)
    if language is None:
        out.notes.append("model bahasa Tesseract (ind atau eng) tidak terpasang; teks halaman pindaian tidak dibaca")
        return
    if language != "ind":
        out.notes.append("model bahasa Indonesia (ind) untuk Tesseract tidak terpasang; "
                         "teks dibaca dengan model bahasa Inggris")
    cells = cells_of(Grid(out.page))
    try:
        clear = None if through is None else clean(through, lines_mask)
        words = read_words(program, language, clean(out.image, lines_mask), cells, out.scale, colour, clear)
    except TesseractError as exc:
        out.notes.append(f"{exc}; teks halaman pindaian tidak dibaca")
        return
    out.page.words = sorted(words, key=lambda w: (w.top, w.x0))
    out.read_text, out.language = True, language
