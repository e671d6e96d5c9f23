"""Scanned pages: the heads of the flowchart's arrows, solid or open, as small triangles.

A solid head is the one blob of solid ink among thin lines: worn down by a
little more than a line's half width on every side (an erosion), lines and
letters vanish and a head keeps a core; its box is the core grown back. An
open head ("V", two short strokes) has no core: it is seen at a line's end
as ink on both sides of the line, in the cone the two strokes span behind
its tip. Either is given as the filled triangle a text-layer PDF draws
(what :func:`~katalog_sop.importer.arrows._heads` looks for), and the line
it ends is cut back to the head's base, as such a PDF draws it, so that the
arrow reader looks past the head to the symbol it points at.
"""

from __future__ import annotations

import numpy as np

from katalog_sop.importer.page import Segment, Shape
from katalog_sop.importer.scan.regions import regions

HEAD = (2.0, 11.0)
"""Points: a solid head's box is at least and at most this wide and high."""
BROAD = 2.5
"""A solid head is at least this many lines wide (where an open head's strokes meet is narrower)."""
COMPACT = 0.3
"""A head's core fills at least this share of its box (a triangle's core is a small solid patch)."""
WINGS = 6.0
"""Points: how far back from a line's end an open head's strokes are looked for."""
SPREAD = 0.6
"""An open head has ink on each side of its line in at least this share of the rows behind its tip."""
TIP = 4
"""Pixels: an open head's strokes start at most this far behind where its line shows."""
OUTWARD = 0.15
"""Pixels outwards per pixel back: a head's stroke spreads at least this much (a rule alongside, none)."""
SHORT = 4.0
"""Points: a shorter line is taken to have no open head of its own."""
PAST = 5.0
"""Points: a line may run this far past its head's tip (on into the symbol's edge)."""
OPEN = (9.5, 4.5)
"""Points: the length and half width of an open head at most (the arrow reader takes a head to be small)."""


def _eroded(dark: np.ndarray, k: int) -> np.ndarray:
    """The pixels of ``dark`` whose whole (2k+1)-pixel square around them is ink: worn along the rows,
    then (turned) down the columns, each by a running sum."""
    size, out = 2 * k + 1, dark
    for _ in range(2):
        sums = np.pad(out, ((0, 0), (k + 1, k))).astype(np.int32).cumsum(axis=1)
        out = ((sums[:, size:] - sums[:, :-size]) == size).T
    return out


def solid_heads(dark: np.ndarray, scale: float, unit: float, line: float) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom; pixels of ``dark``) of the solid blobs of a head's size: the
    cores left when ``dark`` is worn down past lines ``line`` pixels thick, grown back."""
    k = int(0.6 * line) + 1  # a window wider than the line (lines vary, and thicken where they join)
    blobs = regions(_eroded(dark, k), diagonal=True)
    out = []
    for left, top, right, bottom, area in zip(blobs.left, blobs.top, blobs.right, blobs.bottom, blobs.area):
        if area < COMPACT * (right - left) * (bottom - top):
            continue  # the thin core of a thick line's bend, no head's
        box = (int(left) - k, int(top) - k, int(right) + k, int(bottom) + k)
        w, h = (box[2] - box[0]) / scale, (box[3] - box[1]) / scale
        if max(HEAD[0] * unit, BROAD * line / scale) <= min(w, h) and max(w, h) <= HEAD[1] * unit:
            out.append(box)
    return _merged(out)


def _merged(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Overlapping boxes as one (a head's core broken in two by a speck of paper)."""
    out: list[tuple[int, int, int, int]] = []
    for box in boxes:
        for i, other in enumerate(out):
            if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            out.append(box)
    return out


def _triangle(tip: tuple[float, float], direction: tuple[int, int], length: float, half: float) -> Shape:
    """A filled triangle, its tip at ``tip`` pointing along ``direction`` (a unit step along x or y)."""
    dx, dy = direction
    bx, by = tip[0] - dx * length, tip[1] - dy * length
    base = [(bx - dy * half, by + dx * half), (bx + dy * half, by - dx * half)]
    xs, ys = [tip[0]] + [p[0] for p in base], [tip[1]] + [p[1] for p in base]
    return Shape(min(xs), min(ys), max(xs), max(ys), (base[0], tip, base[1], base[0]), filled=True)


