"""Route the sheet's arrows: which way each one goes, its gutter track, its ports.

Pure geometry, part of the layout stage. The rules, so that no arrow crosses a
symbol or runs along another:

* a step to the next row on the same page goes down its lane, jogging
  sideways in the top margin of the next row when the lane changes;
* every other arrow (a loop back, a jump forward, a second exit to the next
  row) leaves the symbol's side, runs in a gutter beside the lanes on its own
  track (vertical runs that overlap never share a line) and enters the
  target's side; each side port of a symbol is its own point;
* an arrow that crosses a page break ends at a pentagon off-page connector at
  the foot of its page, and starts again at a connector with the same label at
  the head of the target's page; loops that cross pages do the same;
* a decision exit that ends the procedure goes to a small "Selesai" capsule in
  the neighbouring lane of the same row;
* inside a row, a symbol hands on to the next one with a straight arrow
  between their sides; an arrow back to an earlier symbol of the row, or one
  that would cross another symbol of the row, runs over the symbols in the
  row's top margin;
* a row's symbols fan out to a parallel row below and join into the row
  after it: unlabelled arrows may share their first or last segment, as
  agencies draw a fork and a join.

Nodes are symbols, keyed ``(row, index in row)``; rows are the table's rows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable

from katalog_sop.diagram.shapes import KEPUTUSAN, PENGHUBUNG, TERMINATOR, Arrow, Point, Rect, Symbol
from katalog_sop.diagram.text import text_width, wrap
from katalog_sop.model import SELESAI, Simbol

Key = tuple[int, int]

BAND = 30.0
"""Height of the band at a page's head or foot that holds off-page connectors."""
TRACK = 12.0
GUTTER_PAD = 8.0
PORT_GAP = 7.0
ARROW_CLEAR = 10.0
CONNECTOR = (12.0, 12.0)
END_CAPSULE = (40.0, 18.0)
BELOW_GAP = 14.0
BACK_CONNECTOR_GAP = 16.0
"""How far above where a loop from a later page meets its target's row its connector stands."""
"""Between a decision and the "Selesai" capsule put below it when both neighbouring columns are taken."""
LABEL_SIZE = 7.0
LABEL_LEADING = 8.0
LABEL_MAX_LINES = 12
ASCENT_SHARE = 0.9
"""A label line's height above its baseline, as a share of its size."""
LABEL_MAX_WIDTH = 160.0
"""A label word wider than this is split, and a label needing more lines is cut, ending in an ellipsis:
a label names an exit, it does not explain it."""

DOWN, SIDE, END, CROSS_DOWN, CROSS_SIDE = "down", "gutter", "end", "cross-down", "cross-gutter"
ACROSS, OVER = "across", "over"
OVER_GAP = 5.0
OVER_SHIFT = 10.0
"""How far from a symbol's centre an arrow over the row leaves or enters its top."""
ARROW_ROOM = 9.0
"""The shortest last segment that still shows its arrowhead."""
"""How far below a row's top line an arrow over the row's symbols runs."""


@dataclass
class Edge:
    """One exit of a step, with the route planned for it."""

    id: str
    src: Key
    label: str | None
    dst: Key | None
    kind: str = ""
    side: str = ""  # "left" | "right": the gutter it runs in, or the side it leaves by
    letter: str = ""  # the off-page connectors' label
    backward: bool = False  # crosses pages back to an earlier page (a loop)
    heads: str = "end"  # "both" or "none" where the sheet draws the arrow so
    leave_below: bool = False  # another symbol of the row stands between the source and its gutter
    enter_above: bool = False  # ... between the target and its gutter
    tracks: dict[int, int] = field(default_factory=dict)  # page index -> gutter track

    @property
    def crosses_pages(self) -> bool:
        return self.kind in (CROSS_DOWN, CROSS_SIDE)

    @property
    def in_gutter(self) -> bool:
        return self.kind in (SIDE, CROSS_SIDE)


def symbol_name(key: Key, alone: bool) -> str:
    """The symbol's id on the sheet: ``n3`` for a row's only symbol, ``n3s2`` for the second of several."""
    return f"n{key[0]}" if alone else f"n{key[0]}s{key[1] + 1}"


