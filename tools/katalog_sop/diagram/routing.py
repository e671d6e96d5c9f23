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
  the neighbouring lane of the same row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from katalog_sop.diagram.shapes import KEPUTUSAN, PENGHUBUNG, TERMINATOR, Arrow, Point, Rect, Symbol
from katalog_sop.diagram.text import text_width, wrap
from katalog_sop.model import Langkah

BAND = 30.0
"""Height of the band at a page's head or foot that holds off-page connectors."""
TRACK = 12.0
GUTTER_PAD = 8.0
PORT_GAP = 7.0
ARROW_CLEAR = 10.0
CONNECTOR = (12.0, 12.0)
END_CAPSULE = (40.0, 18.0)
LABEL_SIZE = 7.0
LABEL_LEADING = 8.0
LABEL_MAX_LINES = 12
LABEL_MAX_WIDTH = 160.0
"""A label word wider than this is split, and a label needing more lines is cut, ending in an ellipsis:
a label names an exit, it does not explain it."""

DOWN, SIDE, END, CROSS_DOWN, CROSS_SIDE = "down", "gutter", "end", "cross-down", "cross-gutter"


@dataclass
class Edge:
    """One exit of a step, with the route planned for it."""

    id: str
    src: int
    label: str | None
    dst: int | None
    kind: str = ""
    side: str = ""  # "left" | "right": the gutter it runs in, or the side it leaves by
    letter: str = ""  # the off-page connectors' label
    tracks: dict[int, int] = field(default_factory=dict)  # page index -> gutter track

    @property
    def crosses_pages(self) -> bool:
        return self.kind in (CROSS_DOWN, CROSS_SIDE)

    @property
    def in_gutter(self) -> bool:
        return self.kind in (SIDE, CROSS_SIDE)


def plan_edges(steps: dict[int, Langkah], lanes: dict[int, tuple[int, ...]], nlanes: int, pages: list[list[int]]) -> list[Edge]:
    """Every arrow of the sheet with its kind, side and connector letter."""
    page_of = {n: index for index, numbers in enumerate(pages) for n in numbers}
    edges = _classify(steps, page_of, {p[-1] for p in pages}, {p[0] for p in pages})
    for index, edge in enumerate(e for e in edges if e.crosses_pages):
        edge.letter = _letters(index)
    _choose_sides(edges, lanes, nlanes)
    return edges


def _classify(steps, page_of, last_on_page: set[int], first_on_page: set[int]) -> list[Edge]:
    edges: list[Edge] = []
    bottom_used: set[int] = set()
    top_used: set[int] = set()
    for number in sorted(steps):
        step = steps[number]
        for exit_index, (label, target) in enumerate(step.exits):
            edge = Edge(f"s{number}e{exit_index + 1}", number, label, target)
            if target is None:
                if not step.is_keputusan:
                    continue  # a process step that ends is drawn as a terminator
                edge.kind = END
            elif (
                target == number + 1
                and number not in bottom_used
                and target not in top_used
                and (page_of[number] == page_of[target] or (number in last_on_page and target in first_on_page))
            ):
                edge.kind = DOWN if page_of[number] == page_of[target] else CROSS_DOWN
                bottom_used.add(number)
                top_used.add(target)
            else:
                edge.kind = SIDE if page_of[number] == page_of[target] else CROSS_SIDE
            edges.append(edge)
    return edges


def _choose_sides(edges: list[Edge], lanes: dict[int, tuple[int, ...]], nlanes: int) -> None:
    """End exits go to a free neighbouring lane; gutter arrows to the nearer gutter."""
    end_sides: dict[int, set[str]] = {}
    for edge in edges:
        if edge.kind == END:
            own = lanes[edge.src]
            edge.side = "right" if own[-1] + 1 < nlanes or own[0] == 0 else "left"
            end_sides.setdefault(edge.src, set()).add(edge.side)
    for edge in edges:
        if edge.in_gutter:
            src, dst = lanes[edge.src], lanes[edge.dst]
            middle = (src[0] + src[-1] + dst[0] + dst[-1]) / 4
            edge.side = "left" if middle < (nlanes - 1) / 2 else "right"
            if edge.side in end_sides.get(edge.src, ()):
                edge.side = "left" if edge.side == "right" else "right"


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
    centre: dict[int, float]  # middle of each step's row, in body coordinates of its page
    row_top: dict[int, float]  # top of each step's row, in body coordinates of its page
    track_x: Callable[[str, int], float]
    lane_cx: list[float]
    lane_half: float  # half a lane's width


