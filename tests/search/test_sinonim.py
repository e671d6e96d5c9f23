"""An agency's own search synonyms: read with positions, refused with the place of the mistake."""

from __future__ import annotations

import pytest

from katalog_sop.search.sinonim import SynonymError, load_synonyms


def test_groups_are_read_as_written(tmp_path):
    file = tmp_path / "sinonim.yaml"
    file.write_text("sinonim:\n  - [SIMPEG, sistem informasi kepegawaian]\n  - [Bagian Ortala, ' bagian organisasi ']\n",
                    encoding="utf-8")
    assert load_synonyms(file, "sinonim.yaml") == [
        ["SIMPEG", "sistem informasi kepegawaian"], ["Bagian Ortala", "bagian organisasi"]]


@pytest.mark.parametrize("text, message", [
    ("sinonim:\n  - [SIMPEG]\n", "sinonim.yaml:2:5: setiap kelompok berisi sedikitnya dua nama (teks)"),
    ("sinonim:\n  - [a, b]\n  - [c, 5]\n", "sinonim.yaml:3:5: setiap kelompok berisi sedikitnya dua nama (teks)"),
    ("sinonim: SK\n", "sinonim.yaml:1:10: 'sinonim' berupa daftar kelompok"),
    ("sinonym:\n  - [a, b]\n", "sinonim.yaml:2:3: kunci 'sinonym' tidak dikenal"),
    ("sinonim: [a, b\n", "sinonim.yaml:1:15: sintaks YAML tidak sah"),
], ids=["one-name", "not-text", "not-a-list", "unknown-key", "yaml-syntax"])
def test_a_mistake_is_reported_with_its_line_and_column(tmp_path, text, message):
    file = tmp_path / "sinonim.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(SynonymError) as raised:
        load_synonyms(file, "sinonim.yaml")
    assert str(raised.value).startswith(message)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SynonymError, match="^tidak-ada.yaml:1:1: berkas tidak dapat dibaca"):
        load_synonyms(tmp_path / "tidak-ada.yaml", "tidak-ada.yaml")


def test_a_build_with_a_broken_synonyms_file_stops_and_says_where(tmp_path):
    from site_pages.test_plugin import _build, _plugin_options, _project

    project = _project(tmp_path)
    (project / "sinonim.yaml").write_text("sinonim:\n  - [SIMPEG]\n", encoding="utf-8")
    _plugin_options(project, "sinonim: sinonim.yaml")
    result = _build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "katalog-sop: sinonim pencarian: sinonim.yaml:2:5: setiap kelompok berisi sedikitnya dua nama" in result.stderr
    assert not (project / "site").exists()
