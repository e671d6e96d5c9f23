"""The ``sop monitoring`` command (an adapter): ``sop monitoring new <unit>`` writes a round file.

Only argument parsing and printing live here; the file's text and its
writing are :mod:`katalog_sop.monitoring.new`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import sys
from pathlib import Path

from katalog_sop.check import UsageError, find_sop_files
from katalog_sop.monitoring.load import FOLDER
from katalog_sop.monitoring.new import NewRoundError, round_text, write_round
from katalog_sop.reporters.escape import terminal
from katalog_sop.source import load_file


def add_parser(commands, date_type) -> None:
    """Add ``monitoring`` and its ``new`` to the ``sop`` command's subcommands."""
    monitoring = commands.add_parser(
        "monitoring",
        help="catatan monitoring penerapan SOP (Tabel 7): buat berkas putaran baru",
        description="Catatan monitoring dan evaluasi penerapan SOP AP, disimpan di monitoring/<unit>/.",
    )
    actions = monitoring.add_subparsers(dest="action", metavar="TINDAKAN")
    actions.required = True
    new = actions.add_parser(
        "new",
        help="buat berkas putaran monitoring satu unit, berisi semua SOP unit itu dengan hasil kosong",
        description="Tulis monitoring/<unit>/<tahun>-<bulan>.yaml: satu baris Tabel 7 per SOP unit itu, "
        "penilaian, catatan dan tindakan kosong, siap diisi. Berkas yang sudah ada tidak ditimpa.",
    )
    new.add_argument("unit", metavar="UNIT", help="folder unit di dalam folder katalog, misalnya sekretariat")
    new.add_argument("--sops", default="sops", metavar="FOLDER", help="folder katalog SOP (bawaan: sops)")
    new.add_argument("--monitoring", default=None, metavar="FOLDER",
                     help="folder catatan monitoring (bawaan: folder monitoring di samping folder katalog)")
    new.add_argument("--tanggal", type=date_type, default=None, metavar="YYYY-MM-DD",
                     help="tanggal putaran; nama berkas memakai tahun dan bulannya (bawaan: hari ini)")


def run(args: argparse.Namespace) -> int:
    catalogue = Path(args.sops)
    if not catalogue.is_dir():
        raise UsageError(f"folder katalog tidak ditemukan: {catalogue.as_posix()}")
    units = sorted(entry.name for entry in catalogue.iterdir() if entry.is_dir() and not entry.name.startswith("."))
    unit = args.unit.strip("/")
    if unit not in units:
        guess = difflib.get_close_matches(unit, units, n=1, cutoff=0.6)
        hint = f"; mungkin maksudnya '{guess[0]}'?" if guess else f"; unit yang ada: {', '.join(units) or '(belum ada)'}"
        raise UsageError(f"unit '{args.unit}' tidak ada di {catalogue.as_posix()}{hint}")
    sops = _sops_of(catalogue, unit)
    folder = Path(args.monitoring) if args.monitoring else Path(os.path.normpath(catalogue)).parent / FOLDER
    tanggal = args.tanggal or dt.date.today()
    schema = Path(os.path.normpath(catalogue)).parent / "schema" / "monitoring.schema.json"
    modeline = os.path.relpath(schema, folder / unit) if schema.is_file() else "../../schema/monitoring.schema.json"
    try:
        written = write_round(folder, unit, round_text(unit, sops, tanggal, Path(modeline).as_posix()), tanggal)
    except NewRoundError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis di {folder.as_posix()}: {exc.strerror or exc}") from None
    print(terminal(f"{written.as_posix()}: {len(sops)} SOP unit {unit}; isi penilaiannya, lalu jalankan "
                   f"'sop check {args.sops}'"), file=sys.stderr)
    return 0


def _sops_of(catalogue: Path, unit: str) -> list[tuple[str, str]]:
    """(id, nama) of every SOP file of ``unit``; a file that cannot be read is listed by its id."""
    found = []
    for source in find_sop_files([str(catalogue)]):
        if not source.read or not source.sop_id.startswith(unit + "/"):
            continue
        document, _ = load_file(source.file, source.display)
        data = document.data if document is not None and isinstance(document.data, dict) else {}
        nama = data.get("nama") if isinstance(data.get("nama"), str) else ""
        found.append((source.sop_id, nama or source.sop_id))
    return found
