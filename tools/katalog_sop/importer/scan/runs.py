"""Scanned pages: long straight runs of ink along the rows of a picture, grouped into lines.

A ruled line is a band of ink a few pixels thick and very long; a letter's
stroke is as thick but short. So along each pixel row only the runs of ink
longer than a letter are kept (small breaks in a worn line closed first),
and the runs of neighbouring rows that overlap are one line. Working on the
picture's rows finds horizontal lines; on its columns (the transposed
picture), vertical ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from katalog_sop.importer.joined import Joins

GAP = 1
"""Breaks in a line up to this many pixels long are closed (more would close the gaps between letters)."""
STEP = 2
"""Runs up to this many rows apart may belong to one line (a tilted line steps from row to row)."""


@dataclass
class Band:
    """Ink runs of neighbouring rows that form one line, in pixels of the picture."""

    runs: list[tuple[int, int, int]] = field(default_factory=list)
    """(row, start, end) of each run, end excluded."""

    @property
    def start(self) -> int:
        return min(r[1] for r in self.runs)

    @property
    def end(self) -> int:
        return max(r[2] for r in self.runs)

    @property
    def ink(self) -> int:
        return sum(r[2] - r[1] for r in self.runs)

    @property
    def at(self) -> float:
        """The line's middle across it: the mean row of its ink."""
        return sum(r[0] * (r[2] - r[1]) for r in self.runs) / max(1, self.ink)

    @property
    def thickness(self) -> float:
        return self.ink / max(1, self.end - self.start)


def _closed(mask: np.ndarray, gap: int) -> np.ndarray:
    """``mask`` with breaks of up to ``gap`` pixels along its rows filled."""
    ahead = np.zeros_like(mask)  # ink within ``gap`` pixels to the right, and to the left
    behind = np.zeros_like(mask)
    for shift in range(1, gap + 1):
        ahead[:, :-shift] |= mask[:, shift:]
        behind[:, shift:] |= mask[:, :-shift]
    return mask | (ahead & behind)


def long_runs(mask: np.ndarray, length: int, gap: int = GAP) -> np.ndarray:
    """The ink of ``mask`` in runs along its rows at least ``length`` pixels long (gaps up to ``gap``
    pixels closed)."""
    height, width = mask.shape
    if width <= length:
        return np.zeros_like(mask)
    closed = _closed(mask, gap)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(closed, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # windows [j, j + length) wholly of ink
    marks = np.zeros((height, width + 1), dtype=np.int32)  # +1 where a full window starts, -1 past its end
    marks[:, :full.shape[1]] += full
    marks[:, length:length + full.shape[1]] -= full
    return np.cumsum(marks, axis=1)[:, :width] > 0


def runs_of(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ``True`` along the rows of ``mask``, end excluded."""
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same order: row by row, left to right
    return list(zip(rows.tolist(), starts.tolist(), ends.tolist()))


def bands(runs: list[tuple[int, int, int]], join: int = GAP) -> list[Band]:
    """Runs grouped into lines: runs up to ``STEP`` rows apart that overlap (or nearly) are one line."""
    joins = Joins(len(runs))
    by_row: dict[int, list[int]] = {}
    for index, (row, start, end) in enumerate(runs):
        for before in range(row - STEP, row):
            for other in by_row.get(before, ()):
                if runs[other][1] <= end + join and start <= runs[other][2] + join:
                    joins.join(other, index)
        by_row.setdefault(row, []).append(index)
    return [Band(runs=[runs[index] for index in group]) for group in joins.groups()]
