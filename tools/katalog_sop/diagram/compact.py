"""Diagram stage, after Graphviz: the same SVG in fewer bytes, drawn exactly as before.

Graphviz repeats ``font-family="DejaVu Sans,Verdana,Arial,sans-serif"
font-size="8.00"`` (and the text colour) on every ``<text>``: about 75 bytes
of each of a sheet's hundred texts, and the sheets are most of an SOP page's
weight. SVG presentation attributes inherit, so each such value is written
once on the graph's group and dropped from the texts that repeat it. An
attribute moves only when every text carries one (so no text starts
inheriting what it did not have), and ``fill`` only when every shape also
carries its own (so no shape starts inheriting the text colour). The SVG
stays standalone: downloaded or opened in a tab it looks the same. Each
drawing is compacted once, as Graphviz hands it over, so the cache keeps it
compacted and a warm build does no more work. Pure.
"""

from __future__ import annotations

import re
from collections import Counter

_TEXT = re.compile(r"<text\b[^>]*>")
_SHAPE = re.compile(r"<(?:polygon|polyline|path|ellipse|rect|circle|line)\b[^>]*>")
_GRAPH = re.compile(r'<g id="[^"]*" class="graph"[^>]*>')
_NAMES = ("font-family", "font-size", "fill")
_VALUE = {name: re.compile(rf'\s{name}="([^"]*)"') for name in _NAMES}


def _common(tags: list[str], name: str) -> str | None:
    values = [m.group(1) if (m := _VALUE[name].search(tag)) else None for tag in tags]
    if not values or None in values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count > 1 else None


def compact_svg(svg: str) -> str:
    """``svg`` with the texts' most common font and colour written once, on the graph's group."""
    graph = _GRAPH.search(svg)
    if graph is None or " font-size=" in graph.group(0) or " font-family=" in graph.group(0):
        return svg  # no graph, or compacted already (drawings are compacted once, before the cache keeps them)
    texts = _TEXT.findall(svg)
    if not texts:
        return svg
    common = {name: value for name in _NAMES if (value := _common(texts, name)) is not None}
    if "fill" in common and any(_VALUE["fill"].search(shape) is None for shape in _SHAPE.findall(svg)):
        del common["fill"]
    if not common:
        return svg

    def strip(match: re.Match) -> str:
        tag = match.group(0)
        for name, value in common.items():
            tag = tag.replace(f' {name}="{value}"', "", 1)
        return tag

    inherited = "".join(f' {name}="{value}"' for name, value in common.items())
    head = svg[: graph.start()] + graph.group(0)[:-1] + inherited + ">"
    return head + _TEXT.sub(strip, svg[graph.end():])
