"""Import stage, a PDF page as plain geometry: words, ruling lines and drawn shapes.

Agencies' PDFs draw the same form in several ways: table rules as lines, as
thin filled rectangles, or as strokes converted to filled outlines; symbols as
rectangles or as curves. This module reads a page once (with pdfplumber, the
only place that knows it) and returns plain values in one coordinate system:
points from the page's top left, y growing downwards. Nothing here knows the
SOP AP form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RULE_THICKNESS = 2.5
"""A filled rectangle thinner than this is a drawn line (a table rule or an arrow's shaft)."""


class Boxed:
    """What has a box (``x0``, ``top``, ``x1``, ``bottom``): its size and middle."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def shared_area(a: Boxed, b: Boxed) -> float:
    """The area the two boxes have in common (0 where they do not meet)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True)
class Word(Boxed):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Segment:
    """A straight line: horizontal, vertical or slanted, with its thickness."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 1.0

    @property
    def horizontal(self) -> bool:
        return abs(self.y0 - self.y1) <= 0.6

    @property
    def vertical(self) -> bool:
        return abs(self.x0 - self.x1) <= 0.6

    @property
    def length(self) -> float:
        return max(abs(self.x1 - self.x0), abs(self.y1 - self.y0))


@dataclass(frozen=True)
class Shape(Boxed):
    """A closed drawn figure (a rectangle or a curve's outline) by its bounding box and points."""

    x0: float
    top: float
    x1: float
    bottom: float
    points: tuple[tuple[float, float], ...] = ()
    filled: bool = False
    stroked: bool = False
    light: bool = False
    """Filled with a light colour (white, pale grey) and not stroked: a cell's background, no symbol's edge."""


@dataclass(frozen=True)
class Image(Boxed):
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    chars: int = 0
    tiles: set = field(default_factory=set)
    """Rounded boxes (x0, top, x1, bottom) of rectangles that are a table's cells, not symbols."""

    @property
    def scanned(self) -> bool:
        """Whether its words were read by OCR from a picture (they carry a confidence)."""
        return any(hasattr(word, "confidence") for word in self.words)


def _segments_of_rect(r: dict) -> list[Segment]:
    w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
    if h <= RULE_THICKNESS and w > h:
        y = (r["top"] + r["bottom"]) / 2
        return [Segment(r["x0"], y, r["x1"], y, h)]
    if w <= RULE_THICKNESS and h > w:
        x = (r["x0"] + r["x1"]) / 2
        return [Segment(x, r["top"], x, r["bottom"], w)]
    return []


def _thin_outline(points: list[tuple[float, float]], x0: float, top: float, x1: float, bottom: float) -> list[Segment]:
    """A filled figure that is a stroke converted to an outline (a bar, an L, a U of lines), as lines.

    Such a figure encloses almost no area for the length of its edge (twice
    its area over its perimeter is the stroke's width); its long edges are
    the stroke's sides, kept as lines a stroke's width apart.
    """
    if min(x1 - x0, bottom - top) <= RULE_THICKNESS:
        if x1 - x0 >= bottom - top:
            y = (top + bottom) / 2
            return [Segment(x0, y, x1, y, bottom - top)]
        x = (x0 + x1) / 2
        return [Segment(x, top, x, bottom, x1 - x0)]
    if len(points) < 4:
        return []
    ring = points if _close(points[0], points[-1]) else points + [points[0]]
    area = abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(ring, ring[1:]))) / 2
    perimeter = sum(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 for (ax, ay), (bx, by) in zip(ring, ring[1:]))
    if perimeter == 0 or 2 * area / perimeter > RULE_THICKNESS:
        return []
    width = 2 * area / perimeter
    out = []
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        length = max(abs(bx - ax), abs(by - ay))
        if length > max(2.0, 3 * width) and (abs(ax - bx) <= 0.6 or abs(ay - by) <= 0.6):
            out.append(Segment(ax, ay, bx, by, width))
    return out


def _lightness(colour) -> float | None:
    """0 (black) to 1 (white) for a PDF colour in gray, RGB or CMYK; ``None`` for a pattern or none."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not colour or not all(isinstance(c, (int, float)) for c in colour):
        return None
    if len(colour) == 1:
        return float(colour[0])
    if len(colour) == 3:
        return 0.3 * colour[0] + 0.59 * colour[1] + 0.11 * colour[2]
    if len(colour) == 4:
        c, m, y, k = colour
        return (1 - min(1, c + k)) * 0.3 + (1 - min(1, m + k)) * 0.59 + (1 - min(1, y + k)) * 0.11
    return None


def _is_light(obj: dict) -> bool:
    if obj.get("stroke") or not obj.get("fill"):
        return False
    lightness = _lightness(obj.get("non_stroking_color"))
    return lightness is not None and lightness >= 0.75


def _close(a, b, tolerance: float = 0.8) -> bool:
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def _upright(char: dict) -> dict:
    """A character set straight (its matrix only scales) read as upright: some writers give such
    characters a matrix pdfplumber takes for rotated text, which then falls apart into letters."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    if not char.get("upright") and abs(matrix[1]) < 1e-6 and abs(matrix[2]) < 1e-6 and matrix[0] > 0 and matrix[3] > 0:
        return {**char, "upright": True}
    return char


