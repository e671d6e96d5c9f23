"""Scanned pages: the shafts of the flowchart's arrows, as straight lines.

A shaft is a straight run of ink across or down the page, once the symbols
(their outline and inside) and the solid heads (:mod:`.heads`) are taken
away: so a shaft stops at its symbol's edge and at its head's base, as a
text-layer PDF draws it, and :func:`~katalog_sop.importer.arrows.wires`
joins and directs them as it does there. Light grey counts as ink (some
sheets draw their arrows grey). A run that is part of lettering (a small
part of a word read by OCR, or crowded by ink on both sides, unless it ends
at a symbol: an open head's strokes crowd it there) is no shaft; nor is a
line the rules already give (a table rule, or an arrow found there, which
keeps its place among the page's lines). A shaft is kept only if it joins a
symbol or a head, directly or through other lines: stray ink joins none.
"""

from __future__ import annotations

import numpy as np

from katalog_sop.importer.page import Segment, Word
from katalog_sop.importer.scan.regions import regions
from katalog_sop.importer.scan.runs import long_runs

SHORTEST = 3.0
"""Points: no shorter straight run of ink is a shaft."""
THICKEST = 2.5
"""Points: a thicker band of ink is no line (a blot, a filled figure)."""
CROWDED = 0.3
"""A short run with more ink than this on both its sides is part of lettering."""
STROKE = 0.3
"""A letter's stroke is less than this share of its word's ink."""
BESIDE = 4.0
"""Points: a line shorter than twice this, this near a longer one alongside it, is no line of its own."""
TOUCH = 3.0
"""Points: lines this near each other meet (as :mod:`~katalog_sop.importer.arrows` has it)."""
TABLE_RULE = 100.0
"""Points: a longer rule is taken for a table's, through which no stray line is joined to an arrow."""
KNOWN = 1.5
"""Points: a line this near a rule already found, along most of it, is that rule."""


def _crowded(dark: np.ndarray, rows: tuple[int, int], start: int, end: int) -> bool:
    """Whether the pixels 2 to 4 rows above and below a run (rows ``rows[0]`` to ``rows[1]``) are both
    mostly ink: lettering, no line."""
    above = dark[max(0, rows[0] - 4):max(0, rows[0] - 1), start:end]
    below = dark[rows[1] + 2:rows[1] + 5, start:end]
    return all(side.size and side.mean() >= CROWDED for side in (above, below))


def _bands(mask: np.ndarray) -> list[tuple[int, int, float, float, int, int]]:
    """(start, end, at, thickness, first row, last row) of each band of runs of ``mask`` (runs of
    neighbouring rows that touch), in pixels, counting only its long runs: a line's own, without the
    strokes of a head or a letter that touch it (they would make it look thick)."""
    found = regions(mask, diagonal=True)
    if not len(found.area):
        return []
    lengths = found.ends - found.starts
    own = lengths >= 0.5 * (found.right - found.left)[found.label]
    label, rows, starts, ends, lengths = (a[own] for a in (found.label, found.rows, found.starts, found.ends, lengths))
    count = len(found.area)
    ink = np.bincount(label, weights=lengths, minlength=count)
    at = np.bincount(label, weights=rows * lengths, minlength=count) / np.maximum(ink, 1)
    first, last = np.full(count, mask.shape[0]), np.zeros(count, dtype=int)
    start, end = np.full(count, mask.shape[1]), np.zeros(count, dtype=int)
    np.minimum.at(first, label, rows)
    np.maximum.at(last, label, rows)
    np.minimum.at(start, label, starts)
    np.maximum.at(end, label, ends)
    return [(int(a), int(b), float(r), float(i) / max(1, b - a), int(f), int(lst))
            for a, b, r, i, f, lst in zip(start, end, at, ink, first, last) if i > 0]


