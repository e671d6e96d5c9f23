"""Import stage, the shapes of an Office drawing (DrawingML): symbols, text boxes and connectors.

Excel and Word draw a flowchart with the same shape XML: a shape (``sp``,
``wsp``) with a preset geometry (``flowChartTerminator``, ``rect``,
``diamond``, ``homePlate`` …) and its text; a connector (``cxnSp``, or a shape
whose geometry is a line) whose ends may be glued to shapes (``stCxn``,
``endCxn``: the shape's id and its connection site) and carry arrowheads
(``headEnd`` at the start, ``tailEnd`` at the end); groups of both. Where a
shape stands is the container's business (a cell anchor in Excel, a
paragraph anchor in Word): it hands each top-level element its box in points,
and this module places a group's children inside it.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from katalog_sop.importer.page import Boxed

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_POINT = 12700

KINDS = {
    "terminator": ("flowChartTerminator", "roundRect", "flowChartAlternateProcess", "snipRoundRect", "round2SameRect"),
    "proses": ("rect", "flowChartProcess"),
    "keputusan": ("diamond", "flowChartDecision"),
    "penghubung": ("homePlate", "flowChartOffpageConnector", "pentagon", "flowChartConnector", "ellipse"),
}
"""Preset geometries by the symbol they draw (the names the PDF reader gives its kinds)."""
KIND_OF = {prst: kind for kind, names in KINDS.items() for prst in names}
LINES = ("line", "straightConnector1", "bentConnector2", "bentConnector3", "bentConnector4", "bentConnector5",
         "curvedConnector2", "curvedConnector3", "curvedConnector4", "curvedConnector5")
SITES = {  # connection sites (0, 1, 2, 3) of the shapes above, as fractions of the box: top, left, bottom, right
    "default": ((0.5, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 0.5)),
}


@dataclass
class Drawn(Boxed):
    """A closed shape: a symbol, a text box (kind ``label``), or another figure (kind ``None``)."""

    id: str
    kind: str | None
    prst: str
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    name: str = ""

    def site(self, index: int | None) -> tuple[float, float]:
        """Where connection site ``index`` stands (the middle when the site is not known)."""
        sites = SITES["default"]
        if index is None or not 0 <= index < len(sites):
            return self.cx, self.cy
        fx, fy = sites[index]
        return self.x0 + fx * (self.x1 - self.x0), self.top + fy * (self.bottom - self.top)


@dataclass
class Link:
    """A connector or a drawn line: its two ends, what they are glued to, and where its arrowheads are."""

    id: str
    start: tuple[float, float]
    end: tuple[float, float]
    start_shape: str | None = None
    start_site: int | None = None
    end_shape: str | None = None
    end_site: int | None = None
    head_at_start: bool = False
    head_at_end: bool = False
    label: str = ""


@dataclass
class Drawing:
    shapes: list[Drawn] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pictures: int = 0


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def _find(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element.iter() if local(c.tag) == name), None)


def shape_text(element: ET.Element) -> str:
    """The text of a shape's body, paragraphs joined by new lines (DrawingML ``a:p`` or Word ``w:p``)."""
    body = next((c for c in element.iter() if local(c.tag) in ("txBody", "txbx", "txbxContent")), None)
    if body is None:
        return ""
    paragraphs = [p for p in body.iter() if local(p.tag) == "p"]
    out = []
    for paragraph in paragraphs:
        out.append("".join(t.text or "" for t in paragraph.iter() if local(t.tag) == "t"))
    return "\n".join(line.strip() for line in out if line.strip())


def read(element: ET.Element, box: tuple[float, float, float, float], into: Drawing) -> None:
    """Add the shape, connector, picture or group ``element`` standing in ``box`` (points) to ``into``."""
    kind = local(element.tag)
    if kind in ("grpSp", "wgp"):
        _group(element, box, into)
    elif kind in ("pic",):
        into.pictures += 1
    elif kind in ("sp", "wsp", "cxnSp"):
        _shape(element, box, into)


def _xfrm(element: ET.Element) -> ET.Element | None:
    props = next((c for c in element if local(c.tag) in ("spPr", "grpSpPr")), None)
    return None if props is None else _child(props, "xfrm")


