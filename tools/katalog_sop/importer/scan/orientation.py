"""Scanned pages: which way up the page's content stands (0, 90, 180 or 270 degrees).

A page may be scanned sideways or upside down, with or without a ``/Rotate``
flag that puts it right. What a viewer shows (the flag applied) is tested:
first by Tesseract's own orientation finding (OSD), which is quick; when it
is unsure, by reading a few of the page's inkiest patches turned each of
the four ways and keeping the way that gives the most real words read with
confidence. Without Tesseract the text's lines still tell sideways from
upright (lines of text run across the page), not upside down from upright.

Degrees are clockwise: the content must be turned that far clockwise to
stand upright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from katalog_sop.importer.scan.binary import ink
from katalog_sop.importer.scan.runs import long_runs
from katalog_sop.importer.scan.tesseract import TesseractError, osd, parse_tsv, run, text_language

OSD_SURE = 2.0
"""Tesseract's orientation confidence from which its answer is taken as it is."""
OSD_SIDE = 2400
"""Pixels on the longer side of the picture given to OSD."""
PATCH = 640
PATCHES = 3
"""Pixels and number of the inkiest squares read four ways when OSD is unsure."""
TILE = 120
"""Pixels (at about 150 dpi): the patches that vote on the text's direction without OCR."""
_WORD = re.compile(r"^[A-Za-z][a-z]{2,}[.,:;]?$|^[A-Z]{3,}[.,:;]?$")


@dataclass
class Orientation:
    degrees: int
    """0, 90, 180 or 270: how far to turn the picture clockwise."""
    method: str
    """"osd", "ocr" (patches read four ways), "garis" (text lines, without OCR) or "tidak diketahui"."""
    confidence: float = 0.0


def turn(image, degrees: int):
    """``image`` turned ``degrees`` clockwise (a multiple of 90)."""
    return image.rotate(-degrees, expand=True) if degrees % 360 else image


def find_orientation(image, dpi: float, program: str | None) -> Orientation:
    """How far greyscale PIL ``image`` (at ``dpi``) must be turned clockwise to stand upright."""
    if program is not None:
        factor = max(1, int(max(image.size) / OSD_SIDE))
        found = osd(program, image.reduce(factor) if factor > 1 else image, dpi / factor)
        if found is not None and found[1] >= OSD_SURE:
            return Orientation(found[0], "osd", found[1])
        voted = _by_reading(image, dpi, program)
        if voted is not None:
            return voted
        if found is not None:
            return Orientation(found[0], "osd", found[1])
    return _by_lines(image)


def _patches(image, count: int = PATCHES) -> list:
    """The ``count`` squares of ``image`` with the most ink (but no solid blots)."""
    dark = ink(image)
    scores = []
    for top in range(0, max(1, image.height - PATCH + 1), PATCH // 2):
        for left in range(0, max(1, image.width - PATCH + 1), PATCH // 2):
            share = float(dark[top:top + PATCH, left:left + PATCH].mean())
            if 0.02 <= share <= 0.25:
                scores.append((share, left, top))
    chosen: list[tuple[int, int]] = []
    for _, left, top in sorted(scores, reverse=True):
        if all(abs(left - x) >= PATCH or abs(top - y) >= PATCH for x, y in chosen):
            chosen.append((left, top))
        if len(chosen) == count:
            break
    return [image.crop((x, y, x + PATCH, y + PATCH)) for x, y in chosen]


def _by_reading(image, dpi: float, program: str) -> Orientation | None:
    """Orientation by reading the inkiest patches turned each way: the most confident real words win."""
    language = text_language(program)
    patches = _patches(image)
    if language is None or not patches:
        return None
    turns = (0, 90, 180, 270)
    pictures = [turn(patch, degrees) for patch in patches for degrees in turns]
    try:
        rows = parse_tsv(run(program, pictures, ["--psm", "6", "-l", language, "tsv"], dpi))
    except TesseractError:
        return None
    scores = dict.fromkeys(turns, 0.0)
    for row in rows:
        if row.level == 5 and row.conf >= 50 and _WORD.match(row.text.strip()):
            scores[turns[(row.page - 1) % 4]] += row.conf
    best = max(turns, key=lambda d: scores[d])
    total = sum(scores.values())
    return Orientation(best, "ocr", round(scores[best] / total, 2)) if scores[best] > 0 else None


def _by_lines(image) -> Orientation:
    """Upright or sideways by the way the text's lines run: in a patch of text, its ink (ruled lines
    left out) falls into sharper rows than columns when upright. Each patch votes (a table's cells
    set lines at different heights, so the whole page's rows smear). Upside down is not told so."""
    factor = max(1, round(max(image.size) / 1800))
    dark = ink(image.reduce(factor) if factor > 1 else image)
    length = max(8, dark.shape[1] // 40)
    letters = dark & ~long_runs(dark, length) & ~long_runs(np.ascontiguousarray(dark.T), length).T
    votes = 0
    for top in range(0, letters.shape[0] - TILE + 1, TILE):
        for left in range(0, letters.shape[1] - TILE + 1, TILE):
            tile = letters[top:top + TILE, left:left + TILE]
            if 0.02 <= tile.mean() <= 0.3:
                votes += 1 if _spread(tile.sum(axis=1)) >= _spread(tile.sum(axis=0)) else -1
    if votes == 0:
        return Orientation(0, "tidak diketahui")
    return Orientation(0 if votes > 0 else 90, "garis")


def _spread(counts) -> float:
    """How unevenly ink is spread over rows (or columns): their counts' variation, against their mean."""
    counts = counts.astype(np.float64)
    return float(counts.std() / max(counts.mean(), 1e-9))
