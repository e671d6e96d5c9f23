"""The sheet as pure geometry: rectangles, text blocks, symbols and arrows in points.

Coordinates have their origin at the top left of a page and grow right and
down, as a reader reads the sheet; the DOT emitter flips them for Graphviz.
These records hold resolved numbers and text only, no DOT or SVG syntax.
The most numerous ones (rectangles, text blocks) are named tuples: a sheet
has thousands of them and tuples are much cheaper to make than frozen
dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

Point = tuple[float, float]

TERMINATOR = "terminator"
PROSES = "proses"
KEPUTUSAN = "keputusan"
PENGHUBUNG = "penghubung_antar_halaman"

SYMBOLS = (TERMINATOR, PROSES, KEPUTUSAN, PENGHUBUNG)
"""The five symbols of the regulation are these four shapes and the arrow."""


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


class TextBlock(NamedTuple):
    """Lines of text set in ``rect`` (already wrapped to its width)."""

    rect: Rect
    lines: tuple[str, ...]
    align: str = "left"  # or "center", "right"
    size: float = 8.0
    leading: float = 10.0
    padding: float = 4.0


@dataclass(frozen=True)
class Symbol:
    id: str
    kind: str
    rect: Rect
    step: int | None = None
    """The step it stands for; ``None`` for connectors and end capsules."""
    label: str = ""
    marks: tuple[float, ...] = ()
    """The x of dots drawn on the symbol (no longer used by steps; kept for the emitter's contract)."""
    text: tuple[str, ...] = ()
    """SOP text printed inside the symbol ("Setuju?", "Mulai"), already wrapped; drawn as text, never as a DOT label."""
    unknown: bool = False
    """The source does not show this symbol's column or shape: drawn dashed, with a "?"."""


@dataclass(frozen=True)
class Arrow:
    """An orthogonal path; the arrowhead is at the last point."""

    id: str
    tail: str
    head: str
    """Ids of the symbols the arrow leaves and enters."""
    points: tuple[Point, ...]
    label: str | None = None
    """The exit's label; a wrapped label has its lines separated by newlines."""
    label_at: Point | None = None
    """Where the label's last line sits: the start of its baseline, or its end ("right")."""
    label_align: str = "left"
    heads: str = "end"
    """Where its heads are: "end", "both" (a two-way arrow) or "none" (a plain line)."""


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    rules: tuple[tuple[Point, Point], ...]
    """The table's grid lines."""
    texts: tuple[TextBlock, ...]
    symbols: tuple[Symbol, ...]
    arrows: tuple[Arrow, ...]


@dataclass(frozen=True)
class Sheet:
    sop_id: str
    title: str
    description: str
    pages: tuple[Page, ...]
