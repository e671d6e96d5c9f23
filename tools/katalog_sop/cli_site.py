"""The ``sop site`` command (an adapter): the whole catalogue site as a ready folder, for Zensical.

Argument parsing, progress and the report only; the work is
:mod:`katalog_sop.site.folder`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from katalog_sop.check import UsageError
from katalog_sop.problem import count_text
from katalog_sop.publish import PublishError
from katalog_sop.reporters import format_line
from katalog_sop.reporters.escape import terminal
from katalog_sop.site.bundle import SiteError

DEFAULT_OUT = "build/zensical"


def add_parser(commands) -> None:
    command = commands.add_parser(
        "site",
        help="tulis seluruh situs katalog sebagai folder siap dibangun (untuk Zensical)",
        description="Periksa katalog, gambar lembar flowchart, buat setiap halaman, berkas data dan aset, lalu "
        "tulis folder siap dibangun: OUT/docs (halaman tulisan tangan dan halaman yang dibuat), OUT/overrides "
        "dan OUT/mkdocs.yml tanpa plugin katalog-sop. Bangun dengan: cd OUT && zensical build. Masalah yang "
        "menghentikan pembangunan situs MkDocs juga menghentikan perintah ini, dan tidak ada yang ditulis.",
    )
    command.add_argument("--out", default=DEFAULT_OUT, metavar="FOLDER",
                         help=f"folder keluaran; diganti utuh bila dibuat oleh perintah ini (bawaan: {DEFAULT_OUT})")
    command.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="BERKAS",
                         help="konfigurasi situs yang dibaca (bawaan: mkdocs.yml)")


def run(args: argparse.Namespace) -> int:
    from katalog_sop.site.folder import Failed, write_folder

    config_file = Path(args.config_file)
    if not config_file.is_file():
        raise UsageError(f"{args.config_file} tidak ditemukan")
    note = lambda text: print(terminal(f"sop site: {text}"), file=sys.stderr)  # noqa: E731
    try:
        written = write_folder(config_file, Path(args.out), note)
    except Failed as exc:
        for problem in exc.failing:
            print(format_line(problem), file=sys.stderr)
        print(terminal(f"sop site: galat: {exc}"), file=sys.stderr)
        return 1
    except (SiteError, PublishError) as exc:  # reported by the `sop` command as usage errors, exit 2
        raise UsageError(str(exc)) from None
    if written.problems:  # published with their findings, as the plugin does; `sop check` lists them
        print(terminal(f"sop site: {count_text(written.problems)} pada SOP (tidak menghentikan situs; rinciannya: "
                       "sop check)"), file=sys.stderr)
    print(terminal(f"sop site: {written.pages} berkas dibuat di {args.out}; bangun dengan: cd {args.out} && zensical build"),
          file=sys.stderr)
    return 0
