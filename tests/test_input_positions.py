"""Positions as an editor shows them, whatever characters the file holds."""

from __future__ import annotations

import pytest

from katalog_sop.source import load_bytes, load_file, parse_text

from conftest import MINIMAL

# YAML 1.2 and editors break lines only at \n, \r\n and \r. PyYAML (YAML
# 1.1) also breaks at these three, and so counted lines no editor shows.
ODD_BREAKS = ["\u2028", "\u2029", "\x85"]

UNDECLARED_ON_LINE_6 = """\
nama: Contoh{odd}SOP
unit: "Bagian{odd}Umum"
pelaksana: [Sekretaris]
langkah:
  - kegiatan: Menerima{odd}surat
    pelaksana: Bendahara
"""


@pytest.mark.parametrize("odd", ODD_BREAKS, ids=["U+2028", "U+2029", "U+0085"])
def test_a_problem_after_an_odd_break_is_on_the_line_an_editor_shows(check_sop, odd):
    result = check_sop(UNDECLARED_ON_LINE_6.format(odd=odd))
    assert [(p.location.line, p.location.column, p.code) for p in result.problems] == [(6, 16, "reference")]


@pytest.mark.parametrize("odd", ODD_BREAKS, ids=["U+2028", "U+2029", "U+0085"])
def test_an_odd_break_is_kept_in_the_value_as_written(odd):
    text = f'nama: Contoh{odd}SOP\nunit: "Bagian{odd}Umum"\nk{odd}y: 1\nlain: x\n'
    document, problems = parse_text(text, "x.yaml")
    assert problems == []
    assert document.data == {"nama": f"Contoh{odd}SOP", "unit": f"Bagian{odd}Umum", f"k{odd}y": 1, "lain": "x"}
    assert document.positions.of_value(("lain",)) == (4, 7)
    assert document.positions.of_key((f"k{odd}y",)) == (3, 1)


def test_a_duplicate_key_holding_an_odd_break_is_named_as_written():
    document, problems = parse_text("a\u2028b: 1\nc: 2\na\u2028b: 3\n", "x.yaml")
    [problem] = problems
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert problem.message == "kunci ganda 'a\u2028b' (pertama di baris 1)"


def test_a_syntax_error_after_an_odd_break_is_on_the_editor_line():
    [problem] = parse_text("nama: a\u2028b\nunit: c\nx: [\n", "x.yaml")[1]
    assert (problem.location.line, problem.location.column) == (3, 5)


@pytest.mark.parametrize(
    "raw, line, column",
    [
        (b"nama: x\nb\x00c: 1\n", 2, 2),
        ("nama: \u00e9\u00e9\nb\x00c: 1\n".encode(), 2, 2),
        ("nama: \U0001f600\nunit: '\u00e9\x07'\n".encode(), 2, 9),
        (b"\x00", 1, 1),
    ],
)
def test_a_control_character_is_reported_where_it_is(raw, line, column):
    document, [problem] = load_bytes(raw, "x.yaml")
    assert document is None
    assert (problem.location.line, problem.location.column, problem.code) == (line, column, "yaml")
    assert "\n" not in problem.message and "unicode string" not in problem.message
    assert problem.message.startswith("sintaks YAML tidak sah: berkas memuat karakter kendali yang tidak boleh ada (U+00")


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("nama: [a,\n  b\n", 2, 4),
        ("nama: [a,\n  b", 2, 4),
        ('a: 1\nb: "x\n', 2, 6),
        ("a: 1\r\nb: 'x\r\n", 2, 6),
        ("a: 1\rb: {x\r", 2, 6),
        ("a: 1\nb: [x\n\n\n", 4, 1),
    ],
)
def test_a_syntax_error_at_the_end_stays_within_the_file(text, line, column):
    [problem] = parse_text(text, "x.yaml")[1]
    assert (problem.location.line, problem.location.column) == (line, column)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert problem.location.line <= len(lines) - (lines[-1] == "")


def test_positions_are_unchanged_for_ordinary_files(check_sop):
    result = check_sop(MINIMAL.replace("pelaksana: Kepala Bagian", "pelaksana: Bendahara"))
    assert [(p.location.line, p.location.column) for p in result.problems] == [(7, 16)]


def test_odd_breaks_are_kept_even_in_a_text_full_of_private_use_characters():
    private = "".join(map(chr, range(0xE000, 0xF900)))
    text = f"nama: '{private}'\nunit: a\u2028b\nlain: x\n"
    document, problems = parse_text(text, "x.yaml")
    assert problems == []
    assert document.data == {"nama": private, "unit": "a\u2028b", "lain": "x"}
    assert document.positions.of_value(("lain",)) == (3, 7)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_byte_that_is_not_utf8_is_placed_where_an_editor_shows_it_whatever_the_line_endings(tmp_path, ending):
    lines = ["nama: Contoh", "pelaksana: [A]", "langkah:", "  - kegiatan: Menerima é \xb6 surat", "    pelaksana: A"]
    raw = ending.join(lines).encode("utf-8").replace("\xb6".encode("utf-8"), b"\xb6") + ending.encode()
    path = tmp_path / "a.yaml"
    path.write_bytes(raw)
    _, problems = load_file(path, "a.yaml")
    assert [(p.location.line, p.location.column, p.code) for p in problems] == [(4, 26, "file")]
