"""SOPAP-I14: an SOP's kategori against the agency's list in the configuration, as `sop check` reports it."""

from __future__ import annotations

from katalog_sop.check import check
from katalog_sop.compliance import select_rules
from katalog_sop.config import DEFAULT, load_config
from katalog_sop.problem import Severity

SOP = """\
nama: Penerbitan Surat Izin Cuti
unit: Bagian Umum
kategori: {kategori}
pelaksana: [Staf, Kepala Bagian]
langkah:
  - {{kegiatan: Menerima permohonan cuti, pelaksana: Staf}}
  - {{kegiatan: Menandatangani surat izin cuti, pelaksana: Kepala Bagian}}
"""


def _check(tmp_path, kategori: str, config_text: str | None):
    """Findings of SOPAP-I14 on one SOP, with ``config_text`` as katalog-sop.yml (``None``: no file)."""
    path = tmp_path / "sops" / "umum" / "cuti.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOP.format(kategori=kategori), encoding="utf-8")
    config = DEFAULT
    if config_text is not None:
        (tmp_path / "katalog-sop.yml").write_text(config_text, encoding="utf-8")
        config = load_config(tmp_path / "katalog-sop.yml")
    result = check([str(tmp_path / "sops")], config=config, rules=select_rules(config, select=["SOPAP-I14"]))
    return [(p.location.line, p.location.column, p.location.json_path, p.severity, p.message) for p in result.problems]


LIST = "kategori: [Kepegawaian, Keuangan, Persuratan, Perencanaan, Pengadaan, Layanan]\n"


def test_a_misspelt_kategori_is_a_warning_at_its_value_with_the_listed_name_meant(tmp_path):
    assert _check(tmp_path, "Kepegawain", LIST) == [
        (3, 11, "$.kategori", Severity.WARNING,
         "kategori 'Kepegawain' tidak ada dalam daftar kategori instansi; mungkin maksudnya 'Kepegawaian'"),
    ]


def test_a_kategori_written_in_other_case_is_told_the_listed_spelling(tmp_path):
    [(_, _, _, _, message)] = _check(tmp_path, "keuangan", LIST)
    assert message.endswith("mungkin maksudnya 'Keuangan'")


def test_a_kategori_like_none_listed_is_told_the_list(tmp_path):
    [(line, column, _, _, message)] = _check(tmp_path, "Olahraga", "kategori: [Kepegawaian, Keuangan]\n")
    assert (line, column) == (3, 11)
    assert message == "kategori 'Olahraga' tidak ada dalam daftar kategori instansi; pilih salah satu dari: Kepegawaian, Keuangan"


def test_a_listed_kategori_passes_however_it_is_spaced(tmp_path):
    assert _check(tmp_path, "'Kepegawaian  '", LIST) == []


def test_without_a_list_any_kategori_is_accepted(tmp_path):
    assert _check(tmp_path, "Apa Saja", None) == []
    assert _check(tmp_path, "Apa Saja", "rules:\n  SOPAP-K01: off\n") == []
