"""Source stage, git side: when each SOP file last changed in git, for the pages' revision history.

Like :mod:`katalog_sop.source` this stage does I/O: it runs git, read-only,
in the catalogue's folder. Only adapters call it (the MkDocs plugin, once per
build); the pages get its answer as data (:class:`GitHistory`) and stay pure.

It must never raise, print or write. Without git, outside a git work tree, in
a repository with no commits, or on any git failure the answer is empty and
the site is simply built without dates; an untracked file has no date.

Two git calls for the whole catalogue, never one per file:

- ``git log --first-parent -m --name-only -z``: each commit's date followed by
  the files it changed, newest first; the first date seen for a path is its
  last change. ``--first-parent -m`` compares a merge with the branch it was
  merged into, so a file changed on a merged branch (or while resolving a
  conflict) is dated by the merge: the day the change reached this branch.
  ``--relative`` names paths relative to the folder, ``-z`` keeps spaces and
  non-ASCII names as they are. A name is kept as the check shows it
  (:func:`katalog_sop.problem.shown_path`: a byte that is not UTF-8 as
  ``\\xNN``), and so is every path a caller gives, so the two meet however
  the name is spelled and every name is text a page can carry.
- ``git diff HEAD --name-only -z --relative``: files whose working copy
  (staged or not) differs from the last commit. Not ``git status
  --porcelain``: its paths are always relative to the repository's top,
  which would cost a third call to learn where the folder lies in it.

A shallow clone (CI's default checkout of depth 1) dates every file by its
only commit: the site's build job needs the whole history to show real dates.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from katalog_sop.git import run_git
from katalog_sop.problem import shown_path

@dataclass(frozen=True)
class GitHistory:
    """What git says about a set of files, each under the key the caller chose (an SOP id)."""

    dates: Mapping[str, dt.date] = field(default_factory=dict)
    """The date of each file's last commit (the committer's date, on the committer's clock)."""
    uncommitted: frozenset[str] = frozenset()
    """Files whose working copy differs from their last commit."""
    in_git: bool = False
    """Git answered: the files lie in a work tree with commits (one without a date was never committed)."""


NO_HISTORY = GitHistory()
"""Outside git: the pages show no git line."""


def last_commit_dates(folder: Path | str) -> dict[str, dt.date]:
    """The date of each file's last commit under ``folder``, by path relative to it (``unit/sop.yaml``)."""
    return _log(folder) or {}


def uncommitted_files(folder: Path | str) -> frozenset[str]:
    """The files under ``folder`` (relative to it) whose working copy differs from the last commit."""
    out = _git(folder, "diff", "HEAD", "--name-only", "-z", "--no-renames", "--relative", "--", ".")
    return frozenset(_name(name) for name in (out or b"").split(b"\0") if name)


def read_history(folder: Path | str, files: Mapping[str, str]) -> GitHistory:
    """What git says about ``files`` (key -> file path, absolute or relative to the working folder) under ``folder``."""
    dates = _log(folder)
    if dates is None:
        return NO_HISTORY
    changed = uncommitted_files(folder)
    below = {key: _below(folder, path) for key, path in files.items()}
    return GitHistory(
        dates={key: dates[path] for key, path in below.items() if path in dates},
        uncommitted=frozenset(key for key, path in below.items() if path in changed),
        in_git=True,
    )


def _below(folder: Path | str, path: str) -> str:
    return shown_path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder)).replace(os.sep, "/"))


def _name(name: bytes) -> str:
    """A path from git's output as the check shows it."""
    return shown_path(os.fsdecode(name))


def _log(folder: Path | str) -> dict[str, dt.date] | None:
    """:func:`last_commit_dates`, or ``None`` when git gave no history at all."""
    out = _git(folder, "log", "--first-parent", "-m", "--format=%x00%cI", "--name-only", "-z",
               "--no-renames", "--relative", "--", ".")
    return None if out is None else parse_log(out)


def parse_log(out: bytes) -> dict[str, dt.date]:
    """The newest date of each path in ``git log --format=%x00%cI --name-only -z`` output.

    Records read ``NUL date NUL LF path NUL path NUL ...``: a date always
    follows an empty field, and the line feed git writes before a commit's
    file list is not part of the first name.
    """
    dates: dict[str, dt.date] = {}
    date: dt.date | None = None
    after_empty = first_name = False
    for token in out.split(b"\0"):
        if not token:
            after_empty = True
        elif after_empty:
            date, after_empty, first_name = _date(token), False, True
        else:
            name = token[1:] if first_name and token.startswith(b"\n") else token
            first_name = False
            if date is not None and name:
                dates.setdefault(_name(name), date)
    return dates


def _date(token: bytes) -> dt.date | None:
    try:
        return dt.date.fromisoformat(token[:10].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None


def _git(folder: Path | str, *args: str) -> bytes | None:
    """git's output, run in ``folder``; ``None`` when git is missing, fails or hangs."""
    done = run_git(*args, cwd=folder)
    return done.stdout if done is not None and done.returncode == 0 else None
