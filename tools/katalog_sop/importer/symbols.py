"""Import stage, the symbols of a step table: drawn figures by their outline, with the text inside them.

A diamond has its corners at the middles of its box's sides, a process box at
its box's corners, a capsule rounded or cut corners; an off-page connector is
a pentagon pointing down, or a small circle. A picture the size of a symbol is
a symbol pasted as an image (its kind unread). Nothing here knows rows or
columns beyond the area it is asked to search.
"""

from __future__ import annotations

from dataclasses import dataclass

from katalog_sop.importer.grid import lines, text_of
from katalog_sop.importer.page import Boxed, Page, Shape, box_of, shared_area


@dataclass(eq=False)
class Symbol(Boxed):
    """A symbol read from the drawing; compared by identity (two symbols may share a box)."""

    kind: str
    """proses, terminator, keputusan, penghubung, or gambar (pasted as a picture)."""
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""


def corners(points) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if not out or abs(out[-1][0] - x) > 0.8 or abs(out[-1][1] - y) > 0.8:
            out.append((x, y))
    if len(out) > 1 and abs(out[0][0] - out[-1][0]) <= 0.8 and abs(out[0][1] - out[-1][1]) <= 0.8:
        out.pop()
    return out


def classify(shape: Shape) -> str | None:
    """The symbol a drawn figure is, by its outline; ``None`` for anything else (an arrowhead, a logo).

    A diamond has its corners at the middles of its box's sides; a rectangle
    at its box's corners; a capsule (terminator) has rounded or cut corners
    and is wider than tall; an off-page connector is a pentagon pointing down.
    """
    if shape.light or shape.w < 8 or shape.h < 5 or shape.w > 260 or shape.h > 140:
        return None
    pts = corners(shape.points)
    if len(pts) < 3:
        return None
    tol = max(1.5, min(shape.w, shape.h) * 0.12)
    at = lambda px, py, t=tol: any(abs(x - px) <= t and abs(y - py) <= t for x, y in pts)
    # a sharp corner stands on its box's corner; a rounded one (a capsule's) keeps away from it
    sharp = sum(at(x, y, 1.6) for x, y in ((shape.x0, shape.top), (shape.x1, shape.top), (shape.x0, shape.bottom), (shape.x1, shape.bottom)))
    if len(pts) <= 8 and sharp == 0 and at(shape.cx, shape.top) and at(shape.x1, shape.cy) and at(shape.cx, shape.bottom) and at(shape.x0, shape.cy):
        return "keputusan"
    if sharp == 4:
        return "proses"
    if sharp == 2 and at(shape.x0, shape.top) and at(shape.x1, shape.top) and at(shape.cx, shape.bottom):
        return "penghubung"
    if sharp == 0:  # rounded: a capsule, unless small and round (an on-page connector's circle)
        return "terminator" if shape.w >= shape.h * 1.3 or shape.w >= 25 else "penghubung"
    return None


def symbols_of(page: Page, lanes: list, top: float, bottom: float) -> list[Symbol]:
    """The symbols standing in the pelaksana columns between ``top`` and ``bottom``; an outline drawn as
    two filled figures (outer and inner edge) is one symbol."""
    x0 = min((c.x0 for c in lanes), default=0.0)
    x1 = max((c.x1 for c in lanes), default=0.0)
    found: list[Symbol] = []
    for shape in sorted(page.shapes, key=lambda s: -(s.w * s.h)):
        if not (x0 - 2 <= shape.cx <= x1 + 2 and top <= shape.cy <= bottom):
            continue
        kind = classify(shape)
        if kind is None or box_of(shape) in page.tiles:
            continue
        if any(overlap(s, shape) > 0.6 for s in found):
            continue  # mostly inside one already found: its inner edge, its outline drawn twice, a mark in it
        found.append(Symbol(kind, shape.x0, shape.top, shape.x1, shape.bottom))
    for image in page.images:  # a symbol pasted as a picture
        w, h = image.x1 - image.x0, image.bottom - image.top
        cx, cy = (image.x0 + image.x1) / 2, (image.top + image.bottom) / 2
        if 35 <= w <= 200 and 12 <= h <= 120 and x0 <= cx <= x1 and top <= cy <= bottom:  # smaller: a label or mark pasted as a picture
            if not any(s.x0 - 2 <= cx <= s.x1 + 2 and s.top - 2 <= cy <= s.bottom + 2 for s in found):
                found.append(Symbol("gambar", image.x0, image.top, image.x1, image.bottom))
    for symbol in found:
        inside = [w for w in page.words if holds(symbol, w.cx, w.cy)]
        symbol.text = " ".join(text_of(line) for line in lines(inside))
    return found


def overlap(symbol: Symbol, shape: Shape) -> float:
    """How much of ``shape``'s box lies inside ``symbol``'s (0 to 1)."""
    return shared_area(symbol, shape) / max(shape.w * shape.h, 1e-6)


def holds(symbol: Symbol, x: float, y: float) -> bool:
    """Whether the point is inside the symbol's outline (a diamond's corners of its box are outside it:
    an exit's label often stands there)."""
    if not (symbol.x0 <= x <= symbol.x1 and symbol.top <= y <= symbol.bottom):
        return False
    if symbol.kind != "keputusan":
        return True
    half_w, half_h = (symbol.x1 - symbol.x0) / 2 or 1, (symbol.bottom - symbol.top) / 2 or 1
    return abs(x - symbol.cx) / half_w + abs(y - symbol.cy) / half_h <= 1.05