def read_page(number: int, page) -> Page:
    """The geometry of one pdfplumber page."""
    from pdfplumber.utils.text import WordExtractor

    out = Page(number, float(page.width), float(page.height), chars=len(page.chars))
    extractor = WordExtractor(x_tolerance=1.5, y_tolerance=1, keep_blank_chars=False, use_text_flow=False)
    for w in extractor.extract_words([_upright(c) for c in page.chars]):
        out.words.append(Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])))
    for line in page.lines:
        pts = line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])]
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            out.segments.append(Segment(float(ax), float(ay), float(bx), float(by), float(line.get("linewidth") or 1)))
    for r in page.rects:
        thin = _segments_of_rect(r)
        if thin:
            out.segments += thin
        else:
            corners = ((r["x0"], r["top"]), (r["x1"], r["top"]), (r["x1"], r["bottom"]), (r["x0"], r["bottom"]))
            out.shapes.append(Shape(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]), corners,
                                    bool(r.get("fill")), bool(r.get("stroke")), _is_light(r)))
    for c in page.curves:
        pts = [(float(x), float(y)) for x, y in c.get("pts") or []]
        x0, top, x1, bottom = float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])
        small = max(x1 - x0, bottom - top) <= 10 and min(x1 - x0, bottom - top) > 1.0  # an arrowhead, a dot
        thin = _thin_outline(pts, x0, top, x1, bottom) if c.get("fill") and not c.get("stroke") and not small else []
        if thin:
            out.segments += thin
            continue
        closed = len(pts) > 2 and _close(pts[0], pts[-1], 1.5)
        if not closed and not c.get("fill"):
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):  # an open stroked path: the lines it draws
                out.segments.append(Segment(ax, ay, bx, by, float(c.get("linewidth") or 1)))
            continue
        out.shapes.append(Shape(x0, top, x1, bottom, tuple(pts), bool(c.get("fill")), bool(c.get("stroke")), _is_light(c)))
    for image in page.images:
        out.images.append(Image(float(image["x0"]), float(image["top"]), float(image["x1"]), float(image["bottom"])))
    edges, out.tiles = _tiled_edges(out.shapes)
    out.segments += edges
    return out


def _is_rectangle(shape: Shape) -> bool:
    corners = {(round(x), round(y)) for x, y in shape.points}
    box = {(round(shape.x0), round(shape.top)), (round(shape.x1), round(shape.top)),
           (round(shape.x1), round(shape.bottom)), (round(shape.x0), round(shape.bottom))}
    return len(shape.points) <= 6 and len(corners & box) >= 4 if len(corners) <= 5 else False


def box_of(shape: Shape) -> tuple[float, float, float, float]:
    return (round(shape.x0, 1), round(shape.top, 1), round(shape.x1, 1), round(shape.bottom, 1))


def _tiled_edges(shapes: list[Shape]) -> tuple[list[Segment], set]:
    """The edges of rectangles that tile a table (each drawn cell shares sides with its neighbours), as
    rules. Some writers draw a table as one rectangle per cell; a symbol stands alone and shares none."""
    boxes = sorted({box_of(s) for s in shapes if s.w > 4 and s.h > 4 and _is_rectangle(s)})
    if len(boxes) < 4:
        return [], set()
    def shares(a, b) -> int:
        ax0, at, ax1, ab = a
        bx0, bt, bx1, bb = b
        rows = min(ab, bb) - max(at, bt) > 1
        cols = min(ax1, bx1) - max(ax0, bx0) > 1
        return int(rows and (abs(ax1 - bx0) < 1.5 or abs(ax0 - bx1) < 1.5)) + int(cols and (abs(ab - bt) < 1.5 or abs(at - bb) < 1.5))
    edges: list[Segment] = []
    tiles = set()
    for box in boxes:
        if sum(shares(box, other) for other in boxes if other != box) >= 2:
            x0, top, x1, bottom = box
            tiles.add(box)
            edges += [Segment(x0, top, x1, top, 0.5), Segment(x0, bottom, x1, bottom, 0.5),
                      Segment(x0, top, x0, bottom, 0.5), Segment(x1, top, x1, bottom, 0.5)]
    return edges, tiles
