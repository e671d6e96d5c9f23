"""Every seed's sheet checked on the SVG alone, as a reader looking at the drawing would.

Nothing here looks at the layout's own numbers: columns and rows are read
from the grid lines and the header and No texts drawn in the SVG, symbols
from the node shapes, arrows from the edge paths.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest


from katalog_sop.diagram import render
from katalog_sop.diagram.geometry import UNKNOWN_LANE, Options, _tables, layout
from katalog_sop.diagram.routing import symbol_name

from conftest import REPO, check_structure

SVG = "{http://www.w3.org/2000/svg}"
SEEDS = sorted((REPO / "sops").rglob("*.yaml"))
GOLDEN = sorted((REPO / "tests" / "diagram" / "golden").glob("*.yaml"))


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def _box(group) -> Box:
    shape = group.find(f"{SVG}polygon")
    if shape is None:
        shape = group.find(f"{SVG}path")
    if shape is None:
        shape = group.find(f"{SVG}ellipse")
        cx, cy, rx, ry = (float(shape.get(k)) for k in ("cx", "cy", "rx", "ry"))
        return Box(cx - rx, cy - ry, cx + rx, cy + ry)
    values = _numbers(shape.get("points") or shape.get("d"))
    xs, ys = values[::2], values[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))


class Drawing:
    """What a page of the SVG shows: grid, header, rows, symbols and arrows."""

    def __init__(self, svg: str):
        graph = ET.fromstring(svg.encode("utf-8")).find(f"{SVG}g")
        lines = [_numbers(p.get("points")) for p in graph.findall(f"{SVG}polyline") if p.get("stroke") == "#555555"]
        self.columns = sorted({round(a[0], 2) for a in lines if a[0] == a[2]})
        self.rows = sorted({round(a[1], 2) for a in lines if a[1] == a[3]})
        self.texts = [(float(t.get("x")), float(t.get("y")), t.text or "") for t in graph.findall(f"{SVG}text")]
        # Graphviz's own names of nodes and edges are dropped from the SVG (they are no tooltips for a
        # reader); a symbol is known by its id, "<page id>-<symbol id>".
        self.nodes = {g.get("id").rsplit("-", 1)[1]: g for g in graph.findall(f"{SVG}g") if "node" in g.get("class", "").split()}
        assert not graph.findall(f".//{SVG}g/{SVG}title"), "no internal names as tooltips"
        self.edges = [
            (g.get("id"), _numbers(g.find(f"{SVG}path").get("d")))
            for g in graph.findall(f"{SVG}g")
            if g.get("class") == "edge"
        ]
        kegiatan = next((x, y) for x, y, t in self.texts if t in ("Kegiatan", "Uraian Prosedur"))
        self.header_bottom = min(r for r in self.rows if r > kegiatan[1])  # "Kegiatan" spans the whole header
        self.lanes_left = self.column_of(kegiatan[0])[1]

    def column_of(self, x: float) -> tuple[float, float]:
        left = max(c for c in self.columns if c <= x)
        return left, min(c for c in self.columns if c > x)

    def row_of(self, y: float) -> tuple[float, float]:
        top = max(r for r in self.rows if r <= y)
        return top, min(r for r in self.rows if r > y)

    def lane_columns(self) -> dict[str, tuple[float, float]]:
        """Each lane's header text (its lines joined), with the column under it."""
        kelengkapan_x = next(x for x, y, t in self.texts if t in ("Kelengkapan", "Waktu"))
        pelaksana_y = next(y for x, y, t in self.texts if t == "Pelaksana")
        by_x: dict[float, list[tuple[float, str]]] = {}
        for x, y, text in self.texts:
            if pelaksana_y < y < self.header_bottom and self.lanes_left < x < kelengkapan_x:
                by_x.setdefault(x, []).append((y, text))
        lanes = {}
        for x, items in by_x.items():
            words = " ".join(t for _, t in sorted(items))
            lanes[re.sub(r"\s*/\s*", "/", re.sub(r"- ", "", words))] = self.column_of(x)
        return lanes

    def lane_order(self) -> list[tuple[float, float]]:
        """The pelaksana columns from left to right, read from the grid between Kegiatan and the mutu baku."""
        first_text_column = next(x for x, y, t in self.texts if t in ("Kelengkapan", "Waktu"))
        right = self.column_of(first_text_column)[0]
        edges = [c for c in self.columns if self.lanes_left <= c <= right]
        return list(zip(edges, edges[1:]))

    def step_rows(self) -> dict[str, tuple[float, float]]:
        """Each printed number of the No column, with its row (rows printed without a number are not here)."""
        first_column_right = self.columns[1]
        return {
            t: self.row_of(y)
            for x, y, t in self.texts
            if x < first_column_right and self.header_bottom < y < self.rows[-1] and t  # notes under the table are no rows
        }


