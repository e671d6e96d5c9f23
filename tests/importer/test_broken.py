"""Words a narrow column title broke over two lines without a hyphen, joined by the SOP's own words."""

from __future__ import annotations

from katalog_sop.importer.broken import mended, vocabulary

WORDS = vocabulary(["Menindaklanjuti disposisi dan menyerahkan kepada pengadministrasi umum.",
                    "Dikembalikan kepada Sekretaris / Kabid", "Kepala Satuan menandatangani"])


def test_a_word_broken_mid_way_is_joined_when_the_sop_uses_it_whole():
    assert mended("Pengadministr asi umum", WORDS) == "Pengadministrasi umum"
    assert mended("Sekretaris/Kabi d", WORDS) == "Sekretaris/Kabid"


def test_words_that_stand_alone_are_never_joined():
    assert mended("Kepala Satuan", WORDS) == "Kepala Satuan"
    assert mended("Kasubbag Umpar", WORDS) == "Kasubbag Umpar"  # no word of the SOP: left as printed
