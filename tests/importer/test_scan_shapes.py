"""Scanned pages (``importer.scan``): the flowchart's symbols and arrows found in the picture.

The step page here is drawn by the test with Pillow at 200 dpi: a ruled
table (No, Kegiatan, two pelaksana columns, Output), in its lanes a start
capsule, a process box, a decision diamond and an end capsule, joined by
arrows with solid heads and one open ("V") head, the decision's exits
labelled "Ya" and "Tidak", the box with a word inside; below the table an
off-page connector (a pentagon pointing down) and an on-page one (a circle). It is tilted a little, sprinkled with noise and saved as a
PDF with no text layer. The symbol and arrow readers must then read it as
they read a drawn page. The test that reads the whole SOP needs Tesseract
(see ``test_scan.py``).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from importer.test_scan import DPI, SCALE, scanned, sheet, tesseract  # noqa: F401 (a fixture)
from katalog_sop.importer import read_pdf
from katalog_sop.importer.arrows import wires
from katalog_sop.importer.scan import read_scanned_page
from katalog_sop.importer.scan.regions import regions
from katalog_sop.importer.steps import Column, Row, Table
from katalog_sop.importer.symbols import classify, symbols_of

XS = (60, 160, 560, 860, 1160, 1500)
"""Pixels: the column rules (No, Kegiatan, Pemohon, Petugas, Output)."""
YS = (60, 150, 330, 510, 690, 870)
"""Pixels: the row rules (the header, then four steps)."""
HEADER = ("No", "Kegiatan", "Pemohon", "Petugas", "Output")
STEPS = ("Mengajukan permohonan", "Memeriksa berkas", "Memutuskan permohonan", "Menerima surat")
PEMOHON, PETUGAS = 710, 1010
"""Pixels: the middle of each lane, where its symbols stand."""


def _head(draw: ImageDraw.ImageDraw, tip: tuple[int, int], direction: tuple[int, int], solid: bool = True) -> None:
    """An arrowhead 18 pixels long with its tip at ``tip``, pointing along ``direction``."""
    (x, y), (dx, dy) = tip, direction
    bx, by = x - 18 * dx, y - 18 * dy
    wings = [(bx - 9 * dy, by + 9 * dx), (bx + 9 * dy, by - 9 * dx)]
    if solid:
        draw.polygon([tip] + wings, fill=0)
    else:
        draw.line([wings[0], tip, wings[1]], fill=0, width=3)


def _arrow(draw: ImageDraw.ImageDraw, points: list[tuple[int, int]], solid: bool = True) -> None:
    draw.line(points, fill=0, width=3)
    (ax, ay), (bx, by) = points[-2], points[-1]
    _head(draw, (bx, by), ((bx > ax) - (bx < ax), (by > ay) - (by < ay)), solid)


def _table(draw: ImageDraw.ImageDraw) -> None:
    big, small = ImageFont.load_default(size=34), ImageFont.load_default(size=26)
    for y in YS:
        draw.line((XS[0], y, XS[-1], y), fill=0, width=3)
    for x in XS:
        draw.line((x, YS[0], x, YS[-1]), fill=0, width=3)
    for title, left in zip(HEADER, XS):
        draw.text((left + 15, YS[0] + 25), title, fill=0, font=big)
    for number, (text, top) in enumerate(zip(STEPS, YS[1:]), start=1):
        draw.text((XS[0] + 30, top + 20), str(number), fill=0, font=small)
        draw.text((XS[1] + 15, top + 20), text, fill=0, font=small)


def _symbols(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((PEMOHON - 80, 210, PEMOHON + 80, 270), radius=30, outline=0, width=4)
    draw.rectangle((PETUGAS - 80, 385, PETUGAS + 80, 455), outline=0, width=4)
    draw.polygon([(PETUGAS, 545), (PETUGAS + 75, 600), (PETUGAS, 655), (PETUGAS - 75, 600)], outline=0, width=4)
    draw.rounded_rectangle((PEMOHON - 80, 752, PEMOHON + 80, 812), radius=30, outline=0, width=4)
    draw.polygon([(1300, 920), (1360, 920), (1360, 955), (1330, 985), (1300, 955)], outline=0, width=4)
    draw.ellipse((1400, 930, 1440, 970), outline=0, width=4)  # an on-page connector
    draw.text((PETUGAS - 48, 404), "Berkas", fill=0, font=ImageFont.load_default(size=28))


def _arrows(draw: ImageDraw.ImageDraw) -> None:
    label = ImageFont.load_default(size=28)
    _arrow(draw, [(PEMOHON, 272), (PEMOHON, 300), (PETUGAS, 300), (PETUGAS, 383)])
    _arrow(draw, [(PETUGAS, 457), (PETUGAS, 543)])
    _arrow(draw, [(PETUGAS - 77, 600), (PEMOHON, 600), (PEMOHON, 750)])  # Ya
    _arrow(draw, [(PETUGAS + 77, 600), (1120, 600), (1120, 420), (PETUGAS + 82, 420)], solid=False)  # Tidak
    draw.text((790, 560), "Ya", fill=0, font=label)
    draw.text((1035, 478), "Tidak", fill=0, font=label)


def flowchart() -> Image.Image:
    """A step page 1600 x 1100 pixels (576 x 396 points at 200 dpi)."""
    image = Image.new("L", (1600, 1100), 255)
    draw = ImageDraw.Draw(image)
    _table(draw)
    _symbols(draw)
    _arrows(draw)
    return image


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("alur") / "alur.pdf"
    scanned(flowchart(), tilt=1.0).save(path, resolution=DPI)
    return read_scanned_page(path, 0, ocr=False).page


def _points(*pixels: float) -> list[float]:
    return [v / SCALE for v in pixels]


def _table_of(page) -> Table:
    """The step table as the step reader would give it (its columns and rows where they are drawn)."""
    roles = ("no", "kegiatan", "pelaksana", "pelaksana", "output")
    edges = _points(*XS)
    columns = [Column(x0, x1, role, title) for x0, x1, role, title in zip(edges, edges[1:], roles, HEADER)]
    tops = _points(*YS[1:])
    return Table(columns, {}, rows=[Row(page.number, top, bottom) for top, bottom in zip(tops, tops[1:])])


def test_each_symbol_is_found_with_its_kind_in_its_lane(page):
    table = _table_of(page)
    found = symbols_of(page, table.lanes, table.rows[0].top, table.rows[-1].bottom)
    lane = {column.label: column for column in table.lanes}
    placed = sorted((s.cy, s.kind, next(n for n, c in lane.items() if c.x0 <= s.cx <= c.x1)) for s in found)
    assert [(kind, name) for _, kind, name in placed] == [
        ("terminator", "Pemohon"), ("proses", "Petugas"), ("keputusan", "Petugas"), ("terminator", "Pemohon")]
    centres = [cy for cy, _, _ in placed]
    assert centres == pytest.approx(_points(240, 420, 600, 782), abs=4)  # within 4 points, tilt undone


def test_the_connectors_are_a_pentagon_pointing_down_and_a_small_circle(page):
    connectors = sorted((s.cx, s.cy) for s in page.shapes if not s.filled and classify(s) == "penghubung")
    assert [v for centre in connectors for v in centre] == pytest.approx(_points(1330, 950, 1420, 950), abs=5)


def test_arrows_join_the_symbols_in_the_direction_their_heads_point(page):
    table = _table_of(page)
    top, bottom = table.rows[0].top, table.rows[-1].bottom
    found = symbols_of(page, table.lanes, top, bottom)
    row = {id(s): next(n for n, r in enumerate(table.rows, start=1) if r.top <= s.cy <= r.bottom) for s in found}
    joined = sorted((row[id(s)], row[id(t)], w.plain) for w in wires(page, table, found, top, bottom)
                    for s in w.sources for t in w.targets)
    assert [(a, b) for a, b, _ in joined] == [(1, 2), (2, 3), (3, 2), (3, 4)]  # "Tidak" goes back to row 2
    assert not any(plain for _, _, plain in joined)  # every arrow's head was seen, the open one too


def test_the_symbols_sides_are_no_lines_and_the_heads_are_small_triangles(page):
    symbols = [s for s in page.shapes if not s.filled]
    for s in page.segments:  # an outline is a shape: no line may lie along a symbol's side
        assert not any(sym.x0 - 1 < min(s.x0, s.x1) and max(s.x0, s.x1) < sym.x1 + 1 and sym.top - 1 < min(s.y0, s.y1)
                       and max(s.y0, s.y1) < sym.bottom + 1 for sym in symbols), s
    heads = [s for s in page.shapes if s.filled]
    assert len(heads) == 4 and all(s.w <= 10 and s.h <= 10 and len(set(s.points)) == 3 for s in heads)


def test_regions_are_the_masks_connected_parts():
    mask = np.zeros((9, 12), dtype=bool)
    mask[1:4, 1:5] = True  # a block of 12
    mask[4, 4:7] = True  # and a tail of 3 below it, its end at (4, 6)
    mask[5:8, 7:10] = True  # a ring of 8 round one pixel, its corner (5, 7) diagonal to the tail's end
    mask[6, 8] = False
    assert sorted(regions(mask).area.tolist()) == [8, 15]
    assert regions(mask, diagonal=True).area.tolist() == [23]
    paper = regions(~mask)
    enclosed = [i for i in range(len(paper.area)) if paper.left[i] > 0 and paper.top[i] > 0
                and paper.right[i] < 12 and paper.bottom[i] < 9]
    assert [(paper.top[i], paper.left[i], paper.area[i]) for i in enclosed] == [(6, 8, 1)]  # the ring's hole


def _symbol(step: dict) -> dict:
    """A one-symbol step's symbol, written in the step itself or as its ``simbol`` list."""
    return step["simbol"][0] if "simbol" in step else step


def test_a_scanned_sop_is_read_with_its_symbols_and_arrows(tesseract, tmp_path):
    identity, steps = scanned(sheet(), seed=2), scanned(flowchart(), tilt=-0.8, seed=3)
    path = tmp_path / "pindaian.pdf"
    identity.save(path, resolution=DPI, save_all=True, append_images=[steps])
    draft = read_pdf(path)
    symbols = [_symbol(step) for step in draft.data["langkah"]]
    assert [s["pelaksana"] for s in symbols] == ["Pemohon", "Petugas", "Petugas", "Pemohon"]
    assert [s.get("bentuk", "proses") for s in symbols] == ["mulai", "proses", "keputusan", "selesai"]
    assert [s.get("lanjut_ke") for s in symbols] == ["2", "3", None, None]
    assert [s.get("teks") for s in symbols] == [None, "Berkas", None, None]  # no word read from a drawing
    assert sorted((b["label"], b["ke"]) for b in symbols[2]["cabang"]) == [("Tidak", "2"), ("Ya", "4")]
    assert not any("tidak ada simbol" in reason or "tanpa kepala" in reason for _, reason in draft.checks)
