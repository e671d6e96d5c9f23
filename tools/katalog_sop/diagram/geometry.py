"""Lay out an SOP's flowchart sheet as pure geometry (no DOT, no I/O).

The grid follows the SOP AP form: No | Kegiatan | one column per pelaksana |
Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan, one row per step, each
step's symbol centred in its pelaksana's column on its own row. Every cell's
text is wrapped to the cell with measured widths; a row is as tall as its
tallest cell. Rows go onto pages of at most ``Options.max_rows`` steps (by
default: as many as fit A4 landscape), each page repeating the header. How
arrows run is decided in ``routing``.

A row holds one symbol per involved pelaksana column, as agencies draw it:
a hand-off chain, or the same activity in parallel columns (a step written
``pelaksana: [A, B]`` is drawn that way). Text printed inside a symbol
("Setuju?", "Mulai") is set inside it. Symbols whose pelaksana the source
does not show are drawn in an extra column "(pelaksana tidak diketahui)",
dashed and marked "?", so nothing is silently placed in a wrong lane; a
symbol whose shape is unknown is drawn the same way in its column. The
column titles are the agency's (``formulir``), and a column the agency's
form does not have is left out.

However long an SOP's text, the sheet stays a sheet: a cell shows at most
the lines one row of a page can hold and a header cell at most a third of
the page, the last line shown ending in an ellipsis; the step table on the
SOP's page shows every text whole.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field

from katalog_sop.diagram import routing
from katalog_sop.diagram.routing import BAND, PageFrame, PageRouter, symbol_name
from katalog_sop.diagram.shapes import KEPUTUSAN, PROSES, TERMINATOR, Page, Point, Rect, Sheet, Symbol, TextBlock
from katalog_sop.diagram.text import text_width, visible, wrap, wrap_items
from katalog_sop.formulir import labels as form_labels
from katalog_sop.model import KEPUTUSAN as BENTUK_KEPUTUSAN
from katalog_sop.model import KAPSUL, MULAI, SELESAI, Langkah, Simbol, Sop, Tabel

UNKNOWN_LANE = "(pelaksana tidak diketahui)"

HEAD1 = 16.0
"""Height of the header's first row (Pelaksana, Mutu Baku)."""
MIN_HEADER_SIZE = 5.5
SYMBOL_SIZE = {PROSES: (56.0, 26.0), KEPUTUSAN: (46.0, 32.0), TERMINATOR: (56.0, 24.0)}
LEFT_COLUMNS = ("no", "kegiatan")
RIGHT_COLUMNS = ("kelengkapan", "waktu", "output", "keterangan")
MUTU_BAKU = ("kelengkapan", "waktu", "output")
UNKNOWN_MARK = "?"
_TITLE_PARTS = re.compile(r"\s+|(?<=/)")
LANE_FLOOR = 46.0
"""A symbol still fits a lane this narrow, its text set small."""
NUMBER_H = 11.0
"""The row of column numbers "(1) (2) ..." some forms print under the header."""
TITLE_H = 14.0
"""The line above each sheet page: the SOP's name, its nomor, "Halaman x dari y"."""
TITLE_SIZE = 7.0
STACK_GAP = 12.0
"""Between two symbols of one row stacked in one column (room for the arrow from one to the other)."""
SYMBOL_TEXT_SIZE = 7.0
SYMBOL_TEXT_LEADING = 8.0


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


def layout(sop: Sop, options: Options = Options(), labels: dict | None = None) -> Sheet:
    """The whole sheet of ``sop``: every page with its grid, texts, symbols and arrows.

    ``labels`` are the agency profile's form labels; the SOP's own ``formulir`` overrides them.
    """
    tables = _tables(sop)
    if len(tables) == 1:
        table, tabel = tables[0]
        return _Layout(table, options, labels or {}, notes=tabel.catatan if tabel else ()).sheet()
    # several flowchart tables in one SOP: each laid out on pages of its own, with only its own columns
    parts = [
        (_Layout(table, options, labels or {}, tabel and tabel.judul, tabel.catatan if tabel else ()), tabel and tabel.judul)
        for table, tabel in tables
    ]
    raw = [(part, page) for part, _ in parts for page in part.pages()]
    pages = tuple(
        part._titled(dataclasses.replace(page, number=number), len(raw)) for number, (part, page) in enumerate(raw, start=1)
    )
    description = (
        f"Lembar flowchart SOP {sop.nama.value}: {len(tables)} tabel ({', '.join(title or '(tanpa judul)' for _, title in parts)}), "
        f"{len(sop.langkah)} langkah, {len(pages)} halaman. Uraian setiap langkah ada pada tabel langkah."
    )
    return Sheet(sop.id, sop.nama.value, description, pages)


