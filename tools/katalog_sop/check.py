"""The check pipeline: find SOP files, then source -> schema -> build -> catalogue -> rules.

This is the core entry point the adapters call. It returns every problem of
every file, sorted by file and line; one bad file never stops the others.
Compliance rules run on every SOP that was built. The catalogue-wide rules
(duplicate numbers, links between SOPs, near-duplicates) need the whole
catalogue: they run when a folder is checked, and are skipped (and named in
the result) when only some files are, as a pre-commit hook does.
Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from katalog_sop import schema
from katalog_sop.build import build_sop
from katalog_sop.catalogue import Catalogue, build_catalogue
from katalog_sop import workers
from katalog_sop.compliance import apply_exemptions, rule_options, select_rules
from katalog_sop.config import DEFAULT, Config
from katalog_sop.model import Sop
from katalog_sop.problem import Location, Problem, Severity, error, sort_problems
from katalog_sop.rules import Rule, run_rules
from katalog_sop.rules.base import CATALOGUE
from katalog_sop.source import load_bytes, load_file

SOP_SUFFIXES = (".yaml", ".yml")
CATALOGUE_DIR = "sops"
CODE_INTERNAL = "internal"


class UsageError(Exception):
    """The caller asked for something that cannot be done (exit code 2)."""


@dataclass(frozen=True)
class SourceFile:
    file: Path
    display: str
    """The path as shown to the user: the argument they gave, joined with the file."""
    sop_id: str


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

    def count(self, severity: Severity) -> int:
        """Problems of ``severity`` that count (suppressed ones do not)."""
        return sum(1 for problem in self.problems if problem.severity is severity and problem.counts)

    def suppressed(self) -> int:
        return sum(1 for problem in self.problems if not problem.counts)


def find_sop_files(paths: Sequence[str]) -> list[SourceFile]:
    """Every SOP file under ``paths`` (files as given, folders searched for ``*.yaml``)."""
    found: dict[str, SourceFile] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            # Strings, not a Path per file: resolving and comparing thousands
            # of Paths was a tenth of checking a large catalogue.
            base = path.resolve()
            shown = path.as_posix()
            for relative in _walk(path):
                parts = base.parts + tuple(relative.split("/"))
                display = relative if shown == "." else f"{shown}/{relative}"
                found.setdefault(f"{base}/{relative}", SourceFile(Path(display), display, _id_of(parts, base.parts)))
        elif path.is_file():
            resolved = path.resolve()
            found.setdefault(str(resolved), SourceFile(path, path.as_posix(), _id_of(resolved.parts, None)))
        else:
            raise UsageError(f"path tidak ditemukan: {arg}")
    if not found:
        raise UsageError(f"tidak ada berkas SOP (*.yaml) di {', '.join(paths)}")
    return sorted(found.values(), key=lambda source: source.display)


def _walk(folder: Path) -> Iterable[str]:
    """Paths (``unit/sop.yaml``) of the SOP files below ``folder``; hidden ones skipped."""
    start = len(str(folder)) + 1
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        below = root[start:].replace(os.sep, "/")
        for name in files:
            if name.endswith(SOP_SUFFIXES) and not name.startswith("."):
                yield f"{below}/{name}" if below else name


def _id_of(parts: tuple[str, ...], argument_dir: tuple[str, ...] | None) -> str:
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
    in, or by its own name when it was given alone.
    """
    return _id_of(file.resolve().parts, argument_dir.resolve().parts if argument_dir is not None else None)


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
    if contents is None:
        document, problems = load_file(source.file, source.display)
    else:
        document, problems = load_bytes(contents, source.display)
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
) -> CheckResult:
    """Check every SOP file under ``paths``; raises :class:`UsageError` for a bad path.

    ``rules`` defaults to every rule the configuration leaves on (see
    :func:`katalog_sop.compliance.select_rules`); pass ``()`` for structure only.
    With ``jobs`` > 1 and a large catalogue, files are checked in worker
    processes (:mod:`katalog_sop.workers`): the problems are the same, but the
    result's SOPs are summaries, enough for reports and not for pages.
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
    return _finish(files, findings, remaining, running, skipped, options, today)


def check_contents(
    contents: Sequence[tuple[SourceFile, bytes | None]],
    *,
    config: Config = DEFAULT,
    rules: Sequence[Rule] | None = None,
    today: dt.date | None = None,
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
    return _finish(files, [], running, running, (), options, today)


def _finish(files, findings, remaining, running, skipped, options, today) -> CheckResult:
    """The catalogue stage, the rules still to run, the exemptions, and the sorted result."""
    catalogue, catalogue_problems = build_catalogue(f.sop for f in files if f.sop is not None)
    findings += run_rules(catalogue, today=today, options=options, rules=remaining) if remaining else []
    problems = [problem for f in files for problem in f.problems] + catalogue_problems
    problems += apply_exemptions(catalogue.sops.values(), findings, {rule.id for rule in running})
    return CheckResult(files, catalogue, tuple(sort_problems(problems)), tuple(running), tuple(skipped), today)
