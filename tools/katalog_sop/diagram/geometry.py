"""Lay out an SOP's flowchart sheet as pure geometry (no DOT, no I/O).

The grid follows the SOP AP form: No | Kegiatan | one column per pelaksana |
Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan, one row per step, each
step's symbol centred in its pelaksana's column on its own row.

How arrows are routed, so that none crosses a symbol or runs along another:

* a step to the next row on the same page goes down its lane, jogging
  sideways in the top margin of the next row when the lane changes;
* every other arrow (a loop back, a jump forward, a second exit to the next
  row) leaves the symbol's side, runs in a gutter beside the lanes (its own
  track, so vertical runs never share a line) and enters the target's side;
  each side port of a symbol is its own point;
* an arrow that crosses a page break ends at a pentagon off-page connector at
  the foot of its page, and starts again at a connector with the same label at
  the head of the target's page; loops that cross pages do the same;
* a decision exit that ends the procedure goes to a small "Selesai" capsule in
  the neighbouring lane of the same row.

A step done jointly by several pelaksana is one symbol stretched across the
columns from its leftmost to its rightmost pelaksana; the step table names
them all. Steps whose pelaksana is unknown are drawn in an extra column
"(pelaksana tidak diketahui)" so nothing is silently placed in a wrong lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from katalog_sop.diagram.shapes import (
    KEPUTUSAN,
    PENGHUBUNG,
    PROSES,
    TERMINATOR,
    Arrow,
    Page,
    Point,
    Rect,
    Sheet,
    Symbol,
    TextBlock,
)
from katalog_sop.diagram.text import wrap
from katalog_sop.model import Langkah, Sop
from katalog_sop.waktu import format_durasi

UNKNOWN_LANE = "(pelaksana tidak diketahui)"

HEAD1 = 16.0
BAND = 30.0
TRACK = 12.0
GUTTER_PAD = 8.0
PORT_GAP = 7.0
SYMBOL_SIZE = {PROSES: (56.0, 26.0), KEPUTUSAN: (46.0, 32.0), TERMINATOR: (56.0, 24.0), PENGHUBUNG: (12.0, 12.0)}
END_CAPSULE = (40.0, 18.0)
ARROW_CLEAR = 10.0


@dataclass(frozen=True)
class Options:
    font_size: float = 8.0
    leading: float = 10.0
    padding: float = 4.0
    page_width: float = 802.0
    """A4 landscape (842 pt) less 20 pt margins each side."""
    page_height: float = 555.0
    """A4 landscape (595 pt) less 20 pt margins each side."""
    max_rows: int | None = None
    """Steps per page; ``None``: as many as fit ``page_height``."""
    min_row_height: float = 48.0
    lane_min_width: float = 70.0
    columns: dict = field(
        default_factory=lambda: {"no": 24.0, "kegiatan": 170.0, "kelengkapan": 92.0, "waktu": 50.0, "output": 92.0, "keterangan": 78.0}
    )


@dataclass
class _Edge:
    id: str
    src: int
    label: str | None
    dst: int | None
    kind: str = ""  # down | gutter | end | cross-down | cross-gutter
    side: str = ""  # the gutter or port side: "left" | "right"
    letter: str = ""
    tracks: dict = field(default_factory=dict)  # page -> track index


def layout(sop: Sop, options: Options = Options()) -> Sheet:
    return _Layout(sop, options).sheet()


class _Layout:
    def __init__(self, sop: Sop, options: Options):
        self.sop, self.o = sop, options
        self.steps = {step.nomor: step for step in sop.langkah}
        self.lanes = [p.nama for p in sop.pelaksana]
        self.lane_index = {p.id: i for i, p in enumerate(sop.pelaksana)}
        if any(not step.pelaksana for step in sop.langkah):
            self.lanes.append(UNKNOWN_LANE)

    # --- rows and pages ---------------------------------------------------------------------

    def lanes_of(self, step: Langkah) -> list[int]:
        return sorted(self.lane_index[p] for p in step.pelaksana) or [len(self.lanes) - 1]

    def cell_texts(self, step: Langkah) -> dict[str, str]:
        waktu = ""
        if step.waktu is not None:
            waktu = format_durasi(step.waktu.durasi) if step.waktu.durasi else step.waktu.raw
        return {
            "no": str(step.nomor),
            "kegiatan": step.kegiatan.value,
            "kelengkapan": "\n".join(t.value for t in step.kelengkapan),
            "waktu": waktu,
            "output": "\n".join(t.value for t in step.output),
            "keterangan": step.keterangan.value if step.keterangan else "",
        }

    def wrapped(self, text: str, width: float) -> tuple[str, ...]:
        return wrap(text, width - 2 * self.o.padding, self.o.font_size) if text else ()

    def row_height(self, lines: dict[str, tuple[str, ...]]) -> float:
        tallest = max((len(v) for v in lines.values()), default=0)
        return max(self.o.min_row_height, tallest * self.o.leading + 2 * self.o.padding)

    def paginate(self, heights: dict[int, float], room: float) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        used = 0.0
        for number in sorted(heights):
            full = self.o.max_rows is not None and len(pages[-1]) >= self.o.max_rows
            if pages[-1] and (full or (self.o.max_rows is None and used + heights[number] > room)):
                pages.append([])
                used = 0.0
            pages[-1].append(number)
            used += heights[number]
        return pages

    # --- shapes and edges -----------------------------------------------------------------------

    def kind_of(self, step: Langkah) -> str:
        if step.is_keputusan:
            return KEPUTUSAN
        if step.nomor == 1 or step.lanjut_ke is None:
            return TERMINATOR
        return PROSES

    def edges(self, page_of: dict[int, int], last_on_page: set[int], first_on_page: set[int]) -> list[_Edge]:
        edges: list[_Edge] = []
        bottom_used: set[int] = set()
        top_used: set[int] = set()
        for number in sorted(self.steps):
            step = self.steps[number]
            for exit_number, (label, target) in enumerate(step.exits):
                edge = _Edge(f"s{number}e{exit_number + 1}", number, label, target)
                if target is None:
                    if not step.is_keputusan:
                        continue
                    edge.kind = "end"
                elif (
                    target == number + 1
                    and number not in bottom_used
                    and target not in top_used
                    and (page_of[number] == page_of[target] or (number in last_on_page and target in first_on_page))
                ):
                    edge.kind = "down" if page_of[number] == page_of[target] else "cross-down"
                    bottom_used.add(number)
                    top_used.add(target)
                else:
                    edge.kind = "gutter" if page_of[number] == page_of[target] else "cross-gutter"
                edges.append(edge)
        return edges

    def sheet(self) -> Sheet:
        o = self.o
        cols = o.columns
        cells = {n: self.cell_texts(s) for n, s in self.steps.items()}
        lines = {n: {k: self.wrapped(v, cols[k]) for k, v in c.items()} for n, c in cells.items()}
        heights = {n: self.row_height(lines[n]) for n in self.steps}
        header_guess = HEAD1 + 3 * o.leading + 2 * o.padding
        pages = self.paginate(heights, o.page_height - header_guess - 2 * BAND)
        page_of = {n: index for index, numbers in enumerate(pages) for n in numbers}
        edges = self.edges(page_of, {p[-1] for p in pages}, {p[0] for p in pages})
        for letter_index, edge in enumerate(e for e in edges if e.kind.startswith("cross")):
            edge.letter = _letters(letter_index)

        # Which side each sideways arrow takes, and the "Selesai" capsules' lanes.
        nlanes = len(self.lanes)
        capsule_side: dict[str, str] = {}
        for edge in edges:
            lanes = self.lanes_of(self.steps[edge.src])
            if edge.kind == "end":
                edge.side = "right" if lanes[-1] + 1 < nlanes or lanes[0] == 0 else "left"
                capsule_side[edge.id] = edge.side
        for edge in edges:
            if edge.kind in ("gutter", "cross-gutter"):
                src_lanes = self.lanes_of(self.steps[edge.src])
                dst_lanes = self.lanes_of(self.steps[edge.dst])
                middle = (src_lanes[0] + src_lanes[-1] + dst_lanes[0] + dst_lanes[-1]) / 4
                edge.side = "left" if middle < (nlanes - 1) / 2 else "right"
                taken = {e.side for e in edges if e.kind == "end" and e.src == edge.src}
                if edge.side in taken:
                    edge.side = "left" if edge.side == "right" else "right"

        # Bands for connectors, row positions in body coordinates (0 = top of the first row).
        has_in = {page_of[e.dst] for e in edges if e.kind.startswith("cross")}
        has_out = {page_of[e.src] for e in edges if e.kind.startswith("cross")}
        row_top: dict[int, float] = {}
        body_height: dict[int, float] = {}
        for index, numbers in enumerate(pages):
            y = BAND if index in has_in else 0.0
            for n in numbers:
                row_top[n] = y
                y += heights[n]
            body_height[index] = y + (BAND if index in has_out else 0.0)

        # Gutter tracks: vertical runs that overlap get different tracks.
        runs: dict[tuple[int, str], list[tuple[float, float, _Edge]]] = {}
        for edge in edges:
            if edge.kind == "gutter":
                ys = sorted((row_top[edge.src] + heights[edge.src] / 2, row_top[edge.dst] + heights[edge.dst] / 2))
                runs.setdefault((page_of[edge.src], edge.side), []).append((ys[0], ys[1], edge))
            elif edge.kind == "cross-gutter":
                src_page, dst_page = page_of[edge.src], page_of[edge.dst]
                runs.setdefault((src_page, edge.side), []).append(
                    (row_top[edge.src] + heights[edge.src] / 2, body_height[src_page], edge)
                )
                runs.setdefault((dst_page, edge.side), []).append((0.0, row_top[edge.dst] + heights[edge.dst] / 2, edge))
        track_count = {"left": 0, "right": 0}
        for (page, side), items in sorted(runs.items(), key=lambda kv: (kv[0][0], kv[0][1])):
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
            track_count[side] = max(track_count[side], len(taken))

        # Columns, left to right.
        gutter = {side: GUTTER_PAD * 2 + TRACK * count if count else GUTTER_PAD for side, count in track_count.items()}
        fixed = sum(cols.values())
        lane_w = max(o.lane_min_width, (o.page_width - fixed - gutter["left"] - gutter["right"]) / nlanes)
        x = 0.0
        col_x: dict[str, tuple[float, float]] = {}
        for key in ("no", "kegiatan"):
            col_x[key] = (x, cols[key])
            x += cols[key]
        lanes_x = x
        lane_cx = [lanes_x + gutter["left"] + lane_w * (i + 0.5) for i in range(nlanes)]
        lane_edges = [lanes_x] + [lanes_x + gutter["left"] + lane_w * i for i in range(1, nlanes)]
        lanes_end = lanes_x + gutter["left"] + lane_w * nlanes + gutter["right"]
        lane_edges.append(lanes_end)
        x = lanes_end
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            col_x[key] = (x, cols[key])
            x += cols[key]
        width = x

        def track_x(side: str, track: int) -> float:
            offset = GUTTER_PAD + TRACK * (track + 0.5)
            return lanes_x + offset if side == "left" else lanes_end - offset

        # Header.
        lane_lines = [self.wrapped(name, lane_edges[i + 1] - lane_edges[i]) for i, name in enumerate(self.lanes)]
        head2 = max([len(l) for l in lane_lines] + [1]) * o.leading + 2 * o.padding
        header_h = HEAD1 + head2

        sheet_pages = []
        for index, numbers in enumerate(pages):
            top = header_h  # body coordinates start here
            height = header_h + body_height[index]
            texts, rules = self.header(col_x, lane_edges, lane_lines, header_h, width)
            rules += self.grid(col_x, lane_edges, lanes_x, lanes_end, header_h, height, width,
                               [top + row_top[n] for n in numbers] + [top + row_top[n] + heights[n] for n in numbers])
            symbols: dict[int, Symbol] = {}
            for n in numbers:
                step = self.steps[n]
                y = top + row_top[n]
                for key, (cx0, cw) in col_x.items():
                    if lines[n][key]:
                        align = "center" if key in ("no", "waktu") else "left"
                        texts.append(TextBlock(Rect(cx0, y, cw, heights[n]), lines[n][key], align, o.font_size, o.leading, o.padding))
                kind = self.kind_of(step)
                lanes = self.lanes_of(step)
                base_w, base_h = SYMBOL_SIZE[kind]
                span = lane_cx[lanes[-1]] - lane_cx[lanes[0]]
                centre_x = (lane_cx[lanes[0]] + lane_cx[lanes[-1]]) / 2
                w = base_w + span
                symbols[n] = Symbol(f"n{n}", kind, Rect(centre_x - w / 2, y + heights[n] / 2 - base_h / 2, w, base_h), n)
            router = _Router(self, symbols, edges, index, top, row_top, heights, body_height[index], track_x, lane_cx)
            arrows, extra = router.route()
            sheet_pages.append(
                Page(index + 1, width, height, tuple(rules), tuple(texts), tuple(symbols.values()) + tuple(extra), tuple(arrows))
            )
        description = (
            f"Lembar flowchart SOP {self.sop.nama.value}: {len(self.steps)} langkah, "
            f"{len(self.lanes)} kolom pelaksana ({', '.join(self.lanes)}), {len(sheet_pages)} halaman. "
            "Uraian setiap langkah ada pada tabel langkah."
        )
        return Sheet(self.sop.id, self.sop.nama.value, description, tuple(sheet_pages))

    def header(self, col_x, lane_edges, lane_lines, header_h, width):
        o = self.o
        texts: list[TextBlock] = []

        def put(x0, y0, w, h, text_lines):
            texts.append(TextBlock(Rect(x0, y0, w, h), tuple(text_lines), "center", o.font_size, o.leading, o.padding))

        put(col_x["no"][0], 0, col_x["no"][1], header_h, ["No"])
        put(col_x["kegiatan"][0], 0, col_x["kegiatan"][1], header_h, ["Kegiatan"])
        put(lane_edges[0], 0, lane_edges[-1] - lane_edges[0], HEAD1, ["Pelaksana"])
        mutu_x = col_x["kelengkapan"][0]
        put(mutu_x, 0, col_x["keterangan"][0] - mutu_x, HEAD1, ["Mutu Baku"])
        put(col_x["keterangan"][0], 0, col_x["keterangan"][1], header_h, ["Keterangan"])
        for i, text_lines in enumerate(lane_lines):
            put(lane_edges[i], HEAD1, lane_edges[i + 1] - lane_edges[i], header_h - HEAD1, text_lines)
        for key, title in (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output")):
            put(col_x[key][0], HEAD1, col_x[key][1], header_h - HEAD1, [title])
        rules = [((lane_edges[0], HEAD1), (col_x["keterangan"][0], HEAD1)), ((0.0, header_h), (width, header_h))]
        return texts, rules

    def grid(self, col_x, lane_edges, lanes_x, lanes_end, header_h, height, width, row_lines):
        rules = [((0.0, 0.0), (width, 0.0)), ((0.0, height), (width, height))]
        full = [0.0, col_x["kegiatan"][0], lanes_x, lanes_end, col_x["keterangan"][0], width]
        for x in full:
            rules.append(((x, 0.0), (x, height)))
        for x in lane_edges[1:-1] + [col_x["waktu"][0], col_x["output"][0]]:
            rules.append(((x, HEAD1), (x, height)))
        for y in sorted(set(row_lines)):
            if header_h < y < height:
                rules.append(((0.0, y), (width, y)))
        return rules


class _Router:
    """Arrows of one page, with their ports, connectors and end capsules."""

    def __init__(self, lay, symbols, edges, page, top, row_top, heights, body_h, track_x, lane_cx):
        self.lay, self.symbols, self.page, self.top = lay, symbols, page, top
        self.row_top, self.heights, self.body_h = row_top, heights, body_h
        self.track_x, self.lane_cx = track_x, lane_cx
        self.edges = [e for e in edges if e.src in symbols or (e.dst is not None and e.dst in symbols)]
        self.ports = self._plan_ports()

    def _plan_ports(self) -> dict:
        ends: dict[tuple[int, str], list[tuple[float, str, str]]] = {}
        for edge in self.edges:
            src_here, dst_here = edge.src in self.symbols, edge.dst in self.symbols
            far_dst = self._cy(edge.dst) if dst_here else float("inf")
            far_src = self._cy(edge.src) if src_here else float("-inf")
            if edge.kind in ("gutter", "cross-gutter", "end") and src_here:
                ends.setdefault((edge.src, edge.side), []).append((far_dst if edge.kind != "end" else self._cy(edge.src), edge.id, "out"))
            if edge.kind in ("gutter", "cross-gutter") and dst_here:
                ends.setdefault((edge.dst, edge.side), []).append((far_src, edge.id, "in"))
        ports = {}
        for (number, side), items in ends.items():
            items.sort(key=lambda item: (item[0], item[1], item[2]))
            rect = self.symbols[number].rect
            for index, (_, edge_id, role) in enumerate(items):
                dy = (index - (len(items) - 1) / 2) * PORT_GAP
                if self.symbols[number].kind == KEPUTUSAN:
                    half = rect.w / 2 * (1 - abs(dy) / (rect.h / 2))
                else:
                    half = rect.w / 2
                x = rect.cx + half if side == "right" else rect.cx - half
                ports[(edge_id, role)] = (x, rect.cy + dy)
        return ports

    def _cy(self, number: int) -> float:
        return self.top + self.row_top[number] + self.heights[number] / 2

    def _connector(self, letter: str, role: str, cx: float, cy: float) -> Symbol:
        w, h = SYMBOL_SIZE[PENGHUBUNG]
        return Symbol(f"c{letter}-{role}", PENGHUBUNG, Rect(cx - w / 2, cy - h / 2, w, h), None, letter)

    def route(self) -> tuple[list[Arrow], list[Symbol]]:
        arrows: list[Arrow] = []
        extra: list[Symbol] = []
        foot_y = self.top + self.body_h - BAND / 2
        head_y = self.top + BAND / 2
        conn_h = SYMBOL_SIZE[PENGHUBUNG][1]
        for edge in self.edges:
            src = self.symbols.get(edge.src)
            dst = self.symbols.get(edge.dst) if edge.dst is not None else None
            if edge.kind == "down":
                arrows.append(self._down(edge, src, dst))
            elif edge.kind == "gutter":
                start, end = self.ports[(edge.id, "out")], self.ports[(edge.id, "in")]
                gx = self.track_x(edge.side, edge.tracks[self.page])
                arrows.append(self._labelled(edge, src.id, dst.id, (start, (gx, start[1]), (gx, end[1]), end), start))
            elif edge.kind == "end":
                start = self.ports[(edge.id, "out")]
                capsule = self._capsule(edge, src, start)
                extra.append(capsule)
                tip = (capsule.rect.x, start[1]) if edge.side == "right" else (capsule.rect.right, start[1])
                arrows.append(self._labelled(edge, src.id, capsule.id, (start, tip), start))
            elif edge.kind == "cross-down":
                if src is not None:
                    out = self._connector(edge.letter, "keluar", src.rect.cx, foot_y)
                    extra.append(out)
                    points = ((src.rect.cx, src.rect.bottom), (src.rect.cx, foot_y - conn_h / 2))
                    arrows.append(self._labelled(edge, src.id, out.id, points, None, "-keluar"))
                if dst is not None:
                    into = self._connector(edge.letter, "masuk", dst.rect.cx, head_y)
                    extra.append(into)
                    points = ((dst.rect.cx, head_y + conn_h / 2), (dst.rect.cx, dst.rect.y))
                    arrows.append(Arrow(f"{edge.id}-masuk", into.id, dst.id, points))
            elif edge.kind == "cross-gutter":
                gx = self.track_x(edge.side, edge.tracks[self.page])
                if src is not None:
                    start = self.ports[(edge.id, "out")]
                    out = self._connector(edge.letter, "keluar", gx, foot_y)
                    extra.append(out)
                    points = (start, (gx, start[1]), (gx, foot_y - conn_h / 2))
                    arrows.append(self._labelled(edge, src.id, out.id, points, start, "-keluar"))
                if dst is not None:
                    end = self.ports[(edge.id, "in")]
                    into = self._connector(edge.letter, "masuk", gx, head_y)
                    extra.append(into)
                    arrows.append(Arrow(f"{edge.id}-masuk", into.id, dst.id, ((gx, head_y + conn_h / 2), (gx, end[1]), end)))
        return arrows, extra

    def _down(self, edge: _Edge, src: Symbol, dst: Symbol) -> Arrow:
        start, end = (src.rect.cx, src.rect.bottom), (dst.rect.cx, dst.rect.y)
        if abs(start[0] - end[0]) < 0.5:
            points: tuple[Point, ...] = (start, (start[0], end[1]))
        else:
            row_top = self.top + self.row_top[edge.dst]
            mid = (row_top + end[1]) / 2
            points = (start, (start[0], mid), (end[0], mid), end)
        return self._labelled(edge, src.id, dst.id, points, None)

    def _capsule(self, edge: _Edge, src: Symbol, start: Point) -> Symbol:
        w, h = END_CAPSULE
        lanes = self.lay.lanes_of(self.lay.steps[edge.src])
        neighbour = lanes[-1] + 1 if edge.side == "right" else lanes[0] - 1
        if 0 <= neighbour < len(self.lane_cx):
            cx = self.lane_cx[neighbour]
        else:
            cx = start[0] + (w / 2 + 14 if edge.side == "right" else -w / 2 - 14)
        return Symbol(f"selesai-{edge.id}", TERMINATOR, Rect(cx - w / 2, start[1] - h / 2, w, h), None, "Selesai")

    def _labelled(self, edge: _Edge, tail: str, head: str, points, side_start: Point | None, suffix: str = "") -> Arrow:
        arrow_id, points = edge.id + suffix, tuple(points)
        if edge.label is None:
            return Arrow(arrow_id, tail, head, points)
        if side_start is None:  # leaves downwards: label beside the line, below the symbol
            x, y = points[0]
            return Arrow(arrow_id, tail, head, points, edge.label, (x + 4, y + 9), "left")
        x, y = side_start
        if edge.side == "right":
            return Arrow(arrow_id, tail, head, points, edge.label, (x + 4, y - 3), "left")
        return Arrow(arrow_id, tail, head, points, edge.label, (x - 4, y - 3), "right")


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
