"""Import stage, the flowchart table: its header, its columns, its rows and the symbols in them.

The header is found by its titles in the agency's wordings (Kegiatan,
Aktivitas, Uraian Prosedur; Kelengkapan, Persyaratan, Input, Sumber Data …);
the columns by the vertical rules just below it; each pelaksana column is one
between Kegiatan and the first Mutu Baku column, named by its lowest header
cell (and its group by the cell above, where that is not "Pelaksana"). Rows
are the bands between the rules that cross the Kegiatan column; a table that
goes on over the next page keeps its columns there. Symbols are the drawn
figures standing in a pelaksana column: their kind from their outline
(rectangle, rounded, diamond), their row and column from where they stand.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from katalog_sop.importer.grid import Cell, Grid, joined, lines, text_of
from katalog_sop.importer.identity import list_items
from katalog_sop.importer.page import Page, Word
from katalog_sop.importer.symbols import Symbol, holds, symbols_of

ROLES = (
    ("no", r"no\.?|nomor|no\s*urut"),
    ("kegiatan", r"kegiatan|aktivitas(?:\s*/\s*kegiatan)?|uraian(?:\s+prosedur|\s+kegiatan)?|prosedur|langkah(?:\s+kegiatan)?"),
    ("kelengkapan", r"kelengkapan.*|persyaratan.*|input|sumber\s*data|bahan|syarat.*"),
    ("waktu", r"waktu.*"),
    ("output", r"output|keluaran|hasil"),
    ("keterangan", r"keterangan|ket\.?"),
)
_ROLE = [(role, re.compile(rf"^\s*(?:{pattern})\s*[.:]?\s*$", re.I)) for role, pattern in ROLES]
TITLES = ("kegiatan", "aktivitas", "uraian kegiatan", "uraian prosedur", "kelengkapan", "persyaratan", "keterangan")
"""The column titles long enough to be told apart when OCR misreads a letter of them."""
_GROUP_TITLES = r"pelaksana|mutu\s*bak[uo]|mutu\s*buku"
"""The form's own titles over groups of columns (one form prints "Mutu Buku")."""
_GROUPS = re.compile(rf"^\s*(?:{_GROUP_TITLES})\s*$", re.I)
_GROUP_WORDS = re.compile(rf"\b(?:{_GROUP_TITLES})\b", re.I)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
MUTU = ("kelengkapan", "waktu", "output")
BAND = 30.0
"""How far above or below the rows an off-page connector (and the line to it) may stand."""


@dataclass
class Column:
    x0: float
    x1: float
    role: str
    """no, kegiatan, kelengkapan, waktu, output, keterangan, or pelaksana."""
    label: str
    kelompok: str | None = None

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Row:
    page: int
    top: float
    bottom: float
    cells: dict[str, list[Word]] = field(default_factory=dict)
    symbols: list[tuple[int, Symbol]] = field(default_factory=list)
    """(pelaksana column index, symbol), left to right."""
    waktu_with_next: bool = False
    """The Waktu cell goes on into the next row: no rule closes it below this row."""


@dataclass
class Table:
    columns: list[Column]
    header_labels: dict[str, str]
    """role -> the printed title (for the agency's form labels)."""
    numbered_columns: bool = False
    rows: list[Row] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    title: str | None = None
    """The title printed above the table, where an SOP holds several tables."""
    lane_names: dict = field(default_factory=dict)
    """Column index -> the name or id the draft gives that pelaksana."""
    wires: list = field(default_factory=list)
    """The arrows read (:class:`~katalog_sop.importer.arrows.Wire`), over all its pages."""
    connectors: list = field(default_factory=list)
    """Off-page connectors (:class:`Symbol`, with their letter as text)."""

    @property
    def lanes(self) -> list[Column]:
        return [c for c in self.columns if c.role == "pelaksana"]


def _role(text: str, scanned: bool = False) -> str | None:
    """The column a header title names; on a scan, also a long title OCR misread by a letter or two
    ("Kegiatari")."""
    for role, pattern in _ROLE:
        if pattern.match(text):
            return role
    if scanned and len(text.strip()) >= 7:
        plain = text.strip(" .:").lower()
        near = max(TITLES, key=lambda title: difflib.SequenceMatcher(None, plain, title).ratio())
        if difflib.SequenceMatcher(None, plain, near).ratio() >= 0.8:
            return _role(near)
    return None


def _header_anchor(page: Page, grid: Grid, below: float) -> Cell | None:
    """The Kegiatan title's cell: the header of a step table on this page, below ``below``."""
    scanned = page.scanned
    for line in lines([w for w in page.words if w.top > below]):
        for start in range(len(line)):
            for end in range(start + 1, min(len(line), start + 3) + 1):
                text = text_of(line[start:end])
                if _role(text, scanned) == "kegiatan":
                    cell = grid.cell_at(line[start].cx, line[start].cy)
                    if cell is not None and text_of(lines(grid.words_in(cell))[0]).strip().lower() == text.lower():
                        return cell
    return None


