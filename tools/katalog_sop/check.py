"""The check pipeline: find SOP files, then source -> schema -> build -> catalogue -> rules.

This is the core entry point the adapters call. It returns every problem of
every file, sorted by file and line; one bad file never stops the others.
Compliance rules run on every SOP that was built. The catalogue-wide rules
(duplicate numbers, links between SOPs, near-duplicates) need the whole
catalogue: they run when a folder is checked, and are skipped (and named in
the result) when only some files are, as a pre-commit hook does.
Nothing here prints.

Finding the files never drops one in silence and never opens one that is
not a regular file inside the catalogue: a FIFO, a device, a link leading
out of the catalogue folder, a folder that cannot be read and a name that is
nearly an SOP's are each reported at the file, and not read. Hidden names
(starting with ``.``) are skipped without a word, by convention. Names are
shown as valid Unicode (bytes that are not UTF-8 as ``\\xNN``) while the
file is read through its real name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from katalog_sop import schema
from katalog_sop.build import build_sop
from katalog_sop.catalogue import Catalogue, build_catalogue
from katalog_sop import workers
from katalog_sop.compliance import apply_exemptions, rule_options, select_rules
from katalog_sop.config import DEFAULT, Config
from katalog_sop.model import Sop
from katalog_sop.monitoring.load import FOLDER, find_record_files, load_records
from katalog_sop.problem import CODE_INTERNAL, Location, Problem, Severity, error, shown_path, sort_problems
from katalog_sop.rules import Rule, run_rules
from katalog_sop.rules.base import CATALOGUE
from katalog_sop.source import CODE_FILE, load_bytes, load_file, not_regular

SOP_SUFFIXES = (".yaml", ".yml")
CATALOGUE_DIR = "sops"


class UsageError(Exception):
    """The caller asked for something that cannot be done (exit code 2)."""


@dataclass(frozen=True)
class SourceFile:
    file: Path
    """Where the file is read from: its real name, which may hold bytes that are not UTF-8."""
    display: str
    """The path as shown to the user: the argument they gave, joined with the file (valid Unicode)."""
    sop_id: str
    notes: tuple[Problem, ...] = ()
    """Problems found before reading the file: its name, its kind, where a link leads."""
    read: bool = True
    """``False`` for a file reported in ``notes`` and never opened."""


@dataclass(frozen=True)
class FileCheck:
    source: SourceFile
    sop: Sop | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileCheck, ...]
    catalogue: Catalogue
    problems: tuple[Problem, ...]
    """Every problem and finding, suppressed ones included, sorted by file and line."""
    rules: tuple[Rule, ...] = ()
    """The compliance rules that ran, with their configured severities."""
    skipped: tuple[Rule, ...] = ()
    """Catalogue-wide rules not run because only some files were checked."""
    today: dt.date = field(default_factory=dt.date.today)
    """The date the check was made for (a review is overdue relative to it)."""
    formulir: Callable[[str], Mapping[str, str | None]] | None = None
    """The agency profile's form labels for an SOP id (the configuration's ``profiles``); ``None``: standard labels."""
    options: Mapping[str, Mapping] = field(default_factory=dict)
    """The configured options of the rules that ran, by rule id (defaults not included)."""

    def count(self, severity: Severity) -> int:
        """Problems of ``severity`` that count (suppressed ones do not)."""
        return sum(1 for problem in self.problems if problem.severity is severity and problem.counts)

    def suppressed(self) -> int:
        return sum(1 for problem in self.problems if not problem.counts)


def find_sop_files(paths: Sequence[str]) -> list[SourceFile]:
    """Every SOP file under ``paths`` (files as given, folders searched for ``*.yaml``).

    Nothing is dropped in silence: a file or folder that is not taken is
    returned too, not to be read, with a problem saying why (see
    :func:`_walk`). Only hidden names (``.git``, ``.draft.yaml``) are skipped
    without a word, by convention.
    """
    found: dict[str, SourceFile] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for key, source in _folder(path):
                found.setdefault(key, source)
        elif path.exists():
            source = _given(path)
            # A refused link is keyed by its own name: two links to one outside file are two problems.
            found.setdefault(str(path.resolve()) if source.read else os.path.abspath(path), source)
        else:
            raise UsageError(f"path tidak ditemukan: {shown_path(arg)}")
    if not found:
        raise UsageError(f"tidak ada berkas SOP (*.yaml) di {', '.join(map(shown_path, paths))}")
    return sorted(found.values(), key=lambda source: source.display)


def _folder(path: Path) -> Iterator[tuple[str, SourceFile]]:
    """``(key, source)`` of each file found below the folder ``path``; the key is the same for the same file."""
    # Strings, not a Path per file: resolving and comparing thousands of
    # Paths was a tenth of checking a large catalogue.
    base = path.resolve()
    root = path.as_posix()
    fence = _fence(path)
    if not _inside(str(base), fence):
        yield str(base), _refused(path, shown_path(root), _LEAVES.format(what="folder"))
        return
    for relative, why in _walk(root, fence):
        raw = _joined(root, relative)
        display = shown_path(raw)
        if why is None:
            parts = base.parts + tuple(relative.split("/"))
            source = SourceFile(Path(raw), display, shown_path(id_of(parts, base.parts)), name_notes(raw, display))
        else:
            source = _refused(Path(raw), display, why[1], why[0])
        yield f"{base}/{relative}", source


def _joined(root: str, relative: str) -> str:
    """The path of ``relative`` as the user would write it from where they named ``root``."""
    if not relative:
        return root
    return relative if root == "." else f"{root.rstrip('/')}/{relative}"


_LEAVES = "{what} tidak dibaca: tautan simbolik ini menunjuk ke luar folder katalog"
_NOT_REGULAR = "berkas tidak dibaca: bukan berkas biasa, melainkan {kind}"


def _refused(file: Path, display: str, message: str, severity: Severity = Severity.ERROR) -> SourceFile:
    """A file or folder reported with ``message`` and never read; its id is its shown path, unique."""
    problem = Problem(Location(display), severity, CODE_FILE, message)
    return SourceFile(file, display, display, (problem,), read=False)


def _given(path: Path) -> SourceFile:
    """A file named on the command line: taken whatever its name, if it is a regular file inside its folder."""
    raw = path.as_posix()
    shown = shown_path(raw)
    if not _inside(os.path.realpath(path), _fence(path)):
        return _refused(path, shown, _LEAVES.format(what="berkas"))
    kind = not_regular(os.stat(path).st_mode)
    if kind is not None:
        return _refused(path, shown, _NOT_REGULAR.format(kind=kind))
    return SourceFile(path, shown, shown_path(id_of(path.resolve().parts, None)), name_notes(raw, shown))


def _fence(path: Path) -> str:
    """The folder no file found from ``path`` may lead out of, resolved.

    The nearest ``sops`` folder that holds ``path`` as written, else the
    folder given, or the folder of the file given. Written, not resolved: a
    link named ``sops/unit`` that points elsewhere leaves the catalogue.
    """
    written = os.path.abspath(path)
    parts = written.split(os.sep)
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] == CATALOGUE_DIR:
            return os.path.realpath(os.sep.join(parts[: index + 1]) or os.sep)
    return os.path.realpath(written if path.is_dir() else os.path.dirname(written))


def _inside(resolved: str, fence: str) -> bool:
    return resolved == fence or resolved.startswith(fence.rstrip(os.sep) + os.sep)


def _walk(root: str, fence: str) -> Iterator[tuple[str, tuple[Severity, str] | None]]:
    """``(path below root, None)`` for each SOP file taken, ``(path, (severity, why))`` for each one reported.

    Taken: the regular files named ``*.yaml`` or ``*.yml`` below ``root``,
    links to such files included when they stay inside ``fence``. Reported and
    not taken: a folder that cannot be read, a link leading out of ``fence``
    (its content would be published), a FIFO, device or socket with an SOP
    name (reading it may never end), a link to a folder inside the catalogue
    (its SOPs are taken where they are; walking it again would repeat them
    or loop), and a name that is nearly an SOP's (``X.YAML``, ``x.yaml ``).
    Skipped in silence: hidden names (starting with ``.``, like ``.git``) and
    files that are plainly not SOPs (``README.md``, ``x.yaml.bak``).

    A stack, not recursion, so that no depth of folders can stop it.
    """
    start = len(root) + 1
    stack = [root]
    while stack:
        here = stack.pop()
        below = here[start:].replace(os.sep, "/")
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            yield below, (Severity.ERROR, f"folder tidak dapat dibaca: {reason}; SOP di dalamnya tidak diperiksa")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                verdict = _judge(entry, root, fence)
            except OSError as exc:
                verdict = (Severity.ERROR, f"berkas tidak dapat dibaca: {exc.strerror or exc}")
            if verdict == _DESCEND:
                stack.append(entry.path)
            elif verdict != _SKIP:
                yield (f"{below}/{entry.name}" if below else entry.name), verdict


_DESCEND, _SKIP = "descend", "skip"


def _judge(entry: os.DirEntry, root: str, fence: str):
    """What :func:`_walk` does with ``entry``: descend, skip, take (``None``), or report ``(severity, why)``."""
    name = entry.name
    sop_name = name.endswith(SOP_SUFFIXES)
    if entry.is_symlink():
        is_dir = entry.is_dir()
        if not (sop_name or is_dir or _nearly_sop_name(name)):
            return _SKIP
        target = os.path.realpath(entry.path)
        if not _inside(target, fence):
            return Severity.ERROR, _LEAVES.format(what="folder" if is_dir else "berkas")
        if is_dir:
            where = _joined(root, os.path.relpath(target, os.path.realpath(root)).replace(os.sep, "/"))
            return Severity.WARNING, (
                "folder tidak dibaca: tautan simbolik ini menunjuk ke folder lain dalam katalog; "
                f"SOP di sana diperiksa di tempatnya ({shown_path(os.path.normpath(where))})"
            )
    elif entry.is_dir():
        return _DESCEND
    if sop_name:
        if entry.is_file(follow_symlinks=False):  # known from the listing: no stat per file
            return None
        kind = not_regular(entry.stat().st_mode)
        return None if kind is None else (Severity.ERROR, _NOT_REGULAR.format(kind=kind))
    if _nearly_sop_name(name):
        return Severity.WARNING, (
            "berkas tidak dibaca: nama berkas SOP harus berakhiran tepat '.yaml' atau '.yml'; "
            f"ganti nama menjadi '{shown_path(_fixed_name(name))}'"
        )
    return _SKIP


def _nearly_sop_name(name: str) -> bool:
    """A name meant for an SOP that the exact suffix test does not take: other case, spaces around."""
    return not name.endswith(SOP_SUFFIXES) and name.strip().lower().endswith(SOP_SUFFIXES)


def _fixed_name(name: str) -> str:
    stem, suffix = os.path.splitext(name.strip())
    return stem + suffix.lower()


def name_notes(raw: str, display: str) -> tuple[Problem, ...]:
    """A warning when a file's path is not UTF-8: it is shown escaped (``display``), and breaks wherever it goes."""
    if display == raw:
        return ()
    escaped = sorted({shown_path(char) for char in raw if "\ud800" <= char <= "\udfff"})
    message = (
        f"nama berkas atau foldernya memuat bita yang bukan UTF-8 (ditampilkan sebagai {', '.join(escaped)}); "
        "ganti namanya dengan teks UTF-8"
    )
    return (Problem(Location(display), Severity.WARNING, CODE_FILE, message),)


