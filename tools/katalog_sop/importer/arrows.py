"""Import stage, the arrows of a step table: which symbol leads to which, and what the arrow says.

The lines drawn in the pelaksana columns (not on the table's rules) are
joined where they meet or touch into wires. A wire's free ends attach to the
symbols they stand at; an end with an arrowhead enters its symbol, the others
leave theirs. Words standing by a wire (not in a symbol) are its label
("Ya", "Tidak"). A wire into an off-page connector goes on from the connector
of the same letter further on. A line its label cuts in two is joined again
across the gap. A plain line (no arrowhead anywhere) between symbols is
kept as one, its direction taken from the rows' order and marked as a guess
for the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from katalog_sop.importer.grid import lines, text_of
from katalog_sop.importer.joined import Joins
from katalog_sop.importer.page import Page, Segment, Word
from katalog_sop.importer.steps import Table
from katalog_sop.importer.symbols import Symbol, corners, holds

TOUCH = 3.0
"""Lines this close meet (a corner, a fork, a join)."""
ATTACH = 6.0
"""A line's end this close to a symbol's box stands at the symbol."""
HEAD_REACH = 10.0
"""An arrowhead's tip may stop this far short of its symbol."""
LABEL_REACH = 16.0


@dataclass
class Wire:
    segments: list[Segment]
    sources: list[Symbol] = field(default_factory=list)
    targets: list[Symbol] = field(default_factory=list)
    label: str | None = None
    page: int = 0
    loose: list[tuple[float, float]] = field(default_factory=list)
    """Free ends standing at no symbol (a line cut by its label ends there)."""
    heads: int = 0
    plain: bool = False
    """No arrowhead anywhere on it: a plain line, its direction taken from the rows' order."""


def _point_segment(px: float, py: float, s: Segment) -> float:
    x0, x1 = sorted((s.x0, s.x1))
    y0, y1 = sorted((s.y0, s.y1))
    dx = max(x0 - px, 0.0, px - x1)
    dy = max(y0 - py, 0.0, py - y1)
    return (dx * dx + dy * dy) ** 0.5


def _near_box(px: float, py: float, s: Symbol, reach: float) -> bool:
    return s.x0 - reach <= px <= s.x1 + reach and s.top - reach <= py <= s.bottom + reach


def _heads(page: Page) -> list[tuple[float, float]]:
    """Centres of the arrowheads: small dark triangles."""
    out = []
    for shape in page.shapes:
        if shape.light or shape.w > 10 or shape.h > 10 or shape.w < 1.5 or shape.h < 1.5:
            continue
        if 3 <= len(corners(shape.points)) <= 4 or shape.filled:
            out.append((shape.cx, shape.cy))
    return out


def _on_rules(s: Segment, xs: list[float], ys: list[float]) -> bool:
    if s.vertical:
        return any(abs(s.x0 - x) <= 1.5 for x in xs)
    if s.horizontal:
        return any(abs(s.y0 - y) <= 1.5 for y in ys)
    return False


def wires(page: Page, table: Table, symbols: list[Symbol], top: float, bottom: float) -> list[Wire]:
    """The wires drawn among ``symbols`` on ``page`` between ``top`` and ``bottom``."""
    lanes = table.lanes
    if not lanes:
        return []
    x0, x1 = lanes[0].x0, lanes[-1].x1
    xs = sorted({c.x0 for c in table.columns} | {c.x1 for c in table.columns})
    ys = sorted({r.top for r in table.rows if r.page == page.number} | {r.bottom for r in table.rows if r.page == page.number})
    segments = [
        s for s in page.segments
        if x0 - 1 <= min(s.x0, s.x1) and max(s.x0, s.x1) <= x1 + 1 and top - 1 <= min(s.y0, s.y1) and max(s.y0, s.y1) <= bottom + 1
        and s.length >= 2.0 and not _on_rules(s, xs, ys)
        and not any(sym.x0 + 1 < min(s.x0, s.x1) and max(s.x0, s.x1) < sym.x1 - 1 and sym.top + 1 < min(s.y0, s.y1)
                    and max(s.y0, s.y1) < sym.bottom - 1 for sym in symbols)  # a line inside a symbol is part of it
    ]
    segments = _merge_parallel(segments)
    joins = Joins(len(segments))
    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            b = segments[j]
            if min(_point_segment(a.x0, a.y0, b), _point_segment(a.x1, a.y1, b),
                   _point_segment(b.x0, b.y0, a), _point_segment(b.x1, b.y1, a)) <= TOUCH:
                joins.join(i, j)
    heads = _heads(page)
    found = [_attach(Wire([segments[i] for i in group], page=page.number), symbols, heads) for group in joins.groups()]
    found = _rejoin(found)
    out = []
    for wire in found:
        if not wire.targets and not wire.heads and len(wire.sources) >= 2:
            _plain(wire)
        if wire.sources and wire.targets:
            out.append(wire)
    _labels(out, page, symbols, table)
    return out


