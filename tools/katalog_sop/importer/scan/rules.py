"""Scanned pages: the ruled lines of a straightened page, as the segments the grid reads.

The long straight ink runs across and down the page (:mod:`.runs`) are the
table's rules, the borders of symbols and the shafts of arrows; letters are
too short and blots too thick to pass. Each line becomes a
:class:`~katalog_sop.importer.page.Segment` in PDF points, exactly
horizontal or vertical as :class:`~katalog_sop.importer.grid.Grid` wants it;
a line that still drifts across the rows (a slightly bent photo) is cut into
pieces, each at its own height (one bent by a point or two stays whole,
at its mean height, so that it still spans the table). A short line must
have clear paper beside it, and a short vertical one must stand between
two horizontal ones: a letter's stroke or a signature's does not. A rule
scanned light grey is looked for in the faint ink too, but only as a long
line: in faint ink small print smears into bars as long as its words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from katalog_sop.importer.page import Segment
from katalog_sop.importer.scan.binary import faint_ink, ink
from katalog_sop.importer.scan.runs import GAP, Band, bands, long_runs, runs_of

SHORTEST = 10.0
"""Points: no shorter run of ink is a line (a capital's bar at 12 pt is about 7)."""
SURE = 100.0
"""Points: a shorter line must have clear paper beside it (see :func:`_clear`); no word is as long."""
STANDS = 40.0
"""Points: a shorter vertical line is kept only between two horizontal ones (a cell's side, an arrow
from box to box); a signature's strokes and a tall letter's stem stand on none."""
REACH = 3.0
"""Points: how near a horizontal line a vertical one's end must stand to stand on it."""
THICKEST = 4.0
"""Points: a thicker band of ink is a blot, a logo or a photo's dark edge, no rule."""
CROWDED = 0.3
"""A short line with more ink than this beside it is part of lettering (see :func:`_clear`)."""
DRIFT = 3.0
"""Points: a line bent by a curled page by up to this much is still given as one, at its mean height
(letters stand further than that from a rule); one bent more is given in pieces."""
FAINT_THICKEST = 2.0
"""Points: a light rule is thin; a thicker faint band is a line of small print smeared."""
FAINT_RUN = 20.0
FAINT_GAP = 4
"""Points of run, pixels of break closed, in faint ink (a light rule scans broken and wavering; words
joined so are told by the letters beside them)."""
PIECE = 60
"""Pixels: a drifting line is cut into pieces this long."""


@dataclass
class Rules:
    segments: list[Segment]
    """In PDF points from the page's top left."""
    mask: np.ndarray
    """The pixels of the lines found (to be whitened before OCR)."""
    ink: np.ndarray | None = None
    """The page's ink (:func:`~katalog_sop.importer.scan.binary.ink`), for the flowchart's figures."""


def _pieces(band: Band, thickest: float, drift: float) -> list[tuple[float, float, float, float]]:
    """(start, end, at, thickness) in pixels: the band whole, or in pieces where it drifts across rows
    more than ``drift`` pixels."""
    rows = [r for r, _, _ in band.runs]
    if max(rows) - min(rows) + 1 <= band.thickness + drift:
        return [(band.start, band.end, band.at, band.thickness)] if band.thickness <= thickest else []
    out = []
    for left in range(band.start, band.end, PIECE):
        right = min(band.end, left + PIECE)
        parts = [(r, max(s, left), min(e, right)) for r, s, e in band.runs if s < right and e > left]
        ink_ = sum(e - s for _, s, e in parts)
        if ink_ and ink_ / (right - left) <= thickest:
            out.append((left, right, sum(r * (e - s) for r, s, e in parts) / ink_, ink_ / (right - left)))
    return out


def _clear(mask: np.ndarray, band: Band, start: float, end: float) -> bool:
    """Whether the paper just beside a line (2 to 4 pixels off, each side) is mostly clear: a letter's
    stroke has the rest of its letters beside it, a rule has paper (and a few letters at most)."""
    rows = [r for r, _, _ in band.runs]
    left, right = int(start), int(end)
    above = mask[max(0, min(rows) - 4):max(0, min(rows) - 1), left:right]
    below = mask[max(rows) + 2:max(rows) + 5, left:right]
    return all(side.size == 0 or side.mean() < CROWDED for side in (above, below))


@dataclass
class Line:
    """A line found along a picture's rows: in points, with the pixel runs it is made of."""

    start: float
    end: float
    at: float
    thickness: float
    length: float
    """The whole line's length, where this is a piece of a bent one."""
    runs: list[tuple[int, int, int]]


def _lines(found_in: np.ndarray, dark: np.ndarray, scale: float, unit: float, faint: bool = False) -> list[Line]:
    """The lines along the rows of ``found_in``: the ink ``dark``, or (``faint``) the ink with light
    grey, where only long lines with clear paper beside them count."""
    run, gap = (FAINT_RUN, FAINT_GAP) if faint else (SHORTEST, GAP)
    kept = long_runs(found_in, max(8, round(run * unit * scale)), gap)
    out = []
    for band in bands(runs_of(kept)):
        length = band.end - band.start
        if faint and length < SURE * unit * scale:
            continue
        thickest = (FAINT_THICKEST if faint else THICKEST) * unit * scale
        for start, end, at, thickness in _pieces(band, thickest, DRIFT * unit * scale):
            if (faint or length < SURE * unit * scale) and not _clear(dark, band, start, end):
                continue
            runs = [(r, max(s, int(start)), min(e, int(end))) for r, s, e in band.runs if s < end and e > start]
            out.append(Line(start / scale, end / scale, (at + 0.5) / scale, thickness / scale, length / scale, runs))
    return out


def _paint(lines: list[Line], shape: tuple[int, int]) -> np.ndarray:
    """The pixels of ``lines`` as a mask of ``shape`` (in the rows they were found along)."""
    mask = np.zeros(shape, dtype=bool)
    for line in lines:
        for row, start, end in line.runs:
            mask[row, start:end] = True
    return mask


def _uncovered(faint: list[Line], lines: list[Line], reach: float) -> list[Line]:
    """The lines of ``faint`` that no line of ``lines`` already gives (near it, along most of it)."""
    def covered(line: Line) -> bool:
        near = [o for o in lines if abs(o.at - line.at) <= reach]
        along = sum(max(0.0, min(line.end, o.end) - max(line.start, o.start)) for o in near)
        return along >= 0.5 * (line.end - line.start)
    return [line for line in faint if not covered(line)]


def _ends_on(vertical: Line, horizontals: list[Line], reach: float) -> bool:
    """Whether both ends of a vertical line stand on horizontal ones."""
    on = lambda y: any(h.start - reach <= vertical.at <= h.end + reach and abs(h.at - y) <= reach  # noqa: E731
                       for h in horizontals)
    return on(vertical.start) and on(vertical.end)


def find_rules(image, scale: float, unit: float = 1.0) -> Rules:
    """The ruled lines of the straightened greyscale PIL ``image`` (``scale`` pixels a point).

    ``unit`` scales the lengths looked for: 1 for a page of usual size, more
    for a picture put on a huge page (its letters are bigger in points).
    """
    dark, faint = ink(image), faint_ink(image)
    dark_t, faint_t = np.ascontiguousarray(dark.T), np.ascontiguousarray(faint.T)
    across = _lines(dark, dark, scale, unit)
    down = [v for v in _lines(dark_t, dark_t, scale, unit)
            if v.length >= STANDS * unit or _ends_on(v, across, REACH * unit)]
    across += _uncovered(_lines(faint, dark, scale, unit, faint=True), across, REACH * unit)
    down += _uncovered(_lines(faint_t, dark_t, scale, unit, faint=True), down, REACH * unit)
    segments = [Segment(h.start, h.at, h.end, h.at, round(h.thickness, 2)) for h in across]
    segments += [Segment(v.at, v.start, v.at, v.end, round(v.thickness, 2)) for v in down]
    return Rules(segments, _paint(across, dark.shape) | _paint(down, dark.shape[::-1]).T, dark)


def page_unit(width: float, height: float) -> float:
    """How much bigger than a usual sheet (A4, F4: up to 1000 points long) the page is, at least 1."""
    return max(1.0, max(width, height) / 1000.0)
