"""Check results for the reporter tests, built through the real pipeline."""

from __future__ import annotations

import datetime as dt
import functools
import os
import textwrap
from pathlib import Path

from katalog_sop.check import CheckResult, check
from katalog_sop.rules import RULES

from conftest import REPO

TODAY = dt.date(2026, 11, 20)

EXEMPTED = """\
nama: Contoh SOP
pelaksana: [Sekretaris, Kepala Bagian]
pengecualian:
  - {aturan: SOPAP-I02, alasan: "nomor menunggu <register> & \\"tata naskah\\""}
  - {aturan: SOPAP-M02, langkah: 1, alasan: waktu belum diukur}
langkah:
  - kegiatan: Menerima surat masuk
    pelaksana: Sekretaris
  - kegiatan: Mendisposisikan surat
    pelaksana: Kepala Bagian
    waktu: 40 hari
"""
"""On :data:`FEW_RULES`: I01 an error, I02 and M02 (step 1) suppressed, M03 two warnings, W01 an info, K01 passes."""

FEW_RULES = tuple(
    RULES[rule_id] for rule_id in ("SOPAP-I01", "SOPAP-I02", "SOPAP-K01", "SOPAP-M02", "SOPAP-M03", "SOPAP-W01")
)


@functools.cache
def seeds() -> CheckResult:
    """The repository's seed SOPs checked as `sop check sops` from the repository (relative paths)."""
    here = os.getcwd()
    os.chdir(REPO)
    try:
        return check(["sops"], today=TODAY)
    finally:
        os.chdir(here)


def check_files(root: Path, files: dict[str, str], rules=FEW_RULES) -> CheckResult:
    """Write ``files`` (name below ``sops/``: text) under ``root`` and check ``sops`` from there.

    The caller has changed into ``root`` (``monkeypatch.chdir``), so paths show relative.
    """
    for name, text in files.items():
        path = root / "sops" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return check(["sops"], rules=rules, today=TODAY)