def solid_shape(box: tuple[float, float, float, float], lines: list[Segment]) -> Shape:
    """A solid head (its box in points) as a triangle, pointing away from where the line ending in it
    (nearest to it) comes from."""
    x0, top, x1, bottom = box
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    far = lambda s: max(((s.x0, s.y0), (s.x1, s.y1)), key=lambda p: abs(p[0] - cx) + abs(p[1] - cy))  # noqa: E731
    near = lambda s: min(abs(p[0] - cx) + abs(p[1] - cy) for p in ((s.x0, s.y0), (s.x1, s.y1)))  # noqa: E731
    px, py = far(min(lines, key=near)) if lines else (cx, top - 1.0)
    if abs(px - cx) > abs(py - cy):  # a line from the side: the tip points across
        direction = (1, 0) if px < cx else (-1, 0)
        return _triangle((x1 if px < cx else x0, cy), direction, x1 - x0, (bottom - top) / 2)
    direction = (0, 1) if py < cy else (0, -1)
    return _triangle((cx, bottom if py < cy else top), direction, bottom - top, (x1 - x0) / 2)


def _ends(s: Segment) -> list[tuple[tuple[float, float], tuple[int, int]]]:
    """Each end of a straight line with the way it points outwards."""
    if s.horizontal:
        left, right = sorted(((s.x0, s.y0), (s.x1, s.y1)))
        return [(left, (-1, 0)), (right, (1, 0))]
    if s.vertical:
        upper, lower = sorted(((s.x0, s.y0), (s.x1, s.y1)), key=lambda p: p[1])
        return [(upper, (0, -1)), (lower, (0, 1))]
    return []


def _behind(free: np.ndarray, end: tuple[float, float], direction: tuple[int, int], depth: int):
    """The pixels of ``free`` behind a line's end (pixels), as rows going back from it (up to twice
    ``depth``) by columns across it (``depth`` each side); with each row's and column's offset."""
    dx, dy = direction
    back = np.arange(1, 2 * depth + 1)[:, None]
    side = np.arange(-depth, depth + 1)[None, :]
    xs = np.rint(end[0] - dx * back - dy * side).astype(int)
    ys = np.rint(end[1] - dy * back + dx * side).astype(int)
    inside = (xs >= 0) & (ys >= 0) & (xs < free.shape[1]) & (ys < free.shape[0])
    ink = np.zeros(xs.shape, dtype=bool)
    ink[inside] = free[ys[inside], xs[inside]]
    return ink, back[:, 0], side[0]


def _wings(free: np.ndarray, end: tuple[float, float], direction: tuple[int, int], depth: int,
           line: float) -> tuple[int, int] | None:
    """(length, half width) in pixels of the open head at a line's end ``end`` (pixels of ``free``), or
    ``None``: ink on both sides of the line, from where the line shows (past a symbol's edge) in the
    rows behind it, spreading outwards within the cone a head's strokes span."""
    ink, back, side = _behind(free, end, direction, depth)
    shaft = np.abs(side) <= line / 2 + 1
    shows = np.nonzero(ink[:, shaft].any(axis=1))[0]
    if not len(shows):
        return None
    reach = np.minimum(1.8 * back + line + 4, depth)  # the cone, row by row
    ink &= ~shaft & (np.abs(side)[None, :] <= reach[:, None])
    beside = ink[:shows[0] + depth].any(axis=1)
    first = shows[0] + int(np.argmax(beside[shows[0]:]))  # the tip: the line alone, for a row or two
    if not beside[first] or first - shows[0] > TIP:
        return None
    gaps = np.nonzero(~beside[first:])[0]
    last = first + (gaps[0] if len(gaps) else len(beside) - first)  # the head: rows with ink beside the line
    rows, reach = ink[first:last], reach[first:last]
    if len(rows) < 3 or not all(_spreads(half, reach) for half in (rows[:, :depth][:, ::-1], rows[:, depth + 1:])):
        return None
    return last, int(np.abs(side[rows.any(axis=0)]).max())


