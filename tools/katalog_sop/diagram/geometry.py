"""Lay out an SOP's flowchart sheet as pure geometry (no DOT, no I/O).

The grid follows the SOP AP form: No | Kegiatan | one column per pelaksana |
Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan, one row per step, each
step's symbol centred in its pelaksana's column on its own row. Every cell's
text is wrapped to the cell with measured widths; a row is as tall as its
tallest cell. Rows go onto pages of at most ``Options.max_rows`` steps (by
default: as many as fit A4 landscape), each page repeating the header. How
arrows run is decided in ``routing``.

A step done jointly by several pelaksana is one symbol stretched across the
columns from its leftmost to its rightmost pelaksana, with a dot at the
centre of each involved pelaksana's column; a column the symbol only passes
through has no dot, and the step table names every pelaksana. Steps whose
pelaksana is unknown are drawn in an extra column "(pelaksana tidak
diketahui)" so nothing is silently placed in a wrong lane.

However long an SOP's text, the sheet stays a sheet: a cell shows at most
the lines one row of a page can hold and a header cell at most a third of
the page, the last line shown ending in an ellipsis; the step table on the
SOP's page shows every text whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from katalog_sop.diagram import routing
from katalog_sop.diagram.routing import BAND, PageFrame, PageRouter
from katalog_sop.diagram.shapes import KEPUTUSAN, PROSES, TERMINATOR, Page, Point, Rect, Sheet, Symbol, TextBlock
from katalog_sop.diagram.text import text_width, visible, wrap
from katalog_sop.model import Langkah, Sop

UNKNOWN_LANE = "(pelaksana tidak diketahui)"

HEAD1 = 16.0
"""Height of the header's first row (Pelaksana, Mutu Baku)."""
MIN_HEADER_SIZE = 5.5
SYMBOL_SIZE = {PROSES: (56.0, 26.0), KEPUTUSAN: (46.0, 32.0), TERMINATOR: (56.0, 24.0)}
LEFT_COLUMNS = ("no", "kegiatan")
RIGHT_COLUMNS = ("kelengkapan", "waktu", "output", "keterangan")


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
    lane_min_width: float = 64.0
    columns: dict = field(
        default_factory=lambda: {"no": 24.0, "kegiatan": 170.0, "kelengkapan": 92.0, "waktu": 50.0, "output": 92.0, "keterangan": 78.0}
    )
    """Widths of the text columns when the pelaksana leave room for them."""
    min_column_scale: float = 0.6
    """How far the text columns may narrow so that many pelaksana still fit the page."""


def layout(sop: Sop, options: Options = Options()) -> Sheet:
    """The whole sheet of ``sop``: every page with its grid, texts, symbols and arrows."""
    return _Layout(sop, options).sheet()


@dataclass(frozen=True)
class _Columns:
    """x positions of the table's columns, on every page of a sheet alike."""

    x: dict[str, tuple[float, float]]  # fixed columns: left edge and width
    lane_edges: list[float]  # left edge of the first lane's gutter, lines between lanes, right gutter's edge
    lane_cx: list[float]
    lane_width: float
    width: float

    def track_x(self, side: str, track: int) -> float:
        offset = routing.track_offset(track)
        return self.lane_edges[0] + offset if side == "left" else self.lane_edges[-1] - offset


