"""Scanned pages: the connected regions of a mask (of ink, or of paper), found run by run.

A flowchart's symbol is a closed outline: the paper inside it is a region
that does not reach the page's edge. An arrowhead is a blob of ink. Both
need the mask's connected regions; numpy has no labelling of its own (and
SciPy is not a dependency), and a pixel-by-pixel flood fill in Python is far
too slow for a page of millions of pixels. So the mask is cut into runs
along its rows, runs of neighbouring rows that touch are linked, and the
links are merged into regions by repeated hooking and pointer jumping, all
in whole-array numpy steps (a few dozen of them for a page).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Regions:
    """The runs of a mask, each with the region it belongs to, and each region's box and size."""

    rows: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    """Each run: its row, its first column and the column past its end."""
    label: np.ndarray
    """Each run's region, from 0."""
    top: np.ndarray
    bottom: np.ndarray
    left: np.ndarray
    right: np.ndarray
    """Each region's box in pixels (``bottom`` and ``right`` excluded)."""
    area: np.ndarray

    def runs(self, region: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, starts, ends) of the runs of one region."""
        chosen = self.label == region
        return self.rows[chosen], self.starts[chosen], self.ends[chosen]


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # in the same order: row by row, left to right
    return rows, starts, ends


def _links(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, width: int, diagonal: bool):
    """(a, b) index pairs of runs in neighbouring rows that touch (corner to corner too, if ``diagonal``)."""
    reach = int(diagonal)
    stride = width + 4
    begin, stop = rows * stride + starts, rows * stride + ends  # both ascending: runs are in reading order
    above = (rows - 1) * stride
    first = np.searchsorted(stop, above + starts - reach, side="right")  # runs above ending past this start
    last = np.searchsorted(begin, above + ends + reach, side="left")  # runs above starting before this end
    count = np.maximum(last - first, 0)
    below = np.repeat(np.arange(len(rows)), count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(first, count) + offsets, below


def _merge(size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest member of each element's group, the groups joined by links (a, b)."""
    parent = np.arange(size)
    while True:
        pa, pb = parent[a], parent[b]
        apart = pa != pb
        if not apart.any():
            return parent
        low = np.minimum(pa[apart], pb[apart])
        np.minimum.at(parent, pa[apart], low)
        np.minimum.at(parent, pb[apart], low)
        while True:  # point every element straight at its group's smallest member
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def regions(mask: np.ndarray, diagonal: bool = False) -> Regions:
    """The connected regions of the ``True`` pixels of ``mask``: side by side only, or also corner to
    corner with ``diagonal`` (paper inside a drawn outline is closed off by a diagonal line of ink only
    if paper does not pass corner to corner)."""
    rows, starts, ends = _runs(mask)
    a, b = _links(rows, starts, ends, mask.shape[1], diagonal)
    _, label = np.unique(_merge(len(rows), a, b), return_inverse=True)
    count = int(label.max()) + 1 if len(label) else 0
    top = np.full(count, mask.shape[0])
    left = np.full(count, mask.shape[1])
    bottom, right = np.zeros(count, dtype=int), np.zeros(count, dtype=int)
    np.minimum.at(top, label, rows)
    np.maximum.at(bottom, label, rows + 1)
    np.minimum.at(left, label, starts)
    np.maximum.at(right, label, ends)
    area = np.bincount(label, weights=ends - starts, minlength=count).astype(int)
    return Regions(rows, starts, ends, label, top, bottom, left, right, area)
