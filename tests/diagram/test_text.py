"""Text measurement and wrapping for the sheet's cells."""

from __future__ import annotations

import pytest

from katalog_sop.diagram.text import text_width, wrap


def test_widths_come_from_the_font_table():
    assert text_width("", 8) == 0
    assert text_width("i", 8) < text_width("m", 8)
    assert text_width("Memeriksa", 16) == pytest.approx(2 * text_width("Memeriksa", 8))
    assert text_width("é", 8) > 0 and text_width("中", 8) > 0


@pytest.mark.parametrize("width", [30, 60, 120, 200])
def test_no_wrapped_line_is_wider_than_its_cell(width):
    text = (
        "Menyampaikan data capaian kinerja kepada Kepala OPD untuk dimintakan persetujuan; "
        "Pertanggungjawabannya diserahkan ke Sekretariat Dewan Perwakilan Rakyat Daerah"
    )
    lines = wrap(text, width, 8)
    assert all(text_width(line, 8) <= width + 1e-6 for line in lines)
    assert "".join(lines).replace("-", "").replace(" ", "") == text.replace("-", "").replace(" ", "")


def test_a_long_word_is_split_with_a_hyphen():
    lines = wrap("Pertanggungjawabannya", 40, 8)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])


def test_line_breaks_in_the_text_are_kept():
    assert wrap("KTP\nKartu Keluarga", 200, 8) == ("KTP", "Kartu Keluarga")


def test_a_pasted_url_is_split_into_lines_that_fit_and_keeps_every_character():
    url = "https://contoh.invalid/" + "".join(chr(ord("a") + i % 26) for i in range(20000))
    lines = wrap(url, 162, 8)
    assert all(text_width(line, 8) <= 162 + 1e-6 for line in lines)
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == url


def test_a_cell_cut_to_its_room_ends_with_an_ellipsis():
    text = "Memeriksa kelengkapan berkas permohonan " * 50
    lines = wrap(text, 100, 8, max_lines=4)
    assert len(lines) == 4
    assert lines[:3] == wrap(text, 100, 8)[:3]
    assert lines[3].endswith("\u2026") and text_width(lines[3], 8) <= 100 + 1e-6
    assert wrap("Pendek saja", 100, 8, max_lines=4) == ("Pendek saja",)


def test_a_long_word_cut_to_its_room_ends_with_an_ellipsis_not_a_hyphen():
    lines = wrap("x" * 100000, 50, 8, max_lines=3)
    assert len(lines) == 3 and lines[2].endswith("x\u2026") and "-" not in lines[2]


def test_control_characters_are_drawn_visibly_and_line_endings_break_lines():
    assert wrap("a\x00b\x1bc\x7fd\u202ee", 200, 8) == ("a\u2400b\u241bc\u2421d\ufffde",)
    assert wrap("satu\rdua\r\ntiga\u2028empat\x85lima\n", 200, 8) == ("satu", "dua", "tiga", "empat", "lima")
