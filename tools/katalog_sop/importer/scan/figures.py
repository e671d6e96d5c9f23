"""Scanned pages: the flowchart drawn in the step table, as the shapes and lines a text-layer PDF gives.

On a page with a text layer the symbols and arrowheads come as drawn
figures and the shafts as lines; a scan has only pixels. Here the symbols
are found as closed outlines (:mod:`.shapes`); then, in the part of the page
round them, the heads, solid or open (:mod:`.heads`), and the shafts,
straight runs of the ink left once symbols and heads are taken away
(:mod:`.arrowlines`). They are given as
:class:`~katalog_sop.importer.page.Shape` and
:class:`~katalog_sop.importer.page.Segment` in points, so that the symbol and
arrow readers (:mod:`katalog_sop.importer.symbols`,
:mod:`katalog_sop.importer.arrows`) read a scan as they read a drawn page.
The rules found before keep their place among the segments, less the sides
of the symbols (an outline is a shape, not lines an arrow could run along);
the words OCR read from the drawing are left out (:mod:`.drawn`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from katalog_sop.importer.page import Segment, Shape, Word
from katalog_sop.importer.scan.arrowlines import TABLE_RULE, anchored, find_shafts
from katalog_sop.importer.scan.binary import faint_ink, ink
from katalog_sop.importer.scan.drawn import bold, bowl, drawn, not_drawn
from katalog_sop.importer.scan.heads import ends_in, open_heads, solid_heads, solid_shape, trim
from katalog_sop.importer.scan.shapes import Found, find_symbols, grown, shape_of

HEAD_END = 3.0
"""Points: a head is an arrow's only if a line ends this near its box."""
ATTACH = 6.0
"""Points: a line ending this near a symbol's box stands at it (as :mod:`~katalog_sop.importer.arrows` has it)."""
AROUND = 60.0
"""Points: arrows are looked for this far round the symbols found (a line going round them)."""


@dataclass
class Figures:
    shapes: list[Shape]
    """The symbols (stroked outlines) and arrowheads (filled triangles), in points."""
    segments: list[Segment]
    """The rules found before (less the symbols' sides) and the arrows' shafts, in points."""
    words: list[Word]
    """The words read, less those OCR read from the drawing (a diamond read as "X", a head as "A")."""