def plan_edges(
    nodes: dict[Key, Simbol], lanes: dict[Key, tuple[int, ...]], nlanes: int, pages: list[list[int]],
    across: dict[Key, float] | None = None,
) -> list[Edge]:
    """Every arrow of the sheet with its kind, side and connector letter.

    ``across`` places each symbol left to right (its lane, plus a fraction
    where two symbols of a row share a lane); by default its lane.
    """
    row_page = {n: index for index, numbers in enumerate(pages) for n in numbers}
    page_of = {key: row_page[key[0]] for key in nodes}
    across = across or {key: float(lane[0]) for key, lane in lanes.items()}
    edges = _classify(nodes, across, page_of, {p[-1] for p in pages}, {p[0] for p in pages})
    for index, edge in enumerate(e for e in edges if e.crosses_pages):
        edge.letter = _letters(index)
        edge.backward = page_of[edge.dst] < page_of[edge.src]
    _choose_sides(edges, lanes, nlanes, across)
    return edges


def _classify(nodes: dict[Key, Simbol], across: dict[Key, float], page_of, last_on_page: set[int], first_on_page: set[int]) -> list[Edge]:
    edges: list[Edge] = []
    down_from: dict[Key, bool] = {}  # a symbol's bottom: taken, and whether by a labelled arrow
    down_into: dict[Key, bool] = {}
    rows: dict[int, list[Key]] = {}  # the symbols of each row: the only ones that can stand in an arrow's way
    for key in nodes:
        rows.setdefault(key[0], []).append(key)
    for key, symbol in nodes.items():
        prefix = "s" + symbol_name(key, len(rows[key[0]]) == 1)[1:]  # s3, s3s2: the arrows of symbol n3, n3s2
        number = 0
        for keluar in symbol.keluar:
            for branch, target in enumerate(keluar.ke or (None,)):
                number += 1
                # one exit leading to several symbols carries its label once, on its first line
                edge = Edge(f"{prefix}e{number}", key, keluar.label if branch == 0 else None, target)
                edge.heads = {"dua_arah": "both", "tanpa": "none"}.get(keluar.panah or "", "end")
                if target is None:
                    if symbol.bentuk == SELESAI or (keluar.label is None and symbol.bentuk != "keputusan"):
                        number -= 1
                        continue  # the symbol itself is the end capsule
                    edge.kind = END
                elif target[0] == key[0]:
                    edge.kind = ACROSS if target[1] > key[1] and not _blocked(key, target, rows[key[0]], across) else OVER
                elif not _stacked_in_way(key, target, rows, across) and _may_go_down(
                    edge, page_of, last_on_page, first_on_page, down_from, down_into
                ):
                    edge.kind = DOWN if page_of[key] == page_of[target] else CROSS_DOWN
                    down_from[key] = down_from.get(key, False) or edge.label is not None
                    down_into[target] = down_into.get(target, False) or edge.label is not None
                else:
                    edge.kind = SIDE if page_of[key] == page_of[target] else CROSS_SIDE
                edges.append(edge)
    return edges


def _blocked(src: Key, dst: Key, row: list[Key], across: dict[Key, float]) -> bool:
    """Whether another symbol of the row (``row``: its symbols) stands between two symbols: beside them,
    or (for two stacked in one column) between them in that column."""
    low, high = sorted((across[src], across[dst]))
    if low == high:  # one column: stacked in flow order
        stack = sorted(other for other in row if across[other] == low)
        return abs(stack.index(src) - stack.index(dst)) != 1
    return any(other not in (src, dst) and low <= across[other] <= high for other in row)


def _stacked_in_way(src: Key, dst: Key, rows: dict[int, list[Key]], across: dict[Key, float]) -> bool:
    """Whether a symbol stacked below the source, or above the target, in its column would stand in
    the way of an arrow straight down (``rows``: the symbols of each row)."""
    below = any(o[1] > src[1] and across[o] == across[src] for o in rows[src[0]])
    above = any(o[1] < dst[1] and across[o] == across[dst] for o in rows.get(dst[0], ()))
    return below or above


def _may_go_down(edge: Edge, page_of, last_on_page, first_on_page, down_from, down_into) -> bool:
    """An arrow to the next row goes straight down unless the symbol's bottom or the target's top is
    taken; unlabelled arrows may share them (a fork, a join), labelled ones never."""
    src, dst = edge.src, edge.dst
    if dst[0] != src[0] + 1:
        return False
    same_page = page_of[src] == page_of[dst]
    if not same_page and not (src[0] in last_on_page and dst[0] in first_on_page):
        return False
    if not same_page and (src in down_from or dst in down_into):
        return False  # one off-page connector pair per arrow
    labelled = edge.label is not None
    if src in down_from and (labelled or down_from[src]):
        return False
    if dst in down_into and (labelled or down_into[dst]):
        return False
    return True


