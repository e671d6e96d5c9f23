"""An agency profile's Nomor SOP pattern can never make a check run for minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from katalog_sop.check import check
from katalog_sop.compliance import select_rules
from katalog_sop.config import ConfigError, load_config, parse_config
from katalog_sop.rules import profil

from conftest import MINIMAL

NESTED = [
    r"^(\d+)+$",
    r"^(?:[A-Z]+\.)+$",
    r"^(a|ab)*$",
    r"(?:aa|aa)+b",
    r"^(?:\d?){30}$",
    r"^(\w+\s?)*$",
]
ADJACENT = [
    r"\d*\d*\d*\d*x",
    r"^.*.*.*x",
    r"^[0-9]+\d*1?\w+$",
    r"^" + r"\d?" * 30 + r"\d{30}$",
    # Each class also takes the '/' between them: 200 slashes took almost two seconds.
    r"^[A-Z0-9./-]+/[A-Z0-9./-]+/[A-Z0-9./-]+/[A-Z0-9./-]+/\d{4}$",
]
FINE = [
    r"^\d{3}/\d+/KEC-[A-Z]+/\d{4}$",
    r"^(?:\d{3}/)+\d{4}$",
    r"^[A-Z.]+$",
    r"^(?:KEC|DES)+-\d+$",
    r"^\d{1,3}\.\d{1,3}/[A-Z]+$",
    r"^[A-Z]+\.?[A-Z]*/\d+$",
    r"^[A-Z0-9.-]+/[A-Z0-9.-]+/[A-Z0-9.-]+/[A-Z0-9.-]+/\d{4}$",
    r"SOP",
    r"(?i)^sop-\d+$",
    r"^\d*+\d*+\d*+x",
]


def _config(tmp_path, pattern: str):
    path = tmp_path / "katalog-sop.yml"
    path.write_text(f"profiles:\n  - name: Contoh\n    nomor: '{pattern}'\n", encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize("pattern", NESTED + ADJACENT)
def test_a_pattern_that_can_backtrack_for_minutes_is_a_configuration_error_at_its_position(tmp_path, pattern):
    with pytest.raises(ConfigError) as raised:
        _config(tmp_path, pattern)
    message = str(raised.value)
    assert message.startswith(f"{(tmp_path / 'katalog-sop.yml').as_posix()}:3:12: pola nomor dapat berjalan sangat lama")
    assert "\n" not in message


@pytest.mark.parametrize("pattern", NESTED[:1] + ADJACENT[:1])
def test_the_same_pattern_is_refused_from_mkdocs_yml(pattern):
    with pytest.raises(ConfigError, match="pola nomor dapat berjalan sangat lama"):
        parse_config({"profiles": [{"name": "Contoh", "nomor": pattern}]}, source="mkdocs.yml")


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_are_accepted(tmp_path, pattern):
    assert _config(tmp_path, pattern).profiles[0].nomor == pattern


@pytest.fixture
def catalogue(tmp_path):
    def write(nomor: str):
        path = tmp_path / "sops" / "unit" / "contoh.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'nomor: "{nomor}"\n' + MINIMAL, encoding="utf-8")
        return path.parent.parent

    return write


def _nomor_findings(folder, pattern: str):
    config = parse_config({"profiles": [{"name": "Contoh", "nomor": pattern}]})
    result = check([str(folder)], config=config, rules=select_rules(config, select=["SOPAP-I11"]), today=dt.date(2025, 7, 1))
    return [(p.location.line, p.location.column, p.message) for p in result.problems]


def test_a_nomor_too_long_to_be_a_number_is_reported_without_matching(catalogue):
    # Accepted pattern, and yet cubic: matching 1,000 digits took about a second, 2,000 ten.
    folder = catalogue("1" * 2000)
    [(line, column, message)] = _nomor_findings(folder, r"\d*\d*x")
    assert (line, column) == (1, 8)
    assert message.startswith(f"nomor terlalu panjang (2000 karakter, lebih dari {profil.MAX_NOMOR})")
    assert "1" * 100 not in message


def test_a_nomor_of_ordinary_length_is_still_matched(catalogue):
    assert _nomor_findings(catalogue("045/12/KEC-X/2025"), r"^\d{3}/\d+/KEC-[A-Z]+/\d{4}$") == []
    [(_, _, message)] = _nomor_findings(catalogue("SOP-12"), r"^\d{3}/")
    assert message.startswith("nomor 'SOP-12' tidak sesuai pola nomor SOP profil 'Contoh'")
