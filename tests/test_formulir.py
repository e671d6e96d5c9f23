"""The agency's form labels: the standard form's, the profile's, the SOP's own; and a column left out.

``formulir`` maps a standard key (``kegiatan``) to the label an agency prints
("Uraian Prosedur"); ``false`` leaves out a column the agency's form does not
have, which only the optional Mutu Baku columns may be. The labels are set
once per agency (``profiles[].formulir`` in ``katalog-sop.yml``) and may be
overridden per SOP; ``sop render`` prints them on the sheet.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

import pytest

from katalog_sop.config import ConfigError, load_config
from katalog_sop.formulir import OPTIONAL_COLUMNS, STANDARD, labels

from test_cli import sop as run_sop

SVG = "{http://www.w3.org/2000/svg}"

SOP = """\
nama: Penerimaan Surat
pelaksana: [Sekretaris, Kepala Bagian]
langkah:
  - {kegiatan: Menerima surat masuk, pelaksana: Sekretaris}
  - {kegiatan: Mendisposisikan surat, pelaksana: Kepala Bagian}
"""


def built(check_sop, formulir: str | None = None):
    text = SOP if formulir is None else SOP.replace("pelaksana: [", f"formulir: {formulir}\npelaksana: [", 1)
    result = check_sop(text)
    assert [p.message for p in result.problems] == []
    return result.files[0].sop


# --- labels() ------------------------------------------------------------------------------------


def test_without_profile_or_own_labels_the_standard_form_speaks(check_sop):
    assert labels(built(check_sop)) == STANDARD
    assert labels(built(check_sop), {}) == STANDARD
    assert STANDARD["kegiatan"] == "Kegiatan" and STANDARD["nama"] == "Nama SOP"


def test_the_profile_overrides_the_standard_and_the_sop_overrides_the_profile(check_sop):
    profile = {"kegiatan": "Uraian Prosedur", "keterangan": "Ket.", "nama": "Judul SOP"}
    assert {k: labels(built(check_sop), profile)[k] for k in ("kegiatan", "keterangan", "nama", "waktu")} == {
        "kegiatan": "Uraian Prosedur", "keterangan": "Ket.", "nama": "Judul SOP", "waktu": "Waktu",
    }
    own = built(check_sop, "{kegiatan: Uraian Kegiatan, output: Hasil}")
    assert {k: labels(own, profile)[k] for k in ("kegiatan", "keterangan", "nama", "output")} == {
        "kegiatan": "Uraian Kegiatan", "keterangan": "Ket.", "nama": "Judul SOP", "output": "Hasil",
    }


def test_the_sop_may_leave_out_a_column_the_profile_names_or_bring_back_one_it_leaves_out(check_sop):
    assert labels(built(check_sop, "{waktu: false}"), {"waktu": "Lama Proses"})["waktu"] is None
    assert labels(built(check_sop, "{waktu: Waktu Proses}"), {"waktu": None})["waktu"] == "Waktu Proses"


def test_only_the_optional_columns_may_be_left_out(check_sop):
    left_out = {key: None for key in STANDARD}
    found = labels(built(check_sop), left_out)
    assert [key for key, value in found.items() if value is None] == list(OPTIONAL_COLUMNS)
    assert OPTIONAL_COLUMNS == ("kelengkapan", "waktu", "output", "keterangan")
    assert {key: found[key] for key in ("no", "kegiatan", "pelaksana", "mutu_baku", "nama")} == {
        "no": "No", "kegiatan": "Kegiatan", "pelaksana": "", "mutu_baku": "", "nama": "Nama SOP",
    }  # the two group titles a form may print blank: their columns stay


def test_an_sop_that_leaves_out_a_column_no_form_can_lose_is_told_so(check_sop):
    # The configuration refuses `kegiatan: false` (see below); in an SOP's own formulir the same mistake
    # must not pass in silence while the column comes back under its standard label.
    result = check_sop(SOP.replace("pelaksana: [", "formulir: {kegiatan: false}\npelaksana: [", 1))
    assert [(p.location.json_path, p.severity.value) for p in result.problems] == [("$.formulir.kegiatan", "error")]


# --- the configuration file ------------------------------------------------------------------------


def write_config(tmp_path, text: str):
    path = tmp_path / "katalog-sop.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_profiles_formulir_is_read_and_serves_the_sops_the_profile_covers(tmp_path):
    config = load_config(write_config(tmp_path, """\
        profiles:
          - name: Dinas Tanpa Label
            sops: ["dinas-b/*"]
          - name: Dinas A
            sops: ["dinas-a/*", "dinas-b/*"]
            formulir: {kegiatan: " Uraian Prosedur ", kelengkapan: false, keterangan: Ket.}
        """))
    assert dict(config.profiles[1].formulir) == {"kegiatan": "Uraian Prosedur", "kelengkapan": None, "keterangan": "Ket."}
    assert dict(config.profiles[0].formulir) == {}
    assert dict(config.formulir("dinas-a/surat")) == {"kegiatan": "Uraian Prosedur", "kelengkapan": None, "keterangan": "Ket."}
    assert dict(config.formulir("dinas-b/surat")) == dict(config.profiles[1].formulir), "a profile without labels is passed over"
    assert dict(config.formulir("dinas-c/surat")) == {}


@pytest.mark.parametrize(
    ("formulir", "message"),
    [
        ("{kegiatn: Uraian Prosedur}", "katalog-sop.yml:3:16: kunci tidak dikenal 'kegiatn'; mungkin maksudnya 'kegiatan'"),
        ("{kegiatan: false}", "katalog-sop.yml:3:26: kolom 'kegiatan' tidak dapat ditiadakan; "
                              "false hanya untuk kolom kelengkapan, waktu, output, keterangan, atau judul pelaksana dan "
                              "mutu_baku yang dicetak kosong"),
        ("{waktu: false, no: false}", "katalog-sop.yml:3:34: kolom 'no' tidak dapat ditiadakan; "
                                      "false hanya untuk kolom kelengkapan, waktu, output, keterangan, atau judul "
                                      "pelaksana dan mutu_baku yang dicetak kosong"),
        ("{kegiatan: ''}", "katalog-sop.yml:3:26: label harus teks, atau false untuk kolom yang tidak ada"),
        ("{kegiatan: true}", "katalog-sop.yml:3:26: label harus teks, atau false untuk kolom yang tidak ada"),
        ("[kegiatan]", "katalog-sop.yml:3:15: harus berupa pemetaan (kunci: nilai)"),
        ("{nomor_kolom: ya}", "katalog-sop.yml:3:29: 'nomor_kolom' harus true atau false"),
    ],
)
def test_a_mistake_in_profiles_formulir_is_named_by_file_line_and_column(tmp_path, formulir, message):
    path = write_config(tmp_path, f"profiles:\n  - name: Dinas A\n    formulir: {formulir}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).replace(str(tmp_path) + "/", "") == message


# --- sop render --------------------------------------------------------------------------------------


def sheet_texts(path) -> list[str]:
    return [text.text for text in ET.parse(path).getroot().iter(f"{SVG}text") if text.text]


def test_sop_render_prints_the_profile_labels_of_katalog_sop_yml(tmp_path):
    for unit in ("dinas-a", "dinas-b"):
        (tmp_path / "sops" / unit).mkdir(parents=True)
        (tmp_path / "sops" / unit / "surat.yaml").write_text(SOP, encoding="utf-8")
    write_config(tmp_path, """\
        profiles:
          - name: Dinas A
            sops: ["dinas-a/*"]
            formulir: {kegiatan: Uraian Prosedur, kelengkapan: false, keterangan: Ket.}
        """)
    for unit in ("dinas-a", "dinas-b"):
        result = run_sop("render", f"sops/{unit}/surat.yaml", "-o", f"{unit}.svg", "--no-cache", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    agency, other = sheet_texts(tmp_path / "dinas-a.svg"), sheet_texts(tmp_path / "dinas-b.svg")
    assert {"Uraian Prosedur", "Ket.", "Waktu", "Output"} <= set(agency)
    assert not {"Kegiatan", "Kelengkapan", "Keterangan"} & set(agency)
    assert {"Kegiatan", "Kelengkapan", "Keterangan"} <= set(other) and "Uraian Prosedur" not in other


def test_sop_render_uses_the_sops_own_label_over_the_profiles(tmp_path):
    (tmp_path / "sops" / "dinas-a").mkdir(parents=True)
    own = SOP.replace("pelaksana: [", "formulir: {kegiatan: Uraian Kegiatan}\npelaksana: [", 1)
    (tmp_path / "sops" / "dinas-a" / "surat.yaml").write_text(own, encoding="utf-8")
    write_config(tmp_path, "profiles:\n  - {name: Dinas A, formulir: {kegiatan: Uraian Prosedur}}\n")
    result = run_sop("render", "sops/dinas-a/surat.yaml", "-o", "lembar.svg", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    texts = sheet_texts(tmp_path / "lembar.svg")
    assert "Uraian Kegiatan" in texts and "Uraian Prosedur" not in texts
