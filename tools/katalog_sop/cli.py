"""The ``sop`` command: a thin adapter over the core stages.

Exit codes: 0 no error; 1 errors found (or warnings, with ``--strict``);
2 a usage error (an unknown option, a path that does not exist).
This is the only module that prints; every line it prints itself (errors,
warnings, the names of files written) is one terminal line
(:func:`~katalog_sop.reporters.escape.terminal`), whatever a path or an SOP holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from katalog_sop import __version__, cli_monitoring, cli_site
from katalog_sop.check import UsageError, check
from katalog_sop.compliance import select_rules
from katalog_sop.config import CONFIG_FILE, DEFAULT, ConfigError, load_config
from katalog_sop.problem import Severity
from katalog_sop.reporters import REPORTERS, summary
from katalog_sop.reporters.escape import terminal
from katalog_sop.workers import available_jobs

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
RENDER_FORMATS = ("svg", "png", "pdf")


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
        help="bentuk laporan: text (per berkas, berwarna di terminal), json, sarif, junit, "
        "atau github (anotasi GitHub Actions) (bawaan: text)",
    )
    check_cmd.add_argument(
        "--strict",
        action="store_true",
        help="peringatan juga membuat pemeriksaan gagal (kode keluar 1)",
    )
    check_cmd.add_argument(
        "--select", type=_rule_list, default=None, metavar="KODE[,KODE]",
        help="hanya jalankan aturan ini (kode atau awalannya, misalnya SOPAP-K untuk satu keluarga)",
    )
    check_cmd.add_argument(
        "--ignore", type=_rule_list, default=[], metavar="KODE[,KODE]",
        help="jangan jalankan aturan ini (kode atau awalannya)",
    )
    check_cmd.add_argument(
        "--monitoring", default=None, metavar="FOLDER",
        help="folder catatan monitoring dan evaluasi (bawaan: folder monitoring di samping folder sops)",
    )
    check_cmd.add_argument(
        "--jobs", type=_positive, default=None, metavar="N",
        help="proses paralel untuk katalog besar (bawaan: sebanyak inti prosesor)",
    )
    _add_config_and_today(check_cmd)
    diff_cmd = commands.add_parser(
        "diff",
        help="bandingkan dua versi katalog dalam istilah SOP (untuk meninjau perubahan)",
        description="Bandingkan dua versi katalog SOP: SOP yang ditambahkan, dihapus, dipindah atau "
        "diubah; per SOP: isian identitas, butir tiap bagian, langkah (dicocokkan menurut isinya), waktu, "
        "total waktu, serta temuan yang muncul dan yang selesai. BASE dan HEAD masing-masing berupa revisi "
        "git, folder, atau berkas. Bawaan: BASE = merge-base dengan cabang utama, HEAD = pohon kerja.",
    )
    diff_cmd.add_argument("base", nargs="?", default=None, metavar="BASE", help="revisi git, folder, atau berkas lama")
    diff_cmd.add_argument("head", nargs="?", default=None, metavar="HEAD", help="revisi git, folder, atau berkas baru")
    diff_cmd.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text",
        help="text (terminal), markdown (komentar pull request), atau json (bawaan: text)",
    )
    diff_cmd.add_argument(
        "--sops", default="sops", metavar="FOLDER",
        help="folder katalog di dalam repositori, untuk revisi git dan pohon kerja (bawaan: sops)",
    )
    diff_cmd.add_argument(
        "--sheets", default=None, metavar="FOLDER",
        help="tulis lembar flowchart sebelum dan sesudah tiap SOP yang berubah (SVG) ke folder ini",
    )
    diff_cmd.add_argument(
        "--limit", type=_positive, default=25, metavar="N",
        help="paling banyak N SOP dirinci dalam markdown (bawaan: 25)",
    )
    _add_config_and_today(diff_cmd)
    render_cmd = commands.add_parser(
        "render",
        help="gambar lembar flowchart satu SOP (SVG, atau PNG/PDF untuk melihat sekilas)",
        description="Gambar lembar flowchart SOP AP. Bentuknya menurut akhiran berkas keluaran "
        "(.svg, .png, .pdf). Bila lebih dari satu halaman, tiap halaman ditulis ke berkasnya sendiri: "
        "OUT-1.svg, OUT-2.svg, ...",
    )
    render_cmd.add_argument("path", metavar="PATH.yaml", help="berkas SOP")
    render_cmd.add_argument("-o", "--output", required=True, metavar="OUT.svg", help="berkas keluaran: .svg, .png atau .pdf")
    render_cmd.add_argument(
        "--format", choices=RENDER_FORMATS, default=None,
        help="harus sama dengan akhiran berkas keluaran; hanya perlu bila berkas keluaran tanpa akhiran (bawaan: svg)",
    )
    render_cmd.add_argument(
        "--max-rows", type=_positive, default=None, metavar="N",
        help="langkah per halaman (bawaan: sebanyak yang muat di A4 lanskap)",
    )
    render_cmd.add_argument(
        "--cache", default=".cache/katalog-sop/lembar", metavar="FOLDER",
        help="folder cache gambar (bawaan: .cache/katalog-sop/lembar)",
    )
    render_cmd.add_argument("--no-cache", action="store_true", help="jangan memakai cache")
    import_cmd = commands.add_parser(
        "import",
        help="baca SOP AP (PDF, Excel, Word) menjadi draf YAML untuk diperiksa",
        description="Baca SOP AP dari PDF (berlapis teks), Excel (.xlsx) atau Word (.docx) menjadi draf YAML: "
        "satu berkas per SOP di sops/<unit>/<nama>.yaml (atau di bawah -o); satu berkas berisi beberapa SOP "
        "menjadi beberapa draf. Berkas yang sudah ada tidak ditimpa. Yang tidak "
        "terbaca atau perlu diperiksa ditandai '# PERIKSA' dan dicatat di catatan_sumber. "
        "Perlu: pip install 'katalog-sop[import]'.",
    )
    import_cmd.add_argument("paths", nargs="+", metavar="PATH", help="berkas PDF, .xlsx atau .docx, atau folder berisinya")
    import_cmd.add_argument("-o", "--output", default="sops", metavar="FOLDER", help="folder tujuan draf (bawaan: sops)")
    import_cmd.add_argument("--replace", action="store_true", help="ganti draf yang sudah ada (setelah draf baru lengkap)")
    import_cmd.add_argument("--format", choices=("text", "json"), default="text", help="laporan per berkas (bawaan: text)")
    import_cmd.add_argument(
        "--debug", default=None, metavar="FOLDER",
        help="tulis gambar tiap halaman PDF dengan yang terbaca digambar di atasnya (grid, kolom, simbol, anak panah)",
    )
    cli_monitoring.add_parser(commands, _date)
    cli_site.add_parser(commands)
    return parser


def _add_config_and_today(command: argparse.ArgumentParser) -> None:
    """The options every command that runs the rules shares."""
    command.add_argument(
        "--config", default=None, metavar="BERKAS",
        help=f"berkas konfigurasi aturan dan profil instansi (bawaan: {CONFIG_FILE} bila ada)",
    )
    command.add_argument(
        "--today", type=_date, default=None, metavar="YYYY-MM-DD",
        help="nilai temuan seolah-olah pada tanggal ini (untuk laporan yang dapat diulang; bawaan: hari ini)",
    )


def _rule_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD: {text!r}") from None


def _config(path: str | None):
    if path is not None:
        return load_config(path)
    return load_config(CONFIG_FILE) if Path(CONFIG_FILE).is_file() else DEFAULT


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("harus sedikitnya 1")
    return value


def _run_render(args: argparse.Namespace) -> int:
    # Imported here, not at the top: `sop check` (run by pre-commit hooks) starts without the diagram stage.
    from katalog_sop.diagram.render import GraphvizError

    try:
        return _render(args)
    except GraphvizError as exc:
        print(terminal(f"sop render: galat: {exc}"), file=sys.stderr)
        return EXIT_USAGE


def _render_format(args: argparse.Namespace, source: Path, output: Path) -> str:
    """The image format: the output's extension, which ``--format`` may only repeat."""
    suffix = output.suffix.lower().removeprefix(".")
    if suffix in ("yaml", "yml") or output.resolve() == source.resolve():
        raise UsageError(f"berkas keluaran harus .svg, .png atau .pdf, bukan berkas SOP: {args.output}")
    if not suffix:
        return args.format or "svg"
    if suffix not in RENDER_FORMATS:
        raise UsageError(f"berkas keluaran harus berakhiran .svg, .png atau .pdf: {args.output}")
    if args.format is not None and args.format != suffix:
        raise UsageError(f"--format {args.format} tidak sama dengan akhiran berkas keluaran {args.output}; pakai .{args.format}")
    return suffix