def _spreads(half: np.ndarray, reach: np.ndarray) -> bool:
    """Whether the ink on one side of a line (``half``: rows going back from its end, columns going
    out from it, as far as ``reach`` in each row) is in most rows and reaches further out as it goes
    back, but stops short of the reach: a stroke of a "V", not a line alongside (a rule beside the
    arrow) nor one across (the arrow's own bend)."""
    rows = np.nonzero(half.any(axis=1))[0]
    if len(rows) < max(2, SPREAD * len(half)):
        return False
    outer = half.shape[1] - half[rows][:, ::-1].argmax(axis=1)  # how far out the ink of each row goes
    if np.mean(outer >= np.floor(reach[rows]) - 1) > 0.5:
        return False
    if len(rows) < 3:
        return True
    i, j = np.triu_indices(len(rows), 1)  # the median slope over all pairs of rows: a speck does not tilt it
    return float(np.median((outer[j] - outer[i]) / (rows[j] - rows[i]))) >= OUTWARD


def open_heads(free: np.ndarray, lines: list[Segment], scale: float, unit: float, origin: tuple[int, int],
               line: float, taken: list[Shape]) -> list[Shape]:
    """Open heads at the ends of ``lines`` (points) in ``free`` (the ink less the symbols; a part of the
    page from pixel ``origin``), as triangles in points; none where a head in ``taken`` is already."""
    depth, out = max(4, round(WINGS * unit * scale)), []
    for s in lines:
        for (x, y), direction in _ends(s):
            if s.length < SHORT * unit or any(_at(h, (x, y), direction, 2.0) for h in taken + out):
                continue
            found = _wings(free, (x * scale - origin[0], y * scale - origin[1]), direction, depth, line)
            if found is not None:
                length, half = (min(float(v) / scale, limit * unit) for v, limit in zip(found, OPEN))
                out.append(_triangle((x, y), direction, length, half))
    return out


def runs_into(end: tuple[float, float], direction: tuple[int, int], head: Shape) -> bool:
    """Whether a line's end (points), pointing along ``direction``, runs into ``head``: it stops inside
    the head, or past it by a little (a line drawn to the tip, on into the symbol's edge)."""
    (x, y), (dx, dy) = end, direction
    if dx:
        low, high = (head.x0 - 1, head.x1 + PAST) if dx > 0 else (head.x0 - PAST, head.x1 + 1)
        return head.top - 1 <= y <= head.bottom + 1 and low <= x <= high
    low, high = (head.top - 1, head.bottom + PAST) if dy > 0 else (head.top - PAST, head.bottom + 1)
    return bool(dy) and head.x0 - 1 <= x <= head.x1 + 1 and low <= y <= high


def trim(lines: list[Segment], heads: list[Shape]) -> list[Segment]:
    """``lines`` with each end that runs into a head cut back to the head's base."""
    out = []
    for s in lines:
        ends = []
        for (x, y), (dx, dy) in _ends(s) or [((s.x0, s.y0), (0, 0)), ((s.x1, s.y1), (0, 0))]:
            head = next((h for h in heads if runs_into((x, y), (dx, dy), h)), None)
            if head is not None:
                x = (head.x0 if dx > 0 else head.x1) if dx else x
                y = (head.top if dy > 0 else head.bottom) if dy else y
            ends.append((x, y))
        (ax, ay), (bx, by) = ends
        out.append(Segment(ax, ay, bx, by, s.width) if max(abs(bx - ax), abs(by - ay)) >= 2.0 else s)
    return out


def _at(head: Shape, end: tuple[float, float], direction: tuple[int, int], reach: float) -> bool:
    """Whether a line's end stands within ``reach`` points of ``head``, or runs into it."""
    (x, y) = end
    near = head.x0 - reach <= x <= head.x1 + reach and head.top - reach <= y <= head.bottom + reach
    return near or runs_into(end, direction, head)


def ends_in(head: Shape, lines: list[Segment], reach: float) -> bool:
    """Whether a line ends within ``reach`` points of ``head``, or runs into it."""
    return any(_at(head, end, direction, reach) for s in lines for end, direction in _ends(s))
