"""Monitoring stage: a new round file for a unit, every SOP of the unit listed with empty results.

``sop monitoring new <unit>`` writes ``monitoring/<unit>/<yyyy-mm>.yaml``,
ready for the penilai to fill: the date, the penilai's fields, the methods,
and one row per SOP of the unit (its id, its name as a comment) with the
penilaian, catatan and tindakan left empty. A row left empty is "not yet
assessed" and counts as no monitoring. An existing file is never
overwritten; the new one is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from katalog_sop.monitoring.model import METODE, PENILAIAN
from katalog_sop.tanggal import MONTH_NAMES, format_tanggal


class NewRoundError(Exception):
    """The round file cannot be written (an unknown unit, a file already there); the message says why."""


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """``text`` on one line, fit for a YAML comment."""
    return " ".join(text.split())


def round_text(unit: str, sops: Sequence[tuple[str, str]], tanggal: dt.date, schema: str) -> str:
    """The round file for ``unit``: ``sops`` as (id, nama) pairs; ``schema`` the path of the monitoring schema
    from the file's folder (for the editor's modeline)."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# Monitoring Pelaksanaan SOP AP (Tabel 7): unit {_comment(unit)}, "
        f"putaran {MONTH_NAMES[tanggal.month - 1]} {tanggal.year}.",
        "# Isi penilaian tiap SOP dengan salah satu dari: " + ", ".join(PENILAIAN) + ";",
        "# lalu catatan hasil penilaian dan tindakan yang harus diambil. Baris yang penilaiannya",
        "# dibiarkan kosong dihitung belum dimonitor.",
        "jenis: monitoring",
        f"tanggal: {format_tanggal(tanggal)}",
        "penilai:",
        "  jabatan:",
        "  nama:",
        "  nip:",
        "# metode: " + ", ".join(METODE),
        "metode: []",
        "hasil:" if sops else "hasil: []",
    ]
    for sop_id, nama in sops:
        lines += [
            f"  - sop: {_quoted(sop_id)}  # {_comment(nama)}",
            "    penilaian:",
            "    catatan:",
            "    tindakan:",
        ]
    return "\n".join(lines) + "\n"


def write_round(folder: Path, unit: str, text: str, tanggal: dt.date) -> Path:
    """Write ``text`` as ``folder/<unit>/<yyyy-mm>.yaml``, whole (a temporary file renamed); never over a file."""
    target = folder / unit / f"{tanggal.year:04d}-{tanggal.month:02d}.yaml"
    if target.exists() or target.is_symlink():
        raise NewRoundError(f"{target.as_posix()} sudah ada; tidak ditimpa (isi berkas itu, atau pakai --tanggal "
                            "untuk putaran bulan lain)")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".baru-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.link(temporary, target)  # fails if the file appeared meanwhile: nothing overwritten
    except FileExistsError:
        raise NewRoundError(f"{target.as_posix()} sudah ada; tidak ditimpa") from None
    finally:
        os.unlink(temporary)
    return target