def _choose_sides(edges: list[Edge], lanes: dict[Key, tuple[int, ...]], nlanes: int, across: dict[Key, float]) -> None:
    """End exits go to a free neighbouring lane; gutter arrows to the nearer gutter, unless another
    symbol of the row stands between a symbol and that gutter (the run to it would cross the symbol)."""
    beyond: dict[tuple[Key, str], bool] = {}
    for key in lanes:
        row = [other for other in lanes if other[0] == key[0] and other != key]
        beyond[(key, "left")] = any(across[other] < across[key] for other in row)
        beyond[(key, "right")] = any(across[other] > across[key] for other in row)
    end_sides: dict[Key, set[str]] = {}
    taken = {(key[0], lane) for key, own in lanes.items() for lane in own}
    for edge in edges:
        if edge.kind == END:
            own, row = lanes[edge.src], edge.src[0]
            right_free = own[-1] + 1 < nlanes and (row, own[-1] + 1) not in taken
            left_free = own[0] > 0 and (row, own[0] - 1) not in taken
            bottom_free = not any(e.src == edge.src and e.kind in (DOWN, CROSS_DOWN) for e in edges)
            if right_free or left_free:
                edge.side = "right" if right_free else "left"
            elif bottom_free and not any(e.side == "below" and e.src == edge.src for e in edges):
                edge.side = "below"  # both neighbouring columns hold this row's other symbols
            else:
                edge.side = "right" if own[-1] + 1 < nlanes or own[0] == 0 else "left"
            end_sides.setdefault(edge.src, set()).add(edge.side)
    for edge in edges:
        if edge.in_gutter:
            src, dst = lanes[edge.src], lanes[edge.dst]
            middle = (src[0] + src[-1] + dst[0] + dst[-1]) / 4
            edge.side = "left" if middle < (nlanes - 1) / 2 else "right"
            if edge.side in end_sides.get(edge.src, ()):
                edge.side = "left" if edge.side == "right" else "right"
            other = "left" if edge.side == "right" else "right"
            blocked = lambda side: beyond[(edge.src, side)] + beyond[(edge.dst, side)]
            if blocked(edge.side) and blocked(other) < blocked(edge.side):
                edge.side = other
            # where the run to the gutter would still cross a symbol of the row, go by the row's margin
            edge.leave_below = beyond[(edge.src, edge.side)]
            edge.enter_above = beyond[(edge.dst, edge.side)]


def assign_tracks(edges: list[Edge], page_of: dict[int, int], centre: dict[int, float], body_height: dict[int, float]) -> dict[str, int]:
    """Give each gutter arrow a track per page; return the tracks each gutter needs.

    ``centre`` is a row's middle and ``body_height`` a page's body, in body
    coordinates (0 at the top of a page's first band or row).
    """
    runs: dict[tuple[int, str], list[tuple[float, float, Edge]]] = {}
    for edge in edges:
        if edge.kind == SIDE:
            low, high = sorted((centre[edge.src], centre[edge.dst]))
            runs.setdefault((page_of[edge.src], edge.side), []).append((low, high, edge))
        elif edge.kind == CROSS_SIDE:
            src_page, dst_page = page_of[edge.src], page_of[edge.dst]
            runs.setdefault((src_page, edge.side), []).append((centre[edge.src], body_height[src_page], edge))
            runs.setdefault((dst_page, edge.side), []).append((0.0, centre[edge.dst], edge))
    count = {"left": 0, "right": 0}
    for (page, side), items in sorted(runs.items(), key=lambda item: item[0]):
        taken: list[list[tuple[float, float]]] = []
        for low, high, edge in sorted(items, key=lambda r: (r[1] - r[0], r[0], r[2].id)):
            for track, spans in enumerate(taken):
                if all(high + ARROW_CLEAR < a or low - ARROW_CLEAR > b for a, b in spans):
                    spans.append((low, high))
                    break
            else:
                taken.append([(low, high)])
                track = len(taken) - 1
            edge.tracks[page] = track
        count[side] = max(count[side], len(taken))
    return count


