"""A Word document (.docx) of the test SOP: the identity block as a table (the kop in a cell merged
down the labelled rows, the sections' items as list paragraphs), then the step table with its
symbols, connectors and labels drawn as shapes anchored in its cells, each shape also written in the
old VML form for older readers, as Word saves them (see :mod:`officemaker`)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from importer.officemaker import EMU, SOP, Connector, Shape, connector_frame, flow, zip_parts

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
ROW = 60.0
"""A step row's height (points, set exactly)."""
LANE = 100.0
COLUMNS = [30.0, 150.0] + [LANE] * 4 + [90.0, 50.0, 90.0, 70.0]


def _p(text: str = "", numbered: bool = False, extra: str = "") -> str:
    props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{props}{run}{extra}</w:p>"


def _tc(paragraphs: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs or _p()}</w:tc>"


def _tr(cells: str, height: float | None = None) -> str:
    props = f'<w:trPr><w:trHeight w:val="{int(height * 20)}" w:hRule="exact"/></w:trPr>' if height else ""
    return f"<w:tr>{props}{cells}</w:tr>"


def _tbl(widths: list[float], rows: str) -> str:
    grid = "".join(f'<w:gridCol w:w="{int(w * 20)}"/>' for w in widths)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


def identity_table(sop: dict = SOP, word_lists: bool = True) -> str:
    kop = "".join(_p(line) for line in sop["kop"])
    fields = [("Nomor SOP", [sop["nomor"]]), ("Tanggal Pembuatan", [sop["tanggal_pembuatan"]]),
              ("Tanggal Revisi", [sop["tanggal_revisi"]]), ("Tanggal Efektif", [sop["tanggal_efektif"]]),
              ("Disahkan Oleh", [sop["disahkan_oleh"][0], "", sop["disahkan_oleh"][1], sop["disahkan_oleh"][2]]),
              ("Nama SOP", [sop["nama"]])]
    rows = ""
    for index, (label, lines) in enumerate(fields):
        rows += _tr(_tc(kop if index == 0 else "", merge="restart" if index == 0 else "continue")
                    + _tc(_p(label)) + _tc("".join(_p(line) for line in lines)))

    def section(title: str, key: str) -> str:
        items = sop[key]
        body = "".join(_p(item, numbered=True) if word_lists else _p(f"{n}. {item}") for n, item in enumerate(items, 1))
        return _p(title) + body

    for left, right in (("Dasar Hukum:", "dasar_hukum"), ("Keterkaitan:", "keterkaitan"), ("Peringatan:", "peringatan")):
        other = {"dasar_hukum": ("Kualifikasi Pelaksana:", "kualifikasi_pelaksana"),
                 "keterkaitan": ("Peralatan/Perlengkapan:", "peralatan_perlengkapan"),
                 "peringatan": ("Pencatatan dan Pendataan:", "pencatatan_pendataan")}[right]
        rows += _tr(_tc(section(left, right)) + _tc(section(*other), span=2))
    return _tbl([200.0, 130.0, 250.0], rows)


def _wsp(shape: Shape, local_box) -> str:
    x0, y0, x1, y1 = local_box
    text = (f'<wps:txbx><w:txbxContent>{_p(shape.text)}</w:txbxContent></wps:txbx>' if shape.text else "")
    line = ("<a:noFill/><a:ln><a:noFill/></a:ln>" if shape.text_box else
            '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>')
    text_box = ' txBox="1"' if shape.text_box else ""
    return (f'<wps:wsp><wps:cNvSpPr{text_box}/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{int((x1 - x0) * EMU)}" cy="{int((y1 - y0) * EMU)}"/></a:xfrm><a:prstGeom prst="{shape.prst}"><a:avLst/>'
            f'</a:prstGeom>{line}</wps:spPr>{text}<wps:bodyPr/></wps:wsp>')


def _wsp_connector(c: Connector) -> str:
    (bx0, by0, bx1, by1), flips = connector_frame(c)
    glue = f'<a:stCxn id="{c.glue[0]}" idx="{c.glue[1]}"/><a:endCxn id="{c.glue[2]}" idx="{c.glue[3]}"/>' if c.glue else ""
    head = {"tail": '<a:tailEnd type="triangle"/>', "head": '<a:headEnd type="triangle"/>', "": ""}[c.head]
    return (f'<wps:wsp><wps:cNvCnPr>{glue}</wps:cNvCnPr><wps:spPr><a:xfrm{flips}><a:off x="0" y="0"/>'
            f'<a:ext cx="{int((bx1 - bx0) * EMU)}" cy="{int((by1 - by0) * EMU)}"/></a:xfrm>'
            f'<a:prstGeom prst="bentConnector3"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/>'
            f'</a:solidFill>{head}</a:ln></wps:spPr><wps:bodyPr/></wps:wsp>')