def _render(args: argparse.Namespace) -> int:
    from katalog_sop.diagram.dot import to_dot
    from katalog_sop.diagram.geometry import Options, layout
    from katalog_sop.diagram.render import draw_image, render_sheets

    source, output = Path(args.path), Path(args.output)
    if not source.is_file():
        raise UsageError(f"berkas tidak ditemukan: {args.path}")
    fmt = _render_format(args, source, output)
    config = _config(None)  # katalog-sop.yml, when there is one: the agency's form labels
    result = check([args.path], rules=(), config=config)
    sys.stdout.write(REPORTERS["text"](result, color=False))
    sop = result.files[0].sop
    if sop is None:
        print("SOP ini punya galat; tidak ada yang digambar.", file=sys.stderr)
        return EXIT_PROBLEMS
    sheet = layout(sop, Options(max_rows=args.max_rows), config.formulir(sop.id))
    cache = None if args.no_cache else Path(args.cache)
    if fmt == "svg":
        drawn = render_sheets([sheet], cache)
        images = [page.svg.encode("utf-8") for page in drawn[0]]
        warnings = drawn.warnings
    else:
        images = [draw_image(to_dot(sheet, page), fmt, "-Gdpi=110") for page in sheet.pages]
        warnings = ()
    for warning in warnings:
        print(terminal(f"sop render: peringatan: {warning}"), file=sys.stderr)
    targets = [output] if len(images) == 1 else [
        output.with_name(f"{output.stem}-{number}{output.suffix}") for number in range(1, len(images) + 1)
    ]
    for target, image in zip(targets, images):
        _write_output(target, image)
        print(terminal(target.as_posix()))
    return EXIT_OK


