"""The one place that starts git: read-only commands, for the stages that read a repository.

Used by :mod:`katalog_sop.riwayat` (the pages' last-change dates) and
:mod:`katalog_sop.diff.sources` (SOP files of a revision). Each caller
decides what a failure means; this only runs git and never raises for a
missing git or one that hangs.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

TIMEOUT = 120
"""Seconds a git command may take."""

GIT = ("git", "--no-optional-locks", "-c", "core.quotepath=false", "-c", "log.showSignature=false")
"""Read-only: no index refresh written behind a maintainer's back, names as they are, no signature lines."""


def run_git(*args: str, cwd: Path | str | None = None, input: bytes | None = None) -> subprocess.CompletedProcess | None:
    """git's result (bytes on stdout and stderr), or ``None`` when git is missing or hangs."""
    try:
        return subprocess.run(
            [*GIT, *args], cwd=cwd, input=input, stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True, timeout=TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
