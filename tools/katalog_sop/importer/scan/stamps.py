"""Scanned pages: stamps and signatures in coloured ink, read past.

A signed SOP's approval cell is printed in black and then stamped and signed
over, mostly in blue or violet ink. OCR reads the print and the ink as one:
"SUHERMAN, S.H." comes out "SUHER S.H.." where a stroke of the signature
crosses it, and a stamp's ring turns a line of the jabatan into a few
letters. The print is black (grey, whatever the scanner): its three colour
channels stay close together, while a stamp's ink has them far apart.

Ink over print darkens it, as on paper: the colours multiply. So in the
ink's own colour (its brightest channel, blue for a blue stamp) the ink is
light and the print beneath it stays dark: seen through that channel, a
coloured pixel shows what was printed under it, and ink alone becomes
paper. A cell holding coloured ink is read twice, as scanned and seen
through its ink, and line by line the reading OCR is surer of is kept:
where the ink is thick or the print faint, seeing through it leaves holes
in letters, and the reading as scanned is the better one for that line.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from katalog_sop.importer.scan.words import ScannedWord

CHROMA = 60
"""Grey levels between a pixel's strongest and weakest colour channel from which its ink is coloured. On
the corpus's scans nine in ten pixels of black print stay under 30, and most of a stamp's or a pen's
ink is over 60 (a phone app's added contrast darkens some of a stamp below that: that part is taken for
print)."""
BENEATH = 70
"""Through its ink, a coloured pixel darker than this (in its brightest channel) has print beneath it:
black under ink stays dark in every channel. Lighter, it is ink alone, made paper white (a light grey
ring left there would be read as rules and letters; 70 measured best on the corpus's stamped scans,
against 0, 140 and no limit)."""
UNSURE_LINE = 60.0
"""A line read in one reading only is kept when OCR is this sure of it on average (else it is a stamp's
ring or a signature read as letters)."""


def coloured(rgb) -> np.ndarray | None:
    """A boolean array, ``True`` where the RGB PIL picture ``rgb`` has coloured ink; ``None`` when it has
    none (a scan in black and white or grey)."""
    channels = np.asarray(rgb, dtype=np.uint8)
    chroma = channels.max(axis=2) - channels.min(axis=2)  # never below 0: no overflow in uint8
    mask = chroma >= CHROMA
    return mask if mask.any() else None


def seen_through(rgb, grey, mask: np.ndarray):
    """The greyscale PIL ``grey`` of the RGB PIL picture ``rgb`` with each pixel of ``mask`` (coloured ink)
    seen through its ink: its brightest channel where print lies beneath, else paper white."""
    from PIL import Image

    out = np.array(grey, dtype=np.uint8)
    beneath = np.asarray(rgb, dtype=np.uint8).max(axis=2)[mask]
    out[mask] = np.where(beneath >= BENEATH, 255, beneath)
    return Image.fromarray(out)


def _lines(words: list[ScannedWord]) -> list[list[ScannedWord]]:
    """``words`` in their lines (a line's words share its top and bottom; see :mod:`.words`)."""
    found: dict[tuple[float, float], list[ScannedWord]] = defaultdict(list)
    for word in words:
        found[(word.top, word.bottom)].append(word)
    return list(found.values())


def _sure_letters(line: list[ScannedWord]) -> float:
    """How many more letters of ``line`` OCR expects it read right than wrong: each word's length times
    its confidence less its doubt (a stamp's ring read as "an" at 19 % counts against its line)."""
    return sum(len(w.text) * (2 * w.confidence / 100 - 1) for w in line)


def _mean_confidence(line: list[ScannedWord]) -> float:
    return sum(w.confidence for w in line) / len(line)


def _counterpart(line: list[ScannedWord], others: list[list[ScannedWord]]) -> int | None:
    """The index of the line of ``others`` standing on the same baseline as ``line`` (bottoms within
    half the line's height; a signature reaches above the print, rarely below it), or ``None``."""
    bottom, height = line[0].bottom, line[0].bottom - line[0].top
    near = [(abs(other[0].bottom - bottom), i) for i, other in enumerate(others)
            if abs(other[0].bottom - bottom) <= height / 2]
    return min(near)[1] if near else None


def better_lines(scanned: list[ScannedWord], through: list[ScannedWord]) -> list[ScannedWord]:
    """The words of one cell from its two readings, as scanned and seen through its coloured ink: for
    each line of the second, it or the first's line on the same baseline, whichever has more sure
    letters; a line one reading alone has, when OCR is sure of it."""
    plain = _lines(scanned)
    taken: set[int] = set()
    kept: list[ScannedWord] = []
    for line in _lines(through):
        match = _counterpart(line, plain)
        if match is None:
            if _mean_confidence(line) >= UNSURE_LINE:
                kept += line
            continue
        if _sure_letters(line) >= _sure_letters(plain[match]):
            kept += line
        elif match not in taken:
            kept += plain[match]
        taken.add(match)
    clear = list(kept)
    for i, line in enumerate(plain):
        if i not in taken and _mean_confidence(line) >= UNSURE_LINE and not _covers(line, clear):
            kept += line
    return kept


def _covers(line: list[ScannedWord], words: list[ScannedWord]) -> bool:
    """Whether a word of ``line`` overlaps one of ``words`` (the line was read in the other reading too,
    on another baseline)."""
    return any(a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom for a in line for b in words)