CUT = 80.0
"""A line cut by its label: the two pieces' loose ends are at most this far apart, in line."""


def _rejoin(found: list[Wire]) -> list[Wire]:
    """Join the two pieces of a line its label cuts: one leaves a symbol, the other enters one, and
    their loose ends face each other across the gap."""
    leaving = [w for w in found if w.sources and not w.targets and w.loose]
    entering = [w for w in found if w.targets and not w.sources and w.loose]
    used: set[int] = set()
    for a in leaving:
        best = None
        for b in entering:
            if id(b) in used:
                continue
            for ax, ay in a.loose:
                for bx, by in b.loose:
                    gap = abs(ax - bx) + abs(ay - by)
                    if gap <= CUT and (abs(ax - bx) <= 3 or abs(ay - by) <= 3) and (best is None or gap < best[0]):
                        best = (gap, b)
        if best is not None:
            b = best[1]
            used.add(id(b))
            a.segments += b.segments
            a.targets = b.targets
            a.heads += b.heads
            a.loose = []
            found = [w for w in found if w is not b]
    return found


def _plain(wire: Wire) -> None:
    """A line with no arrowhead between symbols: drawn as a plain line; its direction, taken from
    the rows' order (top to bottom, then left to right), is a guess the draft marks."""
    ordered = sorted(wire.sources, key=lambda s: (round(s.cy / 4), s.cx))
    wire.sources, wire.targets, wire.plain = ordered[:1], ordered[1:], True


JOINED = 1.2
"""An end this close to another line of its wire is a corner or a junction, not a free end."""


def _free_ends(group: list[Segment]) -> list[tuple[float, float]]:
    ends = []
    for s in group:
        for px, py in ((s.x0, s.y0), (s.x1, s.y1)):
            if not any(o is not s and _point_segment(px, py, o) <= JOINED for o in group):
                ends.append((px, py))
    return ends


def _merge_parallel(segments: list[Segment]) -> list[Segment]:
    """A stroke drawn as an outline gives two lines a stroke's width apart: one line, down its middle."""
    out: list[Segment] = []
    for s in sorted(segments, key=lambda s: (not s.horizontal, s.y0 if s.horizontal else s.x0)):
        for index, o in enumerate(out):
            if s.horizontal and o.horizontal and abs(s.y0 - o.y0) <= 1.6:
                a0, a1 = sorted((s.x0, s.x1))
                b0, b1 = sorted((o.x0, o.x1))
                if min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0):
                    y = (s.y0 + o.y0) / 2
                    out[index] = Segment(min(a0, b0), y, max(a1, b1), y, o.width)
                    break
            elif s.vertical and o.vertical and abs(s.x0 - o.x0) <= 1.6:
                a0, a1 = sorted((s.y0, s.y1))
                b0, b1 = sorted((o.y0, o.y1))
                if min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0):
                    x = (s.x0 + o.x0) / 2
                    out[index] = Segment(x, min(a0, b0), x, max(a1, b1), o.width)
                    break
        else:
            out.append(s)
    return out


