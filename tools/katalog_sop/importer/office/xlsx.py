"""Import stage, an Excel workbook (.xlsx) read into :class:`~.sheet.CellSheet`\\ s: each visible sheet's
cells as shown (dates as dates, numbers as numbers), its merged ranges, where its columns and rows
stand, and the shapes anchored to its cells.

Positions come from the anchors (a cell and an offset in it, as Excel places
a shape), never from a shape's own ``xfrm``, which Excel does not keep up to
date when rows and columns change size. A column's width is in characters of
the default font; it becomes points the way Excel draws it (7 pixels a
character for Calibri 11, plus padding), close enough to tell which cell a
shape stands in.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from katalog_sop.importer.office.drawing import EMU_PER_POINT, Drawing, local, points, read
from katalog_sop.importer.office.package import OFFICE_REL, Package, UnreadableOffice
from katalog_sop.importer.office.sheet import Cell, CellSheet
from katalog_sop.tanggal import format_tanggal

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
MOST_CELLS = 200_000
MOST_ROWS = 1_048_576
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_DATE_CODE = re.compile(r"[dmy]", re.I)
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_BUILTIN_DATES = set(range(14, 23)) | set(range(27, 37)) | set(range(50, 59))


def ref(text: str) -> tuple[int, int] | None:
    """"B13" -> (12, 1): row and column from 0."""
    found = _REF.match(text.strip().upper().replace("$", ""))
    if not found:
        return None
    col = 0
    for letter in found.group(1):
        col = col * 26 + ord(letter) - 64
    return int(found.group(2)) - 1, col - 1


def read_workbook(package: Package) -> list[CellSheet]:
    """The workbook's visible sheets in their order."""
    book = package.xml("xl/workbook.xml")
    rels = package.relations("xl/workbook.xml")
    strings = _shared_strings(package)
    dates = _date_styles(package)
    sheets = []
    for sheet in book.iter(M + "sheet"):
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        part = rels.get(sheet.get(OFFICE_REL + "id", ""))
        if part is None or not package.has(part):
            continue
        sheets.append(_sheet(package, part, sheet.get("name", ""), strings, dates))
    return sheets


def _shared_strings(package: Package) -> list[str]:
    if not package.has("xl/sharedStrings.xml"):
        return []
    out = []
    for item in package.xml("xl/sharedStrings.xml").iter(M + "si"):
        out.append("".join(t.text or "" for t in item.iter(M + "t") if not _in_phonetic(item, t)))
    return out


def _in_phonetic(item: ET.Element, t: ET.Element) -> bool:
    return any(t in list(ph.iter(M + "t")) for ph in item.iter(M + "rPh"))