def _group(element: ET.Element, box, into: Drawing) -> None:
    """A group's children are placed by mapping its child frame (chOff, chExt) onto the group's box."""
    xfrm = _xfrm(element)
    frame = None
    if xfrm is not None:
        child_off, child_ext = _child(xfrm, "chOff"), _child(xfrm, "chExt")
        if child_off is not None and child_ext is not None:
            frame = (_int(child_off, "x"), _int(child_off, "y"), _int(child_ext, "cx"), _int(child_ext, "cy"))
    for child in element:
        if local(child.tag) not in ("sp", "wsp", "cxnSp", "grpSp", "wgp", "pic"):
            continue
        child_xfrm = _xfrm(child)
        if frame is None or child_xfrm is None or _child(child_xfrm, "off") is None:
            read(child, box, into)
            continue
        off, ext = _child(child_xfrm, "off"), _child(child_xfrm, "ext")
        fx, fy, fw, fh = frame
        sx = (box[2] - box[0]) / fw if fw else 1.0
        sy = (box[3] - box[1]) / fh if fh else 1.0
        x0 = box[0] + (_int(off, "x") - fx) * sx
        y0 = box[1] + (_int(off, "y") - fy) * sy
        w = (_int(ext, "cx") if ext is not None else 0) * sx
        h = (_int(ext, "cy") if ext is not None else 0) * sy
        rotation = _rotation(child_xfrm)
        if rotation in (90, 270):  # the child's frame is unrotated; its box on the page is turned
            cx, cy = x0 + w / 2, y0 + h / 2
            x0, y0, w, h = cx - h / 2, cy - w / 2, h, w
        read(child, (x0, y0, x0 + w, y0 + h), into)


def _int(element: ET.Element | None, name: str) -> int:
    try:
        return int(element.get(name, "0")) if element is not None else 0
    except ValueError:
        return 0


def points(element: ET.Element | None, name: str) -> float:
    """An EMU length attribute of ``element`` in points (0 where missing or unreadable)."""
    return _int(element, name) / EMU_PER_POINT


def _rotation(xfrm: ET.Element | None) -> int:
    """The rotation in whole degrees, clockwise (DrawingML stores 60,000ths)."""
    return round(_int(xfrm, "rot") / 60000) % 360 if xfrm is not None else 0


def _shape(element: ET.Element, box, into: Drawing) -> None:
    props = _find(element, "cNvPr")
    ident = props.get("id", "") if props is not None else ""
    name = props.get("name", "") if props is not None else ""
    geometry = _find(element, "prstGeom")
    prst = geometry.get("prst", "") if geometry is not None else ""
    connector = local(element.tag) == "cxnSp" or _find(element, "cNvCnPr") is not None or prst in LINES
    if connector:
        into.links.append(_link(element, ident, box))
        return
    text = shape_text(element)
    text_box = _find(element, "cNvSpPr")
    if (text_box is not None and text_box.get("txBox") == "1") or (not prst and text) or (text and _invisible(element)):
        kind: str | None = "label"
    else:
        kind = KIND_OF.get(prst)
        if prst.startswith("flowChart") and kind is None:
            kind = "proses"  # document, predefined process …: a step's box all the same
    into.shapes.append(Drawn(ident, kind, prst, text, *box, name=name))


def _invisible(element: ET.Element) -> bool:
    """A shape drawn with no fill and no outline: only its text shows (a text box, as some writers save one)."""
    props = next((c for c in element if local(c.tag) in ("spPr",)), None)
    if props is None or _child(props, "noFill") is None:
        return False
    line = _child(props, "ln")
    return line is not None and _child(line, "noFill") is not None


def _link(element: ET.Element, ident: str, box) -> Link:
    xfrm = _xfrm(element)
    flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    rotation = math.radians(_rotation(xfrm))
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = x1 - x0, y1 - y0
    if _rotation(xfrm) in (90, 270):
        w, h = h, w  # the box given is the turned one; the line's own frame is not
    ends = []
    for sx, sy in ((-w / 2, -h / 2), (w / 2, h / 2)):
        sx, sy = (-sx if flip_h else sx), (-sy if flip_v else sy)
        rx = sx * math.cos(rotation) - sy * math.sin(rotation)
        ry = sx * math.sin(rotation) + sy * math.cos(rotation)
        ends.append((cx + rx, cy + ry))
    link = Link(ident, ends[0], ends[1])
    start, end = _find(element, "stCxn"), _find(element, "endCxn")
    if start is not None:
        link.start_shape, link.start_site = start.get("id"), _site(start)
    if end is not None:
        link.end_shape, link.end_site = end.get("id"), _site(end)
    line = _find(element, "ln")
    link.head_at_start = _head(line, "headEnd")
    link.head_at_end = _head(line, "tailEnd")
    link.label = shape_text(element)
    return link


def _site(element: ET.Element) -> int | None:
    try:
        return int(element.get("idx", ""))
    except ValueError:
        return None


def _head(line: ET.Element | None, name: str) -> bool:
    end = _child(line, name) if line is not None else None
    return end is not None and end.get("type", "none") != "none"
