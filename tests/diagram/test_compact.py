"""The compacted sheet draws exactly as Graphviz's own: every text and shape keeps its font and colours."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from katalog_sop.diagram import render
from katalog_sop.diagram.compact import compact_svg
from katalog_sop.diagram.geometry import layout

from conftest import REPO, check_structure

SVG = "{http://www.w3.org/2000/svg}"
INHERITED = ("font-family", "font-size", "fill")
SHAPES = ("polygon", "polyline", "path", "ellipse", "rect", "text")


def _effective(svg: str) -> list[tuple]:
    """Each drawn element with the values it ends up with, inherited ones resolved."""
    root = ET.fromstring(svg.encode("utf-8"))
    found = []

    def walk(element, inherited):
        own = {**inherited, **{name: element.get(name) for name in INHERITED if element.get(name) is not None}}
        tag = element.tag.replace(SVG, "")
        if tag in SHAPES:
            drawn_with = INHERITED if tag == "text" else ("fill",)  # a font means nothing to a shape
            found.append((tag, element.text, tuple(sorted(element.attrib.items())) if tag != "text" else None,
                          tuple(own.get(name) for name in drawn_with)))
        for child in element:
            walk(child, own)

    walk(root, {})
    return found


def _graphviz_svg(path) -> str:
    sop = check_structure([str(path)]).files[0].sop
    [pages] = render.render_sheets([layout(sop)])
    return pages[0].svg


@pytest.mark.parametrize("path", sorted((REPO / "sops").rglob("*.yaml"))[:4], ids=lambda p: p.stem)
def test_a_compacted_sheet_draws_every_text_and_shape_as_before(path):
    drawn = _graphviz_svg(path)  # already compacted by render: undo nothing, compare with a spelled-out copy
    spelled = _spell_out(drawn)
    assert _effective(compact_svg(spelled)) == _effective(spelled)
    assert len(compact_svg(spelled)) < 0.8 * len(spelled), "the repeated font is most of a text's bytes"


def _spell_out(svg: str) -> str:
    """The SVG as Graphviz wrote it: the graph group's font and colour copied back onto every text."""
    graph = re.search(r'<g id="[^"]*" class="graph"[^>]*>', svg).group(0)
    moved = dict(re.findall(r'\s(font-family|font-size|fill)="([^"]*)"', graph))
    plain_graph = re.sub(r'\s(?:font-family|font-size|fill)="[^"]*"', "", graph)
    svg = svg.replace(graph, plain_graph, 1)

    def spell(match):
        tag = match.group(0)
        missing = "".join(f' {n}="{v}"' for n, v in moved.items() if f" {n}=" not in tag)
        return tag[:-1] + missing + ">"
    return re.sub(r"<text\b[^>]*>", spell, svg)


def test_a_text_without_the_common_value_keeps_its_own_and_nothing_moves_when_one_lacks_it():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g id="g" class="graph">'
           '<polygon fill="white" points="0,0"/>'
           '<text font-family="A" font-size="8" fill="#111">x</text><text font-family="A" font-size="8" fill="#111">y</text>'
           '<text font-family="B" font-size="8" fill="red">z</text><text font-family="A" fill="#111">w</text></g></svg>')
    out = compact_svg(svg)
    assert _effective(out) == _effective(svg)
    assert 'class="graph" font-family="A" fill="#111">' in out and out.count('font-size="8"') == 3
    shapeless = svg.replace('<polygon fill="white" points="0,0"/>', '<polygon points="0,0"/>')
    assert 'fill="#111"' not in compact_svg(shapeless).split("<text", 1)[0], "a shape without fill would turn text-coloured"
    assert _effective(compact_svg(shapeless)) == _effective(shapeless)