def read_header(page: Page, grid: Grid, below: float = 0.0) -> Table | None:
    """The step table's header on ``page`` (the first one below ``below``), or ``None``."""
    anchor = _header_anchor(page, grid, below)
    if anchor is None:
        return None
    probe = anchor.bottom + 3
    edges = sorted(r.at for r in grid.vertical if r.start - 2 <= probe <= r.end + 2 and r.start <= anchor.bottom + 2)
    if len(edges) < 4:
        return None
    columns: list[Column] = []
    labels: dict[str, str] = {}
    scanned = page.scanned
    for x0, x1 in zip(edges, edges[1:]):
        if x1 - x0 < 8:  # the gap between a cell's border and its neighbour's, where each cell has its own
            continue
        own, groups, spanning = [], [], set()
        for word in page.words:
            if not (x0 <= word.cx <= x1 and anchor.top - 1 <= word.cy <= anchor.bottom + 1):
                continue
            cell = grid.cell_at(word.cx, word.cy)
            # a title whose cell spans more than this column is a group's (Pelaksana, Mutu Baku, a kelompok)
            if cell is not None and (cell.x0 < x0 - 5 or cell.x1 > x1 + 5) and cell.x1 - cell.x0 > 1.5 * (x1 - x0):
                spanning.add(cell)
            else:
                own.append(word)
        groups = [w for cell in spanning for w in grid.words_in(cell)]  # the whole title, past this column too
        label = joined(lines(own))
        role = _role(label, scanned) if label else None
        above = joined([line for line in lines(groups) if not _GROUPS.match(text_of(line))])
        if role is None and not label and _role(above, scanned):  # one title over two columns ("Uraian Prosedur" over No)
            role, label = _role(above, scanned), above
        kelompok = above if role is None and above and not _GROUPS.match(above) and _role(above, scanned) is None else None
        columns.append(Column(x0, x1, role or "pelaksana", label, kelompok))
    for left, right in zip(columns, columns[1:]):
        if left.role == right.role == "kegiatan":  # the narrow one under a shared title is the number column
            left.role, left.label = "no", ""
        if role and label:
            labels.setdefault(role, label)
    roles = [c.role for c in columns]
    if "kegiatan" not in roles:
        return None
    first = roles.index("kegiatan")
    mutu = [i for i, r in enumerate(roles) if r in MUTU + ("keterangan",)]
    end = mutu[0] if mutu else len(columns)
    for index, column in enumerate(columns):  # a titled column outside the lanes' span is not a lane
        if column.role == "pelaksana" and not (first < index < end):
            column.role = "lain"
    table = Table(columns, labels)
    return table


def read_rows(table: Table, page: Page, grid: Grid, top: float) -> float:
    """Add the rows of ``page`` below ``top`` to ``table``; the bottom of the last one."""
    kegiatan = next(c for c in table.columns if c.role == "kegiatan")
    crossing = sorted({r.at for r in grid.horizontal if r.at > top - 1 and r.start <= kegiatan.x0 + 2 and r.end >= kegiatan.x1 - 2})
    if crossing:  # a last rule drawn only in part: the table ends where its column lines do
        ends = [r.end for r in grid.vertical if abs(r.at - kegiatan.x0) < 2 and r.start <= crossing[-1] + 1]
        if ends and max(ends) > crossing[-1] + 4:
            crossing.append(max(ends))
    bottom = top
    for y0, y1 in zip(crossing, crossing[1:]):
        if y1 - y0 < 4:
            continue
        row = Row(page.number, y0, y1)
        for column in table.columns:
            row.cells.setdefault(column.role if column.role != "pelaksana" else f"lane{table.columns.index(column)}", [])
        for word in page.words:
            if y0 <= word.cy <= y1:
                for index, column in enumerate(table.columns):
                    if column.x0 <= word.cx <= column.x1:
                        key = column.role if column.role != "pelaksana" else f"lane{index}"
                        row.cells.setdefault(key, []).append(word)
        texts = [w.text for w in row.cells.get("no", []) + row.cells.get("kegiatan", [])]
        if not texts:
            continue
        if all(_COLUMN_NUMBER.match(t) for t in [w.text for c in table.columns for w in row.cells.get(c.role, [])] if t):
            if not table.rows:  # the form's row of column numbers "(1) (2) ..."
                table.numbered_columns = True
                continue
        table.rows.append(row)
        bottom = y1
    if page.number not in table.pages:
        table.pages.append(page.number)
    here = [r for r in table.rows if r.page == page.number]
    waktu = next((c for c in table.columns if c.role == "waktu"), None)
    if waktu is not None:  # a Waktu cell merged over rows: the rule between them stops short of it
        for row, after in zip(here, here[1:]):
            row.waktu_with_next = abs(row.bottom - after.top) < 1 and not any(
                abs(r.at - row.bottom) < 1.5 and r.start <= waktu.x0 + 2 and r.end >= waktu.x1 - 2 for r in grid.horizontal)
    _place_symbols(table, page, here)
    return bottom


def cell_text(words: list[Word]) -> str:
    return joined(lines(words))


