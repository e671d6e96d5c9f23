"""The rules' configuration: one typed value from a file or from mkdocs.yml, mistakes named by position."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from katalog_sop.check import check
from katalog_sop.compliance import select_rules
from katalog_sop.config import CONFIGURED_OPTIONS, ConfigError, Profile, load_config, parse_config
from katalog_sop.problem import Severity
from katalog_sop.rules import RULES
from katalog_sop.rules.base import EXAMPLE_SOP

TODAY = dt.date(2025, 7, 1)  # the sample SOP is clean on this date


@pytest.fixture
def sample(tmp_path):
    """The rules' sample SOP (it passes every per-SOP rule) in a catalogue of its own."""
    target = tmp_path / "sops" / "kecamatan-contoh" / "domisili.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE_SOP, target)
    return target


def write_config(tmp_path, text: str):
    path = tmp_path / "katalog-sop.yml"
    path.write_text(text, encoding="utf-8")
    return path


def codes(result) -> list[tuple[str, str]]:
    return sorted((p.code, p.severity.value) for p in result.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  SOPAP-K01: {sevrity: info}\n", "katalog-sop.yml:2:15: kunci tidak dikenal 'sevrity'; mungkin maksudnya 'severity'"),
        ("rules:\n  SOPAP-W03: {periode_bulan: enam}\n", "katalog-sop.yml:2:30: opsi 'periode_bulan' harus bilangan bulat, seperti bawaannya 12"),
        ("rules:\n  SOPAP-W3: off\n", "katalog-sop.yml:2:3: aturan tidak dikenal 'SOPAP-W3'; mungkin maksudnya 'SOPAP-W03'"),
        ("rules:\n  SOPAP-W03: fatal\n", "katalog-sop.yml:2:14: tingkat harus salah satu dari error, warning, info, off, bukan 'fatal'"),
        ("profiles:\n  - {name: X, nomor: '['}\n", "katalog-sop.yml:2:22: pola nomor tidak sah"),
        ("profiles:\n  - {name: X, required: [nomer]}\n", "katalog-sop.yml:2:26: isian tidak dikenal 'nomer'; mungkin maksudnya 'nomor'"),
        ("profiles:\n  - {nomor: x}\n", "katalog-sop.yml:2:5: profil harus punya 'name'"),
        ("rule:\n  SOPAP-W03: off\n", "katalog-sop.yml:1:1: kunci tidak dikenal 'rule'; mungkin maksudnya 'rules'"),
        ("- rules\n", "katalog-sop.yml:1:1: isi berkas harus berupa pemetaan"),
        ("rules: [\n", "katalog-sop.yml:1:9: sintaks YAML tidak sah"),  # the end of the one line, not a line after it
        ("kategori: Keuangan\n", "katalog-sop.yml:1:11: harus berupa daftar"),
        ("kategori: [Keuangan, 12]\n", "katalog-sop.yml:1:22: nama kategori harus teks yang tidak kosong"),
        ("kategori:\n  - Keuangan\n  - ' keuangan'\n",
         "katalog-sop.yml:3:5: kategori 'keuangan' sudah ada dalam daftar ('Keuangan')"),
        ("rules:\n  SOPAP-I14: {kategori: [Keuangan]}\n",
         "katalog-sop.yml:2:15: kunci tidak dikenal 'kategori'"),  # the list has its own key, not a rule option
    ],
)
def test_a_mistake_is_named_by_file_line_and_column(tmp_path, text, message):
    with pytest.raises(ConfigError) as raised:
        load_config(write_config(tmp_path, text))
    assert str(raised.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_an_empty_file_is_the_default(tmp_path):
    config = load_config(write_config(tmp_path, "# nothing configured yet\n"))
    assert config.rules == {} and config.profiles == ()


def test_severity_and_options_change_what_is_reported(tmp_path, sample):
    late = dt.date(2026, 3, 1)  # 14 months after the sample's tanggal_efektif
    plain = check([str(sample.parent)], today=late)
    assert ("SOPAP-W03", "warning") in codes(plain)
    config = load_config(write_config(tmp_path, "rules:\n  SOPAP-W03: {severity: error, periode_bulan: 18}\n"))
    assert ("SOPAP-W03", "error") not in codes(check([str(sample.parent)], today=late, config=config))
    config = load_config(write_config(tmp_path, "rules:\n  SOPAP-W03: {severity: error, periode_bulan: 6}\n"))
    assert ("SOPAP-W03", "error") in codes(check([str(sample.parent)], today=late, config=config))


def test_off_switches_a_rule_off_unless_selected_by_its_id(tmp_path):
    config = load_config(write_config(tmp_path, "rules:\n  SOPAP-K01: off\n  SOPAP-D04: info\n"))
    ids = {rule.id: rule for rule in select_rules(config)}
    assert "SOPAP-K01" not in ids and ids["SOPAP-D04"].severity is Severity.INFO
    assert [r.id for r in select_rules(config, select=["SOPAP-K01"])] == ["SOPAP-K01"]
    assert "SOPAP-K01" not in {r.id for r in select_rules(config, select=["SOPAP-K"])}


def test_mkdocs_yaml_1_1_off_is_read_as_off():
    # mkdocs.yml is read as YAML 1.1, where a bare `off` arrives as false.
    config = parse_config({"rules": {"SOPAP-K01": False}}, source="mkdocs.yml")
    assert "SOPAP-K01" not in {rule.id for rule in select_rules(config)}


def test_select_and_ignore_take_ids_and_family_prefixes():
    assert {r.id for r in select_rules(select=["SOPAP-M"])} == {"SOPAP-M01", "SOPAP-M02", "SOPAP-M03"}
    assert {r.id for r in select_rules(select=["SOPAP-M"], ignore=["SOPAP-M02"])} == {"SOPAP-M01", "SOPAP-M03"}
    assert select_rules(ignore=["SOPAP"]) == ()
    with pytest.raises(ConfigError, match="--select: tidak ada aturan 'SOPAP-Z'"):
        select_rules(select=["SOPAP-Z"])


def test_a_profile_checks_the_number_and_required_fields_of_the_sops_it_covers(tmp_path, sample):
    config = load_config(write_config(tmp_path, (
        "profiles:\n"
        "  - name: Kabupaten Lain\n"
        "    sops: ['dinas-*/*']\n"
        "    nomor: '^SOP/'\n"
        "  - name: Kabupaten Contoh\n"
        "    sops: ['kecamatan-*/*']\n"
        "    nomor: '^\\d{3}/\\d+/KEC-[A-Z]+/\\d{4}$'\n"
        "    required: [kop, disahkan_oleh.nip, tanggal_revisi]\n"
    )))
    assert config.profiles[1] == Profile(
        "Kabupaten Contoh", ("kecamatan-*/*",), r"^\d{3}/\d+/KEC-[A-Z]+/\d{4}$", ("kop", "disahkan_oleh.nip", "tanggal_revisi")
    )
    rules = select_rules(config, ignore=["SOPAP-C02"])  # its keterkaitan names an SOP not in this catalogue
    result = check([str(sample.parent)], today=TODAY, config=config, rules=rules)
    # The sample's number fits the covering profile (not the first one); it has no kop.
    assert [(p.code, p.location.json_path) for p in result.problems] == [("SOPAP-I12", "$")]
    assert "isian 'kop' wajib menurut profil 'Kabupaten Contoh'" in result.problems[0].message


def test_the_kategori_list_is_read_tidied_and_reaches_its_rule_only():
    config = parse_config({"kategori": ["Kepegawaian", "  Keuangan   Daerah "]})
    assert config.kategori == ("Kepegawaian", "Keuangan Daerah")
    assert config.options("SOPAP-I14") == {"kategori": ("Kepegawaian", "Keuangan Daerah")}
    assert config.options("SOPAP-I11") == {}
    assert parse_config(None).kategori == () and parse_config({"rules": {}}).options("SOPAP-I14") == {}


def test_every_rule_option_can_be_configured_with_its_default():
    for rule in RULES.values():
        settable = {name: value for name, value in rule.defaults.items() if name not in CONFIGURED_OPTIONS}
        config = parse_config({"rules": {rule.id: {"severity": "info", **{k: list(v) if isinstance(v, tuple) else v for k, v in settable.items()}}}})
        assert config.severity(rule.id, rule.severity) is Severity.INFO


def test_a_configuration_that_is_not_a_regular_file_is_named_for_what_it_is(tmp_path):
    os.mkfifo(tmp_path / "katalog-sop.yml")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "katalog-sop.yml")
    assert str(raised.value).endswith("berkas tidak dapat dibaca: bukan berkas biasa, melainkan pipa bernama (FIFO)")
    with pytest.raises(ConfigError, match="berkas konfigurasi tidak ditemukan"):
        load_config(tmp_path / "tidak-ada.yml")
