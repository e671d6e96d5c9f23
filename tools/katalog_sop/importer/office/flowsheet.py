"""Import stage, the step table of an Office SOP: its header, columns and rows from cells, its symbols
and arrows from the shapes drawn over it, as the tables the PDF reader builds (:mod:`..steps`), so
that one assembly (:mod:`..assemble`) writes the draft of both.

The header is found by its titles (Kegiatan, Aktivitas …; the same wordings
as in a PDF); a column's title is the lowest header cell over it, a pelaksana
column one under a "Pelaksana" group title. A step is the rows of a cell in
the No or Kegiatan column (merged over several rows, one step). A row with
neither, holding only an off-page connector, is no step. Shapes stand in the
row and column of their middle; a connector's ends are the shapes it is glued
to, else the symbols its ends touch; its arrowhead gives its direction.
"""

from __future__ import annotations

import re

from katalog_sop.importer.arrows import Wire, _box_distance
from katalog_sop.importer.office.cover import one_line
from katalog_sop.importer.office.drawing import Drawn, Link
from katalog_sop.importer.office.sheet import Cell, CellSheet
from katalog_sop.importer.page import Word
from katalog_sop.importer.steps import _COLUMN_NUMBER, _GROUPS, Column, Row, Table, _role
from katalog_sop.importer.symbols import Symbol

SYMBOLS = ("proses", "terminator", "keputusan", "penghubung")
REACH = 12.0
"""A connector's loose end this close (points) to a symbol's box stands at it."""
LABEL_REACH = 40.0
_PELAKSANA = re.compile(r"^\s*pelaksana(?:an)?\s*$", re.I)


def header_cell(sheet: CellSheet) -> Cell | None:
    """The Kegiatan title of a step table: a cell with two other column titles in its rows."""
    for cell in sheet.in_rows(0, sheet.last_row):
        if _role(one_line(cell.text)) != "kegiatan":
            continue
        beside = [c for c in sheet.in_rows(cell.row, cell.last_row) if c is not cell and _role(one_line(c.text))]
        band = [c for c in sheet.in_rows(cell.row, cell.last_row) if c is not cell]
        if len(beside) >= 2 or (beside and any(_GROUPS.match(one_line(c.text)) or _PELAKSANA.match(one_line(c.text)) for c in band)):
            return cell
    return None


def read_flow(sheet: CellSheet, notes: list[str]) -> Table | None:
    """The step table on ``sheet``, its rows, symbols and wires; ``None`` where it has none."""
    anchor = header_cell(sheet)
    if anchor is None:
        return None
    table, body = _header(sheet, anchor)
    if table is None:
        return None
    steps = _rows(sheet, table, body)
    if not steps:
        return None
    table.rows = [row for row, _ in steps]
    _place(sheet, table, steps, notes)
    return table


def _header(sheet: CellSheet, anchor: Cell) -> tuple[Table | None, int]:
    band = range(anchor.row, anchor.last_row + 1)
    header = [c for c in sheet.cells.values() if c.row in band and c.text.strip()]
    first, last = min(c.col for c in header), max(c.last_col for c in header)
    columns: list[Column] = []
    labels: dict[str, str] = {}
    seen: set[int] = set()
    for col in range(first, last + 1):
        stack = [sheet.owner(r, col) for r in band]
        stack = [c for i, c in enumerate(stack) if c is not None and c not in stack[:i] and c.text.strip()]
        if not stack or id(stack[-1]) in seen:
            continue
        lowest = stack[-1]
        seen.add(id(lowest))
        text = one_line(lowest.text)
        role = _role(text)
        groups = [one_line(c.text) for c in stack[:-1]]
        if role is None and any(_PELAKSANA.match(g) for g in groups):
            role = "pelaksana"
        if role is None:
            continue
        middle = [g for g in groups if not (_PELAKSANA.match(g) or _GROUPS.match(g))]
        columns.append(Column(sheet.xs[lowest.col], sheet.xs[min(lowest.last_col + 1, len(sheet.xs) - 1)], role, text,
                              middle[-1] if role == "pelaksana" and middle else None))
        if role != "pelaksana":
            labels.setdefault(role, text)
    if not any(c.role == "pelaksana" for c in columns):
        return None, 0
    table = Table(columns, labels)
    body = anchor.last_row + 1
    numbers = [one_line(sheet.text(body, sheet.col_of(c.cx))) for c in columns]
    if numbers and sum(1 for n in numbers if _COLUMN_NUMBER.match(n)) >= len(columns) - 1:
        table.numbered_columns = True  # a row of column numbers, (1) (2) …, under the titles
        body += 1
    return table, body