def _write_output(path: Path, data: bytes) -> None:
    from katalog_sop.diagram.render import write_atomically

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis {path.as_posix()}: {exc.strerror or exc}") from None


def _run_check(args: argparse.Namespace) -> int:
    # The check keeps every file's model until the report is written, and the
    # models hold no reference cycles: the cyclic collector's full passes over
    # them took a third of the time, and this process ends after the report.
    gc.disable()
    config = _config(args.config)
    rules = select_rules(config, args.select, args.ignore)
    jobs = args.jobs or available_jobs()
    records = Path(args.monitoring) if args.monitoring is not None else None
    if records is not None and not records.is_dir():
        raise UsageError(f"folder monitoring tidak ditemukan: {args.monitoring}")
    result = check(args.paths, config=config, rules=rules, today=args.today, jobs=jobs, monitoring=records)
    if args.format == "text":
        sys.stdout.write(REPORTERS["text"](result, color=_color(sys.stdout)))
    else:
        sys.stdout.write(REPORTERS[args.format](result))
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    if args.format == "text":
        print(summary(result), file=sys.stderr)
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _run_diff(args: argparse.Namespace) -> int:
    from katalog_sop.diff import diff
    from katalog_sop.diff.formats import FORMATS, as_markdown

    result, before, after = diff(args.base, args.head, catalogue=args.sops, config=_config(args.config), today=args.today)
    if args.format == "markdown":
        sys.stdout.write(as_markdown(result, limit=args.limit))
    else:
        sys.stdout.write(FORMATS[args.format](result))
    if args.sheets is not None:
        return _write_diff_sheets(result, before, after, Path(args.sheets))
    return EXIT_OK