def _attach(wire: Wire, symbols: list[Symbol], heads: list[tuple[float, float]]) -> Wire:
    """The symbols the wire leaves and enters (either may be none yet: a piece of a cut line)."""
    ends = _free_ends(wire.segments)
    if not ends:  # a loop of lines: take the segments' own ends
        ends = [(s.x0, s.y0) for s in wire.segments] + [(s.x1, s.y1) for s in wire.segments]
    # each arrowhead belongs to the one free end nearest to it (a short line has a head near both ends)
    owner: dict[int, tuple[float, float]] = {}
    for hx, hy in heads:
        near = [(abs(hx - px) + abs(hy - py), i) for i, (px, py) in enumerate(ends) if abs(hx - px) <= 7 and abs(hy - py) <= 7]
        if near:
            owner.setdefault(min(near)[1], (hx, hy))
    wire.heads = len(owner)
    for index, (px, py) in enumerate(ends):
        close = [owner[index]] if index in owner else []
        headed = bool(close)
        at = (px, py)
        if headed:  # look past the arrowhead, where its tip points
            hx, hy = min(close, key=lambda h: abs(h[0] - px) + abs(h[1] - py))
            px, py = px + 2 * (hx - px), py + 2 * (hy - py)
        reach = HEAD_REACH if headed else ATTACH
        near = [s for s in symbols if _near_box(px, py, s, reach)]
        if not near:
            if not headed:
                wire.loose.append(at)
            continue
        symbol = min(near, key=lambda s: _box_distance(px, py, s))
        (wire.targets if headed else wire.sources).append(symbol)
    if wire.targets and not wire.sources:
        # a line that forks right below its symbol: the fork is no free end, but it stands at the symbol
        for s in wire.segments:
            for px, py in ((s.x0, s.y0), (s.x1, s.y1)):
                near = [sym for sym in symbols if _near_box(px, py, sym, ATTACH) and not any(sym is t for t in wire.targets)]
                if near:
                    wire.sources.append(min(near, key=lambda sym: _box_distance(px, py, sym)))
    wire.sources = _unique(wire.sources)
    wire.targets = [t for t in _unique(wire.targets) if t not in wire.sources or len(wire.sources) > 1]
    return wire


def _box_distance(px: float, py: float, s: Symbol) -> float:
    dx = max(s.x0 - px, 0.0, px - s.x1)
    dy = max(s.top - py, 0.0, py - s.bottom)
    return (dx * dx + dy * dy) ** 0.5


def _unique(items: list) -> list:
    out = []
    for item in items:
        if not any(item is other for other in out):
            out.append(item)
    return out


def _labels(found: list[Wire], page: Page, symbols: list[Symbol], table: Table) -> None:
    """Short texts standing by a wire in the pelaksana columns, outside the symbols: the wire's label.

    Loose words are gathered into blocks (a label may be set on two lines,
    "Berjalan" over "Normal"; two labels on one line stand well apart).
    """
    lanes = table.lanes
    x0, x1 = lanes[0].x0, lanes[-1].x1
    loose = [w for w in page.words if x0 <= w.cx <= x1 and not any(holds(s, w.cx, w.cy) for s in symbols)]
    blocks: list[list[Word]] = []
    for line in lines(loose):
        parts: list[list[Word]] = [[line[0]]]
        for word in line[1:]:
            if word.x0 - parts[-1][-1].x1 > 8:
                parts.append([word])
            else:
                parts[-1].append(word)
        for part in parts:
            left, right, top = part[0].x0, part[-1].x1, min(w.top for w in part)
            above = next((b for b in blocks if 0 <= top - max(w.bottom for w in b) <= 4
                          and min(w.x0 for w in b) < right and left < max(w.x1 for w in b)), None)
            if above is not None:
                above += part
            else:
                blocks.append(list(part))
    for block in blocks:
        text = " ".join(text_of(line) for line in lines(block))
        if len(text) > 40:
            continue
        best = None
        for wire in found:
            distance = min(_point_segment(px, py, s) for s in wire.segments
                           for w in block for px, py in ((w.x0, w.cy), (w.x1, w.cy), (w.cx, w.top), (w.cx, w.bottom)))
            if distance <= LABEL_REACH and (best is None or distance < best[0]):
                best = (distance, wire)
        if best is not None and best[1].label is None:
            best[1].label = text
