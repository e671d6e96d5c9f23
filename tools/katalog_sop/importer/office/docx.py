"""Import stage, a Word document (.docx) read into :class:`~.sheet.CellSheet`\\ s: each table of the
body (tabel 1, 2 …) as cells (spans and vertical merges joined), its paragraphs as lines, and the
shapes anchored in its cells.

Word does not store where a row ends up on the page: rows are as tall as
their text. A row's height here is its set height, else an estimate from its
lines; so a shape's place is taken from the cell its anchor stands in (its
row for certain) and its offsets inside that cell (its column, and roughly
where in the row). That is enough to tell the lane and the step of a symbol,
and which symbols a connector's ends stand at. Text inside a shape is the
shape's, never its cell's. Of a shape written twice (a drawing and its old
VML copy for older readers), the drawing is read; a shape kept only in VML
(a document first made for Word 97-2003) is read from it (:mod:`.vml`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from katalog_sop.importer.office.drawing import EMU_PER_POINT, Drawing, local, points, read
from katalog_sop.importer.office.package import Package, UnreadableOffice
from katalog_sop.importer.office.sheet import Cell, CellSheet
from katalog_sop.importer.office.vml import read_pict

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
LINE = 14.0
"""Points a line of text takes in a table row (11-12 pt type, single spacing, cell margins)."""
MOST_ROWS = 5000


def read_document(package: Package) -> list[CellSheet]:
    """The tables of the document's body, in order (tables inside tables are read as their cell's text)."""
    root = package.xml("word/document.xml")
    body = root.find(W + "body")
    if body is None:
        raise UnreadableOffice("dokumen Word tanpa isi (word/document.xml tidak memuat w:body)")
    return [_table(table, f"{number}") for number, table in enumerate(_top_tables(body), start=1)]


def _top_tables(element: ET.Element):
    """The tables not inside another table's cell or a text box, in document order."""
    for child in element:
        kind = local(child.tag)
        if kind == "tbl":
            yield child
        elif kind not in ("tc", "txbxContent", "Fallback"):
            yield from _top_tables(child)


def _widths(table: ET.Element) -> list[float]:
    grid = table.find(W + "tblGrid")
    widths = [_twips(col.get(W + "w")) for col in (grid.iter(W + "gridCol") if grid is not None else [])]
    return [w if w > 0 else 72.0 for w in widths]


def _twips(value: str | None) -> float:
    try:
        return int(float(value or "0")) / 20
    except ValueError:
        return 0.0