def _tables(sop: Sop) -> list[tuple[Sop, Tabel | None]]:
    """The SOP's flowchart tables (one, unless rows start further ``tabel``s), each as an SOP of its rows
    and its columns (those it lists, else those its symbols stand in), with the ``tabel`` that starts it;
    an arrow into another table is not drawn (none is written)."""
    starts = [i for i, step in enumerate(sop.langkah) if i == 0 or step.tabel]
    if len(starts) == 1:
        tabel = sop.langkah[0].tabel
        if tabel is not None and tabel.pelaksana:
            sop = dataclasses.replace(sop, pelaksana=_columns_of(sop, tabel.pelaksana))
        return [(sop, tabel)]
    tables = []
    for first, end in zip(starts, starts[1:] + [len(sop.langkah)]):
        steps = sop.langkah[first:end]
        rows = {step.nomor for step in steps}
        within = lambda k: k._replace(ke=tuple(t for t in k.ke if t[0] in rows))
        kept = tuple(
            step._replace(simbol=tuple(
                y._replace(keluar=tuple(within(k) for k in y.keluar if not k.ke or within(k).ke)) for y in step.simbol
            ))
            for step in steps
        )
        tabel = steps[0].tabel
        if tabel is not None and tabel.pelaksana:
            columns = _columns_of(sop, tabel.pelaksana)
        else:
            used = {y.pelaksana for step in steps for y in step.simbol}
            columns = tuple(p for p in sop.pelaksana if p.id in used)
        tables.append((dataclasses.replace(sop, langkah=kept, pelaksana=columns), tabel))
    return tables


