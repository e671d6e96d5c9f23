"""The Indonesian syllable breaks the sheet hyphenates long words at."""

from __future__ import annotations

import pytest

from katalog_sop.diagram.hyphen import breaks, syllables


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Sebelum", "Se-be-lum"),  # V-CV
        ("berkas", "ber-kas"),  # VC-CV
        ("haloci", "ha-lo-ci"),
        ("kegiatan", "ke-gi-a-tan"),  # V-V
        ("Daerah", "Da-e-rah"),
        ("pelaksanaan", "pe-lak-sa-na-an"),
        ("sampai", "sam-pai"),  # the diphthongs ai, au, oi, ei stay together
        ("saudara", "sau-da-ra"),
        ("survei", "sur-vei"),
        ("menyampaikan", "me-nyam-pai-kan"),  # ng, ny, kh, sy are one consonant
        ("Pertanggungjawabannya", "Per-tang-gung-ja-wa-ban-nya"),
        ("masyarakat", "ma-sya-ra-kat"),
        ("persyaratan", "per-sya-ra-tan"),
        ("ikhlas", "ikh-las"),
        ("pengetahuan", "pe-nge-ta-hu-an"),
        ("instrumen", "in-stru-men"),  # VC-CCV before a known onset
        ("bangkrut", "bang-krut"),
        ("sentral", "sen-tral"),
        ("distribusi", "dis-tri-bu-si"),
        ("transfer", "trans-fer"),  # VCC-CV otherwise
        ("struktur", "struk-tur"),  # clusters at either end stay with their vowel
        ("kompleks", "kom-pleks"),
    ],
)
def test_words_split_between_their_syllables(word, expected):
    assert "-".join(syllables(word)) == expected
    assert "".join(syllables(word)) == word


@pytest.mark.parametrize("word", ["akan", "ia", "aku", "bau", "ikan"])
def test_no_break_leaves_fewer_than_two_letters_on_a_side(word):
    cuts = breaks(word)
    assert cuts is not None and all(2 <= cut <= len(word) - 2 for cut in cuts)
    assert breaks("akan") == () and breaks("ikan") == ()


def test_every_break_leaves_two_letters_on_each_side_of_any_word():
    for word in ["kegiatan", "diajukan", "Pertanggungjawabannya", "abstrak", "ekonomi", "ia", "a", ""]:
        cuts = breaks(word) or ()
        assert all(2 <= cut <= len(word) - 2 for cut in cuts), word
        assert list(cuts) == sorted(set(cuts))


@pytest.mark.parametrize("run", ["xxxxxxxx", "hmm", "sdfghjklq", "\u4e2d\u6587\u5b57", "a" + "b" * 20 + "a"])
def test_a_run_no_syllables_read_has_no_breaks(run):
    assert breaks(run) is None
    assert syllables(run) == (run,)


def test_accented_vowels_are_vowels_and_case_does_not_matter():
    assert "-".join(syllables("SEBELUM")) == "SE-BE-LUM"
    assert "-".join(syllables("kafé")) == "ka-fé"
