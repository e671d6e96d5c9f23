"""Scanned pages: Tesseract's TSV rows as the importer's words, each with its confidence.

Tesseract gives each word's box in the picture it read (a cell cut out,
enlarged, set in a margin); here the box is moved back onto the page, in
points. A word's top and bottom are its line's: the ink of "acara" and of
"Tanggal" differ in height, but the importer groups words into lines by
their tops. Specks and strokes read as punctuation ("|" for a rule's stub),
and words read twice where cells overlap, are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from katalog_sop.importer.grid import Cell
from katalog_sop.importer.page import Word, shared_area
from katalog_sop.importer.scan.tesseract import TsvRow

MARGIN = 10
"""Pixels of white put around each picture given to Tesseract (it reads poorly up to the edge)."""
LEAST_CONFIDENCE = 5.0
"""Below this confidence a "word" is Tesseract's guess at a drawing (the inside of a symbol), dropped."""
SURE = 50.0
"""Below this confidence a "word" without a letter or digit is a speck or a stroke, and dropped."""
STROKES = "|¦_~"
"""A "word" of these only is a stroke (a rule's stub, a box's side), whatever its confidence."""


@dataclass(frozen=True)
class ScannedWord(Word):
    """A word read by OCR: a :class:`~katalog_sop.importer.page.Word` with Tesseract's confidence."""

    confidence: float = -1.0
    """0 to 100."""


def words_of(rows: list[TsvRow], origins: dict[int, tuple[int, int]], scale: float,
             zoom: float = 1.0) -> list[tuple[int, ScannedWord]]:
    """(picture number, word) of a Tesseract run's words, moved from each picture (``origins``: the
    top left of what it shows, in page pixels, by picture number; enlarged by ``zoom`` and set in a
    margin) onto the page, in points."""
    heights = {row.line_key: (row.top, row.top + row.height) for row in rows if row.level == 4}
    out = []
    for row in rows:
        text = row.text.strip()
        if row.level != 5 or not text or row.page not in origins:
            continue
        if row.conf < LEAST_CONFIDENCE or (row.conf < SURE and not any(c.isalnum() for c in text)):
            continue
        if not text.strip(STROKES):  # a rule's stub or a box's side read as a letter
            continue
        left, top = origins[row.page]
        line_top, line_bottom = heights.get(row.line_key, (row.top, row.top + row.height))
        x = lambda px: (left + (px - MARGIN) / zoom) / scale  # noqa: E731
        y = lambda px: (top + (px - MARGIN) / zoom) / scale  # noqa: E731
        word = ScannedWord(text, x(row.left), y(line_top), x(row.left + row.width), y(line_bottom), round(row.conf, 1))
        out.append((row.page, word))
    return out


def unique(words: list[ScannedWord]) -> list[ScannedWord]:
    """``words`` less those read twice (a word across a cell's border is in both cells' pictures): of
    two boxes that mostly overlap, the more confident is kept."""
    kept: list[ScannedWord] = []
    for word in sorted(words, key=lambda w: -w.confidence):
        if not any(_overlap(word, other) > 0.5 for other in kept):
            kept.append(word)
    return kept


def _overlap(a: Word, b: Word) -> float:
    """The share of the smaller box that the two boxes share."""
    return shared_area(a, b) / max(1e-6, min(a.w * a.h, b.w * b.h))


def _area(cell: Cell) -> float:
    return (cell.x1 - cell.x0) * (cell.bottom - cell.top)


def smaller_holds(word: Word, own: Cell, cells: list[Cell]) -> bool:
    """Whether a cell smaller than ``own`` also holds the word's middle (and so reads it too)."""
    return any(c is not own and c.holds(word) and _area(c) < _area(own) * 0.9 for c in cells)
