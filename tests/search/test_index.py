"""The search index: what an SOP is found by, with what weight, and in which file a reader finds a term."""

from __future__ import annotations

import json

from katalog_sop.search import index as search_index
from katalog_sop.search.index import build_index, index_files, key_of, shard_keys
from katalog_sop.search.records import SearchRecord, nomor_term, number_years

from search_files import read_script


def record(number: int, **texts) -> SearchRecord:
    pairs = tuple((field, text) for field, values in texts.items() for text in ([values] if isinstance(values, str) else values))
    return SearchRecord(f"unit/sop-{number}", f"sop/unit/sop-{number}.html", texts.get("nama", ""), "", "", "", pairs)


def test_regulations_are_found_by_number_and_year_however_written():
    assert number_years("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik") == ["n:25:2009"]
    assert number_years("UU No. 25/2009") == ["n:25:2009"]
    assert number_years("PMK No. 210/PMK.05/2022 Tentang Tata Cara") == ["n:210:2022"]
    assert number_years("Perpres No. 16 Tahun 2018 jo. Perpres No. 12 Tahun 2021") == ["n:16:2018", "n:12:2021"]
    assert nomor_term("SOP-026/17000/2025") == "#sop026170002025"


def test_a_word_of_the_name_counts_more_than_a_word_of_a_step_and_each_text_stays_apart():
    built = build_index([
        record(0, nama="Pengiriman Dokumen", kegiatan=["Merekap laporan", "Mengirim dokumen"]),
        record(1, nama="Rekap Laporan", kegiatan=["Mengirim laporan"]),
    ])
    assert built.postings["kirim"][0] > built.postings["kirim"][1], "in the name of SOP 0, in a step of SOP 1"
    assert built.postings["rekap"][1] > built.postings["rekap"][0]
    assert built.surface["merekap"] == "rekap" and built.surface["pengiriman"] == "kirim"
    assert "laporanmengirim" not in built.surface, "two steps are never glued into one word"


def test_a_term_held_by_very_many_sops_keeps_those_it_counts_most_for(monkeypatch):
    monkeypatch.setattr(search_index, "MAX_POSTINGS", 3)
    records = [record(n, kegiatan="Menyusun laporan") for n in range(5)] + [record(5, nama="Laporan")]
    found = build_index(records).postings["lapor"]
    assert len(found) == 3 and 5 in found


def test_shards_are_cut_finer_only_where_they_grow_large(monkeypatch):
    monkeypatch.setattr(search_index, "SHARD_BYTES", 100)
    terms = ["laporan", "lapor", "lama"] + [f"ke{letter}{n}" for letter in "ab" for n in range(10)]
    keys = shard_keys(terms, lambda term: 10)
    assert set(keys) == {"la", "kea", "keb"}, "30 bytes of \"la\" stay whole; 200 of \"ke\" are cut by a third letter"
    assert key_of("lapor", set(keys)) == "la" and key_of("kea7", set(keys)) == "kea"


def test_every_term_and_word_is_in_the_shard_a_reader_looks_in(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "SHARD_BYTES", 200)
    built = build_index([record(n, nama=f"SOP {n}", kegiatan=["Menyusun laporan kinerja", "Menyampaikan surat"],
                               dasar_hukum="UU No. 25/2009") for n in range(40)])
    files = index_files(built, [["SIMPEG", "sistem informasi kepegawaian"]])
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="ascii")
    _, manifest = read_script(tmp_path / "cari" / "manifest.js")
    keys = set(manifest["k"])
    assert manifest["n"] == 40 and ["simpeg", "sistem informasi kepegawaian"] in manifest["sinonim"]
    for term in list(built.postings) + list(built.surface):
        key = key_of(term, keys)
        _, shard = read_script(tmp_path / "cari" / "k" / f"{key.encode().hex()}.js")
        assert term in shard["p"] or term in shard["w"], term
    _, first = read_script(tmp_path / "cari" / "d" / "0.js")
    assert first["url"] == "sop/unit/sop-0.html" and ["dasar_hukum", "UU No. 25/2009"] in first["teks"]
    assert json.dumps(first).isascii()
