"""Scanned pages: the table cells to read one by one, from the rules found.

The grid (:class:`~katalog_sop.importer.grid.Grid`) answers "which cell is
around this point"; to read a scan cell by cell we need all of them. Every
gap between two neighbouring rule positions, across and down, is probed at
its middle; the distinct cells answered are the page's cells (a merged cell
is answered by many probes, and counted once).
"""

from __future__ import annotations

from katalog_sop.importer.grid import Cell, Grid

SMALLEST = 4.0
"""Points: a narrower or lower gap is the double line of one border, no cell."""


def _positions(ats: list[float], apart: float = 1.0) -> list[float]:
    """Rule positions, sorted, with those nearer than ``apart`` to the one before left out."""
    out: list[float] = []
    for at in sorted(ats):
        if not out or at - out[-1] >= apart:
            out.append(at)
    return out


def cells_of(grid: Grid) -> list[Cell]:
    """Every cell bounded by the grid's rules, top to bottom, left to right."""
    xs = _positions([r.at for r in grid.vertical])
    ys = _positions([r.at for r in grid.horizontal])
    found: set[Cell] = set()
    for top, bottom in zip(ys, ys[1:]):
        if bottom - top < SMALLEST:
            continue
        for left, right in zip(xs, xs[1:]):
            if right - left < SMALLEST:
                continue
            cell = grid.cell_at((left + right) / 2, (top + bottom) / 2)
            if cell is not None and cell.x1 - cell.x0 >= SMALLEST and cell.bottom - cell.top >= SMALLEST:
                found.add(cell)
    return sorted(found, key=lambda c: (c.top, c.x0))
