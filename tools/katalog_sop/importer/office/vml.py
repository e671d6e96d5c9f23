"""Import stage, the shapes of an older Word drawing (VML): symbols, text boxes and lines.

A document first made in Word 97-2003, or saved for it, keeps its shapes as
VML only (``w:pict``): a ``v:rect``, ``v:roundrect``, ``v:oval`` or
``v:shape`` whose type names a preset (``#_x0000_t116`` a terminator), placed
by its CSS-like ``style`` (``margin-left``, ``margin-top``, ``width``,
``height`` from the paragraph it is anchored in), a ``v:line`` from one point
to another, arrowheads in its ``v:stroke``. They are read into the same
shapes and links as DrawingML (:mod:`.drawing`). Where a document has both
forms of a shape, :mod:`.docx` reads the DrawingML one and never this.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from katalog_sop.importer.office.drawing import KIND_OF, Drawing, Drawn, Link, local, shape_text

SHAPE_TYPES = {1: "rect", 2: "roundRect", 3: "ellipse", 4: "diamond", 15: "homePlate", 109: "flowChartProcess",
               110: "flowChartDecision", 116: "flowChartTerminator", 120: "flowChartConnector",
               176: "flowChartAlternateProcess", 177: "flowChartOffpageConnector", 202: "rect"}
"""VML's numbered shape types (``o:spt``) by the DrawingML preset they draw."""
CONNECTOR_TYPES = {20, 32, 33, 34, 35, 36, 37, 38, 39, 40}
ELEMENT_PRESETS = {"rect": "rect", "roundrect": "roundRect", "oval": "ellipse"}
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "emu": 1 / 12700}
_LENGTH = re.compile(r"^\s*(-?[0-9.]+)\s*([a-z]*)\s*$")


def length(value: str | None) -> float:
    """A VML length in points ("12pt", "1.5in", "20" (pixels)); 0 when it cannot be read."""
    found = _LENGTH.match(value or "")
    if not found:
        return 0.0
    try:
        number = float(found.group(1))
    except ValueError:
        return 0.0
    return number * _UNITS.get(found.group(2) or "px", 0.0)


def style_of(element: ET.Element) -> dict[str, str]:
    return {key.strip().lower(): value.strip() for key, _, value in
            (part.partition(":") for part in (element.get("style") or "").split(";")) if key.strip()}


class _Frame:
    """Where an element's coordinates land: points from the cell's corner at the top level; inside a
    group, the group's own units (``coordorigin``, ``coordsize``) mapped onto the group's box."""

    def __init__(self, x0: float, y0: float, sx: float = 1.0, sy: float = 1.0, units: bool = True):
        self.x0, self.y0, self.sx, self.sy, self.units = x0, y0, sx, sy, units

    def size(self, value: str | None) -> float:
        if self.units:
            return length(value)
        try:
            return float(value or "0")
        except ValueError:
            return 0.0

    def point(self, x: str | None, y: str | None) -> tuple[float, float]:
        return self.x0 + self.size(x) * self.sx, self.y0 + self.size(y) * self.sy

    def box(self, style: dict[str, str]) -> tuple[float, float, float, float]:
        x0, y0 = self.point(style.get("margin-left") or style.get("left"), style.get("margin-top") or style.get("top"))
        return x0, y0, x0 + self.size(style.get("width")) * self.sx, y0 + self.size(style.get("height")) * self.sy


def read_pict(pict: ET.Element, origin: tuple[float, float], into: Drawing) -> None:
    """Add the VML shapes of one ``w:pict`` placed from ``origin`` (the cell's corner, in points)."""
    types = {}
    for node in pict.iter():
        if local(node.tag) == "shapetype" and node.get("id"):
            types["#" + node.get("id")] = _int(_attribute(node, "spt"))
    for node in pict:
        _element(node, _Frame(*origin), types, into)


def _attribute(node: ET.Element, name: str) -> str | None:
    return next((value for key, value in node.attrib.items() if key.rsplit("}", 1)[-1] == name), None)


def _element(node: ET.Element, frame: _Frame, types: dict, into: Drawing) -> None:
    kind = local(node.tag)
    style = style_of(node)
    box = frame.box(style)
    if kind == "group":
        inner = _inner(node, box)
        for child in node:
            _element(child, inner, types, into)
    elif kind == "line":
        parts = [(node.get(end) or "0,0").split(",") + ["0"] for end in ("from", "to")]
        into.links.append(_link(node, frame.point(*parts[0][:2]), frame.point(*parts[1][:2])))
    elif kind in ELEMENT_PRESETS or kind == "shape":
        spt = types.get(node.get("type", ""), _int(_attribute(node, "spt")))
        if kind == "shape" and (spt in CONNECTOR_TYPES or _attribute(node, "connectortype")):
            flip = style.get("flip", "")
            xs = (box[2], box[0]) if "x" in flip else (box[0], box[2])
            ys = (box[3], box[1]) if "y" in flip else (box[1], box[3])
            into.links.append(_link(node, (xs[0], ys[0]), (xs[1], ys[1])))
            return
        prst = ELEMENT_PRESETS.get(kind) or SHAPE_TYPES.get(spt, "")
        text = shape_text(node)
        label = spt == 202 or (node.get("stroked") in ("f", "false") and node.get("filled") in ("f", "false"))
        shape_kind = "label" if label and text else KIND_OF.get(prst) or ("proses" if prst.startswith("flowChart") else None)
        into.shapes.append(Drawn(node.get("id", ""), shape_kind, prst, text, *box))


def _int(value: str | None) -> int:
    try:
        return int(float(value or "0"))
    except ValueError:
        return 0


def _inner(group: ET.Element, box) -> _Frame:
    size = [_int(v) for v in (group.get("coordsize") or "1000,1000").split(",")[:2]]
    start = ([_int(v) for v in (group.get("coordorigin") or "0,0").split(",")[:2]] + [0, 0])[:2]
    sx = (box[2] - box[0]) / size[0] if len(size) == 2 and size[0] else 1.0
    sy = (box[3] - box[1]) / size[1] if len(size) == 2 and size[1] else 1.0
    return _Frame(box[0] - start[0] * sx, box[1] - start[1] * sy, sx, sy, units=False)


def _link(node: ET.Element, start, end) -> Link:
    stroke = next((c for c in node if local(c.tag) == "stroke"), None)
    link = Link(node.get("id", ""), start, end)
    if stroke is not None:
        link.head_at_end = stroke.get("endarrow", "none") != "none"
        link.head_at_start = stroke.get("startarrow", "none") != "none"
    return link
