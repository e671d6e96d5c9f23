"""Import stage, what an Office file holds as a grid: cells (merged or not) with their text, where the
grid's columns and rows stand, and the shapes drawn over it.

A workbook's sheet and a document's table are read into this one form, so
that the identity block and the step table are found the same way in both
(:mod:`.cover`, :mod:`.flowsheet`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from katalog_sop.importer.office.drawing import Drawing


@dataclass
class Cell:
    row: int
    col: int
    text: str
    """Its text as written, lines (paragraphs, line breaks) joined by new lines."""
    rows: int = 1
    cols: int = 1
    numbered: bool = False
    """Its paragraphs are a numbered or bulleted list whose numbers are not in the text (Word's lists)."""
    paragraphs: bool = False
    """Its lines are paragraphs (Word), not line breaks inside one text (Excel)."""

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cols - 1


@dataclass
class CellSheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    """By the top-left (row, column) of each cell; a merged cell stands once."""
    xs: list[float] = field(default_factory=list)
    """The left edge of each column, in points, and the right edge of the last."""
    ys: list[float] = field(default_factory=list)
    """The top edge of each row, in points, and the bottom edge of the last."""
    drawing: Drawing = field(default_factory=Drawing)
    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Every (row, column) inside a merged cell -> that cell's top left."""
    last_row: int = -1
    """The lowest row any cell reaches."""

    def add(self, cell: Cell) -> None:
        self.cells[(cell.row, cell.col)] = cell
        self.last_row = max(self.last_row, cell.last_row)
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.col, cell.col + cell.cols):
                if (r, c) != (cell.row, cell.col):
                    self.covered[(r, c)] = (cell.row, cell.col)

    def owner(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col): its own, or the merged cell it lies in."""
        return self.cells.get(self.covered.get((row, col), (row, col)))

    def text(self, row: int, col: int) -> str:
        cell = self.owner(row, col)
        return cell.text if cell is not None else ""

    def row_of(self, y: float) -> int:
        return max(0, bisect.bisect_right(self.ys, y) - 1)

    def col_of(self, x: float) -> int:
        return max(0, bisect.bisect_right(self.xs, x) - 1)

    def in_rows(self, first: int, last: int) -> list[Cell]:
        """The cells starting in rows ``first`` .. ``last``, in reading order."""
        return sorted((c for c in self.cells.values() if first <= c.row <= last and c.text.strip()),
                      key=lambda c: (c.row, c.col))
