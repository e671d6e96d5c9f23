"""An Excel workbook (.xlsx) of the test SOP, written part by part: a cover sheet with the identity
block and its sections in cells, a flowchart sheet whose symbols and connectors are shapes anchored
to cells, as agencies keep them (see :mod:`officemaker`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from importer.officemaker import EMU, SOP, Flow, _connector_xml, _shape_xml, connector_frame, flow, zip_parts

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
DRAWING_NS = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
WIDTH = 20.0
"""Every column's width in characters: 145 pixels, 108.75 points."""
HEIGHT = 60.0


def col_points(chars: float = WIDTH) -> float:
    return int(((256 * chars + int(128 / 7)) / 256) * 7) * 0.75


@dataclass
class XSheet:
    name: str
    cells: dict = field(default_factory=dict)
    """(row, col) from 0 -> text, or a date (written as a number with a date style)."""
    merges: list = field(default_factory=list)
    heights: dict = field(default_factory=dict)
    flow: Flow | None = None
    hidden: bool = False


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cover_sheet(name: str = "COVER", sop: dict = SOP, dates: bool = False) -> XSheet:
    """The identity block as the Basarnas cover lays it out: kop left, labels and values right,
    sections below in two columns, one item a row with its number in a cell of its own."""
    sheet = XSheet(name)
    for row, line in enumerate(sop["kop"], start=1):
        sheet.cells[(row, 0)] = line
        sheet.merges.append((row, 0, row, 2))
    fields = [("NOMOR SOP", sop["nomor"]), ("TANGGAL PEMBUATAN", sop["tanggal_pembuatan"]),
              ("TANGGAL REVISI", sop["tanggal_revisi"]), ("TANGGAL EFEKTIF", sop["tanggal_efektif"])]
    row = 1
    for label, value in fields:
        sheet.cells[(row, 3)] = label
        if dates and label in ("TANGGAL PEMBUATAN", "TANGGAL EFEKTIF"):
            day, month, year = value.split()
            value = dt.date(int(year), _MONTHS.index(month) + 1, int(day))
        sheet.cells[(row, 4)] = value
        sheet.merges.append((row, 4, row, 5))
        row += 1
    sheet.cells[(row, 3)] = "DISAHKAN OLEH"
    for offset, line in enumerate(sop["disahkan_oleh"]):
        sheet.cells[(row + offset * 2, 4)] = line
    row += 5
    sheet.cells[(row, 3)] = "NAMA SOP"
    sheet.cells[(row, 4)] = sop["nama"]
    row += 1
    for left, right in (("dasar_hukum", "kualifikasi_pelaksana"), ("keterkaitan", "peralatan_perlengkapan"),
                        ("peringatan", "pencatatan_pendataan")):
        sheet.cells[(row, 0)] = _TITLES[left]
        sheet.merges.append((row, 0, row, 2))
        sheet.cells[(row, 3)] = _TITLES[right]
        sheet.merges.append((row, 3, row, 5))
        items = max(len(sop[left]), len(sop[right]))
        for offset in range(items):
            for key, col in ((left, 0), (right, 3)):
                if offset < len(sop[key]):
                    sheet.cells[(row + 1 + offset, col)] = str(offset + 1)
                    sheet.cells[(row + 1 + offset, col + 1)] = sop[key][offset]
                    sheet.merges.append((row + 1 + offset, col + 1, row + 1 + offset, col + 2))
        row += items + 1
    return sheet


_TITLES = {"dasar_hukum": "DASAR HUKUM :", "kualifikasi_pelaksana": "KUALIFIKASI PELAKSANA :",
           "keterkaitan": "KETERKAITAN :", "peralatan_perlengkapan": "PERALATAN / PERLENGKAPAN :",
           "peringatan": "PERINGATAN :", "pencatatan_pendataan": "PENCATATAN DAN PENDATAAN :"}
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"]


