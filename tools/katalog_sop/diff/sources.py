"""Diff stage, I/O: the SOP files of one side of a comparison, from disk or from git.

A side is a folder or a file on disk, or a git revision (anything
``git rev-parse`` takes: a branch, a tag, a commit, ``HEAD~2``). For a
revision, the files under the catalogue folder are read from the repository
with one ``git ls-tree`` and one ``git cat-file --batch``; nothing is checked
out and the working tree is never touched. Beside the SOP files, a side that
is a folder or a revision also holds its monitoring records: the folder
``monitoring`` beside the catalogue folder (its sibling on disk, or in the
revision's tree), or ``None`` where there is none. Names from git are bytes: every
file is read by its blob id, whatever its name holds (a line break, bytes that
are not UTF-8), and named as the check names files on disk. Every failure is a
:class:`~katalog_sop.check.UsageError` saying what to do; nothing here prints.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from katalog_sop.check import SOP_SUFFIXES, SourceFile, UsageError, id_of, name_notes, find_sop_files, record_files, records_beside
from katalog_sop.git import run_git
from katalog_sop.monitoring.load import FOLDER
from katalog_sop.problem import shown_path
from katalog_sop.source import read_source
from katalog_sop.reporters.escape import terminal

MAIN_BRANCHES = ("origin/main", "origin/master", "main", "master")
"""Where ``sop diff`` looks for the main branch, to compare against the merge-base with it."""

SOP_BYTES_SUFFIXES = tuple(suffix.encode() for suffix in SOP_SUFFIXES)


@dataclass(frozen=True)
class Side:
    label: str
    """As reports name the side: a revision with its short commit, or a folder."""
    files: tuple[tuple[SourceFile, bytes | None], ...]
    records: tuple[list, list] | None = None
    """The monitoring record files as :func:`~katalog_sop.check.record_files` gives them: ``(files, notes)``,
    each file ``(file, shown path, record id, bytes or None)``; ``None`` where the side keeps no records."""

    @property
    def texts(self) -> dict[str, bytes | None]:
        return {source.display: raw for source, raw in self.files}


def read_side(spec: str, catalogue: str) -> Side:
    """The files of ``spec``: an existing folder or file, else a git revision (its ``catalogue`` folder)."""
    path = Path(spec)
    if path.exists():
        return read_disk(spec, catalogue)
    if _git(["rev-parse", "--is-inside-work-tree"], check=False) is None:
        raise UsageError(f"'{terminal(spec)}' bukan berkas atau folder, dan folder ini bukan repositori git")
    commit = _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], check=False)
    if commit is None:
        raise UsageError(f"'{terminal(spec)}' bukan berkas, folder, atau revisi git yang dikenal")
    return read_revision(spec, commit.strip(), catalogue)


def read_disk(spec: str, catalogue: str = "sops") -> Side:
    """The SOP files under the folder or file ``spec``; the monitoring records beside it when it is a
    folder named as the catalogue folder (``sops``): any other folder's neighbours are not its records."""
    sources = find_sop_files([spec])
    files = []
    for source in sources:
        if not source.read:  # a FIFO, a device, a link out of the catalogue: reported, never opened
            files.append((source, None))
            continue
        try:
            files.append((source, read_source(source.file)))
        except OSError:  # no bytes: the check reads the file itself and reports why it cannot
            files.append((source, None))
    beside = records_beside(spec, Path(os.path.abspath(catalogue)).name) if Path(spec).is_dir() else None
    records = record_files(beside) if beside is not None else None
    return Side(Path(spec).as_posix(), tuple(files), records)


def default_base() -> tuple[str, str]:
    """The merge-base of HEAD with the main branch (HEAD itself on it), and how to name it."""
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], check=False) is None:
        raise UsageError("tidak ada revisi pembanding: folder ini bukan repositori git dengan commit; sebutkan BASE")
    for branch in MAIN_BRANCHES:
        if _git(["rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}"], check=False) is not None:
            base = _git(["merge-base", "HEAD", branch], check=False)
            if base is not None:
                return base.strip(), f"merge-base dengan {branch}"
    return "HEAD", "HEAD"


