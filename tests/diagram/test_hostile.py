"""Hostile and unlucky SOP text on the sheet, checked on the SVG Graphviz really draws.

A reader's browser inlines the sheet, so nothing an SOP says may become
markup, a link or a script there; and the drawing must show exactly what the
SOP says, read back from the SVG the way a reader reads the picture: each
text line is what sits in one cell of the grid on one baseline.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from katalog_sop.diagram import render
from katalog_sop.diagram.geometry import Options, layout
from katalog_sop.diagram.render import render_sheets, render_sops

from conftest import check_structure

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

WIDE = Options(
    page_width=10000.0,
    lane_min_width=1500.0,
    columns={"no": 24.0, "kegiatan": 900.0, "kelengkapan": 600.0, "waktu": 50.0, "output": 600.0, "keterangan": 700.0},
)
"""Cells wide enough that every text below stays on one line, so each can be compared whole."""

HOSTILE = {
    "dot-injection": 'Menerima \\"URL=<javascript:alert(1)>];//',
    "dot-injection-2": '\\"] ; n1 [URL="javascript:alert(2)" href="javascript:alert(3)"] ; x [label="',
    "backslash-runs": 'satu \\" dua \\\\" tiga \\\\\\" empat \\',
    "trailing-backslash": "akhir \\",
    "entities": "&lt;b&gt;tebal&lt;/b&gt; &#60;i&#62; &amp;amp; &#x3C;script&#x3E;",
    "markup": '<a xlink:href="javascript:alert(4)">klik</a><script>alert(5)</script><foreignObject/>',
    "attributes": "\"'><svg onload=alert(6)> ' onmouseover='alert(7)",
    "xdot-like": "T 1 2 -1 3 4 -abcd c 7 -#ff0000 S 5 -solid",
    "escapes": "C:\\new\\table \\N \\G \\E \\T \\H \\L \\l \\r \\n",
}

CONTROL = "awal\x00NUL\x1b[31m\x07\x08\x7f\x9b\u202ekebalik\u202c \u2066isolat\u2069\ufffe\uffffakhir"
CONTROL_SHOWN = "awal\u2400NUL\u241b[31m\u2407\u2408\u2421\ufffd\ufffdkebalik\ufffd \ufffdisolat\ufffd\ufffd\ufffdakhir"
"""Control characters as their Unicode control pictures; bidi controls and noncharacters as U+FFFD."""


def _sop_yaml(text: str) -> str:
    value = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    return f"""\
nama: {value}
pelaksana: [{value}, Kepala Seksi]
langkah:
  - kegiatan: {value}
    pelaksana: {value}
    kelengkapan: [{value}]
    output: [{value}]
    keterangan: {value}
    cabang: [{{label: {value}, ke: 2}}, {{label: Tidak, ke: 1}}]
  - kegiatan: {value}
    pelaksana: Kepala Seksi
"""


def _sop(write_sop, text: str):
    result = check_structure([str(write_sop(_sop_yaml(text)))])
    assert not result.problems, [p.message for p in result.problems]
    return result.files[0].sop


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def drawn_lines(svg: str) -> list[str]:
    """Every line of text the sheet shows: the pieces in one grid column on one baseline, left to right."""
    root = ET.fromstring(svg.encode("utf-8"))
    columns = sorted(
        {
            round(xs[0], 2)
            for xs in (_numbers(p.get("points"))[::2] for p in root.iter(f"{SVG}polyline"))
            if len(xs) == 2 and abs(xs[0] - xs[1]) < 0.01
        }
    )
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    top = min(float(text.get("y")) for text in root.iter(f"{SVG}text"))
    for text in root.iter(f"{SVG}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        # the title line spans the grid's columns: its name (from the left) and its page number (to the right)
        column = sum(1 for c in columns if c <= x) if y > top else (1 if text.get("text-anchor") == "end" else 0)
        lines.setdefault((column, round(y, 2)), []).append((x, text.text or ""))
    return ["".join(piece for _, piece in sorted(pieces)) for pieces in lines.values()]


def assert_inert(svg: str) -> None:
    """No link, script, foreign content or event handler anywhere in the SVG."""
    root = ET.fromstring(svg.encode("utf-8"))
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        assert name not in ("a", "script", "foreignObject", "iframe", "style"), f"<{name}> in the sheet"
        for attribute in element.attrib:
            local = attribute.rsplit("}", 1)[-1].lower()
            assert local != "href" and not local.startswith("on"), f"{attribute} on <{name}>"
    assert "javascript:" not in "".join(
        value for element in root.iter() for name, value in element.attrib.items() if name != "aria-label"
    ), "a URL in an attribute"
    # The sheet's name for assistive technology is text, like its <title>: the same words, never markup.
    title = root.find(f"{SVG}g/{SVG}title")
    assert title is not None and root.get("role") == "img" and root.get("aria-label") == title.text


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_drawn_exactly_and_stays_inert(name, write_sop):
    text = HOSTILE[name]
    sop = _sop(write_sop, text)
    pages = render_sheets([layout(sop, WIDE)])[0]
    shown = [line for page in pages for line in drawn_lines(page.svg)]
    for page in pages:
        assert_inert(page.svg)
    # the SOP's name in the title line, kegiatan twice, pelaksana (header), kelengkapan, output, keterangan
    # and the exit label
    assert shown.count(text) == 8, shown


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_never_makes_graphviz_fail_or_link(name, write_sop):
    """With the sheet's own page size, where the texts wrap and split across lines."""
    sop = _sop(write_sop, HOSTILE[name] * 3)
    for pages in render_sops([sop]):
        for page in pages:
            assert_inert(page.svg)
            assert ET.fromstring(page.svg.encode("utf-8")).find(f"{SVG}g/{SVG}title").text.startswith(HOSTILE[name][:20])


