"""Scanned pages: letters told from drawing, both ways round.

The page is read before its drawing is known, and Tesseract reads what it is
given: a diamond's sides as "X" or "&", a capsule's ends as "( )", an
arrowhead as "A" or "v", a line's end as "1". Such words would become a
symbol's text or an arrow's label; here a word whose ink lies mostly on the
drawing found (outlines, heads, lines) is taken for drawing and left out. A
word written inside a symbol or by an arrow has ink of its own (its letters)
and is kept. The other way round, a closed bowl ("o") or a solid blob (a
bold "e") inside a real word is a letter's part, not a symbol or a head: it
is small beside its word and the word's ink is mostly elsewhere.
"""

from __future__ import annotations

import numpy as np

from katalog_sop.importer.page import Segment, Word
from katalog_sop.importer.scan.shapes import Found, grown

DRAWN = 0.6
"""A word with more of its ink than this on the drawing was read from the drawing."""
BOWL = 0.35
"""A closed figure inside a word's box taking less of it than this may be a letter's bowl."""

Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels."""


def _pixels(word: Word, scale: float, origin: tuple[int, int] = (0, 0)) -> Box:
    x, y = origin
    return tuple(max(0, round(v * scale) - o) for v, o in ((word.x0, x), (word.top, y), (word.x1, x), (word.bottom, y)))


def drawn(shape: tuple[int, int], origin: tuple[int, int], scale: float, outlines: np.ndarray,
          heads: list[Box], segments: list[Segment]) -> np.ndarray:
    """The pixels of the drawing in a part of the page (``shape``, its top left pixel at ``origin``):
    the symbols' ``outlines``, the heads' boxes (pixels of the part) and the lines (points), a pixel or
    two round them."""
    out = outlines.copy()
    for left, top, right, bottom in heads:
        out[max(0, top - 1):bottom + 1, max(0, left - 1):right + 1] = True
    x, y = origin
    for s in segments:
        half = s.width * scale / 2 + 2
        x0, x1 = sorted((s.x0 * scale - x, s.x1 * scale - x))
        y0, y1 = sorted((s.y0 * scale - y, s.y1 * scale - y))
        columns = slice(max(0, int(x0 - half)), max(0, int(np.ceil(x1 + half))))
        out[max(0, int(y0 - half)):max(0, int(np.ceil(y1 + half))), columns] = True
    return out


def not_drawn(words: list[Word], ink: np.ndarray, drawing: np.ndarray, origin: tuple[int, int],
              scale: float) -> list[Word]:
    """``words`` less those whose ink (in ``ink``, a part of the page from ``origin``) lies mostly on
    ``drawing``."""
    kept = []
    for word in words:
        left, top, right, bottom = _pixels(word, scale, origin)
        mine = ink[top:bottom, left:right]
        if mine.sum() and (mine & drawing[top:bottom, left:right]).sum() > DRAWN * mine.sum():
            continue
        kept.append(word)
    return kept


def inside_word(box: tuple[float, float, float, float], word: Word, share: float = 1.0) -> bool:
    """Whether ``box`` (points) lies inside ``word``'s box and takes less than ``share`` of it."""
    x0, top, x1, bottom = box
    return (word.x0 - 1 <= x0 and x1 <= word.x1 + 1 and word.top - 1 <= top and bottom <= word.bottom + 1
            and (x1 - x0) * (bottom - top) < share * word.w * word.h)


def _outline_share(symbol: Found, word: Word, dark: np.ndarray, scale: float) -> float:
    """How much of a word's ink lies on a symbol's outline (all of it for a symbol OCR read as "&")."""
    by = int(np.ceil(symbol.stroke)) + 2
    ring = grown(symbol.inside, by) & ~np.pad(symbol.inside, by)
    left, top = symbol.box[0] - by, symbol.box[1] - by
    wx0, wy0, wx1, wy1 = _pixels(word, scale)
    x0, y0 = max(wx0, left, 0), max(wy0, top, 0)
    x1, y1 = min(wx1, left + ring.shape[1]), min(wy1, top + ring.shape[0])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    on = (dark[y0:y1, x0:x1] & ring[y0 - top:y1 - top, x0 - left:x1 - left]).sum()
    return float(on) / max(1, int(dark[wy0:wy1, wx0:wx1].sum()))


def bowl(symbol: Found, words: list[Word], dark: np.ndarray, scale: float) -> bool:
    """Whether a closed figure is a letter's bowl (an "o"): inside a word read, small beside it, and
    only a part of the word's ink (not a symbol read as a letter)."""
    box = tuple(v / scale for v in symbol.box)
    return any(inside_word(box, w, BOWL) and _outline_share(symbol, w, dark, scale) < DRAWN for w in words)


def bold(blob: Box, ink: np.ndarray, origin: tuple[int, int], words: list[Word], scale: float) -> bool:
    """Whether a solid blob (pixels of ``ink``, a part of the page from ``origin``) is part of a bold
    letter: inside a word read whose ink is mostly elsewhere (a head read as "V" is its word's ink)."""
    x, y = origin
    box = ((blob[0] + x) / scale, (blob[1] + y) / scale, (blob[2] + x) / scale, (blob[3] + y) / scale)
    for word in words:
        if not inside_word(box, word):
            continue
        left, top, right, bottom = _pixels(word, scale, origin)
        mine = ink[max(top, blob[1]):min(bottom, blob[3]), max(left, blob[0]):min(right, blob[2])].sum()
        if mine < DRAWN * ink[top:bottom, left:right].sum():
            return True
    return False
