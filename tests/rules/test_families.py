"""Cases the docstring examples do not show, one or two per family."""

from __future__ import annotations

import datetime as dt

import pytest

from katalog_sop.check import check
from katalog_sop.rules import RULES, run_rules
from katalog_sop.rules.base import EXAMPLE_DATE
from katalog_sop.rules.pengesahan import nip_mistakes
from katalog_sop.rules.tinjauan import add_months

from rules.helpers import load_yaml, overlay, write_catalogue


def _run(tmp_path, sops: dict[str, str], *rule_ids, today=EXAMPLE_DATE, options=None):
    built = write_catalogue(tmp_path, {sop_id: overlay(load_yaml(text)) for sop_id, text in sops.items()})
    return [(p.code, p.location.json_path, p.message)
            for p in run_rules(built.catalogue, today=today, options=options, rules=[RULES[r] for r in rule_ids])]


def test_a_date_printed_without_its_day_is_a_date_not_a_missing_one(write_sop):
    text = "nama: A\ntanggal_pembuatan: {}\ntanggal_efektif: Mei 2020\npelaksana: [A]\nlangkah: [{{kegiatan: Menerima surat, pelaksana: A}}]\n"
    result = check([str(write_sop(text.format("April 2020")))], rules=[RULES["SOPAP-I03"], RULES["SOPAP-I05"]])
    assert sorted((p.code, p.location.json_path) for p in result.problems) == [
        ("date", "$.tanggal_efektif"), ("date", "$.tanggal_pembuatan")], "told once each: its day is missing"
    result = check([str(write_sop(text.format('"-"')))], rules=[RULES["SOPAP-I03"]])
    assert [(p.code, p.location.json_path) for p in result.problems if p.code.startswith("SOPAP")] == [
        ("SOPAP-I03", "$.tanggal_pembuatan")]


def test_identity_dash_is_a_missing_date_but_a_fine_revision(tmp_path):
    found = _run(tmp_path, {"k/a": 'tanggal_efektif: "-"\ntanggal_revisi: "-"'}, "SOPAP-I04", "SOPAP-I05")
    assert [(code, at) for code, at, _ in found] == [("SOPAP-I05", "$.tanggal_efektif")]


def test_a_revision_row_printed_blank_is_missing_but_not_one_never_revised(tmp_path):
    # 327 and 332 of the real SOPs print the Tanggal Revisi row with nothing in it, not even "-"
    found = _run(tmp_path, {"k/b": 'tanggal_revisi: ""', "k/c": 'tanggal_revisi: "-"'}, "SOPAP-I04")
    assert found == [("SOPAP-I04", "$.tanggal_revisi",
                      'tanggal revisi kosong; tulis "-" bila belum pernah direvisi, atau tanggalnya')]


def test_a_revision_row_written_null_is_blank_too(write_sop):
    text = "nama: A\ntanggal_revisi: null\npelaksana: [A]\nlangkah: [{kegiatan: Menerima surat, pelaksana: A}]\n"
    result = check([str(write_sop(text))], rules=[RULES["SOPAP-I04"]])
    assert [(p.code, p.location.json_path) for p in result.problems] == [("SOPAP-I04", "$.tanggal_revisi")]


def test_a_revision_before_the_making_is_reported(tmp_path):
    found = _run(tmp_path, {"k/a": "tanggal_revisi: 1 Januari 2025"}, "SOPAP-I09")
    assert found == [("SOPAP-I09", "$.tanggal_revisi",
                      "tanggal revisi (1 Januari 2025) lebih awal dari tanggal pembuatan (2 Januari 2025)")]


@pytest.mark.parametrize("nip, expected", [
    ("197001011990031002", []),
    ("197013011990031002", ["tanggal lahir"]),
    ("197001011990001002", ["TMT CPNS"]),
    ("197001011960031002", ["TMT CPNS"]),
    ("197001011990033002", ["jenis kelamin"]),
    ("203001011990031002", ["tanggal lahir", "TMT CPNS"]),
])
def test_nip_parts(nip, expected):
    mistakes = nip_mistakes(nip, dt.date(2026, 1, 1))
    assert [next(word for word in ("tanggal lahir", "TMT CPNS", "jenis kelamin") if word in m) for m in mistakes] == expected


def test_sections_missing_and_empty_are_told_apart_and_the_option_narrows(tmp_path):
    text = "peringatan: []\npencatatan_pendataan: null"
    found = _run(tmp_path, {"k/a": text}, "SOPAP-B01")
    assert [(at, message) for _, at, message in found] == [
        ("$", "bagian Pencatatan dan Pendataan (pencatatan_pendataan) tidak ada"),
        ("$.peringatan", "bagian Peringatan (peringatan) kosong"),
    ]
    narrowed = _run(tmp_path / "2", {"k/a": text}, "SOPAP-B01", options={"SOPAP-B01": {"bagian": ["peringatan"]}})
    assert [at for _, at, _ in narrowed] == ["$.peringatan"]


def test_a_decision_whose_exits_all_lead_to_one_step(tmp_path):
    text = """
    langkah:
      - {kegiatan: Menerima berkas, pelaksana: petugas, kelengkapan: KTP, waktu: 10 menit, output: Berkas}
      - kegiatan: Memeriksa berkas
        pelaksana: Camat
        kelengkapan: Berkas
        waktu: 10 menit
        output: Berkas
        cabang: [{label: Ya, ke: selesai}, {label: Tidak, ke: selesai}]
    """
    found = _run(tmp_path, {"k/a": text}, "SOPAP-F05")
    assert [(at, message) for _, at, message in found] == [
        ("$.langkah[1]", "semua cabang keputusan langkah 2 menuju tempat yang sama")]