def cell_items(words: list[Word], column: Column) -> list[str]:
    """A Kelengkapan or Output cell as items: its numbered or bulleted entries, else its whole text."""
    if not words:
        return []
    items = list_items(words, Cell(column.x0, 0, column.x1, 0))
    numbered = any(_NUMBERED_LINE.match(text_of(line)) for line in lines(words))
    return items if numbered else [cell_text(words)]


_NUMBERED_LINE = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s+|^\s*[-\u2022\u25cf\u2013\u00b7]\s*")


def _place_symbols(table: Table, page: Page, rows: list[Row]) -> None:
    if not rows:
        return
    from katalog_sop.importer.arrows import wires

    lanes = [(i, c) for i, c in enumerate(table.columns) if c.role == "pelaksana"]
    # off-page connectors may stand just above the first row or below the last, outside the rows
    found = symbols_of(page, [c for _, c in lanes], rows[0].top - BAND, rows[-1].bottom + BAND)
    found = [s for s in found if s.kind == "penghubung" or rows[0].top <= s.cy <= rows[-1].bottom]
    table.wires += wires(page, table, found, rows[0].top - BAND, rows[-1].bottom + BAND)
    for symbol in found:
        if symbol.kind == "penghubung":
            table.connectors.append(symbol)
            continue
        row = next((r for r in rows if r.top <= symbol.cy <= r.bottom), None)
        lane = next((i for i, c in lanes if c.x0 <= symbol.cx <= c.x1), None)
        if row is not None and lane is not None:
            row.symbols.append((lane, symbol))
    for row in rows:
        row.symbols.sort(key=lambda item: (item[0], item[1].cy))  # by column; one column's from the top
        # words inside a symbol are its text, not the lane's
        for index, _ in lanes:
            row.cells[f"lane{index}"] = [w for w in row.cells.get(f"lane{index}", [])
                                         if not any(holds(s, w.cx, w.cy) for _, s in row.symbols)]


def read_tables(pages: list[Page], grids: list[Grid], start: float) -> list[Table]:
    """The SOP's step tables, from the first page with a header (below ``start`` on the first page).

    A table goes on over the next pages that keep its columns or repeat its
    header; a header with other columns, or with a title printed above it,
    starts another table of the same SOP.
    """
    tables: list[Table] = []
    for page, grid in zip(pages, grids):
        top = start if page.number == pages[0].number else 0.0
        header = read_header(page, grid, top)
        if header is not None:
            kegiatan = next(c for c in header.columns if c.role == "kegiatan")
            header_top = _header_top(grid, kegiatan)
            header.title = _title_above(page, header, header_top, top)
            current = tables[-1] if tables else None
            same = current is not None and [c.label for c in current.columns] == [c.label for c in header.columns]
            if current is None or not same or (header.title and header.title != current.title):
                tables.append(header)
            read_rows(tables[-1], page, grid, _header_bottom(grid, kegiatan))
        elif tables and _same_columns(grid, tables[-1]):
            read_rows(tables[-1], page, grid, 0.0)
    return [t for t in tables if t.rows]


def _header_top(grid: Grid, kegiatan: Column) -> float:
    scanned = grid.page.scanned
    cell = grid.cell_at(kegiatan.cx, next((w.cy for w in grid.page.words if kegiatan.x0 <= w.cx <= kegiatan.x1
                                           and _role(w.text, scanned) == "kegiatan"), 0))
    return cell.top if cell is not None else 0.0


def _title_above(page: Page, table: Table, header_top: float, above: float) -> str | None:
    """One or two lines printed just above the table's header, within its width: its title."""
    x0, x1 = table.columns[0].x0, table.columns[-1].x1
    near = [w for w in page.words if above < w.bottom <= header_top + 1 and w.top >= header_top - 40
            and x0 - 5 <= w.x0 and w.x1 <= x1 + 5]
    # a page number ("- 2 -") or the header's own group titles are no table's title
    printed = [line for line in lines(near) if not _PAGE_NUMBER.match(text_of(line))
               and _GROUP_WORDS.sub("", text_of(line)).strip()]
    if not printed or len(printed) > 2:
        return None
    return " ".join(text_of(line) for line in printed)


_PAGE_NUMBER = re.compile(r"^\s*[-\u2013]?\s*\d{1,3}\s*[-\u2013]?\s*$|^\s*(?:halaman|hal\.?)\s*\d+", re.I)


def _header_bottom(grid: Grid, kegiatan: Column) -> float:
    cell = None
    for rule in sorted(grid.horizontal, key=lambda r: r.at):
        if rule.start <= kegiatan.x0 + 2 and rule.end >= kegiatan.x1 - 2:
            words = [w for w in grid.page.words if kegiatan.x0 <= w.cx <= kegiatan.x1 and w.cy < rule.at]
            if any(_role(text_of(line), grid.page.scanned) == "kegiatan" for line in lines(words)):
                cell = rule.at
                break
    return cell if cell is not None else 0.0


def _same_columns(grid: Grid, table: Table) -> bool:
    xs = [r.at for r in grid.vertical if r.end - r.start > 20]
    return sum(1 for c in table.columns if any(abs(c.x0 - x) < 3 for x in xs)) >= len(table.columns) - 1