def id_of(parts: tuple[str, ...], argument_dir: tuple[str, ...] | None) -> str:
    """:func:`sop_id_for` of a resolved file (its path ``parts``) found under ``argument_dir`` (resolved too)."""
    below = [index for index, part in enumerate(parts[:-1]) if part == CATALOGUE_DIR]
    if below:
        kept = parts[below[-1] + 1 :]
    elif argument_dir is not None and parts[: len(argument_dir)] == argument_dir:
        kept = parts[len(argument_dir) :]
    else:
        kept = parts[-1:]
    return "/".join(kept[:-1] + (os.path.splitext(kept[-1])[0],))


def sop_id_for(file: Path, argument_dir: Path | None = None) -> str:
    """The SOP id: the path below the nearest ``sops/`` folder, without its suffix.

    A file outside any ``sops/`` folder is named from the folder it was found
    in, or by its own name when it was given alone. Bytes of the name that
    are not UTF-8 appear as ``\\xNN``, as in every id.
    """
    return shown_path(id_of(file.resolve().parts, argument_dir.resolve().parts if argument_dir is not None else None))


def check_file(source: SourceFile, contents: bytes | None = None) -> FileCheck:
    """Every problem of one file, and its SOP when it has no error.

    ``contents`` are the file's bytes when they do not come from disk (a git
    revision); ``source.file`` is then only a name.
    """
    try:
        return _check_file(source, contents)
    except Exception as exc:  # a bug must not hide the other files' problems
        problem = error(
            Location(source.display),
            CODE_INTERNAL,
            f"galat internal saat memeriksa berkas ini ({type(exc).__name__}: {exc}); mohon laporkan",
        )
        return FileCheck(source, None, (problem,))


