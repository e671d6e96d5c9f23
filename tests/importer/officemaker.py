"""Small Excel and Word writers for the import tests: an SOP AP kept as agencies keep it, with its
flowchart drawn in Office shapes (terminator, process, decision, off-page connector) and connectors,
glued to the shapes or only touching them, so that no real document is needed.

Both write the same SOP (:data:`SOP`), so a test compares what is read with
what was written. Coordinates are points; Office files store EMUs and twips.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

EMU = 12700

SOP = {
    "kop": ["BADAN PUSAT STATISTIK", "PROVINSI CONTOH", "BAGIAN UMUM"],
    "nomor": "SOP-07/BPS/2024",
    "tanggal_pembuatan": "8 Oktober 2024",
    "tanggal_revisi": "-",
    "tanggal_efektif": "2 Januari 2025",
    "disahkan_oleh": ["Kepala Bagian Umum", "Dra. Siti Aminah", "NIP. 196805121990032001"],
    "nama": "Pengiriman Surat Dinas",
    "dasar_hukum": ["Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
                    "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009"],
    "kualifikasi_pelaksana": ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"],
    "keterkaitan": ["SOP Penerimaan Surat Masuk"],
    "peralatan_perlengkapan": ["Komputer", "Buku agenda"],
    "peringatan": ["Surat yang tidak dicatat tidak dapat ditelusuri"],
    "pencatatan_pendataan": ["Buku agenda surat keluar"],
    "pelaksana": ["Sekretaris", "Pengadministrasi", "Kepala Subbagian", "Kepala Bagian"],
    "langkah": [
        # (kegiatan, lane, kind, kelengkapan, waktu, output, keterangan)
        ("Menerima konsep surat", 0, "flowChartTerminator", "Konsep surat", "5 menit", "Konsep surat", "-"),
        ("Mencatat surat pada agenda", 1, "flowChartProcess", "Buku agenda", "10 menit", "Nomor surat", "-"),
        ("Memeriksa kelengkapan surat", 2, "flowChartDecision", "Surat bernomor", "15 menit", "Surat diperiksa", "-"),
        ("Menandatangani surat", 3, "flowChartProcess", "Surat diperiksa", "1 hari", "Surat bertanda tangan", "-"),
        ("Mengirim surat", 1, "flowChartTerminator", "Surat bertanda tangan", "1 hari", "Tanda terima", "-"),
    ],
    "exits": [(0, 1, None), (1, 2, None), (2, 3, "Ya"), (2, 1, "Tidak"), (3, 4, None)],
}
"""The SOP both writers write; exits are (from step, to step, label), steps counted from 0."""


@dataclass
class Shape:
    id: int
    prst: str
    box: tuple[float, float, float, float]
    text: str = ""
    text_box: bool = False

    def site(self, index: int) -> tuple[float, float]:
        """Connection site 0-3: the middle of the top, left, bottom and right sides."""
        x0, y0, x1, y1 = self.box
        return [((x0 + x1) / 2, y0), (x0, (y0 + y1) / 2), ((x0 + x1) / 2, y1), (x1, (y0 + y1) / 2)][index]


@dataclass
class Connector:
    id: int
    start: tuple[float, float]
    end: tuple[float, float]
    glue: tuple | None = None
    """(start shape id, site, end shape id, site) when glued."""
    head: str = "tail"
    """Where the arrowhead is: "tail" (the end), "head" (the start) or "" (a plain line)."""


@dataclass
class Flow:
    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)


def flow(lanes_x: list[float], rows_y: list[tuple[float, float]], glued: bool = True, offpage: bool = False,
         head: str = "tail") -> Flow:
    """The SOP's symbols and connectors placed in lanes (left edges, 100 pt wide) and step rows (top, bottom)."""
    out, next_id = Flow(), 10
    symbols = []

    def connect(ident: int, start, end, glue) -> None:
        if head == "head":  # drawn from the target back to the source, the arrowhead at its start
            out.connectors.append(Connector(ident, end, start, glue and (glue[2], glue[3], glue[0], glue[1]), head))
        else:
            out.connectors.append(Connector(ident, start, end, glue, head))

    for index, (_, lane, prst, *_rest) in enumerate(SOP["langkah"]):
        top, bottom = rows_y[index]
        cx, cy = lanes_x[lane] + 50, (top + bottom) / 2
        w, h = (44, 40) if prst == "flowChartDecision" else (60, 24)
        symbols.append(Shape(next_id, prst, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)))
        next_id += 1
    out.shapes += symbols
    for source, target, label in SOP["exits"]:
        a, b = symbols[source], symbols[target]
        back = target < source
        start_site, end_site = (1, 1) if back else (2, 0)
        if offpage and (source, target) == (3, 4):  # through a pair of off-page connectors
            pair = []
            for y in (rows_y[3][1] + 4, rows_y[4][0] - 30):
                cx = (a.box[0] + a.box[2]) / 2
                pair.append(Shape(next_id, "flowChartOffpageConnector", (cx - 12, y, cx + 12, y + 22)))
                next_id += 1
            out.shapes += pair
            for p, q, s1, s2 in ((a, pair[0], 2, 0), (pair[1], b, 2, 0)):
                connect(next_id, p.site(s1), q.site(s2), (p.id, s1, q.id, s2) if glued else None)
                next_id += 1
            continue
        start, end = a.site(start_site), b.site(end_site)
        connect(next_id, start, end, (a.id, start_site, b.id, end_site) if glued else None)
        next_id += 1
        if label:
            x, y = (start[0] - 40, start[1] - 18) if back else (start[0] + 4, start[1] + 2)
            out.shapes.append(Shape(next_id, "rect", (x, y, x + 34, y + 16), label, text_box=True))
            next_id += 1
    return out