def test_control_and_bidi_characters_are_shown_visibly_and_the_svg_stays_xml(write_sop):
    sop = _sop(write_sop, CONTROL)
    pages = render_sheets([layout(sop, WIDE)])[0]
    [page] = pages
    shown = drawn_lines(page.svg)  # parsing it at all proves the SVG is well-formed XML
    assert shown.count(CONTROL_SHOWN) == 8, shown  # with the page's title line
    root = ET.fromstring(page.svg.encode("utf-8"))
    assert root.find(f"{SVG}g/{SVG}title").text.startswith(CONTROL_SHOWN)


def test_the_drawing_shows_control_characters_as_the_pages_do():
    import html

    from katalog_sop.diagram.text import wrap
    from katalog_sop.site.markup import esc

    assert wrap(CONTROL, 10000.0, 7.0) == (CONTROL_SHOWN,)
    assert html.unescape(esc(CONTROL)) == CONTROL_SHOWN


def test_a_live_svg_is_refused_after_drawing(monkeypatch, write_sop):
    """Defence in depth: were Graphviz ever made to write a link or a script, the sheet never carries it."""
    sop = _sop(write_sop, "Menerima berkas")
    real = render._Batch.drawn

    def poisoned(self):
        return [(i, svg.replace("<g id=", '<a xlink:href="javascript:alert(1)"><script>alert(2)</script></a><g onclick="x" id=', 1)) for i, svg in real(self)]

    monkeypatch.setattr(render._Batch, "drawn", poisoned)
    result = render_sops([sop])
    [[page]] = result
    assert_inert(page.svg)
    [warning] = result.warnings
    assert warning.startswith(f"{sop.id}: halaman 1 ") and "tidak dapat digambar" in warning
    assert "tidak dapat digambar" in "".join(drawn_lines(page.svg))


def _page_size(svg: str) -> tuple[float, float]:
    root = ET.fromstring(svg.encode("utf-8"))
    return tuple(float(root.get(side).removesuffix("pt")) for side in ("width", "height"))


def test_huge_texts_draw_clipped_with_an_ellipsis_never_a_failure(write_sop):
    """A 9 KB kegiatan and exit label, 50 pelaksana of 400 characters and a pasted 200 KB word: over Graphviz's 16 KiB string limit."""
    kegiatan = "Memeriksa " + "kelengkapan berkas permohonan yang diajukan pemohon " * 180
    names = [f"Pelaksana {i:02d} " + "Bidang Perencanaan Evaluasi Pelaporan " * 10 for i in range(50)]
    word = "https://contoh.invalid/" + "a" * 200_000
    assert len(kegiatan) > 9000 and all(len(n) > 390 for n in names)
    steps = "".join(
        f"  - kegiatan: {json.dumps(kegiatan)}\n    pelaksana: {json.dumps(name)}\n    keterangan: {json.dumps(word if i == 0 else kegiatan)}\n"
        for i, name in enumerate(names[:3])
    ) + f"    cabang: [{{label: {json.dumps(kegiatan)}, ke: 1}}, {{label: {json.dumps(word[:50_000])}, ke: selesai}}]\n"
    path = write_sop(f"nama: Uji teks besar\npelaksana: {json.dumps(names)}\nlangkah:\n{steps}")
    result = check_structure([str(path)])
    assert not result.problems, [p.message for p in result.problems]
    drawn = render_sops([result.files[0].sop])
    assert drawn.warnings == ()
    pages = drawn[0]
    shown = [line for page in pages for line in drawn_lines(page.svg)]
    assert any(line.startswith("Memeriksa") for line in shown)
    assert any(len(line) > 4 and word.startswith(line) for line in shown), "the URL starts its cell, no hyphen added to it"
    assert sum(line.endswith("\u2026") for line in shown) >= 8, "each kegiatan, keterangan and exit label is cut"
    assert all(any(line.startswith(f"Pelaksana {i:02d}") for line in shown) for i in range(50))
    for page in pages:
        assert_inert(page.svg)
        assert _page_size(page.svg)[1] <= Options().page_height + 20, "each page still fits its sheet of paper"


def test_a_blank_line_in_a_text_keeps_every_text_after_it(write_sop):
    sop = _sop(write_sop, "Menerima\n\nsurat masuk")
    pages = render_sheets([layout(sop, WIDE)])[0]
    shown = [line for page in pages for line in drawn_lines(page.svg)]
    assert shown.count("Menerima") == 7 and shown.count("surat masuk") == 7, shown
    assert "Kepala Seksi" in shown  # the header drawn after the first cell's text
