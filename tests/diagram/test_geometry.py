"""Geometry of the sheet, checked as a reader would check the drawing."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest


from katalog_sop.diagram.geometry import UNKNOWN_LANE, Options, layout
from katalog_sop.diagram.dot import LABEL_LEADING, to_dot
from katalog_sop.diagram.routing import LABEL_SIZE, symbol_name
from katalog_sop.diagram.shapes import KEPUTUSAN, PENGHUBUNG, PROSES, SYMBOLS, TERMINATOR, Rect
from katalog_sop.diagram.text import text_width

from conftest import REPO, check_structure
from diagram.test_golden import _options

SOURCES = sorted((REPO / "sops").rglob("*.yaml")) + sorted((REPO / "tests" / "examples" / "valid").glob("*.yaml"))


def _sop(path: Path):
    result = check_structure([str(path)])
    assert result.files[0].sop is not None, result.problems
    return result.files[0].sop


def _segments(arrow):
    return list(zip(arrow.points, arrow.points[1:]))


def _crosses_symbol(segment, symbol) -> bool:
    """Whether the segment runs through the symbol's drawn shape: its box, or its diamond for a decision."""
    if symbol.kind != KEPUTUSAN:
        return _crosses_inside(segment, symbol.rect)
    rect = symbol.rect
    (x1, y1), (x2, y2) = segment
    for i in range(101):  # the diamond |dx|/half-width + |dy|/half-height < 1, sampled along the segment
        x, y = x1 + (x2 - x1) * i / 100, y1 + (y2 - y1) * i / 100
        if abs(x - rect.cx) / (rect.w / 2) + abs(y - rect.cy) / (rect.h / 2) < 0.97:
            return True
    return False


def _label_over(box: Rect, symbol) -> bool:
    """Whether a label's box covers the symbol's drawn shape (its diamond, for a decision)."""
    if symbol.kind != KEPUTUSAN:
        return _intersects(box, symbol.rect)
    edges = [((box.x, box.y), (box.right, box.y)), ((box.x, box.bottom), (box.right, box.bottom)),
             ((box.x, box.y), (box.x, box.bottom)), ((box.right, box.y), (box.right, box.bottom))]
    return any(_crosses_symbol(edge, symbol) for edge in edges)


def _crosses_inside(segment, rect, inset=0.5):
    (x1, y1), (x2, y2) = segment
    left, right, top, bottom = rect.x + inset, rect.right - inset, rect.y + inset, rect.bottom - inset
    if x1 == x2:
        return left < x1 < right and max(min(y1, y2), top) < min(max(y1, y2), bottom)
    return top < y1 < bottom and max(min(x1, x2), left) < min(max(x1, x2), right)


def _overlap(a, b):
    """Two axis-parallel segments that lie on one line and share a stretch."""
    (a1, a2), (b1, b2) = a, b
    if a1[0] == a2[0] == b1[0] == b2[0]:
        lo, hi = max(min(a1[1], a2[1]), min(b1[1], b2[1])), min(max(a1[1], a2[1]), max(b1[1], b2[1]))
        return hi - lo > 0.5
    if a1[1] == a2[1] == b1[1] == b2[1]:
        lo, hi = max(min(a1[0], a2[0]), min(b1[0], b2[0])), min(max(a1[0], a2[0]), max(b1[0], b2[0]))
        return hi - lo > 0.5
    return False


def _label_box(arrow) -> Rect:
    lines = arrow.label.split("\n")
    width = max(text_width(line, LABEL_SIZE) for line in lines)
    x, y = arrow.label_at
    left = x if arrow.label_align == "left" else x - width
    top = y - LABEL_SIZE * 0.75 - (len(lines) - 1) * LABEL_LEADING
    return Rect(left, top, width, y + 1 - top)


