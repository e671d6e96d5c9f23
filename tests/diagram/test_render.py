"""DOT text and SVG as a reader's browser gets them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest


from katalog_sop.diagram import render
from katalog_sop.diagram.dot import page_id, to_dot
from katalog_sop.diagram.geometry import Options, layout
from katalog_sop.diagram.shapes import PENGHUBUNG

from conftest import REPO, check_structure

SVG = "{http://www.w3.org/2000/svg}"

NASTY = r"""
nama: 'Uji "kutip" <b>tebal</b> & {kurung} \ garis\'
pelaksana: ['A "x" <y>', 'B \']
langkah:
  - kegiatan: 'Teks " kutip \ <script>alert(1)</script> & {a} [b] -> c; \'
    pelaksana: 'A "x" <y>'
    kelengkapan: '\'
    output: '"'
    cabang: [{label: 'Ya "\', ke: 2}, {label: '<Tidak>&', ke: 1}]
  - kegiatan: 'é ü 中文 \n \l \N }'
    pelaksana: 'B \'
"""


def _sop(path):
    return check_structure([str(path)]).files[0].sop


def test_nasty_text_survives_exactly(write_sop):
    sop = check_structure([str(write_sop(NASTY))]).files[0].sop
    assert sop is not None
    [[page]] = render.render_sheets([layout(sop)])
    root = ET.fromstring(page.svg.encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert 'A "x" <y>' in texts and "B \\" in texts
    assert "\\" in texts and '"' in texts and 'Ya "\\' in texts and "<Tidak>&" in texts
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert "é ü 中文 \\n \\l \\N }" in texts
    assert not list(root.iter(f"{SVG}script"))
    assert root.find(f"{SVG}g/{SVG}title").text.startswith('Uji "kutip" <b>tebal</b> & {kurung}')


@pytest.mark.parametrize("path", sorted((REPO / "sops").rglob("*.yaml")), ids=lambda p: p.parent.name)
def test_every_seed_renders_to_valid_svg_with_one_symbol_per_step(path, tmp_path):
    sop = _sop(path)
    sheet = layout(sop)
    pages = render.render_sheets([sheet], tmp_path)[0]
    step_ids = []
    for page, drawn in zip(sheet.pages, pages):
        root = ET.fromstring(drawn.svg.encode("utf-8"))
        prefix = page_id(sheet, page)
        graph = root.find(f"{SVG}g")
        assert graph.get("id") == prefix
        assert graph.find(f"{SVG}title").text == f"{sop.nama.value} — halaman {page.number} dari {len(sheet.pages)}"
        assert graph.find(f"{SVG}desc").text.startswith("Lembar flowchart SOP")
        ids = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") in ("node", "edge")]
        assert ids and all(i.startswith(prefix + "-") for i in ids)
        nodes = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
        for symbol in page.symbols:
            node = nodes[f"{prefix}-{symbol.id}"]
            shape = node.find(f"{SVG}polygon") if node.find(f"{SVG}polygon") is not None else node.find(f"{SVG}path")
            xs, ys = _coordinates(shape)
            # read back from the SVG (y is negative upwards in Graphviz's translate frame)
            assert min(xs) == pytest.approx(symbol.rect.x, abs=1.5)
            assert max(xs) == pytest.approx(symbol.rect.right, abs=1.5)
            assert -max(ys) == pytest.approx(page.height - symbol.rect.bottom, abs=1.5) or -min(ys) == pytest.approx(page.height - symbol.rect.y, abs=1.5)
            if symbol.step is not None:
                step_ids.append(symbol.step)
    assert sorted(step_ids) == sorted(s.nomor for s in sop.langkah for _ in s.simbol), "one symbol per declared symbol"


def _coordinates(shape):
    if shape.tag == f"{SVG}polygon":
        pairs = [p.split(",") for p in shape.get("points").split()]
    else:
        numbers = re.findall(r"-?\d+(?:\.\d+)?", shape.get("d"))
        pairs = list(zip(numbers[::2], numbers[1::2]))
    return [float(x) for x, _ in pairs], [float(y) for _, y in pairs]


def test_same_input_gives_byte_identical_svg(tmp_path):
    sop = _sop(REPO / "tests" / "examples" / "valid" / "lengkap.yaml")
    first = render.render_sheets([layout(sop)], None)[0][0].svg
    second = render.render_sheets([layout(sop)], tmp_path)[0][0].svg
    third = render.render_sheets([layout(sop)], tmp_path)[0][0].svg
    assert first == second == third


def test_warm_cache_runs_no_graphviz(tmp_path, monkeypatch):
    sheets = [layout(_sop(p)) for p in sorted((REPO / "sops").rglob("*.yaml"))]
    render.graphviz_version()
    started = []
    real = render.subprocess.Popen

    def counting(*args, **kwargs):
        started.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(render.subprocess, "Popen", counting)
    cold = render.render_sheets(sheets, tmp_path)
    assert len(started) == 1, "one Graphviz process draws every page"
    warm = render.render_sheets(iter(sheets), tmp_path)
    assert len(started) == 1, "a warm cache starts no Graphviz process"
    assert cold == warm
    assert sum(len(s.pages) for s in sheets) == len(list(tmp_path.rglob("*.svg")))
    assert not list(tmp_path.rglob(".tmp-*"))


def test_connectors_are_pentagons_with_their_letter():
    sop = _sop(REPO / "sops" / "dinas-tanpa-nama" / "pengukuran-kinerja.yaml")
    sheet = layout(sop, Options(max_rows=3))
    dot = to_dot(sheet, sheet.pages[0])
    connectors = [s for s in sheet.pages[0].symbols if s.kind == PENGHUBUNG]
    assert connectors
    for symbol in connectors:
        assert f'"{symbol.id}" [' in dot and "shape=invhouse" in dot and f'label="{symbol.label}"' in dot


def test_render_sops_reuses_unchanged_sheets_without_layout(tmp_path, monkeypatch):
    sops = [_sop(p) for p in sorted((REPO / "sops").rglob("*.yaml"))]
    first = render.render_sops(sops, cache_dir=tmp_path)
    assert [len(pages) for pages in first] == [len(layout(s).pages) for s in sops]

    def no_layout(*args, **kwargs):
        raise AssertionError("an unchanged SOP was laid out again")

    monkeypatch.setattr(render, "layout", no_layout)
    assert render.render_sops(sops, cache_dir=tmp_path) == first
    monkeypatch.undo()
    changed = sops[0].__class__(**{**sops[0].__dict__, "nama": sops[0].nama.__class__("Nama Baru", sops[0].nama.location)})
    again = render.render_sops([changed], cache_dir=tmp_path)
    assert again[0][0].svg != first[0][0].svg and "<title>Nama Baru" in again[0][0].svg


def test_an_edited_sop_file_is_drawn_anew_and_a_copy_under_another_name_has_its_own_sheet(tmp_path):
    source = REPO / "sops" / "dinas-tanpa-nama" / "pengukuran-kinerja.yaml"
    folder = tmp_path / "sops" / "unit"
    folder.mkdir(parents=True)
    edited, copy = folder / "sop.yaml", folder / "salinan.yaml"
    edited.write_bytes(source.read_bytes())
    copy.write_bytes(source.read_bytes())
    before, same_text = _sop(edited), _sop(copy)
    first = render.render_sops([before], cache_dir=tmp_path / "cache")
    copied = render.render_sops([same_text], cache_dir=tmp_path / "cache")  # the same text, once drawn, in the cache
    assert "salinan" in copied[0][0].svg and "salinan" not in first[0][0].svg, "each keeps its own id in its sheet"
    text = source.read_text(encoding="utf-8")
    edited.write_text(text.replace(f"nama: {before.nama.value}", "nama: Nama Baru Sesudah Disunting", 1), encoding="utf-8")
    after = _sop(edited)
    assert after.nama.value == "Nama Baru Sesudah Disunting"
    again = render.render_sops([after], cache_dir=tmp_path / "cache")
    assert "<title>Nama Baru Sesudah Disunting" in again[0][0].svg
