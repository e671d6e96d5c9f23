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


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


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
class Shape:
    """A closed drawn figure (a rectangle or a curve's outline) by its bounding box and points."""

    x0: float
    top: float
    x1: float
    bottom: float
    points: tuple[tuple[float, float], ...] = ()
    filled: bool = False
    stroked: bool = False

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


@dataclass(frozen=True)
class Image:
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
    """A curve that is a stroke converted to a filled outline: one thin bar, or an L or U of bars.

    Its points go out along one side of the line and back along the other; the
    line is traced by the midpoints between each point and its partner on the
    way back.
    """
    if min(x1 - x0, bottom - top) <= RULE_THICKNESS:
        if x1 - x0 >= bottom - top:
            y = (top + bottom) / 2
            return [Segment(x0, y, x1, y, bottom - top)]
        x = (x0 + x1) / 2
        return [Segment(x, top, x, bottom, x1 - x0)]
    pts = points[:-1] if len(points) > 2 and _close(points[0], points[-1]) else points
    n = len(pts)
    if n < 6 or n % 2:
        return []
    half = n // 2
    centre = [((pts[i][0] + pts[n - 1 - i][0]) / 2, (pts[i][1] + pts[n - 1 - i][1]) / 2) for i in range(half)]
    widths = [max(abs(pts[i][0] - pts[n - 1 - i][0]), abs(pts[i][1] - pts[n - 1 - i][1])) for i in range(half)]
    if max(widths) > RULE_THICKNESS * 2:
        return []
    width = min(widths)
    out = []
    for (ax, ay), (bx, by) in zip(centre, centre[1:]):
        if abs(ax - bx) <= RULE_THICKNESS or abs(ay - by) <= RULE_THICKNESS:
            out.append(Segment(ax, ay, bx, by, width))
        else:
            return []
    return out


def _close(a, b, tolerance: float = 0.8) -> bool:
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def read_page(number: int, page) -> Page:
    """The geometry of one pdfplumber page."""
    out = Page(number, float(page.width), float(page.height), chars=len(page.chars))
    for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2):
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
                                    bool(r.get("fill")), bool(r.get("stroke"))))
    for c in page.curves:
        pts = [(float(x), float(y)) for x, y in c.get("pts") or []]
        x0, top, x1, bottom = float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])
        thin = _thin_outline(pts, x0, top, x1, bottom) if c.get("fill") and not c.get("stroke") else []
        if thin:
            out.segments += thin
            continue
        closed = len(pts) > 2 and _close(pts[0], pts[-1], 1.5)
        if not closed and not c.get("fill"):
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):  # an open stroked path: the lines it draws
                out.segments.append(Segment(ax, ay, bx, by, float(c.get("linewidth") or 1)))
            continue
        out.shapes.append(Shape(x0, top, x1, bottom, tuple(pts), bool(c.get("fill")), bool(c.get("stroke"))))
    for image in page.images:
        out.images.append(Image(float(image["x0"]), float(image["top"]), float(image["x1"]), float(image["bottom"])))
    return out
