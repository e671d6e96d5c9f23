"""Scanned pages: how tall the text's lines are, to enlarge small print before OCR.

Tesseract reads best when a line of text is some 30 to 40 pixels tall (10 pt
at 300 dpi); small print scanned at low resolution (a 7 pt form at 143 dpi,
a phone's picture of a whole page) comes out at 15 to 20 and is misread
("Updang" for "Undang"). The line height is measured without OCR: within
each cell the rows holding ink come in bands, one per printed line, and the
bands' median height is the text's. The pictures given to Tesseract are
then enlarged by :func:`zoom_for`.
"""

from __future__ import annotations

import numpy as np

WANTED = 32.0
"""Pixels: the line height Tesseract is given at least."""
MOST = 3.0
"""Enlarge no more than this."""
WORTH = 1.25
"""Enlarge only when the gain is at least this (enlarging costs time)."""


def line_heights(dark: np.ndarray, box: tuple[int, int, int, int]) -> list[int]:
    """The heights of the bands of inked rows in ``box`` (x0, y0, x1, y1) of the ink mask ``dark``."""
    x0, y0, x1, y1 = box
    rows = dark[y0:y1, x0:x1].any(axis=1)
    if not rows.any():
        return []
    edges = np.diff(np.concatenate(([0], rows.astype(np.int8), [0])))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return [int(e - s) for s, e in zip(starts, ends) if e - s >= 5]  # thinner bands are specks and rules' fuzz


def zoom_for(heights: list[int]) -> float:
    """How much to enlarge pictures whose printed lines are ``heights`` pixels tall (1 for none)."""
    if not heights:
        return 1.0
    factor = WANTED / float(np.median(heights))
    return 1.0 if factor < WORTH else round(min(MOST, factor), 2)