def _columns_of(sop: Sop, ids: tuple[str, ...]):
    """The pelaksana a table lists as its columns, in its order."""
    by_id = {p.id: p for p in sop.pelaksana}
    return tuple(by_id[i] for i in ids if i in by_id)




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
    def __init__(self, sop: Sop, options: Options, labels: dict, table: str | None = None, notes: tuple = ()):
        self.sop, self.o, self.table = sop, options, table
        # what is printed under the table, set across the page's width (no narrower than the table)
        self.notes = tuple(line for note in notes for line in wrap(note.value, options.page_width - 2 * options.padding, options.font_size))
        self.notes_h = len(self.notes) * options.leading + 2 * options.padding if self.notes else 0.0
        self.titles = form_labels(sop, labels)
        self.numbered = bool({**labels, **sop.formulir}.get("nomor_kolom"))
        self.steps = {step.nomor: step for step in sop.langkah}
        self.lanes = [p.nama for p in sop.pelaksana]
        self.groups = [p.kelompok for p in sop.pelaksana] if any(p.kelompok for p in sop.pelaksana) else []
        index = {p.id: i for i, p in enumerate(sop.pelaksana)}
        self.nodes: dict[tuple[int, int], Simbol] = {s.key: s for step in sop.langkah for s in step.simbol}
        if any(s.pelaksana is None for s in self.nodes.values()):
            self.lanes.append(UNKNOWN_LANE)
            if self.groups:
                self.groups.append(None)
        unknown = (len(self.lanes) - 1,)
        self.node_lanes = {k: (index[s.pelaksana],) if s.pelaksana is not None else unknown for k, s in self.nodes.items()}
        self.alone = {n: len(s.simbol) == 1 for n, s in self.steps.items()}
        # two symbols of one row in one column stand one above the other, as agencies draw a start capsule
        # over the first box: (place, how many)
        shared: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for key in self.nodes:
            shared.setdefault((key[0], self.node_lanes[key][0]), []).append(key)
        self.slot = {key: (i, len(keys)) for keys in shared.values() for i, key in enumerate(keys)}
        self.across = {key: float(self.node_lanes[key][0]) for key in self.slot}
        self.right = tuple(key for key in RIGHT_COLUMNS if self.titles[key])
        self.cells = {n: {k: v for k, v in _cells(s).items() if k in LEFT_COLUMNS or k in self.right} for n, s in self.steps.items()}
        self.widths: dict[str, float] = {}
        self.empty: dict[str, float] = {}
        self.base: dict[str, float] | None = None
        self._header_heights: dict[tuple, float] = {}
        self._fits: dict[tuple[str, float], tuple[float, float, tuple[str, ...]]] = {}
        self._wraps: dict[tuple, tuple[str, ...]] = {}
        self.most = 0

    def _size_rows(self, gutters: float) -> None:
        """Column widths for gutters of this total width, then each row's wrapped text and height."""
        if self.base is None:
            base = self._base_widths()
            first = _column_widths(self.o, len(self.lanes), gutters, base, self.empty)
            share = (self.o.page_width - sum(first.values()) - gutters) / len(self.lanes)
            self.most = self._cell_lines(first, max(self._lane_floor(first, gutters), share))  # as the rows will be cut
            self.base = self._balanced(base)
        cols = _column_widths(self.o, len(self.lanes), gutters, self.base, self.empty)
        lane_w = max(self._lane_floor(cols, gutters), (self.o.page_width - sum(cols.values()) - gutters) / len(self.lanes))
        most = self._cell_lines(cols, lane_w)
        if (cols, most) != (self.widths, self.most):  # wider gutters often leave the text columns as they were
            self.widths, self.most = cols, most
            self.lines = {n: {k: self._wrapped(v, cols[k]) for k, v in c.items()} for n, c in self.cells.items()}
        self.lane_w = lane_w
        self.symbol_lines = {k: self._symbol_text(s, lane_w) for k, s in self.nodes.items()}
        self.heights = {n: self._row_height(self.lines[n], self.steps[n], lane_w) for n in self.steps}

    def _lane_floor(self, cols: dict[str, float], gutters: float) -> float:
        """The narrowest a lane gets: ``lane_min_width``, or less (down to ``LANE_FLOOR``) where many
        pelaksana would otherwise push the sheet past the page's width."""
        share = (self.o.page_width - sum(cols.values()) - gutters) / len(self.lanes)
        if share < LANE_FLOOR:  # no lane width fits the page: keep them readable, the print scales the sheet
            return self.o.lane_min_width
        return min(self.o.lane_min_width, share)

    def _base_widths(self) -> dict[str, float]:
        """The columns' widths before the lanes claim room: as configured, and a text column no row fills
        narrowed to its title (the room goes to the pelaksana columns)."""
        widths = {key: self.o.columns[key] for key in LEFT_COLUMNS + self.right}
        for key in self.right:
            if not any(cells[key] for cells in self.cells.values()):
                words = max(text_width(word, self.o.font_size) for word in str(self.titles[key]).split())
                widths[key] = self.empty[key] = min(self.o.columns[key], max(words + 2 * self.o.padding, 30.0))
        return widths

    def _balanced(self, widths: dict[str, float]) -> dict[str, float]:
        """Widen the one text column that alone makes rows tall (a long Keterangan squeezed into its
        column) with room from the other text columns, never from the pelaksana columns (their symbols
        and exit labels need it); kept only if the rows get shorter altogether."""
        o, nlanes = self.o, len(self.lanes)
        keys = [key for key in ("kegiatan", "kelengkapan", "output", "keterangan") if key in widths and key not in self.empty]
        if len(keys) < 2:
            return widths
        rows = list(self.cells.values())
        measure = lambda key, width: [len(self._wrapped(cells[key], width)) for cells in rows]
        actual = lambda trial: _column_widths(o, nlanes, GUTTER_ALLOWANCE, trial, self.empty)  # as the page sets them
        shown = actual(widths)
        # a quick look first: a column's text measured on one line, over its width, rounds up to its lines
        def guess(key: str, width: float) -> list[int]:
            room = width - 2 * o.padding
            return [
                math.ceil(text_width(" ".join(c) if isinstance(c, tuple) else c, o.font_size) / room) + (len(c) - 1 if isinstance(c, tuple) else 0)
                for c in (cells[key] for cells in rows)
            ]
        total = lambda table: sum(max(table[key][row] for key in keys) for row in range(len(rows)))
        guessed = {key: guess(key, shown[key]) for key in keys}
        worst = _standing_out(guessed, keys, len(rows))
        if worst is None:
            return widths
        best, best_guess = widths, total(guessed)
        for share in (0.2, 0.35):  # of every other text column's width given up to it; judged by the quick look
            trial = dict(widths)
            given = 0.0
            for key in keys:
                if key != worst and share:
                    trial[key] = widths[key] * (1 - share)
                    given += widths[key] * share
            trial[worst] = widths[worst] + min(given, widths[worst] * 1.5)
            tried = actual(trial)
            estimate = total({key: guess(key, tried[key]) for key in keys})
            if estimate < best_guess:
                best, best_guess = trial, estimate
        if best is widths:
            return widths
        # the choice is kept only if the cells, really wrapped, make the rows shorter altogether
        before = total({key: measure(key, shown[key]) for key in keys})
        chosen = actual(best)
        return best if total({key: measure(key, chosen[key]) for key in keys}) < before else widths

    def _wrapped(self, text: str | tuple[str, ...], width: float) -> tuple[str, ...]:
        if not text:
            return ()
        key = (text, width, self.most)
        found = self._wraps.get(key)
        if found is None:  # balancing the columns and sizing the rows wrap the same cells at the same widths
            found = self._wraps[key] = self._wrap_cell(text, width)
        return found

    def _wrap_cell(self, text: str | tuple[str, ...], width: float) -> tuple[str, ...]:
        room, size = width - 2 * self.o.padding, self.o.font_size
        if isinstance(text, tuple):  # a list cell: each item bulleted, so that a wrapped item reads as one
            if len(text) > 1:
                return wrap_items(text, room, size, self.most)
            text = text[0]
        if len(text) < 40 and text_width(text, size) <= room and " ".join(text.split()) == text == visible(text):
            return (text,)  # most cells are short: skip the word-by-word wrap
        return wrap(text, room, size, self.most)

    def _symbol_text(self, symbol: Simbol, lane_width: float) -> tuple[str, ...]:
        """What is printed inside the symbol, wrapped to it; "?" where its column or shape is unknown."""
        step = self.steps[symbol.langkah]
        if symbol.pelaksana is None or step.unknown("simbol"):
            return (UNKNOWN_MARK,)
        if not symbol.teks:
            return ()
        return wrap(symbol.teks, _symbol_width(self._kind(symbol), lane_width) - 8, SYMBOL_TEXT_SIZE, 4)

    def _cell_lines(self, cols: dict[str, float], lane_width: float) -> int:
        """The most lines a cell shows: what one row can hold below the header, with bands for connectors."""
        o = self.o
        header = self._header_height(cols, lane_width)
        return max(1, int((o.page_height - TITLE_H - header - 2 * BAND - 2 * o.padding) // o.leading))

    def _header_height(self, cols: dict[str, float], lane_width: float) -> float:
        key = (tuple(cols.values()), lane_width)
        if key not in self._header_heights:
            self._header_heights[key] = self._measure_header(cols, lane_width)
        return self._header_heights[key]

    def _measure_header(self, cols: dict[str, float], lane_width: float) -> float:
        titles = [(name, lane_width) for name in self.lanes] + [(self.titles[k], cols[k]) for k in MUTU_BAKU if k in cols]
        tallest = max(len(lines) * leading for _, leading, lines in (self._fitted(t, w) for t, w in titles))
        return self._lane_top() + tallest + 2 * self.o.padding + (NUMBER_H if self.numbered else 0.0)

    def _lane_top(self) -> float:
        """Where the pelaksana names start: below "Pelaksana", and below the groups' band if there is one."""
        return HEAD1 * (2 if self.groups else 1)

    def _row_height(self, lines: dict[str, tuple[str, ...]], step: Langkah, lane_width: float) -> float:
        """Tall enough for the row's tallest cell, its symbols' text and its arrows' labels."""
        tallest = max(len(v) for v in lines.values())
        height = max(self.o.min_row_height, tallest * self.o.leading + 2 * self.o.padding)
        for symbol in step.simbol:
            kind = self._kind(symbol)
            symbol_h = _symbol_height(kind, len(self.symbol_lines[symbol.key]))
            height = max(height, symbol_h + 16)
            stacked = self.slot[symbol.key][1]
            if stacked > 1:
                height = max(height, stacked * self._stack_pitch(symbol) + (stacked - 1) * STACK_GAP + 20)
                symbol_h = stacked * self._stack_pitch(symbol) + (stacked - 1) * STACK_GAP
            if len(step.simbol) > 1 and any(not k.ke for k in symbol.keluar) and kind == KEPUTUSAN:
                # room for a "Selesai" capsule below the decision, should its neighbours be taken
                height = max(height, symbol_h + 2 * (routing.BELOW_GAP + routing.END_CAPSULE[1] + 4))
            for keluar in symbol.keluar:
                if keluar.label:
                    height = max(height, routing.label_room(keluar.label, lane_width, SYMBOL_SIZE[KEPUTUSAN][1]))
                    if any(row == step.nomor for row, _ in keluar.ke):  # over the row: its label above the symbols
                        lines = len(routing.label_lines(keluar.label, routing.LABEL_MAX_WIDTH))
                        height = max(height, symbol_h + 2 * (routing.OVER_GAP + lines * routing.LABEL_LEADING + 8 + routing.ARROW_ROOM))
        return height

    def _stack_pitch(self, symbol: Simbol) -> float:
        """The tallest symbol sharing this symbol's row and column: the step between stacked symbols."""
        lane = self.node_lanes[symbol.key]
        return max(
            _symbol_height(self._kind(other), len(self.symbol_lines[other.key]))
            for other in self.steps[symbol.langkah].simbol if self.node_lanes[other.key] == lane
        )

    def _kind(self, symbol: Simbol) -> str:
        if symbol.bentuk == BENTUK_KEPUTUSAN:
            return KEPUTUSAN
        if symbol.bentuk in (MULAI, SELESAI, KAPSUL):
            return TERMINATOR
        return PROSES

    def sheet(self) -> Sheet:
        laid_out = self.pages()
        sheet_pages = tuple(self._titled(page, len(laid_out)) for page in laid_out)
        description = (
            f"Lembar flowchart SOP {self.sop.nama.value}: {len(self.steps)} langkah, {len(self.nodes)} simbol, "
            f"{len(self.lanes)} kolom pelaksana ({', '.join(self.lanes)}), {len(sheet_pages)} halaman. "
            "Uraian setiap langkah ada pada tabel langkah."
        )
        return Sheet(self.sop.id, self.sop.nama.value, description, sheet_pages)

    def pages(self) -> list[Page]:
        """The sheet's pages before their title lines (a table of an SOP of several is titled by its SOP)."""
        gutters = GUTTER_ALLOWANCE
        for attempt in range(3):  # the gutters' width is known only once the arrows are routed
            self._size_rows(gutters)
            header_h = self._header_height(self.widths, self.lane_w)
            pages = self._paginate(self.o.page_height - TITLE_H - header_h)
            page_of = {n: index for index, numbers in enumerate(pages) for n in numbers}
            edges = routing.plan_edges(self.nodes, self.node_lanes, len(self.lanes), pages, self.across)
            row_top, body_height = self._rows(pages, edges, page_of)
            self.centre = {n: row_top[n] + self.heights[n] / 2 for n in self.steps}
            node_page = {k: page_of[k[0]] for k in self.nodes}
            node_centre = {k: self.centre[k[0]] for k in self.nodes}
            tracks = routing.assign_tracks(edges, node_page, node_centre, body_height)
            needed = routing.gutter_width(tracks["left"]) + routing.gutter_width(tracks["right"])
            if needed <= gutters:
                break
            gutters = needed
        columns = self._columns(tracks)
        header = self._header(columns)
        return [
            self._page(index, numbers, columns, header, row_top, body_height[index], edges) for index, numbers in enumerate(pages)
        ]

    def _paginate(self, room: float) -> list[list[int]]:
        """Rows onto pages: all on one when they fit (no connector bands then), else filled page by page
        with room for the connectors, and a last page never left with one row while the one before has many.
        The notes under the table go with its last row."""
        numbers = sorted(self.steps)
        max_rows = self.o.max_rows
        heights = dict(self.heights)
        heights[numbers[-1]] += self.notes_h
        if max_rows is None and sum(heights.values()) <= room:
            return [numbers]
        room -= 2 * BAND
        pages = self._fill(numbers, heights, room, max_rows, ())
        if max_rows is None:
            # a loop back that fits one page is kept on one page, where that costs no extra page
            loops = sorted({(t[0], key[0]) for key, s in self.nodes.items() for k in s.keluar for t in k.ke if t[0] < key[0]})
            loops = [(i, j) for i, j in loops if sum(heights[n] for n in range(i, j + 1)) <= room]
            if loops:
                kept = self._fill(numbers, heights, room, None, loops)
                if len(kept) <= len(pages):
                    pages = kept
        if max_rows is None and len(pages) > 1 and len(pages[-1]) == 1 and len(pages[-2]) > 2:
            last = heights[pages[-1][0]] + heights[pages[-2][-1]]
            if last <= room:  # a lone last row: take the one before it along
                pages[-1].insert(0, pages[-2].pop())
        return pages

    def _fill(self, numbers: list[int], heights: dict[int, float], room: float, max_rows: int | None, loops) -> list[list[int]]:
        """Rows page by page until a page is full; a break that would cut one of ``loops`` (first, last
        row) is moved up to before the loop's first row, where that row is not the page's first."""
        pages: list[list[int]] = [[]]
        used = 0.0
        index = 0
        while index < len(numbers):
            number = numbers[index]
            height = heights[number]
            full = len(pages[-1]) >= max_rows if max_rows is not None else used + height > room
            if pages[-1] and full:
                cut = [i for i, j in loops if i < number <= j and i > pages[-1][0] and i in pages[-1]]
                if cut:  # carry the loop's rows over to the next page
                    back = pages[-1].index(min(cut))
                    carried = pages[-1][back:]
                    del pages[-1][back:]
                    index -= len(carried)
                pages.append([])
                used = 0.0
                continue
            pages[-1].append(number)
            used += height
            index += 1
        return pages

    def _titled(self, page: Page, total: int) -> Page:
        """The page with its title line, as printed sheets carry it: the SOP's name (and its table's title),
        its nomor, and "Halaman x dari y". The page was laid out below the line."""
        nomor = f"Nomor {self.sop.nomor.value} \u00b7 " if self.sop.nomor else ""
        right = f"{nomor}Halaman {page.number} dari {total}"
        right_w = min(text_width(right, TITLE_SIZE) + 2 * self.o.padding, page.width / 2)
        title = self.sop.nama.value + (f" \u2014 {self.table}" if self.table else "")
        name = wrap(title, page.width - right_w - 2 * self.o.padding, TITLE_SIZE, 1)
        texts = (
            TextBlock(Rect(0.0, 0.0, page.width - right_w, TITLE_H), name, "left", TITLE_SIZE, TITLE_SIZE * 1.25, 2.0),
            TextBlock(Rect(page.width - right_w, 0.0, right_w, TITLE_H), wrap(right, right_w - 2 * self.o.padding, TITLE_SIZE, 1), "right", TITLE_SIZE, TITLE_SIZE * 1.25, 2.0),
        )
        return dataclasses.replace(page, texts=texts + page.texts)

    def _rows(self, pages, edges, page_of) -> tuple[dict[int, float], dict[int, float]]:
        """Row tops and body heights in body coordinates, leaving bands for connectors."""
        has_in = {page_of[e.dst[0]] for e in edges if e.crosses_pages and not e.backward}  # a loop comes in beside its row
        has_out = {page_of[e.src[0]] for e in edges if e.crosses_pages}
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
        lane_w = max(self._lane_floor(cols, left + right), (self.o.page_width - sum(cols.values()) - left - right) / nlanes)
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
        for key in self.right:
            fixed[key] = (x, cols[key])
            x += cols[key]
        return _Columns(fixed, lane_edges, lane_cx, lane_w, x)

    def _header(self, c: _Columns) -> tuple[float, list[TextBlock], list[tuple[Point, Point]]]:
        """The header's height, texts and rules, the same on every page.

        A header word too wide for its column (a long pelaksana name, or
        "Keterangan" in a narrowed column) is set smaller rather than split.
        A two-level pelaksana header has a band of group names spanning their
        columns.
        """
        t = self.titles
        lanes_x, lanes_end = c.lane_edges[0], c.lane_edges[-1]
        mutu = [key for key in MUTU_BAKU if key in c.x]
        mutu_x = c.x[mutu[0]][0] if mutu else lanes_end
        mutu_end = c.x[mutu[-1]][0] + c.x[mutu[-1]][1] if mutu else lanes_end
        top = self._lane_top()
        lane_cells = [(c.lane_edges[i], c.lane_edges[i + 1] - c.lane_edges[i], name, top) for i, name in enumerate(self.lanes)]
        lane_cells += [(c.x[key][0], c.x[key][1], t[key], HEAD1) for key in mutu]
        fitted = [self._fitted(text, w) for _, w, text, _ in lane_cells]
        height = top + max(len(lines) * leading for _, leading, lines in fitted) + 2 * self.o.padding
        spans = [
            (c.x["no"][0], 0.0, c.x["no"][1], height, t["no"]),
            (c.x["kegiatan"][0], 0.0, c.x["kegiatan"][1], height, t["kegiatan"]),
            (lanes_x, 0.0, lanes_end - lanes_x, HEAD1, t["pelaksana"]),
        ]
        if mutu:
            spans.append((mutu_x, 0.0, mutu_end - mutu_x, HEAD1, t["mutu_baku"]))
        if "keterangan" in c.x:
            spans.append((c.x["keterangan"][0], 0.0, c.x["keterangan"][1], height, t["keterangan"]))
        rules = [((lanes_x, HEAD1), (mutu_end, HEAD1)), ((0.0, height), (c.width, height))]
        for first, last, group in self._group_runs():
            x0, x1 = c.lane_edges[first], c.lane_edges[last + 1]
            if group:
                spans.append((x0, HEAD1, x1 - x0, HEAD1, group))
            rules.append(((x0, top), (x1, top)) if group else ((x0, top), (x0, top)))
        texts = []
        t = TITLE_H  # the header sits under the page's title line
        for x0, y0, w, h, title in spans:
            size, leading, lines = self._fitted(title, w)
            texts.append(TextBlock(Rect(x0, t + y0, w, h), lines, "center", size, leading, self.o.padding))
        for (x0, w, _, y0), (size, leading, lines) in zip(lane_cells, fitted):
            texts.append(TextBlock(Rect(x0, t + y0, w, height - y0), lines, "center", size, leading, self.o.padding))
        rules = [((a[0], a[1] + t), (b[0], b[1] + t)) for a, b in rules if a != b]
        if self.numbered:  # the form's column numbers "(1) (2) ..." in a row of their own under the titles
            cells = [c.x[key] for key in LEFT_COLUMNS]
            cells += [(c.lane_edges[i], c.lane_edges[i + 1] - c.lane_edges[i]) for i in range(len(self.lanes))]
            cells += [c.x[key] for key in self.right]
            for number, (x0, w) in enumerate(cells, start=1):
                texts.append(TextBlock(Rect(x0, t + height, w, NUMBER_H), (f"({number})",), "center", SYMBOL_TEXT_SIZE, SYMBOL_TEXT_LEADING, 0.0))
            height += NUMBER_H
            rules.append(((0.0, t + height), (c.width, t + height)))  # the titles' own line stays above the numbers
        return height, texts, rules

    def _group_runs(self) -> list[tuple[int, int, str | None]]:
        """Consecutive columns under the same group name, as (first, last, group)."""
        runs: list[tuple[int, int, str | None]] = []
        for index, group in enumerate(self.groups):
            if runs and runs[-1][2] == group and group is not None:
                runs[-1] = (runs[-1][0], index, group)
            else:
                runs.append((index, index, group))
        return runs

    def _fitted(self, text: str, width: float) -> tuple[float, float, tuple[str, ...]]:
        """Font size, leading and lines that set ``text`` in ``width``, splitting only a word too wide at the smallest size."""
        key = (text, width)
        if key not in self._fits:  # header cells are measured again for every try of the gutters' width
            self._fits[key] = self._fit(text, width)
        return self._fits[key]

    def _fit(self, text: str, width: float) -> tuple[float, float, tuple[str, ...]]:
        o = self.o
        room = width - 2 * o.padding
        # a title breaks after a slash too ("Persyaratan/" "Kelengkapan"), as the wrap does
        widest = max((text_width(word, o.font_size) for word in _TITLE_PARTS.split(text) if word), default=0.0)
        size = o.font_size
        if widest > room:
            size = max(MIN_HEADER_SIZE, math.floor(o.font_size * room / widest * 10) / 10)
        leading = o.leading * size / o.font_size
        most = max(1, int((o.page_height / 3 - HEAD1 - 2 * o.padding) // leading))
        return size, leading, wrap(text, room, size, most)

    def _grid(self, c: _Columns, header_h: float, height: float, row_lines: list[float], merged: frozenset = frozenset(),
              joined: tuple[tuple[float, float], ...] = ()) -> list[tuple[Point, Point]]:
        """The table's lines, below the title line (``TITLE_H``) down to ``height``; ``merged``: row lines
        inside a merged Waktu cell; ``joined``: the rows (top, bottom) whose pelaksana cells are one cell."""
        width, t = c.width, TITLE_H
        top = t + self._lane_top()
        rules = [((0.0, t), (width, t)), ((0.0, height), (width, height))]
        full = [0.0, c.x["kegiatan"][0], c.lane_edges[0], c.lane_edges[-1], width]
        if "keterangan" in c.x:
            full.append(c.x["keterangan"][0])
        for x in sorted(set(full)):
            rules.append(((x, t), (x, height)))
        group_edges = {c.lane_edges[first] for first, _, _ in self._group_runs()[1:]}
        for x in c.lane_edges[1:-1]:  # broken off where a row's pelaksana cells are one merged cell
            start = t + HEAD1 if x in group_edges else top
            for low, high in joined:
                if start < low:
                    rules.append(((x, start), (x, low)))
                start = max(start, high)
            if start < height:
                rules.append(((x, start), (x, height)))
        mutu = [key for key in MUTU_BAKU if key in c.x]
        for key in mutu[1:]:
            rules.append(((c.x[key][0], t + HEAD1), (c.x[key][0], height)))
        for y in sorted(set(row_lines)):
            if t + header_h < y < height:
                if y in merged and "waktu" in c.x:  # inside a merged Waktu cell: the line stops at its sides
                    left, w = c.x["waktu"]
                    rules += [((0.0, y), (left, y)), ((left + w, y), (width, y))]
                else:
                    rules.append(((0.0, y), (width, y)))
        return rules

    def _page(self, index, numbers, c: _Columns, header, row_top, body_height, edges) -> Page:
        header_h, header_texts, header_rules = header
        o = self.o
        top = TITLE_H + header_h
        bottom = top + body_height
        texts = list(header_texts)
        height = bottom
        if self.notes and numbers[-1] == max(self.steps):  # under the table's last row, as printed
            height += self.notes_h
            texts.append(TextBlock(Rect(0.0, bottom, c.width, self.notes_h), self.notes, "left", o.font_size, o.leading, o.padding))
        row_lines = [top + row_top[n] for n in numbers] + [top + row_top[n] + self.heights[n] for n in numbers]
        merged = frozenset(top + row_top[n] for n in numbers if self.steps[n].waktu_dari is not None and n - 1 in numbers)
        joined = tuple((top + row_top[n], top + row_top[n] + self.heights[n]) for n in numbers if self.steps[n].pelaksana_gabung)
        rules = header_rules + self._grid(c, header_h, bottom, row_lines, merged, joined)
        symbols: dict[tuple[int, int], Symbol] = {}
        for n in numbers:
            y, h = top + row_top[n], self.heights[n]
            for key, (x0, w) in c.x.items():
                if self.lines[n][key]:
                    align = "center" if key in ("no", "waktu") else "left"
                    cell_h = h
                    if key == "waktu" and self.steps[n].waktu_baris > 1:  # the merged cell, as far as this page goes
                        below = [m for m in range(n + 1, n + self.steps[n].waktu_baris) if m in numbers]
                        cell_h += sum(self.heights[m] for m in below)
                    texts.append(TextBlock(Rect(x0, y, w, cell_h), self.lines[n][key], align, o.font_size, o.leading, o.padding))
            for symbol in self.steps[n].simbol:
                drawn = self._symbol(symbol, c, y + h / 2)
                symbols[symbol.key] = drawn
                if drawn.text:
                    texts.append(TextBlock(drawn.rect, drawn.text, "center", SYMBOL_TEXT_SIZE, SYMBOL_TEXT_LEADING, 0.0))
                if self.steps[n].unknown("alur"):  # no arrow is drawn in or out: say so where they would be
                    r = drawn.rect
                    for mark_y in (y + 1, r.bottom + 1):
                        texts.append(TextBlock(Rect(r.x, mark_y, r.w, r.y - y - 2), (UNKNOWN_MARK,), "center", SYMBOL_TEXT_SIZE, SYMBOL_TEXT_LEADING, 0.0))
        node_centre = {k: self.centre[k[0]] for k in self.nodes}
        node_top = {k: row_top[k[0]] for k in self.nodes}
        frame = PageFrame(index, top, body_height, node_centre, node_top, c.track_x, c.lane_cx, c.lane_width / 2)
        arrows, extra = PageRouter(frame, symbols, edges, self.node_lanes).route()
        return Page(index + 1, c.width, height, tuple(rules), tuple(texts), tuple(symbols.values()) + tuple(extra), tuple(arrows))

    def _symbol(self, symbol: Simbol, c: _Columns, cy: float) -> Symbol:
        kind = self._kind(symbol)
        lines = self.symbol_lines[symbol.key]
        lane = self.node_lanes[symbol.key][0]
        w, h = _symbol_width(kind, c.lane_width), _symbol_height(kind, len(lines))
        place, count = self.slot[symbol.key]
        cx = c.lane_cx[lane]
        if count > 1:
            cy += (place - (count - 1) / 2) * (self._stack_pitch(symbol) + STACK_GAP)
        step = self.steps[symbol.langkah]
        unknown = symbol.pelaksana is None or step.unknown("simbol")
        name = symbol_name(symbol.key, self.alone[symbol.langkah])
        return Symbol(name, kind, Rect(cx - w / 2, cy - h / 2, w, h), symbol.langkah, text=lines, unknown=unknown)


GUTTER_ALLOWANCE = 2 * routing.gutter_width(1)
"""Room first kept for the gutters when the text columns are sized, before the arrows are routed."""


def _standing_out(lines: dict[str, list[int]], keys: list[str], count: int) -> str | None:
    """The column whose cells are, over all rows, three lines or more taller than the next tallest."""
    excess = dict.fromkeys(keys, 0)
    for row in range(count):
        first, second = sorted(keys, key=lambda key: lines[key][row], reverse=True)[:2]
        excess[first] += lines[first][row] - lines[second][row]
    worst = max(keys, key=excess.get)
    return worst if excess[worst] >= 3 else None


def _symbol_width(kind: str, lane_width: float) -> float:
    """A symbol's width: its standard size, wider for text where the lane has room, narrower in a narrow lane."""
    base = SYMBOL_SIZE[kind][0]
    room = lane_width - 16
    return min(max(base, min(room, base * (1.6 if kind == KEPUTUSAN else 1.25))), lane_width - 8)


def _symbol_height(kind: str, lines: int) -> float:
    base = SYMBOL_SIZE[kind][1]
    need = lines * SYMBOL_TEXT_LEADING + (14 if kind == KEPUTUSAN else 6)
    return max(base, need * (1.6 if kind == KEPUTUSAN else 1.0))


def _column_widths(o: Options, nlanes: int, gutters: float, columns: dict[str, float], empty: dict[str, float]) -> dict[str, float]:
    """The text columns' widths: as given, or narrower when the pelaksana need the room.

    The lanes get at least ``lane_min_width`` each; the text columns (not No,
    nor one already narrowed to its title, ``empty``) narrow in proportion,
    down to ``min_column_scale``. Past that the sheet is wider than the page
    and is scaled down to fit when printed.
    """
    fixed = sum(w for k, w in columns.items() if k == "no" or k in empty)
    text = sum(w for k, w in columns.items() if k != "no" and k not in empty)
    room = o.page_width - fixed - gutters - nlanes * min(o.lane_min_width, max(LANE_FLOOR, o.lane_min_width * 6 / max(nlanes, 6)))
    scale = min(1.0, max(o.min_column_scale, room / text))
    return {k: w if k == "no" or k in empty else math.floor(w * scale * 100) / 100 for k, w in columns.items()}


def _cells(step: Langkah) -> dict[str, str]:
    return {
        "no": step.label,
        "kegiatan": step.kegiatan.value,
        "kelengkapan": tuple(t.value for t in step.kelengkapan),
        "waktu": step.waktu.text if step.waktu is not None else "",
        "output": tuple(t.value for t in step.output),
        "keterangan": step.keterangan.value if step.keterangan else "",
    }