def _words(text: str, column: Column, top: float) -> list[Word]:
    """A cell's text as the words of printed lines (one word a line), so the PDF reader's cell
    functions read it."""
    out = []
    for index, line in enumerate(one_line(part) for part in text.split("\n")):
        if line:
            y = top + 2 + index * 12
            out.append(Word(line, column.x0 + 2, y, column.x0 + 2 + min(column.x1 - column.x0 - 4, 4 * len(line)), y + 9))
    return out


def _rows(sheet: CellSheet, table: Table, body: int) -> list[tuple[Row, tuple[int, int]]]:
    """Each step as a :class:`Row` with its cells' words, and the sheet rows it spans."""
    key = {sheet.col_of(c.cx) for c in table.columns if c.role in ("no", "kegiatan")}
    starts = sorted({c.row for c in sheet.cells.values()
                     if c.row >= body and c.text.strip() and any(c.col <= k <= c.last_col for k in key)})
    spans: list[tuple[int, int]] = []
    for row in starts:  # only the rows where a No or Kegiatan cell starts: a sheet may reach row 1,048,576
        if spans and row <= spans[-1][1]:
            continue
        owners = [c for k in key if (c := sheet.owner(row, k)) is not None and c.text.strip() and c.row == row]
        spans.append((row, max(c.last_row for c in owners)))
    steps = []
    for first, last in spans:
        step = Row(0, sheet.ys[first], sheet.ys[min(last + 1, len(sheet.ys) - 1)])
        for column in table.columns:
            if column.role == "pelaksana":
                continue
            col = sheet.col_of(column.cx)
            cells = {id(c): c for r in range(first, last + 1) if (c := sheet.owner(r, col)) is not None and c.row >= first}
            text = "\n".join(c.text for c in sorted(cells.values(), key=lambda c: c.row) if c.text.strip())
            if text:
                step.cells[column.role] = _words(text, column, step.top)
        following = next((s for s in spans if s[0] > last), None)
        waktu = next((c for c in table.columns if c.role == "waktu"), None)
        merged = sheet.owner(last, sheet.col_of(waktu.cx)) if waktu is not None else None
        step.waktu_with_next = bool(merged and following and merged.last_row >= following[0])
        steps.append((step, (first, last)))
    return steps


def _place(sheet: CellSheet, table: Table, steps, notes: list[str]) -> None:
    lanes = [(i, c) for i, c in enumerate(table.columns) if c.role == "pelaksana"]
    left, right = lanes[0][1].x0, lanes[-1][1].x1
    top, bottom = steps[0][0].top, sheet.ys[-1]
    symbols: list[tuple[Drawn, Symbol]] = []
    outside = 0
    for shape in sheet.drawing.shapes:
        if shape.kind not in SYMBOLS:
            continue
        if not (left <= shape.cx <= right and top - 20 <= shape.cy <= bottom):
            outside += 1
            continue
        lane = next((i for i, c in lanes if c.x0 <= shape.cx <= c.x1), None)
        if lane is None:  # between two lanes' columns: another column stands there
            outside += 1
            continue
        symbol = Symbol(shape.kind, shape.x0, shape.top, shape.x1, shape.bottom, one_line(shape.text))
        symbols.append((shape, symbol))
        if shape.kind == "penghubung":
            table.connectors.append(symbol)
            continue
        row = next((r for r, _ in steps if r.top <= shape.cy <= r.bottom), None)
        if row is None:  # standing between steps: the step above it
            row = max((r for r, _ in steps if r.top <= shape.cy), key=lambda r: r.top, default=steps[0][0])
        row.symbols.append((lane, symbol))
    for row, _ in steps:
        row.symbols.sort(key=lambda item: (item[0], item[1].cy))
    if outside:
        notes.append(f"{outside} bentuk di luar kolom pelaksana lembar {sheet.name} tidak dibaca sebagai simbol")
    table.wires = _wires(sheet.drawing.links, symbols, [s for s in sheet.drawing.shapes if s.kind == "label"])
    _pair_connectors(table)


