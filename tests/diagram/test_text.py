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