def _shape_xml(shape: Shape, prefix: str) -> str:
    x0, y0, x1, y1 = shape.box
    text = (f'<{prefix}:txBody><a:bodyPr/><a:p><a:r><a:t>{escape(shape.text)}</a:t></a:r></a:p></{prefix}:txBody>'
            if shape.text else "")
    text_box = ' txBox="1"' if shape.text_box else ""
    return (f'<{prefix}:nvSpPr><{prefix}:cNvPr id="{shape.id}" name="Shape {shape.id}"/>'
            f'<{prefix}:cNvSpPr{text_box}/></{prefix}:nvSpPr>'
            f'<{prefix}:spPr><a:xfrm><a:off x="{int(x0 * EMU)}" y="{int(y0 * EMU)}"/>'
            f'<a:ext cx="{int((x1 - x0) * EMU)}" cy="{int((y1 - y0) * EMU)}"/></a:xfrm>'
            f'<a:prstGeom prst="{shape.prst}"><a:avLst/></a:prstGeom>'
            f'{_NO_LINE if shape.text_box else _LINE}</{prefix}:spPr>{text}')


_NO_LINE = "<a:noFill/><a:ln><a:noFill/></a:ln>"
_LINE = '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'


def connector_frame(c: Connector) -> tuple[tuple[float, float, float, float], str]:
    """The connector's box and its flip attributes (a line runs from the box's corner to the other)."""
    (x0, y0), (x1, y1) = c.start, c.end
    flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), flips


def _connector_xml(c: Connector, prefix: str, element: str) -> str:
    (bx0, by0, bx1, by1), flips = connector_frame(c)
    glue = ""
    if c.glue:
        glue = f'<a:stCxn id="{c.glue[0]}" idx="{c.glue[1]}"/><a:endCxn id="{c.glue[2]}" idx="{c.glue[3]}"/>'
    heads = {"tail": '<a:tailEnd type="triangle"/>', "head": '<a:headEnd type="triangle"/>', "": ""}[c.head]
    non_visual = (f'<{prefix}:nvCxnSpPr><{prefix}:cNvPr id="{c.id}" name="Connector {c.id}"/>'
                  f'<{prefix}:cNvCxnSpPr>{glue}</{prefix}:cNvCxnSpPr></{prefix}:nvCxnSpPr>'
                  if element == "cxnSp" else f'<wps:cNvPr id="{c.id}" name="Connector {c.id}"/><wps:cNvCnPr>{glue}</wps:cNvCnPr>')
    return (f'{non_visual}<{prefix}:spPr><a:xfrm{flips}><a:off x="{int(bx0 * EMU)}" y="{int(by0 * EMU)}"/>'
            f'<a:ext cx="{int((bx1 - bx0) * EMU)}" cy="{int((by1 - by0) * EMU)}"/></a:xfrm>'
            f'<a:prstGeom prst="bentConnector3"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{heads}</a:ln></{prefix}:spPr>')


def zip_parts(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path
