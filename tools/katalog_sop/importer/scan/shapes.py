"""Scanned pages: the flowchart's symbols, found as closed outlines in the picture.

A symbol is drawn as a closed line: the paper inside it is a region of its
own (:mod:`.regions`) that reaches neither the page's edge nor a table rule
(a cell's paper is bounded by rules that run on past it; so is paper closed
off between an arrow and a rule). Only a box drawn against its column's side
touches one rule, a vertical one, and is let through. The region's
silhouette (each row from its leftmost to its rightmost pixel, so text
inside does not matter) tells the kind by where it reaches its box: a
process box fills its box's corners, a diamond stays far from all four and
is widest at mid-height, a capsule or a circle keeps away from them (its
corners rounded by more than a scan rounds a sharp one), an off-page
connector fills its top corners and tapers to a point at the bottom. The
outline's width, measured round the silhouette, tells a letter's thick bowl
from a symbol's thin line. Each symbol becomes a
:class:`~katalog_sop.importer.page.Shape` drawn as a text-layer PDF would draw
it (four corners, four vertices, rounded corners as arcs), so that
:func:`~katalog_sop.importer.symbols.classify` reads it as it reads a drawn
one; other closed figures (a letter's bowl, a stamp's ring, a trapezium) are
left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from katalog_sop.importer.page import Segment, Shape
from katalog_sop.importer.scan.regions import Regions, regions

SMALLEST = (7.0, 4.5)
LARGEST = (262.0, 142.0)
"""Points (width, height) of a symbol's inside: the sizes :func:`~katalog_sop.importer.symbols.classify`
takes, less or more its outline."""
BEYOND = 8.0
"""Points: a rule along the region's edge running on this far past it is a table rule (a cell, no symbol)."""
SHARP = 2.0
"""Points: a corner rounded less than this is sharp (a scan rounds a sharp corner by up to some 1.8 points;
rounded boxes are drawn rounder)."""
RING = 10
"""Pixels round a symbol's inside in which its outline's ink is counted."""
THICK = 0.25
"""An outline thicker than this share of its inside's smaller side is a letter's (an "O", a "D"), no symbol's."""


@dataclass
class Found:
    """A symbol found: its kind as seen here, its inside's box in pixels and its outline's thickness."""

    kind: str
    """"proses", "keputusan", "penghubung" (pentagon) or "bulat" (rounded: a capsule or a circle)."""
    box: tuple[int, int, int, int]
    """left, top, right, bottom of the paper inside, in pixels (right and bottom excluded)."""
    stroke: float
    inside: np.ndarray
    """The silhouette of the paper inside, over ``box``."""