def _crosses(segment, box: Box, inset: float = 0.5) -> bool:
    (x1, y1), (x2, y2) = segment
    left, right, top, bottom = box.left + inset, box.right - inset, box.top + inset, box.bottom - inset
    if abs(x1 - x2) < 0.01:
        return left < x1 < right and max(min(y1, y2), top) < min(max(y1, y2), bottom)
    return top < y1 < bottom and max(min(x1, x2), left) < min(max(x1, x2), right)


def _segments(numbers: list[float]):
    """The straight runs of an edge path: its start, then the end of every cubic piece."""
    points = list(zip(numbers[::2], numbers[1::2]))
    corners = [points[0]] + points[3::3]
    return list(zip(corners, corners[1:]))


def _drawn(path: Path, options: Options, tmp_path):
    sop = check_structure([str(path)]).files[0].sop
    sheet = layout(sop, options)
    return sop, render.render_sheets([sheet], tmp_path)[0]


CASES = [pytest.param(p, Options(), id=p.parent.name) for p in SEEDS] + [
    pytest.param(p, Options(max_rows=10), id=f"golden-{p.stem}") for p in GOLDEN
]


@pytest.mark.parametrize("path, options", CASES)
def test_each_step_is_one_symbol_in_its_lane_and_row_and_no_arrow_crosses_a_symbol(path, options, tmp_path):
    whole, pages = _drawn(path, options, tmp_path)
    tables = _tables(whole)
    declared_all = {symbol_name(y.key, len(step.simbol) == 1): y for step in whole.langkah for y in step.simbol}
    seen: list[str] = []
    for page in pages:
        drawing = Drawing(page.svg)
        # an SOP of several tables: each page holds one table, with its own columns and numbering, named in its title
        [sop] = [t for t, tabel in tables if len(tables) == 1 or f"\u2014 {tabel.judul}</text>" in page.svg]
        declared = {name: y for name, y in declared_all.items() if y.langkah in {step.nomor for step in sop.langkah}}
        order = drawing.lane_order()
        unknown = any(y.pelaksana is None for y in declared.values())
        assert len(order) == len(sop.pelaksana) + unknown
        if not any(p.kelompok for p in sop.pelaksana):  # the header names each column, in the declared order
            lanes = drawing.lane_columns()
            names = [re.sub(r"\s*/\s*", "/", p.nama) for p in sop.pelaksana] + ([UNKNOWN_LANE] if unknown else [])
            assert [lanes[name] for name in names] == order
        columns = [p.id for p in sop.pelaksana]
        rows = drawing.step_rows()
        by_label = {step.label: step for step in sop.langkah if step.label}
        for label, (top, bottom) in rows.items():
            step = by_label[label]
            number = step.nomor
            for name, symbol in declared.items():
                if symbol.langkah != step.nomor:
                    continue
                group = drawing.nodes.get(name)
                assert group is not None, f"symbol {name} of step {number} is not drawn"
                seen.append(name)
                box = _box(group)
                assert top < box.top and box.bottom < bottom, f"{name} is not inside its own row"
                left, right = order[columns.index(symbol.pelaksana) if symbol.pelaksana else -1]
                assert left < box.cx < right, f"{name} is not in the column of {symbol.pelaksana}"
        for title, numbers in drawing.edges:
            segments = _segments(numbers)
            ends = (segments[0][0], segments[-1][1])
            for segment in segments:
                (x1, y1), (x2, y2) = segment
                assert abs(x1 - x2) < 0.01 or abs(y1 - y2) < 0.01, f"{title} is not orthogonal"
                for name, group in drawing.nodes.items():
                    box = _box(group)
                    if any(_touches(point, box) for point in ends):
                        continue  # the symbol the arrow leaves or enters
                    assert not _crosses(segment, box), f"{title} crosses {name}"
    numbered = [name for name, y in declared_all.items() if whole.langkah[y.langkah - 1].label]
    assert sorted(seen) == sorted(numbered), "one drawn symbol for each declared symbol"


def _touches(point, box: Box, slack: float = 8.0) -> bool:
    """Whether ``point`` is on or just off ``box``'s outline (an arrowhead stops short of it)."""
    x, y = point
    return box.left - slack <= x <= box.right + slack and box.top - slack <= y <= box.bottom + slack