def gutter_width(tracks: int) -> float:
    return GUTTER_PAD * 2 + TRACK * tracks if tracks else GUTTER_PAD


def track_offset(track: int) -> float:
    """Distance of a track's line from the outer edge of its gutter."""
    return GUTTER_PAD + TRACK * (track + 0.5)


@dataclass(frozen=True)
class PageFrame:
    """Where one page's rows, bands and gutters are, in page coordinates."""

    page: int
    top: float  # top of the body (below the header)
    body_height: float
    centre: dict[Key, float]  # middle of each symbol's row, in body coordinates of its page
    row_top: dict[Key, float]  # top of each symbol's row, in body coordinates of its page
    track_x: Callable[[str, int], float]
    lane_cx: list[float]
    lane_half: float  # half a lane's width


class PageRouter:
    """The arrows of one page, with their ports, off-page connectors and end capsules."""

    def __init__(self, frame: PageFrame, symbols: dict[Key, Symbol], edges: list[Edge], lanes: dict[Key, tuple[int, ...]]):
        self.f, self.symbols, self.lanes = frame, symbols, lanes
        self.edges = [e for e in edges if e.src in symbols or (e.dst is not None and e.dst in symbols)]
        self.covered: set[str] = set()
        self.ports = self._plan_ports()

    def _plan_ports(self) -> dict[tuple[str, str], Point]:
        """Side ports: arrows leaving or entering one side of a symbol get distinct points,
        ordered by where they go so that they never cross each other."""
        ends: dict[tuple[Key, str], list[tuple[float, str, str]]] = {}
        across: set[tuple[Key, str]] = set()  # sides whose middle a hand-on within the row takes
        for edge in self.edges:
            if edge.kind == ACROSS and abs(self.symbols[edge.dst].rect.cx - self.symbols[edge.src].rect.cx) >= 0.5:
                rightwards = self.symbols[edge.dst].rect.cx > self.symbols[edge.src].rect.cx
                across.add((edge.src, "right" if rightwards else "left"))
                across.add((edge.dst, "left" if rightwards else "right"))
            src_here, dst_here = edge.src in self.symbols, edge.dst in self.symbols
            if edge.kind == END and edge.side == "below":
                continue
            if edge.kind == END or (edge.in_gutter and src_here and not edge.leave_below):
                toward = self.f.centre[edge.dst] if dst_here else float("inf")
                if edge.kind == END:
                    toward = self.f.centre[edge.src]
                ends.setdefault((edge.src, edge.side), []).append((toward, edge.id, "out"))
            if edge.in_gutter and dst_here and not edge.enter_above:
                toward = self.f.centre[edge.src] if src_here else float("-inf")
                ends.setdefault((edge.dst, edge.side), []).append((toward, edge.id, "in"))
        ports = {}
        for (number, side), items in ends.items():
            items.sort()
            symbol = self.symbols[number]
            rect = symbol.rect
            offsets = _offsets(len(items), (number, side) in across)
            for index, ((_, edge_id, role), dy) in enumerate(zip(items, offsets)):
                if index > 0 or (number, side) in across and dy > 0:
                    self.covered.add(edge_id)  # another line leaves or enters above: set its label below
                half = rect.w / 2
                if symbol.kind == KEPUTUSAN:
                    half *= 1 - abs(dy) / (rect.h / 2)
                ports[(edge_id, role)] = (rect.cx + half if side == "right" else rect.cx - half, rect.cy + dy)
        return ports

    def route(self) -> tuple[list[Arrow], list[Symbol]]:
        arrows: list[Arrow] = []
        extra: list[Symbol] = []
        for edge in self.edges:
            src = self.symbols.get(edge.src)
            dst = self.symbols.get(edge.dst) if edge.dst is not None else None
            if edge.kind == DOWN:
                arrows.append(self._down(edge, src, dst))
            elif edge.kind == ACROSS and abs(dst.rect.cx - src.rect.cx) < 0.5:  # stacked in one column
                downwards = dst.rect.cy > src.rect.cy
                start = (src.rect.cx, src.rect.bottom if downwards else src.rect.y)
                end = (dst.rect.cx, dst.rect.y if downwards else dst.rect.bottom)
                arrows.append(self._labelled(edge, src, dst.id, (start, end), None))
            elif edge.kind == ACROSS:
                rightwards = dst.rect.cx > src.rect.cx
                start = (src.rect.right if rightwards else src.rect.x, src.rect.cy)
                end = (dst.rect.x if rightwards else dst.rect.right, src.rect.cy)
                arrows.append(self._across(edge, src, dst, (start, end)))
            elif edge.kind == OVER:
                y = self.f.top + self.f.row_top[edge.src] + OVER_GAP
                # off the symbols' centres, where arrows from the row above come in
                sign = 1 if dst.rect.cx > src.rect.cx else -1
                x1, x2 = src.rect.cx + sign * min(OVER_SHIFT, src.rect.w / 4), dst.rect.cx - sign * min(OVER_SHIFT, dst.rect.w / 4)
                points = ((x1, _top_at(src, x1)), (x1, y), (x2, y), (x2, _top_at(dst, x2)))
                arrow = Arrow(edge.id, src.id, dst.id, points)
                if edge.label:
                    lines = label_lines(edge.label, abs(dst.rect.cx - src.rect.cx) - 8)
                    arrow = Arrow(edge.id, src.id, dst.id, points, "\n".join(lines), (min(x1, x2) + 4, y + 1 + len(lines) * LABEL_LEADING), "left")
                arrows.append(arrow)
            elif edge.kind == SIDE:
                gx = self.f.track_x(edge.side, edge.tracks[self.f.page])
                head = self._leave(edge, src, gx)
                tail = self._enter(edge, dst, gx)
                points = head + tail
                arrows.append(self._labelled(edge, src, dst.id, points, None if edge.leave_below else head[0]))
            elif edge.kind == END and edge.side == "below":
                w, h = END_CAPSULE
                start = (src.rect.cx, src.rect.bottom)
                capsule = Symbol(f"selesai-{edge.id}", TERMINATOR, Rect(start[0] - w / 2, start[1] + BELOW_GAP, w, h), None, "Selesai")
                extra.append(capsule)
                arrows.append(self._labelled(edge, src, capsule.id, (start, (start[0], capsule.rect.y)), None))
            elif edge.kind == END:
                start = self.ports[(edge.id, "out")]
                capsule = self._capsule(edge, start)
                extra.append(capsule)
                tip = (capsule.rect.x, start[1]) if edge.side == "right" else (capsule.rect.right, start[1])
                arrows.append(self._labelled(edge, src, capsule.id, (start, tip), start))
            else:
                self._cross(edge, src, dst, arrows, extra)
        heads = {edge.id: edge.heads for edge in self.edges if edge.heads != "end"}
        if heads:  # a two-way arrow or a plain line keeps its route; only its heads differ
            arrows = [
                dataclasses.replace(a, heads=heads[a.id]) if a.id in heads and a.head not in self._connectors(extra) else a
                for a in arrows
            ]
        return arrows, extra

    @staticmethod
    def _connectors(extra: list[Symbol]) -> set[str]:
        return {symbol.id for symbol in extra if symbol.kind == PENGHUBUNG}

    def _cross(self, edge: Edge, src: Symbol | None, dst: Symbol | None, arrows: list[Arrow], extra: list[Symbol]) -> None:
        """The half of a page-crossing arrow that is on this page, with its connector."""
        foot_y = self.f.top + self.f.body_height - BAND / 2
        head_y = self.f.top + BAND / 2
        half = CONNECTOR[1] / 2
        gx = self.f.track_x(edge.side, edge.tracks[self.f.page]) if edge.kind == CROSS_SIDE else None
        if src is not None:
            x = src.rect.cx if gx is None else gx
            out = self._connector(edge.letter, "keluar", x, foot_y)
            extra.append(out)
            if gx is None:
                points, side_start = ((x, src.rect.bottom), (x, foot_y - half)), None
            else:
                head = self._leave(edge, src, gx)
                points, side_start = head + ((gx, foot_y - half),), None if edge.leave_below else head[0]
            arrows.append(self._labelled(edge, src, out.id, points, side_start, "-keluar"))
        if dst is not None:
            x = dst.rect.cx if gx is None else gx
            into = self._connector(edge.letter, "masuk", x, head_y)
            extra.append(into)
            if gx is None:
                points = ((x, head_y + half), (x, dst.rect.y))
            elif edge.backward:
                # a loop back from a later page comes in beside its target, not at the page's head, where
                # the connector would read as a second start
                path = self._enter(edge, dst, gx)
                into = self._connector(edge.letter, "masuk", gx, path[0][1] - BACK_CONNECTOR_GAP)
                extra[-1] = into
                points = ((gx, into.rect.bottom),) + path
            else:
                points = ((gx, head_y + half),) + self._enter(edge, dst, gx)
            arrows.append(Arrow(f"{edge.id}-masuk", into.id, dst.id, points))

    def _across(self, edge: Edge, src: Symbol, dst: Symbol, points: tuple[Point, Point]) -> Arrow:
        """A hand-on inside the row; its label over the gap between the two symbols where it fits, else
        above the taller of them, clear of both."""
        if not edge.label:
            return Arrow(edge.id, src.id, dst.id, points)
        (x1, y), (x2, _) = points
        gap = abs(x2 - x1)
        lines = label_lines(edge.label, gap - 6)
        widest = max(text_width(line, LABEL_SIZE) for line in lines)
        left = min(x1, x2) + 3
        if widest + 6 <= gap and len(lines) == 1:
            return Arrow(edge.id, src.id, dst.id, points, lines[0], (left, y - 3), "left")
        lines = label_lines(edge.label, LABEL_MAX_WIDTH)
        top = min(src.rect.y, dst.rect.y) - 2
        return Arrow(edge.id, src.id, dst.id, points, "\n".join(lines), (left, top), "left")

    def _leave(self, edge: Edge, src: Symbol, gx: float) -> tuple[Point, ...]:
        """From the source to its gutter track: by its side, or down to the row's foot and along it."""
        if not edge.leave_below:
            start = self.ports[(edge.id, "out")]
            return (start, (gx, start[1]))
        foot = self.f.top + self.f.row_top[edge.src] + 2 * (self.f.centre[edge.src] - self.f.row_top[edge.src]) - OVER_GAP
        return ((src.rect.cx, src.rect.bottom), (src.rect.cx, foot), (gx, foot))

    def _enter(self, edge: Edge, dst: Symbol, gx: float) -> tuple[Point, ...]:
        """From the gutter track into the target: by its side, or along the row's head and down into it."""
        if not edge.enter_above:
            end = self.ports[(edge.id, "in")]
            return ((gx, end[1]), end)
        row_top = self.f.top + self.f.row_top[edge.dst]
        head = max(row_top + 2, min(row_top + OVER_GAP, dst.rect.y - ARROW_ROOM))
        return ((gx, head), (dst.rect.cx, head), (dst.rect.cx, dst.rect.y))

    def _connector(self, letter: str, role: str, cx: float, cy: float) -> Symbol:
        w, h = CONNECTOR
        return Symbol(f"c{letter}-{role}", PENGHUBUNG, Rect(cx - w / 2, cy - h / 2, w, h), None, letter)

    def _down(self, edge: Edge, src: Symbol, dst: Symbol) -> Arrow:
        start, end = (src.rect.cx, src.rect.bottom), (dst.rect.cx, dst.rect.y)
        if abs(start[0] - end[0]) < 0.5:
            points: tuple[Point, ...] = (start, (start[0], end[1]))
        else:
            # half way down the row's head; in a tall head, just above the symbol, under what runs over the row
            mid = max((self.f.top + self.f.row_top[edge.dst] + end[1]) / 2, end[1] - ARROW_ROOM)
            points = (start, (start[0], mid), (end[0], mid), end)
        return self._labelled(edge, src, dst.id, points, None)

    def _capsule(self, edge: Edge, start: Point) -> Symbol:
        """The "Selesai" capsule: centred in the neighbouring lane, or further out
        when the exit's label needs the room."""
        w, h = END_CAPSULE
        own = self.lanes[edge.src]
        neighbour = own[-1] + 1 if edge.side == "right" else own[0] - 1
        gap = max(14.0, min(text_width(edge.label or "", LABEL_SIZE), LABEL_MAX_WIDTH) + 8)
        if edge.side == "right":
            cx = start[0] + gap + w / 2
            if 0 <= neighbour < len(self.f.lane_cx):
                cx = max(cx, self.f.lane_cx[neighbour])
        else:
            cx = start[0] - gap - w / 2
            if 0 <= neighbour < len(self.f.lane_cx):
                cx = min(cx, self.f.lane_cx[neighbour])
        return Symbol(f"selesai-{edge.id}", TERMINATOR, Rect(cx - w / 2, start[1] - h / 2, w, h), None, "Selesai")

    def _labelled(self, edge: Edge, src: Symbol, head: str, points, side_start: Point | None, suffix: str = "", side: str = "") -> Arrow:
        """The arrow, with the exit's label next to where it leaves the symbol.

        A label leaving downwards sits right of the line below the symbol,
        wrapped to the rest of the lane; a side exit's label sits above its
        first (horizontal) segment, wrapped to that segment so that it stops
        short of the gutter line or the end capsule. The layout made the row
        tall enough for the lines (see ``label_room``).
        """
        arrow_id, points = edge.id + suffix, tuple(points)
        if edge.label is None:
            return Arrow(arrow_id, src.id, head, points)
        if side_start is None:
            x, y = points[0]
            lane = self.lanes[edge.src][-1]
            room = self.f.lane_cx[lane] + self.f.lane_half - x - 8
            lines = label_lines(edge.label, room)
            return Arrow(arrow_id, src.id, head, points, "\n".join(lines), (x + 4, y + 1 + len(lines) * LABEL_LEADING), "left")
        x, y = side_start
        run = abs(points[1][0] - x)
        lines = label_lines(edge.label, run - 8)
        widest = max(text_width(line, LABEL_SIZE) for line in lines)
        # a label wider than its run reaches past the corner: keep it on the side its line does not turn to
        turns_up = len(points) > 2 and points[2][1] < points[1][1] and widest + 4 > run
        if edge.id in self.covered or turns_up:  # a line above: the label goes under its own line
            y += 3 + LABEL_SIZE * ASCENT_SHARE + (len(lines) - 1) * LABEL_LEADING + 3
        if (side or edge.side) == "right":
            return Arrow(arrow_id, src.id, head, points, "\n".join(lines), (x + 4, y - 3), "left")
        return Arrow(arrow_id, src.id, head, points, "\n".join(lines), (x - 4, y - 3), "right")