class _Layout:
    def __init__(self, sop: Sop, options: Options):
        self.sop, self.o = sop, options
        self.steps = {step.nomor: step for step in sop.langkah}
        self.lanes = [p.nama for p in sop.pelaksana]
        index = {p.id: i for i, p in enumerate(sop.pelaksana)}
        if any(not step.pelaksana for step in sop.langkah):
            self.lanes.append(UNKNOWN_LANE)
        unknown = (len(self.lanes) - 1,)
        self.step_lanes = {n: tuple(sorted(index[p] for p in s.pelaksana)) or unknown for n, s in self.steps.items()}
        self.cells = {n: _cells(s) for n, s in self.steps.items()}
        self.widths: dict[str, float] = {}
        self.most = 0

    def _size_rows(self, gutters: float) -> None:
        """Column widths for gutters of this total width, then each row's wrapped text and height."""
        cols = _column_widths(self.o, len(self.lanes), gutters)
        lane_w = max(self.o.lane_min_width, (self.o.page_width - sum(cols.values()) - gutters) / len(self.lanes))
        most = self._cell_lines(cols, lane_w)
        if (cols, most) != (self.widths, self.most):  # wider gutters often leave the text columns as they were
            self.widths, self.most = cols, most
            self.lines = {n: {k: self._wrapped(v, cols[k]) for k, v in c.items()} for n, c in self.cells.items()}
        self.heights = {n: self._row_height(self.lines[n], self.steps[n], lane_w) for n in self.steps}

    def _wrapped(self, text: str, width: float) -> tuple[str, ...]:
        if not text:
            return ()
        room, size = width - 2 * self.o.padding, self.o.font_size
        if len(text) < 40 and text_width(text, size) <= room and " ".join(text.split()) == text == visible(text):
            return (text,)  # most cells are short: skip the word-by-word wrap
        return wrap(text, room, size, self.most)

    def _cell_lines(self, cols: dict[str, float], lane_width: float) -> int:
        """The most lines a cell shows: what one row can hold below the header, with bands for connectors."""
        o = self.o
        titles = [(name, lane_width) for name in self.lanes] + [(t, cols[k]) for k, t in (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output"))]
        header = HEAD1 + max(len(lines) * leading for _, leading, lines in (self._fitted(t, w) for t, w in titles)) + 2 * o.padding
        return max(1, int((o.page_height - header - 2 * BAND - 2 * o.padding) // o.leading))

    def _row_height(self, lines: dict[str, tuple[str, ...]], step: Langkah, lane_width: float) -> float:
        """Tall enough for the row's tallest cell and for a decision's exit labels."""
        tallest = max(len(v) for v in lines.values())
        height = max(self.o.min_row_height, tallest * self.o.leading + 2 * self.o.padding)
        for cabang in step.cabang:
            height = max(height, routing.label_room(cabang.label, lane_width, SYMBOL_SIZE[KEPUTUSAN][1]))
        return height

    def sheet(self) -> Sheet:
        header_guess = HEAD1 + 3 * self.o.leading + 2 * self.o.padding
        gutters = GUTTER_ALLOWANCE
        for attempt in range(3):  # the gutters' width is known only once the arrows are routed
            self._size_rows(gutters)
            pages = self._paginate(self.o.page_height - header_guess - 2 * BAND)
            page_of = {n: index for index, numbers in enumerate(pages) for n in numbers}
            edges = routing.plan_edges(self.steps, self.step_lanes, len(self.lanes), pages)
            row_top, body_height = self._rows(pages, edges, page_of)
            self.centre = {n: row_top[n] + self.heights[n] / 2 for n in self.steps}
            tracks = routing.assign_tracks(edges, page_of, self.centre, body_height)
            needed = routing.gutter_width(tracks["left"]) + routing.gutter_width(tracks["right"])
            if needed <= gutters:
                break
            gutters = needed
        columns = self._columns(tracks)
        header = self._header(columns)
        sheet_pages = tuple(
            self._page(index, numbers, columns, header, row_top, body_height[index], edges) for index, numbers in enumerate(pages)
        )
        description = (
            f"Lembar flowchart SOP {self.sop.nama.value}: {len(self.steps)} langkah, "
            f"{len(self.lanes)} kolom pelaksana ({', '.join(self.lanes)}), {len(sheet_pages)} halaman. "
            "Uraian setiap langkah ada pada tabel langkah."
        )
        return Sheet(self.sop.id, self.sop.nama.value, description, sheet_pages)

    def _paginate(self, room: float) -> list[list[int]]:
        pages: list[list[int]] = [[]]
        used = 0.0
        max_rows = self.o.max_rows
        for number in sorted(self.steps):
            height = self.heights[number]
            full = len(pages[-1]) >= max_rows if max_rows is not None else used + height > room
            if pages[-1] and full:
                pages.append([])
                used = 0.0
            pages[-1].append(number)
            used += height
        return pages

    def _rows(self, pages, edges, page_of) -> tuple[dict[int, float], dict[int, float]]:
        """Row tops and body heights in body coordinates, leaving bands for connectors."""
        has_in = {page_of[e.dst] for e in edges if e.crosses_pages}
        has_out = {page_of[e.src] for e in edges if e.crosses_pages}
        row_top: dict[int, float] = {}
        body_height: dict[int, float] = {}
        for index, numbers in enumerate(pages):
            y = BAND if index in has_in else 0.0
            for n in numbers:
                row_top[n] = y
                y += self.heights[n]
            body_height[index] = y + (BAND if index in has_out else 0.0)
        return row_top, body_height

    def _columns(self, tracks: dict[str, int]) -> _Columns:
        cols = self.widths
        left, right = routing.gutter_width(tracks["left"]), routing.gutter_width(tracks["right"])
        nlanes = len(self.lanes)
        lane_w = max(self.o.lane_min_width, (self.o.page_width - sum(cols.values()) - left - right) / nlanes)
        x = 0.0
        fixed: dict[str, tuple[float, float]] = {}
        for key in LEFT_COLUMNS:
            fixed[key] = (x, cols[key])
            x += cols[key]
        lanes_x = x
        lane_cx = [lanes_x + left + lane_w * (i + 0.5) for i in range(nlanes)]
        lanes_end = lanes_x + left + lane_w * nlanes + right
        lane_edges = [lanes_x] + [lanes_x + left + lane_w * i for i in range(1, nlanes)] + [lanes_end]
        x = lanes_end
        for key in RIGHT_COLUMNS:
            fixed[key] = (x, cols[key])
            x += cols[key]
        return _Columns(fixed, lane_edges, lane_cx, lane_w, x)

    def _header(self, c: _Columns) -> tuple[float, list[TextBlock], list[tuple[Point, Point]]]:
        """The header's height, texts and rules, the same on every page.

        A header word too wide for its column (a long pelaksana name, or
        "Keterangan" in a narrowed column) is set smaller rather than split.
        """
        lanes_x, lanes_end = c.lane_edges[0], c.lane_edges[-1]
        mutu_x, keterangan_x = c.x["kelengkapan"][0], c.x["keterangan"][0]
        lane_cells = [(c.lane_edges[i], c.lane_edges[i + 1] - c.lane_edges[i], name) for i, name in enumerate(self.lanes)]
        lane_cells += [(c.x[key][0], c.x[key][1], title) for key, title in (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output"))]
        fitted = [self._fitted(text, w) for _, w, text in lane_cells]
        height = HEAD1 + max(len(lines) * leading for _, leading, lines in fitted) + 2 * self.o.padding
        spans = [
            (c.x["no"][0], 0.0, c.x["no"][1], height, "No"),
            (c.x["kegiatan"][0], 0.0, c.x["kegiatan"][1], height, "Kegiatan"),
            (lanes_x, 0.0, lanes_end - lanes_x, HEAD1, "Pelaksana"),
            (mutu_x, 0.0, keterangan_x - mutu_x, HEAD1, "Mutu Baku"),
            (keterangan_x, 0.0, c.x["keterangan"][1], height, "Keterangan"),
        ]
        texts = []
        for x0, y0, w, h, title in spans:
            size, leading, lines = self._fitted(title, w)
            texts.append(TextBlock(Rect(x0, y0, w, h), lines, "center", size, leading, self.o.padding))
        for (x0, w, _), (size, leading, lines) in zip(lane_cells, fitted):
            texts.append(TextBlock(Rect(x0, HEAD1, w, height - HEAD1), lines, "center", size, leading, self.o.padding))
        rules = [((lanes_x, HEAD1), (keterangan_x, HEAD1)), ((0.0, height), (c.width, height))]
        return height, texts, rules

    def _fitted(self, text: str, width: float) -> tuple[float, float, tuple[str, ...]]:
        """Font size, leading and lines that set ``text`` in ``width``, splitting only a word too wide at the smallest size."""
        o = self.o
        room = width - 2 * o.padding
        widest = max((text_width(word, o.font_size) for word in text.split()), default=0.0)
        size = o.font_size
        if widest > room:
            size = max(MIN_HEADER_SIZE, math.floor(o.font_size * room / widest * 10) / 10)
        leading = o.leading * size / o.font_size
        most = max(1, int((o.page_height / 3 - HEAD1 - 2 * o.padding) // leading))
        return size, leading, wrap(text, room, size, most)

    def _grid(self, c: _Columns, header_h: float, height: float, row_lines: list[float]) -> list[tuple[Point, Point]]:
        width = c.width
        rules = [((0.0, 0.0), (width, 0.0)), ((0.0, height), (width, height))]
        for x in (0.0, c.x["kegiatan"][0], c.lane_edges[0], c.lane_edges[-1], c.x["keterangan"][0], width):
            rules.append(((x, 0.0), (x, height)))
        for x in c.lane_edges[1:-1] + [c.x["waktu"][0], c.x["output"][0]]:
            rules.append(((x, HEAD1), (x, height)))
        for y in sorted(set(row_lines)):
            if header_h < y < height:
                rules.append(((0.0, y), (width, y)))
        return rules

    def _page(self, index, numbers, c: _Columns, header, row_top, body_height, edges) -> Page:
        header_h, header_texts, header_rules = header
        o = self.o
        top = header_h
        height = header_h + body_height
        texts = list(header_texts)
        row_lines = [top + row_top[n] for n in numbers] + [top + row_top[n] + self.heights[n] for n in numbers]
        rules = header_rules + self._grid(c, header_h, height, row_lines)
        symbols: dict[int, Symbol] = {}
        for n in numbers:
            y, h = top + row_top[n], self.heights[n]
            for key, (x0, w) in c.x.items():
                if self.lines[n][key]:
                    align = "center" if key in ("no", "waktu") else "left"
                    texts.append(TextBlock(Rect(x0, y, w, h), self.lines[n][key], align, o.font_size, o.leading, o.padding))
            symbols[n] = self._symbol(self.steps[n], c, y + h / 2)
        frame = PageFrame(index, top, body_height, self.centre, row_top, c.track_x, c.lane_cx, c.lane_width / 2)
        arrows, extra = PageRouter(frame, symbols, edges, self.step_lanes).route()
        return Page(index + 1, c.width, height, tuple(rules), tuple(texts), tuple(symbols.values()) + tuple(extra), tuple(arrows))

    def _symbol(self, step: Langkah, c: _Columns, cy: float) -> Symbol:
        kind = _kind(step)
        lanes = self.step_lanes[step.nomor]
        base_w, base_h = SYMBOL_SIZE[kind]
        left, right = c.lane_cx[lanes[0]], c.lane_cx[lanes[-1]]
        w = base_w + right - left
        marks = tuple(c.lane_cx[lane] for lane in lanes) if len(lanes) > 1 else ()
        return Symbol(f"n{step.nomor}", kind, Rect((left + right) / 2 - w / 2, cy - base_h / 2, w, base_h), step.nomor, marks=marks)


GUTTER_ALLOWANCE = 2 * routing.gutter_width(1)
"""Room first kept for the gutters when the text columns are sized, before the arrows are routed."""


def _column_widths(o: Options, nlanes: int, gutters: float) -> dict[str, float]:
    """The text columns' widths: as given, or narrower when the pelaksana need the room.

    The lanes get at least ``lane_min_width`` each; the text columns (not No)
    narrow in proportion, down to ``min_column_scale``. Past that the sheet is
    wider than the page and is scaled down to fit when printed.
    """
    text = sum(w for k, w in o.columns.items() if k != "no")
    room = o.page_width - o.columns["no"] - gutters - nlanes * o.lane_min_width
    scale = min(1.0, max(o.min_column_scale, room / text))
    return {k: w if k == "no" else math.floor(w * scale * 100) / 100 for k, w in o.columns.items()}


def _kind(step: Langkah) -> str:
    if step.is_keputusan:
        return KEPUTUSAN
    if step.nomor == 1 or step.lanjut_ke is None:
        return TERMINATOR
    return PROSES


def _cells(step: Langkah) -> dict[str, str]:
    return {
        "no": str(step.nomor),
        "kegiatan": step.kegiatan.value,
        "kelengkapan": "\n".join(t.value for t in step.kelengkapan),
        "waktu": step.waktu.text if step.waktu is not None else "",
        "output": "\n".join(t.value for t in step.output),
        "keterangan": step.keterangan.value if step.keterangan else "",
    }