def flow_sheet(name: str = "ALUR", sop: dict = SOP, glued: bool = True, offpage: bool = False, head: str = "tail",
               numbered_columns: bool = False) -> XSheet:
    """The step table: No | Kegiatan | Pelaksana (one column a lane) | Mutu Baku (3) | Keterangan,
    titles over two rows, then one row a step (a spacer row before the last where ``offpage``)."""
    sheet = XSheet(name)
    lanes = sop["pelaksana"]
    first_lane, mutu = 2, 2 + len(lanes)
    sheet.cells[(0, 0)] = f"SOP {sop['nama'].upper()}"
    heads = {0: "No.", 1: "Kegiatan", first_lane: "Pelaksana", mutu: "Mutu Baku", mutu + 3: "Keterangan"}
    for col, text in heads.items():
        sheet.cells[(2, col)] = text
    for col in (0, 1, mutu + 3):
        sheet.merges.append((2, col, 3, col))
    sheet.merges += [(2, first_lane, 2, mutu - 1), (2, mutu, 2, mutu + 2)]
    for index, lane in enumerate(lanes):
        sheet.cells[(3, first_lane + index)] = lane
    for index, text in enumerate(("Kelengkapan", "Waktu", "Output")):
        sheet.cells[(3, mutu + index)] = text
    row = 4
    if numbered_columns:
        for col in range(mutu + 4):
            sheet.cells[(row, col)] = f"({col + 1})"
        row += 1
    rows_y = []
    for index, (kegiatan, _lane, _prst, *mutu_baku) in enumerate(sop["langkah"]):
        if offpage and index == len(sop["langkah"]) - 1:
            sheet.heights[row] = 70.0  # a row holding only the off-page connector pair
            row += 1
        sheet.cells[(row, 0)] = str(index + 1)
        sheet.cells[(row, 1)] = kegiatan
        for offset, text in enumerate(mutu_baku):
            sheet.cells[(row, mutu + offset)] = text
        sheet.heights[row] = HEIGHT
        rows_y.append(row)
        row += 1
    tops = _edges(sheet.heights, row + 1)
    lanes_x = [col_points() * (first_lane + i) for i in range(len(lanes))]
    sheet.flow = flow(lanes_x, [(tops[r], tops[r + 1]) for r in rows_y], glued, offpage, head)
    return sheet


def _edges(heights: dict, rows: int) -> list[float]:
    out, at = [], 0.0
    for row in range(rows + 1):
        out.append(at)
        at += heights.get(row, 15.0)
    return out


def write_xlsx(path: Path, sheets: list[XSheet], grouped: bool = False) -> Path:
    strings: list[str] = []
    parts = {"[Content_Types].xml": _content_types(sheets), "_rels/.rels": _root_rels(),
             "xl/workbook.xml": _workbook(sheets), "xl/_rels/workbook.xml.rels": _workbook_rels(sheets),
             "xl/styles.xml": _STYLES}
    for number, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{number}.xml"] = _sheet_xml(sheet, strings)
        if sheet.flow is not None:
            parts[f"xl/worksheets/_rels/sheet{number}.xml.rels"] = (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
                f'Target="../drawings/drawing{number}.xml"/></Relationships>')
            parts[f"xl/drawings/drawing{number}.xml"] = _drawing_xml(sheet, grouped)
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(strings)}">'
                                     + "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" for s in strings) + "</sst>")
    return zip_parts(path, parts)


_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<numFmts count="1"><numFmt numFmtId="164" formatCode="d\\ mmmm\\ yyyy"/></numFmts>'
           '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
           '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')


def _sheet_xml(sheet: XSheet, strings: list[str]) -> str:
    rows: dict[int, list[str]] = {}
    for (row, col), value in sorted(sheet.cells.items()):
        where = f"{_col(col)}{row + 1}"
        if isinstance(value, dt.date):
            serial = (value - dt.date(1899, 12, 30)).days
            rows.setdefault(row, []).append(f'<c r="{where}" s="1"><v>{serial}</v></c>')
        else:
            strings.append(value)
            rows.setdefault(row, []).append(f'<c r="{where}" t="s"><v>{len(strings) - 1}</v></c>')
    for row in sheet.heights:
        rows.setdefault(row, [])
    body = "".join(
        f'<row r="{row + 1}"' + (f' ht="{sheet.heights[row]}" customHeight="1"' if row in sheet.heights else "")
        + f'>{"".join(cells)}</row>' for row, cells in sorted(rows.items()))
    merges = "".join(f'<mergeCell ref="{_col(c0)}{r0 + 1}:{_col(c1)}{r1 + 1}"/>' for r0, c0, r1, c1 in sheet.merges)
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetFormatPr defaultRowHeight="15"/>'
            f'<cols><col min="1" max="30" width="{WIDTH}" customWidth="1"/></cols><sheetData>{body}</sheetData>'
            + (f'<mergeCells count="{len(sheet.merges)}">{merges}</mergeCells>' if merges else "")
            + ('<drawing r:id="rId1"/>' if sheet.flow is not None else "") + "</worksheet>")