def _top_at(symbol: Symbol, x: float) -> float:
    """Where the symbol's outline is, at ``x``, seen from above: its top, or a diamond's slanting edge."""
    rect = symbol.rect
    if symbol.kind != KEPUTUSAN:
        return rect.y
    return rect.cy - rect.h / 2 * max(0.0, 1 - abs(x - rect.cx) / (rect.w / 2))


def _offsets(count: int, middle_taken: bool) -> list[float]:
    """Vertical offsets of ``count`` side ports, in order; around the middle, or beside it when an arrow
    within the row takes the middle."""
    if not middle_taken:
        return [(index - (count - 1) / 2) * PORT_GAP for index in range(count)]
    slots = sorted(range(-count, count + 1), key=lambda k: (abs(k), k))[1 : count + 1]
    return [slot * PORT_GAP for slot in sorted(slots)]


def label_room(label: str, lane_width: float, symbol_height: float) -> float:
    """The row height a decision needs for this exit label wherever the exit goes.

    Leaving by a side, the label may wrap to one word a line above the exit;
    leaving downwards, it wraps to the half lane right of the line, below the
    symbol. A single line below the symbol may reach into the next row's
    margin, as short labels ("Ya", "Tidak") always have.
    """
    side = 0  # one word a line, a word wider than a label splitting into several
    for word in label.split():
        side += len(label_lines(word, 0.0)) if text_width(word, LABEL_SIZE) > LABEL_MAX_WIDTH else 1
        if side >= LABEL_MAX_LINES:
            side = LABEL_MAX_LINES
            break
    down = len(label_lines(label, lane_width / 2 - 8))
    need = 2 * (side * LABEL_LEADING + 3)
    if down > 1:
        need = max(need, 2 * (symbol_height / 2 + down * LABEL_LEADING + 3))
    return need


def label_lines(label: str, width: float) -> tuple[str, ...]:
    """An exit label wrapped to ``width``, splitting only a word wider than a label may be."""
    widest = max((text_width(word, LABEL_SIZE) for word in label.split()), default=0.0)
    return wrap(label, max(width, min(widest, LABEL_MAX_WIDTH)), LABEL_SIZE, LABEL_MAX_LINES)


def _letters(index: int) -> str:
    """A, B, ... Z, AA, AB, ...: the labels of off-page connector pairs."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