def test_exits_printed_without_labels_share_no_label(tmp_path):
    text = """
    langkah:
      - {kegiatan: Menerima berkas, pelaksana: petugas}
      - kegiatan: Memeriksa berkas
        pelaksana: Camat
        cabang: [{ke: 1}, {ke: 3}]
      - {kegiatan: Menandatangani surat, pelaksana: Camat}
    """
    assert _run(tmp_path, {"k/a": text}, "SOPAP-F05") == []
    twice = text.replace("[{ke: 1}, {ke: 3}]", "[{ke: 1}, {label: Ya, ke: 3}, {label: ya, ke: 3}]")
    assert [message for _, _, message in _run(tmp_path / "2", {"k/a": twice}, "SOPAP-F05")] == [
        "label cabang 'Ya' dipakai lebih dari sekali pada langkah 2",
        "label cabang 'ya' dipakai lebih dari sekali pada langkah 2",
    ]


def test_approval_followed_by_a_decision_is_not_hidden(tmp_path):
    text = """
    langkah:
      - {kegiatan: Menyampaikan konsep surat kepada Camat untuk dimintakan persetujuan, pelaksana: petugas}
      - kegiatan: Memeriksa konsep surat
        pelaksana: Camat
        cabang: [{label: Setuju, ke: selesai}, {label: Tidak setuju, ke: 1}]
    """
    assert _run(tmp_path, {"k/a": text}, "SOPAP-F07") == []


def test_a_future_revision_date_is_a_planned_review(tmp_path):
    text = "tanggal_pembuatan: 2 Januari 2023\ntanggal_efektif: 2 Januari 2023\ntanggal_revisi: 2 Januari 2026"
    assert _run(tmp_path, {"k/a": text}, "SOPAP-W03") == []
    past = _run(tmp_path / "2", {"k/a": text}, "SOPAP-W03", today=dt.date(2027, 6, 1))
    assert [at for _, at, _ in past] == ["$.tanggal_revisi"]


@pytest.mark.parametrize("date, months, expected", [
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
    (dt.date(2024, 10, 8), 12, dt.date(2025, 10, 8)),
    (dt.date(2024, 12, 15), 3, dt.date(2025, 3, 15)),
])
def test_add_months(date, months, expected):
    assert add_months(date, months) == expected


def test_durations_compare_in_days_across_units(tmp_path):
    text = """
    satuan_waktu: minggu
    langkah:
      - {kegiatan: Menerima berkas, pelaksana: petugas, kelengkapan: KTP, waktu: 4, output: Berkas}
      - {kegiatan: Memeriksa berkas, pelaksana: Camat, kelengkapan: KTP, waktu: 5, output: Berkas}
    """
    found = _run(tmp_path, {"k/a": text}, "SOPAP-W01")
    assert [at for _, at, _ in found] == ["$.langkah[1].waktu"]


def test_same_nomor_in_two_agencies_is_fine(tmp_path):
    sops = {"kec-a/surat": "unit: Kecamatan A", "kec-b/surat": "unit: Kecamatan B"}
    assert _run(tmp_path, sops, "SOPAP-C01") == []


def test_links_resolve_by_title_nomor_or_id(tmp_path):
    sops = {
        "kec/a": "keterkaitan: [SOP Penerbitan Surat Keterangan Usaha, \"045/99/KEC-X/2025\", kec/c]",
        "kec/b": "nama: Penerbitan Surat Keterangan Usaha\nnomor: \"045/99/KEC-X/2025\"\nketerkaitan: [kec/a]",
        "kec/c": "nama: Lain\nnomor: \"1\"\nketerkaitan: [Prosedur penerbitan surat keterangan usaha.]",
    }
    assert _run(tmp_path, sops, "SOPAP-C02") == []


def test_many_identical_copies_are_one_cluster_named_briefly(tmp_path):
    sops = {f"kec/sop-{n}": f'nama: SOP {n}\nnomor: "{n}"' for n in range(6)}
    text = """
    langkah:
      - {kegiatan: Menerima surat masuk, pelaksana: petugas}
      - {kegiatan: Mencatat surat masuk, pelaksana: petugas}
      - {kegiatan: Mendisposisikan surat masuk, pelaksana: Camat}
      - {kegiatan: Menindaklanjuti disposisi, pelaksana: Kasi Pemerintahan}
    """
    sops = {sop_id: head + "\n" + "\n".join(line[4:] for line in text.splitlines()) for sop_id, head in sops.items()}
    found = _run(tmp_path, sops, "SOPAP-C03")
    assert len(found) == 6
    assert found[0][2] == "urutan kegiatan SOP ini sama dengan kec/sop-1, kec/sop-2, kec/sop-3 dan 2 lainnya"


def test_five_symbols_only_the_schema_refuses_any_other(check_sop):
    result = check_sop("""\
        nama: Contoh
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, simbol: [{pelaksana: A, bentuk: dokumen}]}
          - {kegiatan: Mengarsipkan surat, pelaksana: B}
        """)
    assert [(p.code, p.location.line) for p in result.problems if p.is_error] == [("schema", 4)]
    assert result.problems[0].message == "'dokumen' tidak dikenal; pilih salah satu: mulai, proses, keputusan, selesai, kapsul"