def _check_file(source: SourceFile, contents: bytes | None = None) -> FileCheck:
    if not source.read:
        return FileCheck(source, None, source.notes)
    if contents is None:
        document, problems = load_file(source.file, source.display)
    else:
        document, problems = load_bytes(contents, source.display)
    problems = list(source.notes) + problems
    if document is None:
        return FileCheck(source, None, tuple(problems))
    problems += schema.validate(document)
    if any(problem.is_error for problem in problems):
        return FileCheck(source, None, tuple(problems))
    sop, built = build_sop(document, source.sop_id)
    return FileCheck(source, sop, tuple(problems + built))


def check(
    paths: Sequence[str],
    *,
    config: Config = DEFAULT,
    rules: Sequence[Rule] | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    monitoring: Path | bool | None = None,
) -> CheckResult:
    """Check every SOP file under ``paths``; raises :class:`UsageError` for a bad path.

    ``rules`` defaults to every rule the configuration leaves on (see
    :func:`katalog_sop.compliance.select_rules`); pass ``()`` for structure only.
    With ``jobs`` > 1 and a large catalogue, files are checked in worker
    processes (:mod:`katalog_sop.workers`): the problems are the same, but the
    result's SOPs are summaries, enough for reports and not for pages.

    Monitoring records are read from the folder ``monitoring`` (default:
    ``monitoring`` beside the one folder checked when it is named ``sops``;
    ``False``: none, the documents alone are checked).
    """
    today = today or dt.date.today()
    rules = select_rules(config) if rules is None else tuple(rules)
    whole = any(Path(path).is_dir() for path in paths)
    skipped = () if whole else tuple(rule for rule in rules if rule.scope == CATALOGUE)
    running = [rule for rule in rules if rule not in skipped]
    sources = find_sop_files(paths)
    options = rule_options(running, config)
    if jobs > 1 and len(sources) >= workers.MIN_FILES:
        per_sop = [rule for rule in running if rule.scope != CATALOGUE]
        checked = workers.check_files_parallel(sources, per_sop, options, today, jobs)
        files = tuple(FileCheck(source, sop, tuple(problems)) for source, sop, problems, _ in checked)
        findings = [finding for *_, found in checked for finding in found]
        remaining = [rule for rule in running if rule.scope == CATALOGUE]
    else:
        files = tuple(check_file(source) for source in sources)
        findings, remaining = [], running
    if monitoring is False:
        records = None
    else:
        records = record_files(_beside(paths) if monitoring is None or monitoring is True else monitoring)
    return _finish(files, findings, remaining, running, skipped, options, today, config, records)


