"""The citation parser on real citations: the share read as a lawyer reads them, and the forms the issue names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from katalog_sop.dasar_hukum import parse_kutipan

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from citation_parser import load, mismatches  # noqa: E402  (the benchmark's comparison, so both agree)


def test_at_least_98_percent_of_the_real_citations_are_read_completely_and_correctly():
    items = load()
    assert len({item["teks"] for item in items}) >= 500
    wrong = [item["teks"] for item in items if mismatches(item)]
    assert 1 - len(wrong) / len(items) >= 0.98, wrong


@pytest.mark.parametrize("text, jenis, nomor, tahun, key", [
    ("Perpres No. 16 Tahun 2018 jo. Perpres No. 12 Tahun 2021 jo. Perpres No. 46 Tahun 2025;", "perpres", "16", 2018,
     "perpres-16-2018"),
    ("Peraturan LKPP Nomor 12 Tahun 2021 jo. Peraturan LKPP Nomor 4 Tahun 2024", "perlem", "12", 2021,
     "perlem-kebijakan-pengadaan-barang-jasa-pemerintah-12-2021"),
    ("Peraturan BPS Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik", "perban", "7", 2020,
     "perban-pusat-statistik-7-2020"),
    ("Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020", "perban", "7", 2020, "perban-pusat-statistik-7-2020"),
    ("Peraturan Kepala BPS Nomor 9 Tahun 2017", "perka", "9", 2017, "perka-badan-pusat-statistik-9-2017"),
    ("Peraturan Kepala Badan Pusat Statistik Nomor 9 Tahun 2017", "perka", "9", 2017, "perka-badan-pusat-statistik-9-2017"),
    ("Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang Pedoman Akuntansi Persediaan",
     "perdirjen", "PER-40/PB/2006", 2006, "perdirjen-perbendaharaan-per-40-pb-2006"),
    ("PMK No. 210/PMK.05/2022 Tentang Tata Cara Pembayaran", "pmk", "210/PMK.05/2022", 2022, "pmk-210-pmk-05-2022"),
    ("Perbub Balangan No. 5 Tahun 2020 tentang Uraian Tugas", "perbup", "5", 2020, "perbup-balangan-5-2020"),
    ("Perwali Tarakan Nomor 9 Tahun 2021", "perwal", "9", 2021, "perwal-tarakan-9-2021"),
    ("Pergub Kalimantan Utara Nomor 3 Tahun 2019", "pergub", "3", 2019, "pergub-kalimantan-utara-3-2019"),
    ("Peraturan Rektor Universitas Andalas Nomor 4 Tahun 2019", "perrektor", "4", 2019,
     "perrektor-universitas-andalas-4-2019"),
    ("Keputusan Presiden Nomor 106/ M Tahun 2006 ;", "keppres", "106/M", 2006, "keppres-106-m-2006"),
    ("UUD 1945 Pasal 18 ayat (6)", "uud", None, 1945, None),
    ("Undang-Undang Nomor 5 Tahun 2Ol4 tentang Aparatur Sipil Negara", "uu", "5", 2014, "uu-5-2014"),
])
def test_the_forms_real_sops_write_are_read(text, jenis, nomor, tahun, key):
    cited = parse_kutipan(text)
    assert (cited.jenis, cited.nomor, cited.tahun, cited.key) == (jenis, nomor, tahun, key)


def test_a_chain_keeps_the_title_of_the_first_regulation_only_when_written_for_it():
    cited = parse_kutipan("Peraturan Kepala BPS Nomor 1 tahun 2009 dan nomor 3 tahun 2002 tentang kewajiban menghimpun")
    assert (cited.nomor, cited.tahun, cited.tentang) == ("1", 2009, None)
    cited = parse_kutipan("UU No. 23 Tahun 2014, sebagaimana telah diubah beberapakali terakhir dengan UU No. 9 Tahun 2015")
    assert (cited.key, cited.tentang) == ("uu-23-2014", None)
    cited = parse_kutipan("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah (Lcrnbaran Negara Tahun 2004 "
                          "Nomor 125) sebagamana telah beberapa kal dubah terakhr dengan Undang- Undang Nomor 12 Tahun 2008")
    assert cited.tentang == "Pemerintahan Daerah"


def test_only_items_citing_two_regulations_side_by_side_are_read_as_two():
    from katalog_sop.rules.hukum import two_in_one

    flagged = [item for item in load() if two_in_one(item["teks"])]
    assert len(flagged) >= 3  # 344's "Nomor 1 tahun 2009 dan nomor 3 tahun 2002" among them
    assert all(len(item["baca"]) >= 2 for item in flagged), [item["teks"] for item in flagged if len(item["baca"]) < 2]