def _table(table: ET.Element, name: str) -> CellSheet:
    sheet = CellSheet(name)
    widths = _widths(table)
    rows = [row for row in table if local(row.tag) == "tr"][:MOST_ROWS]
    open_merges: dict[int, Cell] = {}
    placed: list[tuple[ET.Element, int, int]] = []  # (cell element, row, col) for the shapes
    heights = []
    for r, row in enumerate(rows):
        col, lines = 0, 1
        for tc in (c for c in row if local(c.tag) == "tc"):
            props = tc.find(W + "tcPr")
            span = _int_val(props, "gridSpan", 1)
            merge = props.find(W + "vMerge") if props is not None else None
            paragraphs, numbered = _paragraphs(tc)
            lines = max(lines, len(paragraphs) + sum(len(p) // 60 for p in paragraphs))
            continued = merge is not None and merge.get(W + "val", "continue") == "continue"
            if continued and col in open_merges:
                above = open_merges[col]  # a continued vertical merge: the cell above grows
                above.rows = r - above.row + 1
                sheet.add(above)
            else:
                cell = Cell(r, col, "\n".join(paragraphs), 1, span, numbered=numbered, paragraphs=True)
                sheet.add(cell)
                if merge is not None:
                    open_merges[col] = cell
                else:
                    open_merges.pop(col, None)
            placed.append((tc, r, col))
            col += span
        while len(widths) < col:
            widths.append(72.0)
        set_height = _twips(_row_height(row))
        heights.append(max(set_height, lines * LINE + 4))
    sheet.xs = _running(widths)
    sheet.ys = _running(heights)
    sheet.drawing = Drawing()
    for tc, r, col in placed:
        _shapes(tc, sheet, r, col)
    return sheet


def _running(sizes: list[float]) -> list[float]:
    out, at = [0.0], 0.0
    for size in sizes:
        at += size
        out.append(at)
    return out


def _int_val(props: ET.Element | None, name: str, default: int) -> int:
    node = props.find(W + name) if props is not None else None
    try:
        return max(1, int(node.get(W + "val", default))) if node is not None else default
    except ValueError:
        return default


def _row_height(row: ET.Element) -> str | None:
    props = row.find(W + "trPr")
    height = props.find(W + "trHeight") if props is not None else None
    return height.get(W + "val") if height is not None else None


def _paragraphs(tc: ET.Element) -> tuple[list[str], bool]:
    """The cell's paragraphs as text (shapes' text left out), and whether they are a Word list."""
    texts, numbered = [], False
    for paragraph in _own(tc, "p"):
        text = _text(paragraph).strip()
        if text:
            texts.append(text)
            props = paragraph.find(W + "pPr")
            numbered = numbered or (props is not None and props.find(W + "numPr") is not None)
    return texts, numbered and len(texts) > 1


def _own(element: ET.Element, name: str):
    """Descendants named ``name`` that are not inside a shape, a text box or a nested table."""
    for child in element:
        kind = local(child.tag)
        if kind in ("drawing", "pict", "AlternateContent", "txbxContent", "tbl", "object"):
            continue
        if kind == name:
            yield child
        else:
            yield from _own(child, name)


def _text(paragraph: ET.Element) -> str:
    out = []
    for node in _walk(paragraph):
        kind = local(node.tag)
        if kind == "t":
            out.append(node.text or "")
        elif kind in ("tab", "br", "cr"):
            out.append(" ")
    return "".join(out)


def _walk(element: ET.Element):
    for child in element:
        if local(child.tag) in ("drawing", "pict", "AlternateContent", "txbxContent", "object", "delText"):
            continue
        yield child
        yield from _walk(child)


def _shapes(tc: ET.Element, sheet: CellSheet, row: int, col: int) -> None:
    """The shapes anchored in a cell's paragraphs, placed from the cell's corner by their offsets."""
    x0, top = sheet.xs[col], sheet.ys[row]
    bottom = sheet.ys[row + 1]
    for pict in _under(tc, lambda node: local(node.tag) == "pict"):
        read_pict(pict, (x0, top), sheet.drawing)
    for anchor in _under(tc, lambda node: local(node.tag) in ("anchor", "inline") and node.tag.startswith(WP)):
        graphic = next((n for n in anchor.iter() if local(n.tag) in ("wsp", "wgp", "wpc", "pic")), None)
        if graphic is None:
            continue
        extent = anchor.find(WP + "extent")
        w = points(extent, "cx")
        h = points(extent, "cy")
        dx = _offset(anchor.find(WP + "positionH"))
        dy = _offset(anchor.find(WP + "positionV"))
        if dy is None or not (0 <= dy <= bottom - top):
            dy = max(0.0, (bottom - top - h) / 2)  # placed from the page or the margin: the middle of its row
        if dx is None:
            dx = 0.0
        box = (x0 + dx, top + dy, x0 + dx + w, top + dy + h)
        before = len(sheet.drawing.shapes), len(sheet.drawing.links)
        if local(graphic.tag) == "wpc":  # a drawing canvas: its shapes are placed like a group's
            for child in graphic:
                if local(child.tag) in ("wsp", "wgp", "pic"):
                    read(child, _in_canvas(child, box), sheet.drawing)
        else:
            read(graphic, box, sheet.drawing)
        properties = anchor.find(WP + "docPr")
        added = sheet.drawing.shapes[before[0]:] + sheet.drawing.links[before[1]:]
        if len(added) == 1 and not added[0].id and properties is not None:  # a lone shape's id is its anchor's
            added[0].id = properties.get("id", "")


def _under(element: ET.Element, wanted):
    """The nodes under ``element`` that ``wanted`` accepts, not inside a VML fallback copy of a drawing
    nor a nested table (whose cells have their own shapes); a node accepted is not looked into."""
    for child in element:
        if local(child.tag) in ("Fallback", "tbl"):
            continue
        if wanted(child):
            yield child
        else:
            yield from _under(child, wanted)


def _offset(position: ET.Element | None) -> float | None:
    """An anchor's offset (points) from its cell, or None when it is placed from the page or margin."""
    if position is None or position.get("relativeFrom") not in ("column", "character", "paragraph", "line", "insideMargin"):
        return None
    offset = position.find(WP + "posOffset")
    try:
        return int(offset.text or "0") / EMU_PER_POINT if offset is not None else None
    except ValueError:
        return None


def _in_canvas(child: ET.Element, box) -> tuple[float, float, float, float]:
    xfrm = next((n for n in child.iter() if local(n.tag) == "xfrm"), None)
    off = next((n for n in xfrm if local(n.tag) == "off"), None) if xfrm is not None else None
    ext = next((n for n in xfrm if local(n.tag) == "ext"), None) if xfrm is not None else None
    x = box[0] + points(off, "x")
    y = box[1] + points(off, "y")
    return x, y, x + points(ext, "cx"), y + points(ext, "cy")
