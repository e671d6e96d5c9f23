"""Dasar hukum by the hierarchy of regulations, and what each is about as the SOPs cite it (katalog_sop.hierarki)."""

from __future__ import annotations

from collections import Counter

import pytest

from katalog_sop.dasar_hukum import parse_kutipan
from katalog_sop.hierarki import OTHERS, TINGKAT, tentang, tingkat, urutan


def _group(text: str) -> str:
    return TINGKAT[tingkat(parse_kutipan(text))].judul


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "Undang-Undang Dasar"),
        ("UU 23/2014 tentang Pemerintahan Daerah", "Undang-Undang dan Perppu"),
        ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2020", "Undang-Undang dan Perppu"),
        ("PP 12/2019", "Peraturan Pemerintah"),
        ("Keputusan Presiden Nomor 3 Tahun 2004", "Peraturan, Keputusan, dan Instruksi Presiden"),
        ("Permenpan RB No. 35 Tahun 2012", "Peraturan dan Keputusan Menteri"),
        ("PMK Nomor 113/PMK.05/2012", "Peraturan dan Keputusan Menteri"),
        ("Peraturan Daerah Kota Tarakan Nomor 9 Tahun 2020", "Peraturan Daerah"),
        ("Peraturan Walikota Tegal Nomor 56 Tahun 2021", "Peraturan dan Keputusan Kepala Daerah"),
        ("Keputusan Bupati Balangan Nomor 188 Tahun 2023", "Peraturan dan Keputusan Kepala Daerah"),
        ("Peraturan Kepala Badan Pusat Statistik Nomor 1 Tahun 2009", "Lainnya"),
        ("Surat Edaran Sekretaris Daerah Nomor 800 Tahun 2022", "Lainnya"),
        ("Arahan pimpinan pada rapat staf", "Lainnya"),
    ],
)
def test_each_jenis_stands_in_its_group(text, group):
    assert _group(text) == group


def test_the_groups_follow_the_hierarchy_and_others_come_last():
    order = [_group(t) for t in ("UUD 1945", "UU 25/2009", "PP 12/2019", "Perpres 29/2014", "Permendagri 52/2011",
                                 "Perda Kota Tarakan Nomor 9 Tahun 2020", "Perwal Tegal Nomor 56 Tahun 2021",
                                 "Surat Edaran Nomor 1 Tahun 2020")]
    assert order == [group.judul for group in TINGKAT]
    assert TINGKAT[OTHERS].judul == "Lainnya"


def test_inside_a_group_the_province_first_then_the_newest_then_numbers_as_numbers():
    texts = ["Peraturan Daerah Kota Tarakan Nomor 9 Tahun 2020", "Peraturan Daerah Kota Tarakan Nomor 10 Tahun 2020",
             "Peraturan Daerah Provinsi Kalimantan Utara Nomor 1 Tahun 2015", "Peraturan Daerah Kota Tarakan Nomor 4 Tahun 2016"]
    ordered = sorted(texts, key=lambda t: urutan(parse_kutipan(t), t))
    assert ordered == [texts[2], texts[0], texts[1], texts[3]]
    undated = ["UU tentang Pelayanan Publik", "UU 25/2009"]
    assert sorted(undated, key=lambda t: urutan(parse_kutipan(t), t))[-1] == "UU tentang Pelayanan Publik"


def test_tentang_is_the_title_most_sops_cite():
    spellings = Counter({
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah": 3,
        "UU 23/2014 tentang Pemerintah Daerah": 1,
        "UU No. 23 Tahun 2014": 5,  # the most written, but says nothing of what it is about
    })
    assert tentang(spellings) == "Pemerintahan Daerah"


def test_tentang_leaves_out_promulgation_notes_and_is_none_when_no_sop_says_it():
    assert tentang(Counter({"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Tahun "
                            "2009 Nomor 112)": 1})) == "Pelayanan Publik"
    assert tentang(Counter({"PP 12/2019": 2})) is None


def test_where_the_parser_reads_no_title_the_words_after_tentang_are_taken():
    text = "Peraturan Presiden Nomor 29 Tahun 2014 - tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"
    assert parse_kutipan(text).tentang is None
    assert tentang(Counter({text: 1})) == "Sistem Akuntabilitas Kinerja Instansi Pemerintah"


@pytest.mark.parametrize("text", [
    "Peraturan Kepala BPS Nomor 1 tahun 2009 dan nomor 3 tahun 2002 tentang kewajiban menghimpun dokumen",
    "Peraturan Presiden Nomor 29 Tahun 2014 jo. Perpres 12/2021 tentang Perubahan atas Perpres Nomor 29 Tahun 2014",
])
def test_tentang_of_a_text_naming_two_regulations_is_not_guessed(text):
    assert parse_kutipan(text).tentang is None
    assert tentang(Counter({text: 1})) is None


def test_every_jenis_the_parser_knows_has_a_chosen_group():
    from katalog_sop.dasar_hukum import _JENIS

    grouped = {jenis for group in TINGKAT for jenis in group.jenis}
    assert {code for code, _ in _JENIS} - grouped == {"perka", "kepka", "perban", "perlem", "perdirjen", "perrektor", "se"}, (
        "a new jenis of the parser: choose its group in katalog_sop.hierarki.TINGKAT"
    )