def _beside(paths: Sequence[str]) -> Path | None:
    """The monitoring folder beside the one folder checked (see :func:`records_beside`)."""
    folders = [path for path in paths if Path(path).is_dir()]
    return records_beside(folders[0]) if len(folders) == 1 else None


def records_beside(folder: str | Path, catalogue: str = CATALOGUE_DIR) -> Path | None:
    """The monitoring folder beside the catalogue folder ``folder`` (``sops`` -> ``monitoring``), as the user
    would write it; ``None`` unless ``folder`` is named ``catalogue``, so that any other folder never picks up
    a neighbour's records (``--monitoring`` names them for another layout)."""
    folder = Path(folder)
    if Path(os.path.abspath(folder)).name != catalogue:
        return None
    if folder.is_absolute():
        return Path(os.path.normpath(folder)).parent / FOLDER
    # "." or "sops/.." names a folder whose parent the path itself does not show
    return Path(os.path.relpath(Path(os.path.abspath(folder)).parent / FOLDER))


def record_files(folder: Path | None):
    """The monitoring record files under ``folder`` and the problems of those not read; ``None`` when the
    folder does not exist (the catalogue keeps no records)."""
    if folder is None or not folder.is_dir():
        return None
    return find_record_files(folder)


def check_contents(
    contents: Sequence[tuple[SourceFile, bytes | None]],
    *,
    config: Config = DEFAULT,
    rules: Sequence[Rule] | None = None,
    today: dt.date | None = None,
    records=None,
) -> CheckResult:
    """Check a whole catalogue whose files are given as bytes (e.g. read from a git revision).

    As :func:`check` on the catalogue's folder, catalogue-wide rules
    included, in one process: the result holds full SOPs. A file given with
    ``None`` for bytes is read from disk.
    """
    today = today or dt.date.today()
    running = list(select_rules(config) if rules is None else rules)
    options = rule_options(running, config)
    ordered = sorted(contents, key=lambda item: item[0].display)
    files = tuple(check_file(source, raw) for source, raw in ordered)
    return _finish(files, [], running, running, (), options, today, config, records)


def _finish(files, findings, remaining, running, skipped, options, today, config: Config = DEFAULT,
            records=None) -> CheckResult:
    """The catalogue stage, the monitoring records, the rules still to run, the exemptions, and the sorted result."""
    catalogue, catalogue_problems = build_catalogue(f.sop for f in files if f.sop is not None)
    if records is not None:
        found, notes = records
        monitoring, record_problems = load_records(found, catalogue, today, config.checklist)
        catalogue = dataclasses.replace(catalogue, monitoring=monitoring)
        catalogue_problems += notes + record_problems
    findings += run_rules(catalogue, today=today, options=options, rules=remaining) if remaining else []
    problems = [problem for f in files for problem in f.problems] + catalogue_problems
    problems += apply_exemptions(catalogue.sops.values(), findings, {rule.id for rule in running})
    return CheckResult(files, catalogue, tuple(sort_problems(problems)), tuple(running), tuple(skipped), today, config.formulir,
                       options)