def _at_symbol(stops: np.ndarray, row: int, start: int, end: int) -> bool:
    """Whether a run along ``row`` ends within 3 pixels of a symbol's pixels (``stops``)."""
    return bool(stops[row, max(0, start - 3):start].any() or stops[row, end:end + 3].any())


def _lines(art: np.ndarray, dark: np.ndarray, stops: np.ndarray, scale: float,
           unit: float) -> list[tuple[float, float, float, float]]:
    """(start, end, at, thickness) in pixels of the straight runs along the rows of ``art``. A run
    crowded by ink is lettering, unless it ends at a symbol (an open head's strokes crowd it there)."""
    out, thickest = [], THICKEST * unit * scale
    for start, end, at, thickness, first, last in _bands(long_runs(art, max(4, round(SHORTEST * unit * scale)), 1)):
        if thickness > thickest or last - first > thickest + 2:
            continue
        if _crowded(dark, (first, last), start, end) and not _at_symbol(stops, round(at), start, end):
            continue
        out.append((start, end, at + 0.5, thickness))
    return out


def _known(s: Segment, rules: list[Segment]) -> bool:
    """Whether a rule already found runs along ``s`` for most of its length."""
    along = 0.0
    for r in rules:
        if s.horizontal and r.horizontal and abs(r.y0 - s.y0) <= KNOWN:
            along += max(0.0, min(max(s.x0, s.x1), max(r.x0, r.x1)) - max(min(s.x0, s.x1), min(r.x0, r.x1)))
        elif s.vertical and r.vertical and abs(r.x0 - s.x0) <= KNOWN:
            along += max(0.0, min(max(s.y0, s.y1), max(r.y0, r.y1)) - max(min(s.y0, s.y1), min(r.y0, r.y1)))
    return along >= 0.5 * s.length


def _share(s: Segment, word: Word, dark: np.ndarray, origin: tuple[int, int], scale: float) -> float:
    """How much of a word's ink (``dark``, a part of the page from pixel ``origin``) lies on ``s``."""
    x, y = origin
    box = [max(0, round(v * scale) - o) for v, o in ((word.x0, x), (word.top, y), (word.x1, x), (word.bottom, y))]
    half = s.width / 2 + 1.0 / scale
    line = [max(0, round(v * scale) - o) for v, o in ((min(s.x0, s.x1) - half, x), (min(s.y0, s.y1) - half, y),
                                                      (max(s.x0, s.x1) + half, x), (max(s.y0, s.y1) + half, y))]
    inked = dark[box[1]:box[3], box[0]:box[2]].sum()
    on = dark[max(box[1], line[1]):min(box[3], line[3]), max(box[0], line[0]):min(box[2], line[2])].sum()
    return float(on) / max(1, int(inked))


def _in_word(s: Segment, words: list[Word], boxes: np.ndarray, dark: np.ndarray, origin: tuple[int, int],
             scale: float) -> bool:
    """Whether most of ``s`` lies inside a word's box (``boxes``: x0, top, x1, bottom of each of
    ``words``) and is a small part of its ink: a letter's stroke, not a line OCR read as a "word"."""
    x = np.minimum(max(s.x0, s.x1), boxes[:, 2] + 0.5) - np.maximum(min(s.x0, s.x1), boxes[:, 0] - 0.5)
    y = np.minimum(max(s.y0, s.y1), boxes[:, 3] + 0.5) - np.maximum(min(s.y0, s.y1), boxes[:, 1] - 0.5)
    holding = np.nonzero((x >= 0) & (y >= 0) & (np.maximum(x, y) >= 0.6 * s.length))[0]
    return any(_share(s, words[i], dark, origin, scale) < STROKE for i in holding)


def _lettered(words: list[Word]) -> tuple[list[Word], np.ndarray]:
    """The words of two letters or more, with their boxes: OCR reads a short line as "1", "l" or "/"."""
    kept = [w for w in words if sum(c.isalnum() for c in w.text) >= 2]
    return kept, np.array([(w.x0, w.top, w.x1, w.bottom) for w in kept], dtype=float).reshape(-1, 4)


