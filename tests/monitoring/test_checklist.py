"""The evaluation checklist: the template by default, the catalogue's own from its configuration."""

from __future__ import annotations

import pytest

from katalog_sop.check import check
from katalog_sop.config import ConfigError, load_config
from katalog_sop.monitoring.pertanyaan import TEMPLATE

from monitoring.helpers import TODAY, write_catalogue, write_record

EVALUATION = "jenis: evaluasi\ntanggal: 10 Juni 2026\nhasil:\n  - sop: contoh\n    jawaban: {%s: ya}\n    kesimpulan: tetap\n"


def _config(tmp_path, text):
    path = tmp_path / "katalog-sop.yml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_the_template_has_both_groups_and_unique_ids():
    assert {q.kelompok for q in TEMPLATE} == {"substansi", "proses"}
    assert len({q.id for q in TEMPLATE}) == len(TEMPLATE)


def test_a_catalogue_sets_its_own_questions(tmp_path):
    config = _config(tmp_path, "evaluasi:\n  pertanyaan:\n    - {id: Q1, kelompok: proses, teks: Apakah formulir tersedia?}\n")
    write_catalogue(tmp_path)
    write_record(tmp_path, "evaluasi-2026.yaml", EVALUATION % "Q1")
    result = check([str(tmp_path / "sops")], rules=(), today=TODAY, config=config)
    assert result.problems == ()
    [evaluasi] = result.catalogue.monitoring.evaluasi
    assert [(a.pertanyaan, a.jawaban, a.teks) for a in evaluasi.hasil[0].jawaban] == [("Q1", "ya", "Apakah formulir tersedia?")]
    write_record(tmp_path, "evaluasi-2026.yaml", EVALUATION % "S1")  # the template's id is no longer known
    result = check([str(tmp_path / "sops")], rules=(), today=TODAY, config=config)
    assert [(p.location.line, p.code) for p in result.problems] == [(5, "monitoring")]
    assert "pertanyaan 'S1' tidak ada di daftar periksa evaluasi; yang dikenal: Q1" in result.problems[0].message


@pytest.mark.parametrize("text, message", [
    ("evaluasi:\n  pertanyan: []\n", "katalog-sop.yml:2:3: kunci tidak dikenal 'pertanyan'; mungkin maksudnya 'pertanyaan'"),
    ("evaluasi:\n  pertanyaan:\n    - {id: Q1, kelompok: hasil, teks: Apa?}\n",
     "katalog-sop.yml:3:26: kelompok 'hasil' tidak dikenal; pilih: substansi, proses"),
    ("evaluasi:\n  pertanyaan:\n    - {id: Q1, teks: Apa?}\n    - {id: Q1, teks: Lagi?}\n",
     "katalog-sop.yml:4:12: id pertanyaan 'Q1' sudah dipakai"),
])
def test_a_mistake_in_the_checklist_names_its_place(tmp_path, text, message):
    with pytest.raises(ConfigError) as raised:
        _config(tmp_path, text)
    assert str(raised.value).endswith(message)
