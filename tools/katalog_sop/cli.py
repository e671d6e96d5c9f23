"""The ``sop`` command: a thin adapter over the core stages.

Exit codes: 0 no error; 1 errors found (or warnings, with ``--strict``);
2 a usage error (an unknown option, a path that does not exist).
This is the only module that prints.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from katalog_sop import __version__
from katalog_sop.check import UsageError, check
from katalog_sop.problem import Severity
from katalog_sop.reporters import REPORTERS

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sop",
        description="Katalog SOP: periksa dan terbitkan SOP Administrasi Pemerintahan (PermenPANRB 35/2012).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    commands.required = True

    check_cmd = commands.add_parser(
        "check",
        help="periksa berkas SOP (YAML) dan laporkan setiap masalah sebagai path:baris:kolom",
        description="Periksa struktur berkas SOP terhadap skema dan rujukan di dalamnya.",
    )
    check_cmd.add_argument(
        "paths",
        nargs="*",
        default=["sops"],
        metavar="PATH",
        help="berkas atau folder SOP (bawaan: sops)",
    )
    check_cmd.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="bentuk laporan: text (satu baris per masalah) atau json (bawaan: text)",
    )
    check_cmd.add_argument(
        "--strict",
        action="store_true",
        help="peringatan juga membuat pemeriksaan gagal (kode keluar 1)",
    )
    return parser


def _run_check(args: argparse.Namespace) -> int:
    result = check(args.paths)
    sys.stdout.write(REPORTERS[args.format](result.problems))
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    if args.format == "text":
        print(
            f"{len(result.files)} berkas SOP diperiksa: {errors} galat, {warnings} peringatan.",
            file=sys.stderr,
        )
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _run_check(args)
    except UsageError as exc:
        print(f"sop {args.command}: galat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `sop check | head`); say nothing more
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command}")
