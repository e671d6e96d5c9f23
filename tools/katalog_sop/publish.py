"""Publishing a built site all-or-nothing: build beside it, then swap it in.

A site is built into a staging folder next to the site folder
(``.site.membangun-<pid>-<n>``), never into the site folder itself. Only
when the build is complete does :func:`swap_in` put it in place: on Linux
with one ``renameat2(RENAME_EXCHANGE)``, which swaps the two folders in a
single step, so a reader, a web server or a killed build sees the complete
old site or the complete new one and nothing in between. Where the system
cannot exchange (not Linux, an old kernel, a file system without it), the
old folder is renamed aside and the new one renamed in: two steps a few
microseconds apart. A failed build discards its staging folder
(:func:`discard`); one left by a killed build is removed by the next build
(:func:`remove_stale`), and so is a build's scratch folder (:func:`scratch_dir`).

Knows nothing about MkDocs: the plugin calls these functions from its
events. Never prints; raises :class:`PublishError` with a message for the
build log.
"""

from __future__ import annotations

import ctypes
import errno
import itertools
import os
import re
import shutil
from pathlib import Path

STAGING = "membangun"
"""Marks staging folders: ``.<site>.membangun-<pid>-<n>``."""
RETIRED = "lama"
"""Marks an old site moved aside by the two-step swap: ``.<site>.lama-<pid>-<n>``."""
SCRATCH = "sementara"
"""Marks a build's scratch folder (texts kept on disk while it runs): ``.<site>.sementara-<pid>-<n>``."""
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_counter = itertools.count()


class PublishError(Exception):
    """The new site could not be put in place; the old one is still there."""


def staging_dir(site_dir: Path) -> Path:
    """A new, empty staging folder beside ``site_dir``, unique to this process and build."""
    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site_dir)
    return _new_folder(site_dir, STAGING)


def scratch_dir(site_dir: Path) -> Path:
    """A new, private folder beside ``site_dir`` for what a build keeps on disk while it runs; like a staging
    folder, one left by a killed build is removed by the next (:func:`remove_stale`)."""
    return _new_folder(Path(site_dir), SCRATCH)


def _new_folder(site_dir: Path, marker: str) -> Path:
    while True:
        folder = site_dir.parent / f".{site_dir.name}.{marker}-{os.getpid()}-{next(_counter)}"
        try:
            folder.mkdir(mode=0o700)
            return folder
        except FileExistsError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(site_dir: Path) -> list[Path]:
    """Remove staging, retired and scratch folders of ``site_dir`` left by builds whose process is gone."""
    site_dir = Path(site_dir)
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}\.(?:{STAGING}|{RETIRED}|{SCRATCH})-(\d+)-\d+")
    removed = []
    try:
        entries = list(os.scandir(site_dir.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or not _alive(pid):  # this process starts no second build while one runs
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the complete site in ``staging`` at ``site_dir``, then remove the old site."""
    staging, site_dir = Path(staging), Path(site_dir)
    try:
        if not site_dir.exists():
            os.rename(staging, site_dir)
            return
        if not site_dir.is_dir() or site_dir.is_symlink():
            raise PublishError(f"{site_dir} bukan folder; situs baru tetap di {staging}")
        if _exchange(staging, site_dir):
            shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
            return
        retired = site_dir.parent / f".{site_dir.name}.{RETIRED}-{os.getpid()}-{next(_counter)}"
        os.rename(site_dir, retired)
        os.rename(staging, site_dir)
        shutil.rmtree(retired, ignore_errors=True)
    except OSError as exc:
        raise PublishError(
            f"situs baru tidak dapat dipasang di {site_dir} ({exc.strerror or exc}); situs lama tetap utuh"
        ) from None


def discard(staging: Path | None) -> None:
    """Remove a staging folder after a failed build; the site folder was never touched."""
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