def _anchor(ident: int, box, cell_x: float, row_top: float, graphic: str) -> str:
    """A floating drawing in a cell's paragraph, placed from the cell (column) and the paragraph,
    with an old VML copy for readers that know no drawings."""
    x0, y0, x1, y1 = box
    kind = "wordprocessingGroup" if graphic.startswith("<wpg:") else "wordprocessingShape"
    drawing = (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{ident}" '
               f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
               f'<wp:positionH relativeFrom="column"><wp:posOffset>{int((x0 - cell_x) * EMU)}</wp:posOffset></wp:positionH>'
               f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{int((y0 - row_top) * EMU)}</wp:posOffset></wp:positionV>'
               f'<wp:extent cx="{int((x1 - x0) * EMU)}" cy="{int((y1 - y0) * EMU)}"/><wp:wrapNone/>'
               f'<wp:docPr id="{ident}" name="Shape {ident}"/><a:graphic><a:graphicData '
               f'uri="http://schemas.microsoft.com/office/word/2010/{kind}">{graphic}</a:graphicData></a:graphic>'
               f'</wp:anchor></w:drawing>')
    fallback = f'<w:pict><v:rect style="position:absolute;width:{x1 - x0}pt;height:{y1 - y0}pt"/></w:pict>'
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>')


def _group(drawn, origin: tuple[float, float]) -> tuple[tuple, str]:
    """Every shape in one group (as Word users select all and group), its child frame in table points:
    the group's box and its XML. Shapes in a group carry their own ids, which the glue names."""
    boxes = [s.box for s in drawn.shapes] + [connector_frame(c)[0] for c in drawn.connectors]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)

    def frame(box, flips: str = "") -> str:
        return (f'<a:xfrm{flips}><a:off x="{int(box[0] * EMU)}" y="{int(box[1] * EMU)}"/>'
                f'<a:ext cx="{int((box[2] - box[0]) * EMU)}" cy="{int((box[3] - box[1]) * EMU)}"/></a:xfrm>')

    children = ""
    for shape in drawn.shapes:
        children += _wsp(shape, shape.box).replace("<wps:wsp>", f'<wps:wsp><wps:cNvPr id="{shape.id}" name="Shape {shape.id}"/>', 1) \
            .replace('<a:xfrm><a:off x="0" y="0"/>', frame(shape.box).split("<a:ext")[0], 1)
    for connector in drawn.connectors:
        box, flips = connector_frame(connector)
        children += _wsp_connector(connector).replace("<wps:wsp>", f'<wps:wsp><wps:cNvPr id="{connector.id}" name="C"/>', 1) \
            .replace(f'<a:xfrm{flips}><a:off x="0" y="0"/>', frame(box, flips).split("<a:ext")[0], 1)
    whole = (x0, y0, x1, y1)
    outer = frame(whole).replace("</a:xfrm>", "")
    child = f'<a:chOff x="{int(x0 * EMU)}" y="{int(y0 * EMU)}"/><a:chExt cx="{int((x1 - x0) * EMU)}" cy="{int((y1 - y0) * EMU)}"/>'
    xml = (f'<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:cNvGrpSpPr/>'
           f'<wpg:grpSpPr>{outer}{child}</a:xfrm></wpg:grpSpPr>{children}</wpg:wgp>')
    return whole, xml


_VML_TYPES = {"flowChartTerminator": 116, "flowChartDecision": 110, "flowChartOffpageConnector": 177}


def _vml_shape(shape: Shape, cell_x: float, row_top: float) -> str:
    """A shape as Word 97-2003 kept it: VML only, placed from its paragraph by its style."""
    x0, y0, x1, y1 = shape.box
    style = f"position:absolute;margin-left:{x0 - cell_x:.2f}pt;margin-top:{y0 - row_top:.2f}pt;width:{x1 - x0:.2f}pt;height:{y1 - y0:.2f}pt"
    text = f"<v:textbox><w:txbxContent>{_p(shape.text)}</w:txbxContent></v:textbox>" if shape.text else ""
    if shape.text_box:
        body = f'<v:shape type="#_x0000_t202" style="{style}" filled="f" stroked="f">{text}</v:shape>'
        spt = 202
    elif shape.prst == "flowChartProcess":
        return f'<w:r><w:pict><v:rect style="{style}">{text}</v:rect></w:pict></w:r>'
    else:
        spt = _VML_TYPES[shape.prst]
        body = f'<v:shape type="#_x0000_t{spt}" style="{style}">{text}</v:shape>'
    return (f'<w:r><w:pict><v:shapetype id="_x0000_t{spt}" coordsize="21600,21600" o:spt="{spt}" '
            f'xmlns:o="urn:schemas-microsoft-com:office:office"/>{body}</w:pict></w:r>')