def _at(point: tuple[float, float], symbols: list[Symbol]) -> Symbol | None:
    """The symbol whose box is nearest ``point``, within :data:`REACH`."""
    near = min(symbols, key=lambda symbol: _box_distance(*point, symbol), default=None)
    return near if near is not None and _box_distance(*point, near) <= REACH else None


def _wires(links: list[Link], symbols: list[tuple[Drawn, Symbol]], labels: list[Drawn]) -> list[Wire]:
    ids = [shape.id for shape, _ in symbols]
    by_id = {shape.id: symbol for shape, symbol in symbols if shape.id and ids.count(shape.id) == 1}
    found = [symbol for _, symbol in symbols]
    out: list[tuple[Link, Wire]] = []
    for link in links:  # glued ends by the shape's id (where ids are unique), loose ones by where they stand
        start = by_id.get(link.start_shape or "") or _at(link.start, found)
        end = by_id.get(link.end_shape or "") or _at(link.end, found)
        if start is None or end is None or start is end:
            continue
        plain = not (link.head_at_start or link.head_at_end)
        if link.head_at_start and not link.head_at_end:
            start, end = end, start
        elif plain and (end.cy, end.cx) < (start.cy, start.cx):
            start, end = end, start  # a plain line: down the rows, as the sheet is read
        out.append((link, Wire([], [start], [end], label=one_line(link.label) or None, plain=plain)))
    for label in labels:  # a text box by a connector is its label ("Ya", "Tidak"): a decision's exit first
        for exits in (True, False):
            near = sorted((_distance(label, link), index) for index, (link, wire) in enumerate(out)
                          if not wire.label and (not exits or wire.sources[0].kind == "keputusan"))
            if near and near[0][0] <= LABEL_REACH and one_line(label.text):
                out[near[0][1]][1].label = one_line(label.text)
                break
    return [wire for _, wire in out]


def _distance(label: Drawn, link: Link) -> float:
    """From a text box's middle to the nearer of a connector's two elbow paths."""
    (x0, y0), (x1, y1) = link.start, link.end
    px, py = label.cx, label.cy
    best = float("inf")
    for corner in ((x0, y1), (x1, y0)):
        for a, b in (((x0, y0), corner), (corner, (x1, y1))):
            best = min(best, _to_segment(px, py, a, b))
    return best


def _to_segment(px: float, py: float, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if not length else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return ((px - ax - t * (bx - ax)) ** 2 + (py - ay - t * (by - ay)) ** 2) ** 0.5


def _pair_connectors(table: Table) -> None:
    """Off-page connectors with no letter: each one a wire enters is paired with the next one a wire
    leaves, down the sheet (a letter, where there is one, pairs them as the PDF reader does)."""
    entering = {id(t) for w in table.wires for t in w.targets}
    leaving = {id(s) for w in table.wires for s in w.sources}
    blank = sorted((c for c in table.connectors if not c.text.strip()), key=lambda c: (c.cy, c.cx))
    waiting: list[Symbol] = []
    for number, connector in enumerate(blank):
        if id(connector) in entering and id(connector) not in leaving:
            waiting.append(connector)
        elif id(connector) in leaving and id(connector) not in entering and waiting:
            partner = waiting.pop(0)
            partner.text = connector.text = f"\u2060{number}"  # an invisible mark of the pair; never written