def _intersects(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _cases():
    for path in SOURCES:
        yield pytest.param(path, None, id=f"{path.parent.name}/{path.stem}")
    for path in sorted((REPO / "tests" / "diagram" / "golden").glob("*.yaml")):
        yield pytest.param(path, _options(path.read_text(encoding="utf-8")).max_rows, id=f"golden/{path.stem}")
    for path in sorted((REPO / "tests" / "real_sops").rglob("*.yaml")):  # real signed sheets, transcribed
        yield pytest.param(path, None, id=f"real/{path.stem}")
    yield pytest.param(REPO / "sops" / "bakesbangpol" / "mekanisme-pengumpulan-data-kinerja.yaml", 4, id="bakesbangpol-4-rows")
    yield pytest.param(REPO / "sops" / "dinas-tanpa-nama" / "pengukuran-kinerja.yaml", 3, id="dinas-3-rows")


@pytest.mark.parametrize("path, max_rows", list(_cases()))
def test_sheet_is_drawn_as_the_regulation_lays_it_out(path, max_rows):
    sop = _sop(path)
    sheet = layout(sop, Options(max_rows=max_rows))
    symbols = {symbol_name(s.key, len(step.simbol) == 1): s for step in sop.langkah for s in step.simbol}
    seen_steps = []
    for page in sheet.pages:
        assert page.width <= Options().page_width + 0.01
        if max_rows is None:  # a fixed number of rows per page is the author's choice, fitting or not
            assert page.height <= Options().page_height + 0.01, "every page fits A4 landscape"
        assert {s.kind for s in page.symbols} <= set(SYMBOLS)
        steps = [s for s in page.symbols if s.step is not None]
        seen_steps += [s.id for s in steps]
        for symbol in steps:
            step = sop.langkah[symbol.step - 1]
            declared = symbols[symbol.id]
            # its own row: the No cell of the step spans the symbol vertically
            if step.label:
                row = next(t.rect for t in page.texts if t.lines == (step.label,) and t.rect.x == 0)
            else:  # a row printed without a number: its Kegiatan cell
                row = next(t.rect for t in page.texts if " ".join(t.lines) == step.kegiatan.value)
            assert row.y < symbol.rect.y and symbol.rect.bottom < row.bottom
            # its pelaksana's column: the centre lies within the column's header
            name = sop.pelaksana_by_id(declared.pelaksana).nama if declared.pelaksana else UNKNOWN_LANE
            slash = lambda text: re.sub(r"\s*/\s*", "/", text)  # a title may break after a slash
            lane = sorted((t.rect for t in page.texts if 0 < t.rect.y < row.y and slash(" ".join(t.lines)) == slash(name)), key=lambda r: r.x)
            assert lane, name
            same_name = [p.id for p in sop.pelaksana if p.nama == name]  # one role under two header groups
            own = lane[same_name.index(declared.pelaksana)] if declared.pelaksana in same_name else lane[0]
            assert own.x < symbol.rect.cx < own.right
            assert symbol.marks == ()
            expected = {"keputusan": KEPUTUSAN, "mulai": TERMINATOR, "selesai": TERMINATOR, "kapsul": TERMINATOR, "proses": PROSES}[declared.bentuk]
            assert symbol.kind == expected
            assert symbol.unknown == (declared.pelaksana is None or step.unknown("simbol"))
        for arrow in page.arrows:
            for (x1, y1), (x2, y2) in _segments(arrow):
                assert x1 == x2 or y1 == y2, f"{arrow.id} is not orthogonal"
            for segment in _segments(arrow):
                for symbol in page.symbols:
                    assert not _crosses_symbol(segment, symbol), f"{arrow.id} crosses {symbol.id}"
            if arrow.label and arrow.points[0][1] == arrow.points[1][1]:
                # a side exit's label stays above its first segment, short of the gutter or capsule
                run = abs(arrow.points[1][0] - arrow.points[0][0])
                widest = max(text_width(line, LABEL_SIZE) for line in arrow.label.split("\n"))
                words = max(text_width(word, LABEL_SIZE) for word in arrow.label.split())
                assert widest + 4 <= run or widest == words, f"{arrow.id}: label {arrow.label!r} overruns"
        boxes = [_label_box(a) for a in page.arrows if a.label]
        for box in boxes:
            for symbol in page.symbols:
                assert not _label_over(box, symbol), f"a label runs over {symbol.id}"
        for a, b in itertools.combinations(boxes, 2):
            assert not _intersects(a, b), "two labels overlap"
        for labelled in (a for a in page.arrows if a.label):  # no line strikes through a label, its own included
            box = _label_box(labelled)
            for arrow in page.arrows:
                for segment in _segments(arrow):
                    assert not _crosses_inside(segment, box, inset=0.8), f"{arrow.id} runs through the label of {labelled.id}"
        for a, b in itertools.combinations(page.arrows, 2):
            if not (a.label or b.label) and (a.tail == b.tail or a.head == b.head):
                continue  # a fork or a join shares its stem, as agencies draw it
            for sa, sb in itertools.product(_segments(a), _segments(b)):
                assert not _overlap(sa, sb), f"{a.id} runs along {b.id}"
    assert sorted(seen_steps) == sorted(symbols), "one drawn symbol for each declared symbol"


def test_page_breaks_pair_their_connectors():
    sop = _sop(REPO / "sops" / "dinas-tanpa-nama" / "pengukuran-kinerja.yaml")
    sheet = layout(sop, Options(max_rows=3))
    assert len(sheet.pages) == 3
    outgoing, incoming = {}, {}
    for page in sheet.pages:
        for symbol in page.symbols:
            if symbol.kind == PENGHUBUNG:
                (outgoing if symbol.id.endswith("keluar") else incoming).setdefault(symbol.label, []).append(page.number)
    assert outgoing.keys() == incoming.keys() and outgoing
    assert all(len(v) == 1 for v in outgoing.values()) and all(len(v) == 1 for v in incoming.values())
    # the "Tidak setuju" loop from step 4 (page 2) back to step 3 (page 1) crosses a break
    assert any(outgoing[label] == [2] and incoming[label] == [1] for label in outgoing)


def test_every_page_repeats_the_header():
    sop = _sop(REPO / "sops" / "bakesbangpol" / "mekanisme-pengumpulan-data-kinerja.yaml")
    sheet = layout(sop, Options(max_rows=5))
    for page in sheet.pages:
        titles = {" ".join(t.lines) for t in page.texts}
        assert {"No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan", "Kepala Badan"} <= titles


def test_default_pages_fit_a4_landscape():
    sop = _sop(REPO / "sops" / "bakesbangpol" / "mekanisme-pengumpulan-data-kinerja.yaml")
    sheet = layout(sop)
    assert len(sheet.pages) >= 2
    assert all(page.height <= Options().page_height for page in sheet.pages)


def test_steps_with_unknown_pelaksana_get_their_own_column():
    sop = _sop(REPO / "sops" / "sekretariat" / "pengumpulan-data-kinerja.yaml")
    page = layout(sop).pages[0]
    assert any(t.lines == ("(pelaksana tidak", "diketahui)") or " ".join(t.lines) == UNKNOWN_LANE for t in page.texts)


def test_layout_is_deterministic():
    sop = _sop(REPO / "tests" / "examples" / "valid" / "lengkap.yaml")
    assert layout(sop) == layout(sop)


def test_a_loop_that_fits_one_page_is_not_split_across_pages(check_sop):
    long = "Memeriksa dan mencocokkan " + "data kinerja triwulan dari setiap bidang " * 3
    steps = "".join(
        f"  - {{kegiatan: '{long}{n}', pelaksana: {'B' if n % 2 else 'A'}"
        + (", cabang: [{label: Ya, ke: 11}, {label: Tidak, ke: 8}]" if n == 10 else "")
        + "}\n"
        for n in range(1, 13)
    )
    result = check_sop(f"nama: Uji\npelaksana: [A, B]\nlangkah:\n{steps}")
    sop = result.files[0].sop
    assert sop is not None, result.problems
    greedy = layout(sop, Options(max_rows=None))
    pages = [{s.step for s in page.symbols if s.step} for page in greedy.pages]
    assert len(pages) > 1, "the rows must not all fit one page for this test to mean anything"
    assert any({8, 9, 10} <= rows for rows in pages), f"rows 8 to 10 (a loop) split: {pages}"
    without_loop = layout(check_sop(f"nama: Uji\npelaksana: [A, B]\nlangkah:\n{steps.replace('ke: 8}', 'ke: 11}')}").files[0].sop)
    assert len(pages) <= len(without_loop.pages), "keeping the loop on one page cost no extra page"


def test_a_waktu_cell_merged_over_rows_is_one_cell_on_the_sheet(check_sop):
    result = check_sop(
        "nama: Uji\npelaksana: [A, B]\nlangkah:\n"
        "  - {kegiatan: Menerima berkas, pelaksana: A, waktu: 1 hari, waktu_gabung: 3}\n"
        "  - {kegiatan: Memeriksa berkas, pelaksana: B}\n"
        "  - {kegiatan: Mencatat berkas, pelaksana: A}\n"
        "  - {kegiatan: Mengarsipkan berkas, pelaksana: B, waktu: 10 menit}\n"
    )
    sop = result.files[0].sop
    assert [p.code for p in result.problems] == [] and [s.waktu_dari for s in sop.langkah] == [None, 1, 1, None]
    [page] = layout(sop).pages
    rows = {t.lines[0]: t.rect for t in page.texts if t.rect.x == 0 and t.lines and t.lines[0].isdigit()}
    [cell] = [t.rect for t in page.texts if t.lines == ("1 hari",)]
    assert cell.y == rows["1"].y and cell.bottom == rows["3"].bottom, "one cell from row 1 down to row 3"
    waktu_left, waktu_right = cell.x, cell.right
    for y in (rows["2"].y, rows["3"].y):  # no row line crosses the merged cell
        across = [(a, b) for a, b in page.rules if a[1] == b[1] == y]
        assert across and all(max(a[0], b[0]) <= waktu_left or min(a[0], b[0]) >= waktu_right for a, b in across)
    assert any(a[1] == b[1] == rows["4"].y and min(a[0], b[0]) < waktu_left < max(a[0], b[0]) for a, b in page.rules)


def test_a_merged_waktu_cell_may_not_overrun_the_table_or_cover_a_written_waktu(check_sop):
    result = check_sop(
        "nama: Uji\npelaksana: [A, B]\nlangkah:\n"
        "  - {kegiatan: Menerima berkas, pelaksana: A, waktu: 1 hari, waktu_gabung: 2}\n"
        "  - {kegiatan: Memeriksa berkas, pelaksana: B, waktu: 5 menit, waktu_gabung: 3}\n"
    )
    assert [(p.location.line, p.message) for p in result.problems] == [
        (4, "sel waktu yang digabung menimpa waktu langkah 2"),
        (5, "sel waktu mencakup 3 baris, tetapi hanya ada 1 baris sampai akhir tabel"),
    ]


def test_a_two_way_arrow_and_a_plain_line_are_drawn_as_the_sheet_draws_them(check_sop):
    result = check_sop(
        "nama: Uji\npelaksana: [A, B, C]\nlangkah:\n"
        "  - kegiatan: Menerima\n    simbol:\n"
        "      - {pelaksana: A, lanjut_ke: [{ke: b1, panah: dua_arah}, {ke: '2'}]}\n"
        "      - {pelaksana: B, id: b1, lanjut_ke: []}\n"
        "  - kegiatan: Memeriksa\n    simbol:\n"
        "      - {pelaksana: A, lanjut_ke: {ke: c2, panah: tanpa}}\n"
        "      - {pelaksana: C, id: c2}\n"
    )
    sop = result.files[0].sop
    assert sop is not None, result.problems
    sheet = layout(sop)
    [page] = sheet.pages
    heads = {(a.tail, a.head): a.heads for a in page.arrows}
    assert heads == {("n1s1", "n1s2"): "both", ("n1s1", "n2s1"): "end", ("n2s1", "n2s2"): "none"}
    dot = to_dot(sheet, page)
    both = next(line for line in dot.splitlines() if '"n1s1" -> "n1s2"' in line)
    plain = next(line for line in dot.splitlines() if '"n2s1" -> "n2s2"' in line)
    assert "dir=both" in both and 'pos="s,' in both and " e," in both
    assert "dir=none" in plain and "e," not in plain.split("pos=")[1]


def test_an_sop_of_several_tables_draws_each_on_pages_of_its_own_with_its_own_columns(check_sop):
    result = check_sop(
        "nama: Pengajuan Pembayaran\npelaksana: [Ketua, PPK, Bendahara]\nlangkah:\n"
        "  - {tabel: Belanja Barang, nomor: '1', kegiatan: Mengajukan, pelaksana: Ketua}\n"
        "  - {nomor: '2', kegiatan: Membayar, pelaksana: PPK}\n"
        "  - {tabel: Belanja Perjalanan, nomor: '1', kegiatan: Mengajukan, pelaksana: Ketua}\n"
        "  - {nomor: '2', kegiatan: Membayar, pelaksana: Bendahara}\n"
    )
    sop = result.files[0].sop
    assert sop is not None, result.problems
    assert [s.exits for s in sop.langkah] == [((None, 2),), ((None, None),), ((None, 4),), ((None, None),)], "no arrow between tables"
    assert [s.simbol[0].bentuk for s in sop.langkah] == ["mulai", "selesai", "mulai", "selesai"]
    assert sop.langkah[3].sebutan == "langkah 2 (tabel Belanja Perjalanan)"
    sheet = layout(sop)
    assert [page.number for page in sheet.pages] == [1, 2]
    titles = [next(t.lines[0] for t in page.texts if t.rect.y == 0 and t.align == "left") for page in sheet.pages]
    assert titles == ["Pengajuan Pembayaran \u2014 Belanja Barang", "Pengajuan Pembayaran \u2014 Belanja Perjalanan"]
    for page, own in zip(sheet.pages, (["Ketua", "PPK"], ["Ketua", "Bendahara"])):
        heads = {" ".join(t.lines) for t in page.texts}
        assert all(name in heads for name in own) and not ({"Ketua", "PPK", "Bendahara"} - set(own)) & heads
        assert any(" ".join(t.lines) == f"Halaman {page.number} dari 2" for t in page.texts)


def test_a_first_table_without_a_title_is_drawn_too(check_sop):
    result = check_sop(
        "nama: Uji\npelaksana: [A, B]\nlangkah:\n"
        "  - {kegiatan: Mengajukan, pelaksana: A}\n  - {kegiatan: Membayar, pelaksana: B}\n"
        "  - {tabel: Tabel kedua, kegiatan: Mengajukan lagi, pelaksana: A}\n"
    )
    sheet = layout(result.files[0].sop)
    assert len(sheet.pages) == 2 and "(tanpa judul), Tabel kedua" in sheet.description


def test_the_forms_column_numbers_are_printed_under_the_titles_when_asked(check_sop):
    source = "nama: Uji\n{}pelaksana: [A, B]\nlangkah:\n  - {{kegiatan: Menerima, pelaksana: A}}\n  - {{kegiatan: Memeriksa, pelaksana: B}}\n"
    plain = layout(check_sop(source.format("")).files[0].sop).pages[0]
    numbered = layout(check_sop(source.format("formulir: {nomor_kolom: true}\n")).files[0].sop).pages[0]
    shown = [t.lines[0] for t in numbered.texts if t.lines and t.lines[0].startswith("(")]
    assert shown == [f"({n})" for n in range(1, 9)]  # No, Kegiatan, 2 pelaksana, 3 mutu baku, Keterangan
    assert not any(t.lines and t.lines[0] == "(1)" for t in plain.texts)
    row = lambda page: next(t.rect.y for t in page.texts if t.lines == ("1",) and t.rect.x == 0)
    assert row(numbered) > row(plain), "the rows start below the numbers"


def test_a_table_draws_the_columns_it_lists_even_empty_ones_and_its_notes_under_its_last_row(check_sop):
    notes = ["Ket: *) Kelengkapan dokumen pendukung:", "- KAK dan FP (aplikasi BOS)", "- " + "Surat Tugas dan SPD " * 12]
    result = check_sop(
        "nama: Uji\npelaksana: [Ketua, PPK, Persediaan, Bendahara]\nlangkah:\n"
        f"  - tabel: {{judul: Belanja Barang, pelaksana: [Ketua, PPK, Persediaan], catatan: {notes!r}}}\n"
        "    kegiatan: Mengajukan\n    pelaksana: Ketua\n"
        + "".join(f"  - {{kegiatan: Memeriksa {n}, pelaksana: PPK}}\n" for n in range(2, 12))
        + "  - {tabel: Belanja Perjalanan, kegiatan: Mengajukan lagi, pelaksana: Ketua}\n"
        "  - {kegiatan: Membayar, pelaksana: Bendahara}\n"
    )
    sop = result.files[0].sop
    assert sop is not None, result.problems
    sheet = layout(sop)
    first_table = [p for p in sheet.pages if any("Belanja Barang" in " ".join(t.lines) for t in p.texts)]
    assert len(first_table) >= 2, "the case spans pages: the notes must follow the last row, not the first page"
    for page in sheet.pages:
        shown = {" ".join(t.lines) for t in page.texts}
        assert page.height <= Options().page_height + 0.01
        if page in first_table:
            assert "Persediaan" in shown and "Bendahara" not in shown, "an empty listed column is drawn; an unlisted one is not"
    last = first_table[-1]
    [block] = [t for t in last.texts if t.lines and t.lines[0] == notes[0]]
    assert block.lines[1] == notes[1] and len(block.lines) > len(notes), "each note on its own lines, a long one wrapped"
    grid_bottom = max(max(a[1], b[1]) for a, b in last.rules)
    assert block.rect.y >= grid_bottom - 0.01 and block.rect.bottom <= last.height + 0.01, "under the table, on the page"
    assert all(not any(notes[0] in " ".join(t.lines) for t in p.texts) for p in sheet.pages if p is not last)


def test_a_row_whose_pelaksana_cells_are_merged_has_no_lines_between_the_columns(check_sop):
    result = check_sop(
        "nama: Uji\npelaksana: [A, B, C]\nlangkah:\n"
        "  - {kegiatan: Menerima, pelaksana: A}\n"
        "  - {kegiatan: Membahas bersama, pelaksana: B, pelaksana_gabung: true}\n"
        "  - {kegiatan: Melaporkan, pelaksana: A}\n"
    )
    sheet = layout(result.files[0].sop)
    [page] = sheet.pages
    rows = sorted({t.rect.y for t in page.texts if t.lines in (("1",), ("2",), ("3",)) and t.rect.x == 0})
    second_top, third_top = rows[1], rows[2]
    lanes = sorted({s.rect.cx for s in page.symbols})
    between = [x for x in {a[0] for a, b in page.rules if a[0] == b[0]} if lanes[0] < x < lanes[-1]]
    assert len(between) == 1, "one line between the lanes of A and B"
    for x in between:
        spans = [(a[1], b[1]) for a, b in page.rules if a[0] == b[0] == x]
        covered = lambda y: any(min(p, q) <= y <= max(p, q) for p, q in spans)
        assert covered(rows[0] + 5) and covered(third_top + 5), "drawn through the other rows"
        assert not covered((second_top + third_top) / 2), "not through the merged row"