def _vml_line(c: Connector, cell_x: float, row_top: float) -> str:
    (x0, y0), (x1, y1) = c.start, c.end
    arrow = {"tail": ' endarrow="block"', "head": ' startarrow="block"', "": ""}[c.head]
    return (f'<w:r><w:pict><v:line style="position:absolute" from="{x0 - cell_x:.2f}pt,{y0 - row_top:.2f}pt" '
            f'to="{x1 - cell_x:.2f}pt,{y1 - row_top:.2f}pt"><v:stroke{arrow}/></v:line></w:pict></w:r>')


def steps_table(sop: dict = SOP, glued: bool = False, offpage: bool = False, head: str = "tail",
                grouped: bool = False, vml: bool = False) -> str:
    lanes = sop["pelaksana"]
    header = _tr(_tc(_p("No"), merge="restart") + _tc(_p("Kegiatan"), merge="restart") + _tc(_p("Pelaksana"), span=len(lanes))
                 + _tc(_p("Mutu Baku"), span=3) + _tc(_p("Keterangan"), merge="restart"))
    names = _tr(_tc("", merge="continue") + _tc("", merge="continue") + "".join(_tc(_p(n)) for n in lanes)
                + _tc(_p("Kelengkapan")) + _tc(_p("Waktu")) + _tc(_p("Output")) + _tc("", merge="continue"))
    head_height = 2 * 18.0
    xs = [sum(COLUMNS[:i]) for i in range(len(COLUMNS) + 1)]
    steps = list(enumerate(sop["langkah"]))
    spacer = offpage
    heights = [ROW] * len(steps) + ([ROW] if spacer else [])
    order = [i for i, _ in steps]
    if spacer:
        order.insert(len(steps) - 1, None)  # a row with no step, holding the off-page connectors
    tops, at = [], head_height
    for _ in order:
        tops.append(at)
        at += ROW
    rows_y = [(tops[k], tops[k] + ROW) for k, i in enumerate(order) if i is not None]
    drawn = flow([xs[2 + i] for i in range(len(lanes))], rows_y, glued, offpage, head)
    placed: dict[tuple[int, int], list[str]] = {}

    def place(box, graphic, ident):
        row = max(k for k, top in enumerate(tops) if top <= box[1] + 0.01)
        col = max(c for c in range(len(COLUMNS)) if xs[c] <= box[0] + 0.01)
        if vml:  # graphic is a function of the cell's corner
            placed.setdefault((row, col), []).append(graphic(xs[col], tops[row]))
            return
        placed.setdefault((row, col), []).append(_anchor(ident, box, xs[col], tops[row], graphic))

    if vml:
        for shape in drawn.shapes:
            place(shape.box, lambda x, y, s=shape: _vml_shape(s, x, y), shape.id)
        for connector in drawn.connectors:
            place(connector_frame(connector)[0], lambda x, y, c=connector: _vml_line(c, x, y), connector.id)
    elif grouped:
        box, xml = _group(drawn, (xs[2], tops[0]))
        place(box, xml, 1)
    else:
        for shape in drawn.shapes:
            place(shape.box, _wsp(shape, shape.box), shape.id)
        for connector in drawn.connectors:
            box, _ = connector_frame(connector)
            place(box, _wsp_connector(connector), connector.id)
    body = ""
    for k, index in enumerate(order):
        texts = ["", "", *[""] * len(lanes), "", "", "", ""]
        if index is not None:
            kegiatan, _lane, _prst, *mutu = sop["langkah"][index]
            texts = [str(index + 1), kegiatan, *[""] * len(lanes), *mutu]
        cells = ""
        for col, text in enumerate(texts):
            runs = "".join(placed.get((k, col), []))
            cells += _tc(_p(text, extra=runs))
        body += _tr(cells, ROW)
    return _tbl(COLUMNS, _tr_header_heights(header, names) + body)


def _tr_header_heights(header: str, names: str) -> str:
    return header.replace("<w:tr>", '<w:tr><w:trPr><w:trHeight w:val="360" w:hRule="exact"/></w:trPr>', 1) + \
        names.replace("<w:tr>", '<w:tr><w:trPr><w:trHeight w:val="360" w:hRule="exact"/></w:trPr>', 1)


def write_docx(path: Path, body: str) -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="18720" w:h="12240" w:orient="landscape"/></w:sectPr></w:body></w:document>')
    numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    return zip_parts(path, {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        '</Relationships>',
        "word/document.xml": document,
        "word/numbering.xml": numbering,
    })


def sop_document(path: Path, word_lists: bool = True, **options) -> Path:
    """The test SOP as one document (options: glued, offpage, head, grouped, vml)."""
    return write_docx(path, _p("STANDAR OPERASIONAL PROSEDUR") + identity_table(word_lists=word_lists) + _p()
                      + steps_table(**options))
