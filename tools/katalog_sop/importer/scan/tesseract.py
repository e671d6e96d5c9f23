"""Scanned pages: Tesseract, the OCR program, run as a separate process when it is installed.

Tesseract is optional: without it a scan's rules are still found, its text
is not read. It is found on the PATH and run with a time limit; pictures go
to it as PNG files in a temporary folder, several at once as a list file
(one process for many table cells: Tesseract then numbers them as pages in
its TSV output). The Indonesian model is used when installed, else English.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TIMEOUT = 180
"""Seconds one Tesseract run may take (a whole dense page takes some ten)."""


class TesseractError(Exception):
    """Tesseract failed or took too long; the message says why, in Indonesian."""


@dataclass(frozen=True)
class TsvRow:
    """One row of Tesseract's TSV: a page, block, paragraph, line (level 4) or word (level 5)."""

    level: int
    page: int
    """Which picture of the run (from 1)."""
    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str

    @property
    def line_key(self) -> tuple[int, int, int, int]:
        return (self.page, self.block, self.par, self.line)


def find_tesseract() -> str | None:
    """The path of the ``tesseract`` program, or ``None`` when it is not installed."""
    return shutil.which("tesseract")


@lru_cache(maxsize=4)
def languages(program: str) -> frozenset[str]:
    """The models Tesseract has installed ("ind", "eng", "osd", ...)."""
    try:
        done = subprocess.run([program, "--list-langs"], capture_output=True, encoding="utf-8", errors="replace",
                              timeout=30, env=_env())
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def text_language(program: str) -> str | None:
    """"ind" when the Indonesian model is installed, else "eng"; ``None`` with neither."""
    installed = languages(program)
    return next((name for name in ("ind", "eng") if name in installed), None)


def _env() -> dict:
    # one thread per process: Tesseract's own threads only slow it down on a small machine
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run(program: str, images: list, options: list[str], dpi: float, timeout: float = TIMEOUT) -> str:
    """Tesseract's standard output for PIL ``images`` (one run), with ``options`` after the input."""
    with tempfile.TemporaryDirectory(prefix="katalog-ocr-") as folder:
        paths = []
        for index, image in enumerate(images):
            path = Path(folder) / f"{index:04d}.png"
            image.save(path, dpi=(round(dpi), round(dpi)))
            paths.append(str(path))
        source = paths[0]
        if len(paths) > 1:
            source = str(Path(folder) / "daftar.txt")
            Path(source).write_text("\n".join(paths) + "\n", encoding="utf-8")
        command = [program, source, "-", "--dpi", str(round(dpi)), *options]
        try:
            done = subprocess.run(command, capture_output=True, encoding="utf-8", errors="replace",  # whatever the locale
                                  timeout=timeout, env=_env())
        except subprocess.TimeoutExpired as exc:
            raise TesseractError(f"Tesseract tidak selesai dalam {timeout:.0f} detik") from exc
        except OSError as exc:
            raise TesseractError(f"Tesseract tidak dapat dijalankan ({exc})") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["-"])[-1]
        raise TesseractError(f"Tesseract gagal (kode {done.returncode}: {last})")
    return done.stdout


def parse_tsv(text: str) -> list[TsvRow]:
    """The rows of Tesseract's TSV output (its header dropped, broken rows skipped)."""
    rows = []
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12:
            continue
        try:
            numbers = [int(p) for p in parts[:10]]
            conf = float(parts[10])
        except ValueError:
            continue
        level, page, block, par, line_, _, left, top, width, height = numbers
        rows.append(TsvRow(level, page, block, par, line_, left, top, width, height, conf, parts[11]))
    return rows


_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.M)
_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([0-9.]+)", re.M)


def osd(program: str, image, dpi: float, timeout: float = 60) -> tuple[int, float] | None:
    """Tesseract's orientation finding: (degrees to turn ``image`` clockwise to stand upright,
    confidence); ``None`` when it cannot tell (too little text, no ``osd`` model)."""
    if "osd" not in languages(program):
        return None
    try:
        out = run(program, [image], ["--psm", "0", "-l", "osd"], dpi, timeout)
    except TesseractError:
        return None  # "Too few characters": no text to tell by
    rotate, confidence = _ROTATE.search(out), _CONFIDENCE.search(out)
    if rotate is None or confidence is None:
        return None
    return int(rotate.group(1)) % 360, float(confidence.group(1))