class PageRouter:
    """The arrows of one page, with their ports, off-page connectors and end capsules."""

    def __init__(self, frame: PageFrame, symbols: dict[int, Symbol], edges: list[Edge], lanes: dict[int, tuple[int, ...]]):
        self.f, self.symbols, self.lanes = frame, symbols, lanes
        self.edges = [e for e in edges if e.src in symbols or (e.dst is not None and e.dst in symbols)]
        self.ports = self._plan_ports()

    def _plan_ports(self) -> dict[tuple[str, str], Point]:
        """Side ports: arrows leaving or entering one side of a symbol get distinct points,
        ordered by where they go so that they never cross each other."""
        ends: dict[tuple[int, str], list[tuple[float, str, str]]] = {}
        for edge in self.edges:
            src_here, dst_here = edge.src in self.symbols, edge.dst in self.symbols
            if edge.kind == END or (edge.in_gutter and src_here):
                toward = self.f.centre[edge.dst] if dst_here else float("inf")
                if edge.kind == END:
                    toward = self.f.centre[edge.src]
                ends.setdefault((edge.src, edge.side), []).append((toward, edge.id, "out"))
            if edge.in_gutter and dst_here:
                toward = self.f.centre[edge.src] if src_here else float("-inf")
                ends.setdefault((edge.dst, edge.side), []).append((toward, edge.id, "in"))
        ports = {}
        for (number, side), items in ends.items():
            items.sort()
            symbol = self.symbols[number]
            rect = symbol.rect
            for index, (_, edge_id, role) in enumerate(items):
                dy = (index - (len(items) - 1) / 2) * PORT_GAP
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
            elif edge.kind == SIDE:
                start, end = self.ports[(edge.id, "out")], self.ports[(edge.id, "in")]
                gx = self.f.track_x(edge.side, edge.tracks[self.f.page])
                arrows.append(self._labelled(edge, src, dst.id, (start, (gx, start[1]), (gx, end[1]), end), start))
            elif edge.kind == END:
                start = self.ports[(edge.id, "out")]
                capsule = self._capsule(edge, start)
                extra.append(capsule)
                tip = (capsule.rect.x, start[1]) if edge.side == "right" else (capsule.rect.right, start[1])
                arrows.append(self._labelled(edge, src, capsule.id, (start, tip), start))
            else:
                self._cross(edge, src, dst, arrows, extra)
        return arrows, extra

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
                start = self.ports[(edge.id, "out")]
                points, side_start = (start, (gx, start[1]), (gx, foot_y - half)), start
            arrows.append(self._labelled(edge, src, out.id, points, side_start, "-keluar"))
        if dst is not None:
            x = dst.rect.cx if gx is None else gx
            into = self._connector(edge.letter, "masuk", x, head_y)
            extra.append(into)
            if gx is None:
                points = ((x, head_y + half), (x, dst.rect.y))
            else:
                end = self.ports[(edge.id, "in")]
                points = ((gx, head_y + half), (gx, end[1]), end)
            arrows.append(Arrow(f"{edge.id}-masuk", into.id, dst.id, points))

    def _connector(self, letter: str, role: str, cx: float, cy: float) -> Symbol:
        w, h = CONNECTOR
        return Symbol(f"c{letter}-{role}", PENGHUBUNG, Rect(cx - w / 2, cy - h / 2, w, h), None, letter)

    def _down(self, edge: Edge, src: Symbol, dst: Symbol) -> Arrow:
        start, end = (src.rect.cx, src.rect.bottom), (dst.rect.cx, dst.rect.y)
        if abs(start[0] - end[0]) < 0.5:
            points: tuple[Point, ...] = (start, (start[0], end[1]))
        else:
            mid = (self.f.top + self.f.row_top[edge.dst] + end[1]) / 2
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

    def _labelled(self, edge: Edge, src: Symbol, head: str, points, side_start: Point | None, suffix: str = "") -> Arrow:
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
        lines = label_lines(edge.label, abs(points[1][0] - x) - 8)
        if edge.side == "right":
            return Arrow(arrow_id, src.id, head, points, "\n".join(lines), (x + 4, y - 3), "left")
        return Arrow(arrow_id, src.id, head, points, "\n".join(lines), (x - 4, y - 3), "right")


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