def _line_width(rules: list[Segment], scale: float) -> float:
    """Pixels: how thick the page's lines are (the rules' middle thickness)."""
    widths = sorted(s.width for s in rules)
    return float(np.clip(widths[len(widths) // 2] * scale if widths else 3.0, 1.5, 8.0))


def _zone(shape: tuple[int, int], found: list[Found]) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of the symbols (inside and outline, grown a little past the outline's outer edge),
    and of their outlines alone."""
    zone, inside = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    for symbol in found:
        by = int(np.ceil(symbol.stroke)) + 2
        left, top = symbol.box[0] - by, symbol.box[1] - by
        area = grown(symbol.inside, by)
        x0, y0 = max(0, left), max(0, top)
        x1, y1 = min(shape[1], left + area.shape[1]), min(shape[0], top + area.shape[0])
        zone[y0:y1, x0:x1] |= area[y0 - top:y1 - top, x0 - left:x1 - left]
        inside[symbol.box[1]:symbol.box[3], symbol.box[0]:symbol.box[2]] |= symbol.inside
    return zone, zone & ~inside


def _on_outline(s: Segment, symbols: list[Shape], margin: float = 2.5) -> bool:
    """Whether a line lies along a symbol's side (within its box, grown by ``margin``)."""
    return any(sym.x0 - margin <= min(s.x0, s.x1) and max(s.x0, s.x1) <= sym.x1 + margin
               and sym.top - margin <= min(s.y0, s.y1) and max(s.y0, s.y1) <= sym.bottom + margin for sym in symbols)


def _blank(mask: np.ndarray, boxes: list[tuple[int, int, int, int]], by: int) -> np.ndarray:
    out = mask.copy()
    for left, top, right, bottom in boxes:
        out[max(0, top - by):bottom + by, max(0, left - by):right + by] = False
    return out


@dataclass
class _Part:
    """The part of the page the flowchart's arrows may run in: round its symbols, a margin past them."""

    origin: tuple[int, int]
    """Its top left pixel on the page."""
    ink: np.ndarray
    faint: np.ndarray
    """The ink with light grey (some sheets draw their arrows light grey, scanned broken)."""
    zone: np.ndarray
    """The symbols' pixels (inside and outline, a little past it)."""
    outlines: np.ndarray
    """The symbols' outlines' pixels."""

    @property
    def free(self) -> np.ndarray:
        """The ink less the symbols."""
        return self.ink & ~self.zone

    @property
    def lines(self) -> np.ndarray:
        """The ink with light grey, less the symbols: where arrows are looked for."""
        return self.faint & ~self.zone

    def points(self, box: tuple[int, int, int, int], scale: float) -> tuple[float, float, float, float]:
        x, y = self.origin
        return ((box[0] + x) / scale, (box[1] + y) / scale, (box[2] + x) / scale, (box[3] + y) / scale)

    def pixels(self, shape: Shape, scale: float) -> tuple[int, int, int, int]:
        x, y = self.origin
        return (int(shape.x0 * scale) - x, int(shape.top * scale) - y,
                int(np.ceil(shape.x1 * scale)) - x, int(np.ceil(shape.bottom * scale)) - y)


def _part(image, dark: np.ndarray, found: list[Found], margin: int) -> _Part:
    left = max(0, min(f.box[0] for f in found) - margin)
    top = max(0, min(f.box[1] for f in found) - margin)
    right = min(dark.shape[1], max(f.box[2] for f in found) + margin)
    bottom = min(dark.shape[0], max(f.box[3] for f in found) + margin)
    zone, outlines = (mask[top:bottom, left:right] for mask in _zone(dark.shape, found))
    faint = faint_ink(image.crop((left, top, right, bottom)))
    return _Part((left, top), dark[top:bottom, left:right], faint | dark[top:bottom, left:right], zone, outlines)


def _arrows(part: _Part, symbols: list[Shape], rules: list[Segment], words: list[Word], scale: float,
            unit: float) -> tuple[list[Shape], list[Segment]]:
    """The arrows' heads (triangles) and lines (the ``rules`` and the shafts found), in points."""
    line, origin = _line_width(rules, scale), part.origin
    drawing = drawn(part.ink.shape, origin, scale, part.outlines, [], rules)
    words = not_drawn(words, part.ink, drawing, origin, scale)  # a symbol read as "Xx" hides nothing
    solid = [h for h in solid_heads(part.free, scale, unit, line) if not bold(h, part.ink, origin, words, scale)]
    shafts = find_shafts(_blank(part.lines, solid, 1), part.ink, part.zone, scale, unit, origin, rules, words)
    anchors = [((s.x0, s.top, s.x1, s.bottom), ATTACH) for s in symbols]
    anchors += [(part.points(h, scale), HEAD_END) for h in solid]
    lines = rules + anchored(shafts, rules, anchors, unit)
    heads = [solid_shape(part.points(h, scale), lines) for h in solid]
    heads = [h for h in heads if ends_in(h, lines, HEAD_END)]
    near = [s for s in lines if s.length < TABLE_RULE * unit]  # a table's rule ends in no head
    heads += open_heads(part.lines, near, scale, unit, origin, line, heads)
    return heads, trim(lines, heads)


def find_figures(image, scale: float, rules: list[Segment], words: list[Word], unit: float = 1.0,
                 dark: np.ndarray | None = None) -> Figures:
    """The symbols and arrows of the straightened greyscale PIL ``image`` (``scale`` pixels a point),
    with the ``rules`` found on it and its ``words`` read (to tell letters from drawing); ``dark``, its
    ink, if known. Arrows are looked for only round the symbols found."""
    dark = ink(image) if dark is None else dark
    found = [f for f in find_symbols(dark, scale, rules, unit) if not bowl(f, words, dark, scale)]
    symbols = [shape_of(f, scale) for f in found]
    kept = [s for s in rules if not _on_outline(s, symbols)]
    if not found:
        return Figures([], kept, words)
    part = _part(image, dark, found, round(AROUND * unit * scale))
    heads, lines = _arrows(part, symbols, kept, words, scale, unit)
    drawing = drawn(part.ink.shape, part.origin, scale, part.outlines, [part.pixels(h, scale) for h in heads], lines)
    return Figures(symbols + heads, lines, not_drawn(words, part.ink, drawing, part.origin, scale))
