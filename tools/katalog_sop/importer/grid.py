"""Import stage, the ruled table of a page: which rules bound the cell around a point, and its text.

A cell is found from the point out, not from a full grid: the nearest rule
above, below, left and right that actually passes the point. So merged cells,
a table beside another, or a rule drawn in many pieces need no special case.
A line that meets no rule across it (a name's underline, a stroke of a
signature or a stamp) bounds no cell: a table's rules end on, or cross,
the rules across them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from katalog_sop.importer.page import Page, Segment, Word

JOIN_GAP = 2.5
"""Pieces of one rule further apart than this along it are two rules."""
ALIGN = 1.2
"""Pieces of one rule may stand this far apart across it."""
REACH = 1.5
"""A rule passes a point when the point is within its extent, give or take this much."""
DRIFT = 2.5
"""A rule continued end to end by another this far aside, or nearer, is one rule drifting (a scan's)."""
MEET = 0.006
"""A rule ends on a rule across it when its end is this share of the page's width from it, or nearer."""


@dataclass(frozen=True)
class Rule:
    at: float
    """y of a horizontal rule, x of a vertical one."""
    start: float
    end: float


@dataclass(frozen=True)
class Cell:
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, word: Word) -> bool:
        return self.x0 - 0.5 <= word.cx <= self.x1 + 0.5 and self.top - 0.5 <= word.cy <= self.bottom + 0.5


def _join(pieces: list[tuple[float, float, float]]) -> list[Rule]:
    """Collinear pieces (at, start, end) joined into rules."""
    rules: list[Rule] = []
    for at, start, end in sorted(pieces):
        joined = False
        for index in range(len(rules) - 1, -1, -1):
            rule = rules[index]
            if at - rule.at > ALIGN:
                break
            if start <= rule.end + JOIN_GAP and end >= rule.start - JOIN_GAP:
                rules[index] = Rule(rule.at, min(rule.start, start), max(rule.end, end))
                joined = True
                break
        if not joined:
            rules.append(Rule(at, start, end))
    return rules


class Grid:
    """The ruling lines of a page (long enough to be table rules), and the cells they bound."""

    def __init__(self, page: Page, segments: list[Segment] | None = None, shortest: float = 6.0):
        segments = page.segments if segments is None else segments
        self.page = page
        self.horizontal = _join([((s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1)) for s in segments
                                 if s.horizontal and s.length >= shortest])
        self.vertical = _join([((s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1)) for s in segments
                               if s.vertical and s.length >= shortest])
        self._across, self._down = _borders(_chain(self.horizontal), _chain(self.vertical), max(3.0, MEET * page.width))

    def cell_at(self, x: float, y: float) -> Cell | None:
        above = [r.at for r in self._across if r.at <= y and r.start - REACH <= x <= r.end + REACH]
        below = [r.at for r in self._across if r.at > y and r.start - REACH <= x <= r.end + REACH]
        left = [r.at for r in self._down if r.at <= x and r.start - REACH <= y <= r.end + REACH]
        right = [r.at for r in self._down if r.at > x and r.start - REACH <= y <= r.end + REACH]
        if not (above and below and left and right):
            return None
        return Cell(max(left), max(above), min(right), min(below))

    def words_in(self, cell: Cell, words: list[Word] | None = None) -> list[Word]:
        return [w for w in (self.page.words if words is None else words) if cell.holds(w)]


def _chain(rules: list[Rule]) -> list[Rule]:
    """``rules`` with those that continue one another end to end, a little aside, joined: a scanned
    rule drifts across the page and is found in pieces, each a point or two beside the one before."""
    pending = sorted(rules, key=lambda r: r.start)
    starts = [r.start for r in pending]
    used = [False] * len(pending)
    out = []
    for index, rule in enumerate(pending):
        if used[index]:
            continue
        used[index] = True
        end, at, weighted, length = rule.end, rule.at, rule.at * (rule.end - rule.start), rule.end - rule.start
        while True:
            near = range(bisect_left(starts, end - JOIN_GAP), bisect_right(starts, end + JOIN_GAP))
            after = next((j for j in near if not used[j] and abs(pending[j].at - at) <= DRIFT and pending[j].end > end), None)
            if after is None:
                break
            used[after] = True
            piece = pending[after]
            end, at = piece.end, piece.at
            weighted, length = weighted + piece.at * (piece.end - piece.start), length + piece.end - piece.start
        out.append(Rule(weighted / length if length > 0 else rule.at, rule.start, end))
    return sorted(out, key=lambda r: r.at)


def _meets(rule: Rule, across: list[Rule], near: float) -> bool:
    """Whether ``rule`` ends on a rule of ``across`` (or crosses two): a table's rule does, an underline
    or a stroke of a signature does not."""
    crossed = 0
    for other in across:
        if not other.start - near <= rule.at <= other.end + near:
            continue
        if abs(other.at - rule.start) <= near or abs(other.at - rule.end) <= near:
            return True
        crossed += rule.start < other.at < rule.end
    return crossed >= 2


def _borders(horizontal: list[Rule], vertical: list[Rule], near: float) -> tuple[list[Rule], list[Rule]]:
    """The rules that may bound a cell: those meeting a rule across them, until none is left out."""
    while True:
        across = [r for r in horizontal if _meets(r, vertical, near)]
        down = [r for r in vertical if _meets(r, horizontal, near)]
        if len(across) == len(horizontal) and len(down) == len(vertical):
            return across, down
        horizontal, vertical = across, down


def lines(words: list[Word], tolerance: float = 1.5) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and abs(out[-1][0].top - word.top) <= tolerance:
            out[-1].append(word)
        else:
            out.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in out]


def text_of(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def joined(printed: list[list[Word]]) -> str:
    """Printed lines as one text: a space between lines, none after a line ending in "/" (a name broken
    after its slash, "Ketua Tim/" over "Proyek", is one name)."""
    out = ""
    for line in printed:
        out = join_line(out, text_of(line))
    return out.strip()


def join_line(before: str, after: str) -> str:
    """Two printed lines as one text: a space between them, none after "/" or a hyphen ending a line
    ("Undang-" over "Undang": the hyphen is the word's own, kept)."""
    if not before:
        return after
    if before.endswith("/") or (before.endswith("-") and len(before) > 1 and before[-2].isalpha()):
        return before + after
    return f"{before} {after}"