def _silhouette(rows, starts, ends, top: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's leftmost and rightmost (excluded) pixel of a region."""
    left = np.full(height, np.iinfo(np.int64).max)
    right = np.full(height, -1)
    np.minimum.at(left, rows - top, starts)
    np.maximum.at(right, rows - top, ends)
    return left, right


def _cuts(left: np.ndarray, right: np.ndarray, width: int) -> list[float]:
    """Pixels (along and across, added) from each corner of the box to the silhouette: top left, top
    right, bottom left, bottom right."""
    down = np.arange(len(left))
    up = down[::-1]
    return [float(np.min(left + down)), float(np.min(width - right + down)),
            float(np.min(left + up)), float(np.min(width - right + up))]


def _kind(left: np.ndarray, right: np.ndarray, width: int, corners: list[float], sharp_radius: float) -> str | None:
    """The kind of a silhouette, by how far its outline's outer edge keeps from the box's corners
    (``corners``, pixels) and how much of its box it fills; ``None`` for other figures."""
    height = len(left)
    side = min(width, height)
    fill = float(np.sum(right - left)) / (width * height)
    inner = _cuts(left, right, width)
    tl, tr, bl, br = (cut / side for cut in inner)
    # a corner rounded with radius r keeps 0.586 r off its box's corner, on the outline's middle line
    sharp = [(outer + cut) / 2 / 0.586 < sharp_radius for outer, cut in zip(corners, inner)]
    middle = lambda row: abs((left[row] + right[row]) / 2 - width / 2) <= 0.15 * width  # noqa: E731
    if sum(sharp) >= 3 and fill >= 0.85:
        return "proses"
    if min(tl, tr, bl, br) >= 0.32 and 0.38 <= fill <= 0.68 and middle(0) and middle(-1):
        return "keputusan"
    if sharp[0] and sharp[1] and min(bl, br) >= 0.2 and 0.5 <= fill <= 0.92 and middle(-1):
        return "penghubung"
    if sum(sharp) <= 1 and max(tl, tr, bl, br) <= 0.42 and fill >= 0.7:
        return "bulat"
    return None


def grown(inside: np.ndarray, by: int) -> np.ndarray:
    """``inside`` padded by ``by`` pixels each side and grown by as much (a square's reach)."""
    size = 2 * by + 1
    padded = np.pad(inside, 2 * by).astype(np.int32)
    sums = np.pad(padded.cumsum(axis=0).cumsum(axis=1), ((1, 0), (1, 0)))
    window = sums[size:, size:] - sums[:-size, size:] - sums[size:, :-size] + sums[:-size, :-size]
    return window > 0


def _stroke(dark: np.ndarray, box: tuple[int, int, int, int], inside: np.ndarray, left, right) -> float:
    """Pixels: the outline's width, as the ink in a band round the inside over the inside's perimeter
    (an arrow joining the outline adds little)."""
    x0, top, x1, bottom = box
    if top < RING or x0 < RING or bottom + RING > dark.shape[0] or x1 + RING > dark.shape[1]:
        return 2.0
    ring = grown(inside, RING) & ~np.pad(inside, RING) & dark[top - RING:bottom + RING, x0 - RING:x1 + RING]
    perimeter = (np.hypot(1, np.diff(left)).sum() + np.hypot(1, np.diff(right)).sum()
                 + (right[0] - left[0]) + (right[-1] - left[-1]))
    return float(ring.sum() / max(perimeter, 1.0))


def _outer_corners(dark: np.ndarray, box: tuple[int, int, int, int], inside: np.ndarray, stroke: float) -> list[float]:
    """Pixels (along and across, added) from each corner of the outline's outer box to its nearest ink or
    inside: about 0 for a sharp corner, a good part of the radius for a rounded one."""
    left, top, right, bottom = box
    grow = max(1, round(stroke))
    if top < grow or left < grow or bottom + grow > dark.shape[0] or right + grow > dark.shape[1]:
        return [0.0] * 4
    solid = dark[top - grow:bottom + grow, left - grow:right + grow].copy()
    solid[grow:grow + inside.shape[0], grow:grow + inside.shape[1]] |= inside
    reach = min(solid.shape) // 2
    distance = np.add.outer(np.arange(reach), np.arange(reach))
    out = []
    for window in (solid[:reach, :reach], solid[:reach, -reach:][:, ::-1],
                   solid[-reach:, :reach][::-1], solid[-reach:, -reach:][::-1, ::-1]):
        out.append(float(distance[window].min()) if window.any() else float(reach))
    return out


def _ruled_sides(box: tuple[float, float, float, float], rules: list[Segment]) -> set[str]:
    """The edges of ``box`` (points) along which a rule runs on past it: "top", "bottom", "left", "right"."""
    x0, top, x1, bottom = box
    sides = set()
    for s in rules:
        near = s.width / 2 + 1.2
        if s.horizontal:
            lo, hi = sorted((s.x0, s.x1))
            if lo < x1 and hi > x0 and (lo < x0 - BEYOND or hi > x1 + BEYOND):
                sides |= {side for side, at in (("top", top), ("bottom", bottom)) if abs(s.y0 - at) <= near}
        elif s.vertical:
            lo, hi = sorted((s.y0, s.y1))
            if lo < bottom and hi > top and (lo < top - BEYOND or hi > bottom + BEYOND):
                sides |= {side for side, at in (("left", x0), ("right", x1)) if abs(s.x0 - at) <= near}
    return sides


def _cell_part(box: tuple[float, float, float, float], rules: list[Segment]) -> bool:
    """Whether paper bounded by rules running on past it is a cell's (or a part of one, closed off by
    an arrow); a symbol drawn against a column's side, touching that one rule, is not."""
    sides = _ruled_sides(box, rules)
    return bool(sides) and sides not in ({"left"}, {"right"})


def _symbol(paper: Regions, region: int, dark: np.ndarray, scale: float, unit: float) -> Found | None:
    """The symbol whose inside is the paper ``region``, if its outline is a symbol's."""
    box = (int(paper.left[region]), int(paper.top[region]), int(paper.right[region]), int(paper.bottom[region]))
    rows, starts, ends = paper.runs(region)
    left, right = _silhouette(rows, starts - box[0], ends - box[0], box[1], box[3] - box[1])
    inside = np.arange(box[2] - box[0])[None, :]
    inside = (inside >= left[:, None]) & (inside < right[:, None])
    stroke = _stroke(dark, box, inside, left, right)
    if stroke > THICK * min(box[2] - box[0], box[3] - box[1]):
        return None  # a bold letter's bowl, a blot's hole
    kind = _kind(left, right, box[2] - box[0], _outer_corners(dark, box, inside, stroke), SHARP * scale * unit)
    return Found(kind, box, stroke, inside) if kind is not None else None


def find_symbols(dark: np.ndarray, scale: float, rules: list[Segment], unit: float = 1.0) -> list[Found]:
    """The symbols of ink mask ``dark`` (``scale`` pixels a point; ``unit`` times the usual sizes on a
    huge page), each from the paper inside it; ``rules``, the page's ruled lines in points."""
    paper = regions(~dark)
    height, width = dark.shape
    w, h = (paper.right - paper.left) / (scale * unit), (paper.bottom - paper.top) / (scale * unit)
    inner = (paper.left > 0) & (paper.top > 0) & (paper.right < width) & (paper.bottom < height)
    sized = (w >= SMALLEST[0]) & (h >= SMALLEST[1]) & (w <= LARGEST[0]) & (h <= LARGEST[1])
    found = []
    for region in np.nonzero(inner & sized)[0].tolist():
        box = (paper.left[region], paper.top[region], paper.right[region], paper.bottom[region])
        if not _cell_part(tuple(float(v) / scale for v in box), rules):
            found.append(_symbol(paper, region, dark, scale, unit))
    return [f for f in found if f is not None]


def _arc(cx: float, cy: float, r: float, start: float) -> list[tuple[float, float]]:
    """A quarter circle round (cx, cy) from ``start`` degrees, as four points (y downwards)."""
    return [(cx + r * math.cos(math.radians(start + a)), cy + r * math.sin(math.radians(start + a)))
            for a in (0, 30, 60, 90)]


def _outline(kind: str, x0: float, top: float, x1: float, bottom: float) -> list[tuple[float, float]]:
    """The outline a text-layer PDF would draw for a symbol of ``kind`` in this box (points)."""
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    if kind == "proses":
        return [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
    if kind == "keputusan":
        return [(cx, top), (x1, cy), (cx, bottom), (x0, cy), (cx, top)]
    if kind == "penghubung":
        shoulder = top + 0.55 * (bottom - top)
        return [(x0, top), (x1, top), (x1, shoulder), (cx, bottom), (x0, shoulder), (x0, top)]
    r = 0.5 * min(x1 - x0, bottom - top)  # drawn as a stadium (or a circle): its kind is all that counts
    points = (_arc(x1 - r, top + r, r, 270) + _arc(x1 - r, bottom - r, r, 0)
              + _arc(x0 + r, bottom - r, r, 90) + _arc(x0 + r, top + r, r, 180))
    return points + points[:1]


def shape_of(found: Found, scale: float) -> Shape:
    """The symbol as a stroked :class:`~katalog_sop.importer.page.Shape` in points, its box on the middle
    of its outline."""
    left, top, right, bottom = found.box
    half = found.stroke / 2
    x0, y0, x1, y1 = (left - half) / scale, (top - half) / scale, (right + half) / scale, (bottom + half) / scale
    return Shape(x0, y0, x1, y1, tuple(_outline(found.kind, x0, y0, x1, y1)), filled=False, stroked=True)
