"""What a reader sees of a text: one rule for the pages and the sheets."""

from __future__ import annotations

from katalog_sop import visible as v


def test_the_quick_path_for_printable_text_changes_nothing_the_full_rule_would_change():
    for code in range(0x110000):
        char = chr(code)
        assert v.visible(char) == v._NOT_TEXT.sub(v._picture, v._LINE_BREAKS.sub("\n", char)), hex(code)


def test_line_endings_become_one_and_characters_that_are_not_text_are_shown():
    assert v.visible("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\nd\ne"
    assert v.visible("\x00\x1b[2J\x7f\u202egnp.exe\ud800") == "\u2400\u241b[2J\u2421\ufffdgnp.exe\ufffd"
    assert v.one_line("Penerimaan\rSurat\u2029Masuk") == "Penerimaan Surat Masuk"