def _date_styles(package: Package) -> set[int]:
    """Indexes of the cell styles that show a number as a date."""
    if not package.has("xl/styles.xml"):
        return set()
    styles = package.xml("xl/styles.xml")
    custom = {}
    for fmt in styles.iter(M + "numFmt"):
        code = _QUOTED.sub("", fmt.get("formatCode", ""))
        custom[int(fmt.get("numFmtId", "0"))] = bool(_DATE_CODE.search(code)) and "h" not in code.lower()
    out = set()
    xfs = styles.find(M + "cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else []):
        number = int(xf.get("numFmtId", "0") or 0)
        if custom.get(number, number in _BUILTIN_DATES):
            out.add(index)
    return out


def _value(cell: ET.Element, strings: list[str], dates: set[int]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(M + "t"))
    value = cell.find(M + "v")
    text = value.text if value is not None and value.text is not None else ""
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "Ya" if text == "1" else "Tidak"
    if kind == "n" and text and int(cell.get("s", "0") or 0) in dates:
        try:
            return format_tanggal(dt.date(1899, 12, 30) + dt.timedelta(days=int(float(text))))
        except (ValueError, OverflowError):
            return text
    if kind == "n" and re.fullmatch(r"-?\d+\.0+", text):
        return text.split(".")[0]
    return text


def _sheet(package: Package, part: str, name: str, strings: list[str], dates: set[int]) -> CellSheet:
    root = package.xml(part)
    out = CellSheet(name)
    merges = {}
    for merge in root.iter(M + "mergeCell"):
        span = [ref(p) for p in merge.get("ref", "").split(":")]
        if len(span) == 2 and span[0] and span[1]:
            merges[span[0]] = (span[1][0] - span[0][0] + 1, span[1][1] - span[0][1] + 1)
    heights: dict[int, float] = {}
    count = 0
    for row in root.iter(M + "row"):
        index = int(row.get("r", "0") or 0) - 1
        if row.get("hidden") in ("1", "true"):
            heights[index] = 0.0
        elif row.get("ht"):
            heights[index] = float(row.get("ht"))
        for cell in row.iter(M + "c"):
            count += 1
            if count > MOST_CELLS:
                raise UnreadableOffice(f"lembar {name} berisi lebih dari {MOST_CELLS} sel; terlalu besar untuk sebuah SOP")
            where = ref(cell.get("r", ""))
            text = _value(cell, strings, dates)
            if where is None or (not text.strip() and where not in merges):
                continue
            rows, cols = merges.pop(where, (1, 1))
            out.add(Cell(where[0], where[1], text.replace("\r\n", "\n"), rows, cols))
    for (row, col), (rows, cols) in merges.items():  # a merged range whose first cell is empty
        out.add(Cell(row, col, "", rows, cols))
    anchors = _anchors(package, part, root)
    last_row = max([out.last_row] + [a[2] for a in anchors] + [0]) + 2
    last_col = max([c.last_col for c in out.cells.values()] + [a[0] for a in anchors] + [0]) + 2
    out.xs = _edges(_widths(root, last_col), last_col)
    out.ys = _edges(_heights(root, heights), last_row)
    out.drawing = _drawing(anchors, out)
    return out


def _widths(root: ET.Element, last: int) -> dict[int, float]:
    """Column index -> width in points."""
    form = root.find(M + "sheetFormatPr")
    default = None
    if form is not None and form.get("defaultColWidth"):
        default = float(form.get("defaultColWidth"))
    base = float(form.get("baseColWidth", "8")) if form is not None else 8.0
    widths = {"default": _points(default) if default is not None else (int(base * 7) + 5) * 0.75}
    for col in root.iter(M + "col"):
        first, end = int(col.get("min", "1")) - 1, min(int(col.get("max", "1")), last + 1)
        width = 0.0 if col.get("hidden") in ("1", "true") else _points(float(col.get("width", "0") or 0))
        for index in range(first, end):
            widths[index] = width
    return widths


def _points(chars: float) -> float:
    """A width in characters as Excel draws it, in points (Calibri 11: 7 pixels a character)."""
    pixels = int(((256 * chars + int(128 / 7)) / 256) * 7)
    return pixels * 0.75


def _heights(root: ET.Element, heights: dict[int, float]) -> dict:
    form = root.find(M + "sheetFormatPr")
    default = float(form.get("defaultRowHeight", "15")) if form is not None else 15.0
    return {**heights, "default": default}


def _edges(sizes: dict, last: int) -> list[float]:
    edges, at = [], 0.0
    for index in range(min(last, MOST_ROWS) + 1):
        edges.append(at)
        at += sizes.get(index, sizes["default"])
    edges.append(at)
    return edges


def _anchors(package: Package, part: str, root: ET.Element) -> list[tuple]:
    """(column, column offset, row, row offset, element, end) of each anchored drawing element."""
    drawing_ref = root.find(M + "drawing")
    if drawing_ref is None:
        return []
    path = package.relations(part).get(drawing_ref.get(OFFICE_REL + "id", ""))
    if path is None or not package.has(path):
        return []
    out = []
    for anchor in package.xml(path):
        kind = local(anchor.tag)
        start = anchor.find(XDR + "from")
        element = next((c for c in anchor if local(c.tag) in ("sp", "cxnSp", "grpSp", "pic", "graphicFrame")), None)
        if element is None:
            continue
        if kind == "absoluteAnchor":
            pos, ext = anchor.find(XDR + "pos"), anchor.find(XDR + "ext")
            out.append((0, 0, 0, 0, element, ("abs", points(pos, "x"), points(pos, "y"), points(ext, "cx"), points(ext, "cy"))))
            continue
        if start is None:
            continue
        first = _cell_point(start)
        if kind == "twoCellAnchor" and anchor.find(XDR + "to") is not None:
            end = ("cell",) + _cell_point(anchor.find(XDR + "to"))
        else:
            ext = anchor.find(XDR + "ext")
            end = ("ext", points(ext, "cx"), points(ext, "cy"))
        out.append(first + (element, end))
    return out


def _cell_point(element: ET.Element) -> tuple[int, float, int, float]:
    def number(name: str) -> int:
        node = element.find(XDR + name)
        try:
            return max(0, min(int(node.text or "0"), MOST_ROWS)) if node is not None else 0
        except ValueError:
            return 0

    return number("col"), number("colOff") / EMU_PER_POINT, number("row"), number("rowOff") / EMU_PER_POINT


def _drawing(anchors: list[tuple], sheet: CellSheet) -> Drawing:
    drawing = Drawing()

    def at(col: int, col_off: float, row: int, row_off: float) -> tuple[float, float]:
        x = sheet.xs[min(col, len(sheet.xs) - 1)] + col_off
        y = sheet.ys[min(row, len(sheet.ys) - 1)] + row_off
        return x, y

    for col, col_off, row, row_off, element, end in anchors:
        if end[0] == "abs":
            box = (end[1], end[2], end[1] + end[3], end[2] + end[4])
        else:
            x0, y0 = at(col, col_off, row, row_off)
            x1, y1 = at(*end[1:]) if end[0] == "cell" else (x0 + end[1], y0 + end[2])
            box = (x0, y0, x1, y1)
        read(element, box, drawing)
    return drawing