def read_revision(spec: str, commit: str, catalogue: str) -> Side:
    top = Path(os.fsdecode(_git(["rev-parse", "--show-toplevel"], text=False).rstrip(b"\n")))
    prefix = _git(["rev-parse", "--show-prefix"], text=False).rstrip(b"\n")  # where this folder is in the repository
    folder = os.path.normpath(os.path.join(os.fsdecode(prefix), catalogue)).replace(os.sep, "/")
    if folder.startswith(".."):
        raise UsageError(f"folder katalog '{terminal(catalogue)}' berada di luar repositori git")
    entries = _sop_entries(_git(["ls-tree", "-r", "-z", "--full-name", commit, "--", folder], cwd=top, text=False))
    contents = _cat_files(commit, entries, top)
    files = []
    for (_, name), raw in zip(entries, contents):
        # As the check names a file found on disk: the real name (bytes that
        # are not UTF-8 kept as surrogates), the name shown, and a warning
        # when the two differ; so a file committed and on disk is one SOP.
        real = os.fsdecode(name[len(prefix):] if prefix and name.startswith(prefix) else name)
        shown = shown_path(real)
        sop_id = shown_path(id_of(tuple(os.fsdecode(name).split("/")), tuple(folder.split("/"))))
        files.append((SourceFile(Path(real), shown, sop_id, name_notes(real, shown)), raw))
    short = commit[:10]
    label = spec if spec.startswith(short) else f"{spec} ({short})"
    return Side(label, tuple(files), _revision_records(commit, folder, prefix, top))


def _revision_records(commit: str, catalogue: str, prefix: bytes, top: Path) -> tuple[list, list] | None:
    """The record files of the revision's ``monitoring`` folder beside ``catalogue`` (both as in the
    repository), named as :func:`~katalog_sop.check.record_files` names them on disk; ``None`` without one."""
    folder = posixpath.normpath(posixpath.join(catalogue, posixpath.pardir, FOLDER))
    if folder.startswith(".."):
        return None
    listed = _git(["ls-tree", "-r", "-z", "--full-name", commit, "--", folder], cwd=top, text=False)
    if not listed:  # git keeps no empty folder: nothing listed is no folder
        return None
    entries = _sop_entries(listed)
    here = os.fsdecode(prefix) or "."
    files, notes = [], []
    for (_, name), raw in zip(entries, _cat_files(commit, entries, top)):
        real = posixpath.relpath(os.fsdecode(name), here)
        shown = shown_path(real)
        below = os.fsdecode(name)[len(folder) + 1:]
        files.append((Path(real), shown, shown_path(posixpath.splitext(below)[0]), raw))
        notes += name_notes(real, shown)
    return files, notes


def _sop_entries(listed: bytes) -> list[tuple[bytes, bytes]]:
    """(blob id, path) of each SOP file in ``git ls-tree -r -z`` output, by path; hidden names skipped.

    Names stay bytes, whatever their encoding, and nothing is dropped for
    what a name holds: the blob id, not the name, is what is read.
    """
    entries = []
    for record in listed.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        kind = meta.split(b" ")
        if len(kind) == 3 and kind[1] == b"blob" and name.endswith(SOP_BYTES_SUFFIXES) and not any(
            part.startswith(b".") for part in name.split(b"/")
        ):
            entries.append((kind[2], name))
    return sorted(entries, key=lambda entry: entry[1])


def _cat_files(commit: str, entries: list[tuple[bytes, bytes]], top: Path) -> list[bytes]:
    """The contents of each (blob id, path) in ``entries``, in order, from one ``git cat-file --batch``."""
    if not entries:
        return []
    request = b"".join(blob + b"\n" for blob, _ in entries)
    out = _git(["cat-file", "--batch"], cwd=top, input=request, text=False)
    position, contents = 0, []
    for _, name in entries:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise UsageError(f"berkas {terminal(shown_path(os.fsdecode(name)))} tidak terbaca dari revisi {commit[:10]}")
        size = int(header[2])
        contents.append(out[end + 1 : end + 1 + size])
        position = end + 1 + size + 1
    return contents


def _git(args: list[str], *, cwd: Path | None = None, check: bool = True, input: bytes | None = None, text: bool = True):
    """git's output (text, or bytes); on failure a usage error, or ``None`` when not ``check``."""
    done = run_git(*args, cwd=cwd, input=input)
    if done is None:
        if check:
            raise UsageError("git tidak ditemukan; pasang git, atau bandingkan dua folder")
        return None
    if done.returncode != 0:
        if check:
            raise UsageError(f"git {args[0]} gagal: {terminal(done.stderr.decode('utf-8', 'backslashreplace').strip())}")
        return None
    return done.stdout.decode("utf-8", errors="replace") if text else done.stdout
