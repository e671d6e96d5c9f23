"""A small catalogue for monitoring tests, written by the test: unit ``kecamatan`` with two SOPs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from katalog_sop.check import CheckResult, check
from katalog_sop.rules.base import EXAMPLE_SOP

TODAY = dt.date(2026, 7, 1)


def sample() -> dict:
    return yaml.safe_load(EXAMPLE_SOP.read_text(encoding="utf-8"))


def write_catalogue(root: Path, **changes: dict) -> Path:
    """``root/sops/kecamatan/{contoh,surat-keluar}.yaml``; ``changes`` by file name replace top-level keys.
    Returns the ``sops`` folder."""
    sops = {
        "contoh": sample(),
        "surat-keluar": {**sample(), "nama": "Pengiriman Surat Keluar", "nomor": "045/13/KEC-X/2025"},
    }
    for name, data in sops.items():
        data.update(changes.get(name.replace("-", "_"), {}))
        path = root / "sops" / "kecamatan" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root / "sops"


def write_record(root: Path, name: str, text: str, unit: str = "kecamatan") -> Path:
    path = root / "monitoring" / unit / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_catalogue(root: Path, today: dt.date = TODAY, rules=()) -> CheckResult:
    return check([str(root / "sops")], rules=rules, today=today)