def find_shafts(art: np.ndarray, dark: np.ndarray, stops: np.ndarray, scale: float, unit: float,
                origin: tuple[int, int], rules: list[Segment], words: list[Word]) -> list[Segment]:
    """The straight lines of ``art`` (the ink less symbols and heads; a part of the page, its top left
    pixel at ``origin``, with its ink ``dark`` and its symbols' pixels ``stops``) that no rule found
    already gives and that are not lettering, in points."""
    x, y = (v / scale for v in origin)
    found = [Segment(x + start / scale, y + at / scale, x + end / scale, y + at / scale, round(thick / scale, 2))
             for start, end, at, thick in _lines(art, dark, stops, scale, unit)]
    flip = [np.ascontiguousarray(mask.T) for mask in (art, dark, stops)]
    found += [Segment(x + at / scale, y + start / scale, x + at / scale, y + end / scale, round(thick / scale, 2))
              for start, end, at, thick in _lines(*flip, scale, unit)]
    words, boxes = _lettered(words)
    found = [s for s in found if not _known(s, rules) and not _in_word(s, words, boxes, dark, origin, scale)]
    return [s for s in found if not _beside(s, found + rules)]


def _beside(s: Segment, lines: list[Segment]) -> bool:
    """Whether a short line runs beside a longer one, close and along most of it: an open head's
    stroke, or the other edge of a line scanned double."""
    if s.length >= BESIDE * 2:
        return False
    for o in lines:
        if o is s or o.length <= s.length or o.horizontal != s.horizontal or o.vertical != s.vertical:
            continue
        across = abs(o.y0 - s.y0) if s.horizontal else abs(o.x0 - s.x0)
        a0, a1 = sorted((s.x0, s.x1) if s.horizontal else (s.y0, s.y1))
        b0, b1 = sorted((o.x0, o.x1) if s.horizontal else (o.y0, o.y1))
        if across <= BESIDE and min(a1, b1) - max(a0, b0) >= 0.5 * (a1 - a0):
            return True
    return False


def ends_at(box: tuple[float, float, float, float], segments: list[Segment], reach: float) -> bool:
    """Whether a line ends within ``reach`` points of ``box`` (points)."""
    x0, top, x1, bottom = box
    return any(x0 - reach <= px <= x1 + reach and top - reach <= py <= bottom + reach
               for s in segments for px, py in ((s.x0, s.y0), (s.x1, s.y1)))


def _gap(a: Segment, b: Segment) -> float:
    """Points between two lines (0 where they cross), over their ends: as the arrow reader joins them."""
    def to(px: float, py: float, s: Segment) -> float:
        dx = max(min(s.x0, s.x1) - px, 0.0, px - max(s.x0, s.x1))
        dy = max(min(s.y0, s.y1) - py, 0.0, py - max(s.y0, s.y1))
        return (dx * dx + dy * dy) ** 0.5
    return min(to(a.x0, a.y0, b), to(a.x1, a.y1, b), to(b.x0, b.y0, a), to(b.x1, b.y1, a))


def anchored(shafts: list[Segment], rules: list[Segment], anchors: list[tuple], unit: float) -> list[Segment]:
    """The shafts joined to a symbol or a head, directly or through other shafts and short rules (an
    arrow's part the rules gave): the rest is stray ink (a dash, a stroke OCR did not read)."""
    nodes = shafts + [r for r in rules if r.length < TABLE_RULE * unit]
    reached = [i for i, s in enumerate(nodes) if any(ends_at(box, [s], reach) for box, reach in anchors)]
    seen = set(reached)
    while reached:
        here = nodes[reached.pop()]
        for i, other in enumerate(nodes):
            if i not in seen and _gap(here, other) <= TOUCH:
                seen.add(i)
                reached.append(i)
    return [s for i, s in enumerate(shafts) if i in seen]
