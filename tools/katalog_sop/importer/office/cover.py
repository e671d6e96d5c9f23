"""Import stage, the identity block of an Office SOP: labelled fields, the kop, and the six sections,
read from cells (an Excel cover sheet, a Word identity table).

A field's label is matched in the agency's wordings (as the PDF reader does,
:data:`~katalog_sop.importer.identity.FIELDS`); its value is the text after
the label in the same cell, else the cells right of it in the label's rows
(the approval: down to the next label, as jabatan, nama and NIP stand on
lines of their own). The kop is the text left of the labels, above the
sections: the agency on its first line, the unit on its last; a line between
them is kept in a note. A section's items are the rows under its title, in
its columns, down to the next title there: one row, one item (a number cell
beside it is the item's number), a cell of numbered lines split by number.
"""

from __future__ import annotations

import re

from katalog_sop.importer.approval import approval as _approval
from katalog_sop.importer.identity import _FIELD, _SECTION, _match, split_items, title_case
from katalog_sop.importer.office.sheet import Cell, CellSheet

_HEADING = re.compile(r"^\s*(standar\s+operasional\s+prosedur|s\s*\.?\s*o\s*\.?\s*p\s*\.?|logo)\b.*$", re.I)
_NUMBER_ONLY = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]?\s*$")


def lines_of(cell: Cell) -> list[str]:
    return [line.strip() for line in cell.text.split("\n") if line.strip()]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_cover(sheet: CellSheet) -> tuple[dict, list[str], int]:
    """(values, notes) of the identity block on ``sheet``; values as the PDF reader gives them."""
    values: dict = {}
    notes: list[str] = []
    labels: list[tuple[str, Cell, str]] = []
    for cell in sheet.in_rows(0, sheet.last_row):
        key, rest = _match(_FIELD, one_line(cell.text))
        if key is not None and key not in {k for k, _, _ in labels}:
            labels.append((key, cell, rest))
    sections = _section_titles(sheet)
    for index, (key, cell, rest) in enumerate(labels):
        following = [c for _, c, _ in labels[index + 1:] if c.col <= cell.last_col + 1]
        lines = [rest] if rest else _beside(sheet, cell, key, following)
        lines = [line.lstrip(": ").strip() for line in lines if line.strip(": ").strip()]
        if key == "disahkan_oleh":
            values[key] = _approval(lines)
        elif lines:
            values[key] = one_line(" ".join(lines))
    if labels:
        _kop(sheet, labels, sections, values, notes)
    for key, cell, end in sections:
        items = _items(sheet, cell, end)
        if items:
            values[key] = items
    return values, notes


def _beside(sheet: CellSheet, label: Cell, key: str, following: list[Cell]) -> list[str]:
    """The text right of a label: in its own rows, or (the approval) down to the next label."""
    last = label.last_row
    if key == "disahkan_oleh":
        below = [c.row for c in following if c.row > label.last_row]
        last = min(below) - 1 if below else label.last_row + 4
    found = [c for c in sheet.in_rows(label.row, last) if c.col > label.last_col]
    return [line for c in found for line in lines_of(c)]


def _section_titles(sheet: CellSheet) -> list[tuple[str, Cell, int]]:
    """(key, title cell, last row of its items) of each section, in reading order."""
    titles = []
    for cell in sheet.in_rows(0, sheet.last_row):
        key, _ = _match(_SECTION, one_line(cell.text))
        if key is not None and key not in {k for k, _, _ in titles}:
            titles.append((key, cell, 0))
    out = []
    for key, cell, _ in titles:
        below = [c.row for _, c, _ in titles if c.row > cell.last_row and c.col <= cell.last_col and c.last_col >= cell.col]
        end = min(below) - 1 if below else sheet.last_row
        out.append((key, cell, end))
    return out


def _items(sheet: CellSheet, title: Cell, end: int) -> list[str]:
    """The section's items: the text after its title in the title's cell, then the rows under it."""
    _, rest = _match(_SECTION, title.text.split("\n")[0].strip())
    texts = ([rest] if rest else []) + lines_of(title)[1:]
    items = _split(texts, title)
    for row in range(title.last_row + 1, end + 1):
        cells = [c for c in sheet.in_rows(row, row) if c.col >= title.col and c.last_col <= title.last_col]
        words = [c for c in cells if not _NUMBER_ONLY.match(c.text)]
        if len(words) == 1:
            items += _split(lines_of(words[0]), words[0])
        elif words:
            items.append(one_line(" ".join(c.text for c in words)))
    return [item for item in items if item and item not in ("-", ":")]


def _split(texts: list[str], cell: Cell) -> list[str]:
    if not texts:
        return []
    if cell.numbered:  # Word's list paragraphs: one paragraph, one item
        return [one_line(t) for t in texts]
    if any(re.match(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s+|^\s*[-\u2022\u25cf\u2013\u00b7]\s*", t) for t in texts):
        return split_items(texts)
    if cell.paragraphs:
        return split_items(texts)
    return [one_line(" ".join(texts))]


def _kop(sheet: CellSheet, labels, sections, values: dict, notes: list[str]) -> None:
    """The kop: the lines left of the labelled fields (above the sections), the agency first, the unit last."""
    left = min(c.col for _, c, _ in labels)
    top = min((c.row for _, c, _ in sections), default=sheet.last_row + 1)
    lines = []
    for cell in sheet.in_rows(0, top - 1):
        if cell.last_col >= left:
            continue
        lines += [line for line in lines_of(cell) if not _HEADING.match(line)]
    if not lines:
        return
    values["instansi"] = title_case(one_line(lines[0]))
    if len(lines) > 1:
        values["unit"] = one_line(lines[-1])
    for line in lines[1:-1]:
        notes.append(f"baris kop di antara instansi dan unit: '{one_line(line)}'")