def _write_diff_sheets(result, before, after, folder: Path) -> int:
    from katalog_sop.diagram.render import GraphvizError
    from katalog_sop.diff.sheets import write_sheets

    try:
        written = write_sheets(result, before, after, folder)
    except GraphvizError as exc:
        print(terminal(f"sop diff: galat: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        name = exc.filename if isinstance(exc.filename, str) else folder.as_posix()
        print(terminal(f"sop diff: galat: tidak dapat menulis lembar ke {name}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_USAGE
    for warning in written.warnings:
        print(terminal(f"sop diff: peringatan: {warning}"), file=sys.stderr)
    for path in written:
        print(terminal(path.as_posix()), file=sys.stderr)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    try:
        import pdfplumber  # noqa: F401  the optional dependency
    except ImportError:
        raise UsageError("sop import perlu pustaka tambahan; pasang dengan: pip install 'katalog-sop[import]'") from None
    from katalog_sop.importer import office_kind
    from katalog_sop.importer.run import FAILED, import_files

    def each(number, total, outcome, draft):
        if args.debug and draft is not None and office_kind(Path(outcome.source)) is None:
            from katalog_sop.importer.debug import write_pictures

            write_pictures(Path(outcome.source), draft, Path(args.debug))
        if args.format == "text":
            where = f" -> {outcome.output}" if outcome.output else ""
            detail = f" ({outcome.steps} langkah, {outcome.checks} periksa)" if outcome.status != FAILED else ""
            if outcome.scanned and outcome.status != FAILED:  # say what could not be read, not only what was
                pages = outcome.scanned
                which = f"{len(pages)} halaman" if len(pages) > 1 else f"halaman {pages[0]}"
                detail += (f"; {which} hasil pindai dibaca dengan OCR, periksa setiap nilainya" if outcome.ocr
                           else f"; {which} tanpa lapisan teks (hasil pindai), isinya belum terbaca")
            reason = f": {outcome.reason}" if outcome.reason else ""
            print(terminal(f"[{number}/{total}] {outcome.status} {outcome.source}{where}{detail}{reason}"), file=sys.stderr)

    try:
        outcomes = import_files(args.paths, Path(args.output), args.replace, each)
    except FileNotFoundError as exc:
        raise UsageError(f"tidak ditemukan: {exc.args[0]}") from None
    if args.format == "json":
        json.dump([o.as_json() for o in outcomes], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("ditulis", "dilewati", "gagal")}
        print(f"{len(outcomes)} berkas: {counts['ditulis']} ditulis, {counts['dilewati']} dilewati, {counts['gagal']} gagal. "
              "Periksa setiap draf dengan 'sop check', lalu baris bertanda PERIKSA.", file=sys.stderr)
    return EXIT_PROBLEMS if any(o.status == FAILED for o in outcomes) else EXIT_OK


def _color(stream) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return bool(stream.isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _run_check(args)
        if args.command == "render":
            return _run_render(args)
        if args.command == "diff":
            return _run_diff(args)
        if args.command == "import":
            return _run_import(args)
        if args.command == "monitoring":
            return cli_monitoring.run(args)
        if args.command == "site":
            return cli_site.run(args)
    except (UsageError, ConfigError) as exc:
        print(terminal(f"sop {args.command}: galat: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `sop check | head`); say nothing more
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command}")
