"""Shared helpers: write an SOP file, check it, compare problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from katalog_sop.check import CheckResult, check

REPO = Path(__file__).resolve().parents[1]

MINIMAL = """\
nama: Contoh SOP
pelaksana: [Sekretaris, Kepala Bagian]
langkah:
  - kegiatan: Menerima surat masuk
    pelaksana: Sekretaris
  - kegiatan: Mendisposisikan surat
    pelaksana: Kepala Bagian
"""


@pytest.fixture
def write_sop(tmp_path):
    """Write ``text`` (dedented) as an SOP file and return its path."""

    def write(text: str, name: str = "contoh.yaml") -> Path:
        path = tmp_path / "sops" / "unit" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def check_structure(paths) -> CheckResult:
    """The pipeline without compliance rules: what the structural tests are about."""
    return check(paths, rules=())


@pytest.fixture
def check_sop(write_sop):
    """Write ``text`` as an SOP file and check its structure (no compliance rules)."""

    def run(text: str, name: str = "contoh.yaml") -> CheckResult:
        return check_structure([str(write_sop(text, name))])

    return run


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected files of golden tests from the current output (read every diff before committing)",
    )


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def lines_and_codes(result: CheckResult) -> list[tuple[int, str]]:
    return sorted((p.location.line, p.code) for p in result.problems)