def _anchor_point(x: float, y: float, heights: dict) -> str:
    width = col_points()
    col, col_off = int(x // width), x - int(x // width) * width
    row, at = 0, 0.0
    while at + heights.get(row, 15.0) <= y:
        at += heights.get(row, 15.0)
        row += 1
    return (f"<xdr:col>{col}</xdr:col><xdr:colOff>{int(col_off * EMU)}</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>{int((y - at) * EMU)}</xdr:rowOff>")


def _drawing_xml(sheet: XSheet, grouped: bool) -> str:
    items = []
    for shape in sheet.flow.shapes:
        items.append((shape.box, f"<xdr:sp>{_shape_xml(shape, 'xdr')}</xdr:sp>"))
    for connector in sheet.flow.connectors:
        box, _ = connector_frame(connector)
        items.append((box, f"<xdr:cxnSp>{_connector_xml(connector, 'xdr', 'cxnSp')}</xdr:cxnSp>"))
    if grouped:  # one group holding every shape, its child frame the sheet's own points (in EMU)
        x0, y0 = min(b[0] for b, _ in items), min(b[1] for b, _ in items)
        x1, y1 = max(b[2] for b, _ in items), max(b[3] for b, _ in items)
        frame = (f'<a:off x="{int(x0 * EMU)}" y="{int(y0 * EMU)}"/><a:ext cx="{int((x1 - x0) * EMU)}" cy="{int((y1 - y0) * EMU)}"/>')
        group = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="2" name="Group 1"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
                 f'<xdr:grpSpPr><a:xfrm>{frame}{frame.replace("a:off", "a:chOff").replace("a:ext", "a:chExt")}</a:xfrm></xdr:grpSpPr>'
                 + "".join(xml for _, xml in items) + "</xdr:grpSp>")
        items = [((x0, y0, x1, y1), group)]
    anchors = "".join(
        f'<xdr:twoCellAnchor><xdr:from>{_anchor_point(b[0], b[1], sheet.heights)}</xdr:from>'
        f'<xdr:to>{_anchor_point(b[2], b[3], sheet.heights)}</xdr:to>{xml}<xdr:clientData/></xdr:twoCellAnchor>'
        for b, xml in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><xdr:wsDr {DRAWING_NS}>{anchors}</xdr:wsDr>'


def _content_types(sheets: list[XSheet]) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (f'<Override PartName="/xl/drawings/drawing{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
           if s.flow is not None else "")
        for n, s in enumerate(sheets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            f"{overrides}</Types>")


def _root_rels() -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>')


def _workbook(sheets: list[XSheet]) -> str:
    entries = "".join(f'<sheet name="{escape(s.name)}" sheetId="{n}" r:id="rId{n}"'
                      + (' state="hidden"' if s.hidden else "") + "/>" for n, s in enumerate(sheets, start=1))
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>{entries}</sheets></workbook>'


def _workbook_rels(sheets: list[XSheet]) -> str:
    rels = "".join(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1))
    n = len(sheets) + 1
    rels += (f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
             'Target="sharedStrings.xml"/>')
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'


def sop_workbook(path: Path, **options) -> Path:
    """The test SOP as one workbook: COVER and ALUR (options: glued, offpage, head, numbered_columns,
    dates, grouped)."""
    grouped = options.pop("grouped", False)
    dates = options.pop("dates", False)
    return write_xlsx(path, [cover_sheet(dates=dates), flow_sheet(**options)], grouped=grouped)
