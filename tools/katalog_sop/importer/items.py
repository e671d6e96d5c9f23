"""Import stage, printed lists: a section's items, or a Kelengkapan or Output cell's, from its lines.

Items are numbered (1. a. - •) entries with their wrapped lines, numbers in
a column of their own or centred, lists in two columns; where nothing is
numbered, each printed line is an item unless it continues the one before
(it starts in lower case, or the line before fills the cell's width).
"""

from __future__ import annotations

import re

from katalog_sop.importer.grid import Cell, join_line, lines, text_of
from katalog_sop.importer.page import Word

_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s+|^\s*\d{1,2}\s*,\s+|^\s*[-\u2022\u25cf\u2013\u00b7]\s*")
_NUMBER_WORD = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.),]$|^[-\u2022\u25cf\u2013\u00b7]$")


def list_items(words: list[Word], cell: Cell) -> list[str]:
    """The items of a printed list.

    Numbers standing in a column of their own (left of the text) mark the
    items: each text line goes to the number beside it, or (where numbers are
    centred on their items) the nearest one. Otherwise numbered lines start
    items and other lines continue them; where nothing is numbered, a line
    continues the one before when that one runs to the cell's edge without
    ending a sentence, or itself starts in lower case.
    """
    printed = lines(words)
    if not printed:
        return []
    columns = _two_columns(printed)
    if columns is not None:  # a list set in two columns: the left one's items, then the right one's
        return list_items(columns[0], cell) + list_items(columns[1], cell)
    text_x = min((line[1].x0 for line in printed if _NUMBER_WORD.match(line[0].text) and len(line) > 1), default=None)
    # the numbers: words like "1." or "10." that start a line at the list's left edge, left of its text
    left = min(line[0].x0 for line in printed)
    column = [line[0] for line in printed if _NUMBER_WORD.match(line[0].text) and line[0].x0 <= left + 6
              and text_x is not None and line[0].x0 < text_x]
    if len(column) >= 2 and all(w.x0 < text_x for w in column):
        return _by_number_column(printed, column + _lost_periods(printed, column, text_x))
    return split_items([text_of(line) for line in printed], [line[-1].x1 for line in printed], cell)


def _lost_periods(printed: list[list[Word]], column: list[Word], text_x: float) -> list[Word]:
    """Bare numbers in the number column whose period OCR lost ("4" between "3." and "5.")."""
    def number(word: Word) -> int | None:
        found = re.match(r"(\d{1,2})\W?$", word.text)
        return int(found.group(1)) if found else None

    marks = sorted(column, key=lambda w: w.top)
    left = min(w.x0 for w in column)
    found = []
    for line in printed:
        word = line[0]
        if word in column or not re.fullmatch(r"\d{1,2}", word.text) or len(line) < 2 or word.x0 > left + 6 or word.x0 >= text_x:
            continue
        above = [w for w in marks if w.top < word.top]
        below = [w for w in marks if w.top > word.top]
        if above and below and number(above[-1]) == int(word.text) - 1 and number(below[0]) == int(word.text) + 1:
            found.append(word)
    return found


def _two_columns(printed: list[list[Word]]) -> tuple[list[Word], list[Word]] | None:
    """The words left and right of a wide gap that, on two lines or more, opens before a number."""
    splits = []
    for line in printed:
        for before, after in zip(line, line[1:]):
            if after.x0 - before.x1 > 15 and _NUMBER_WORD.match(after.text):
                splits.append(after.x0)
                break
    if len(splits) < 2:
        return None
    edge = min(splits) - 1
    left = [w for line in printed for w in line if w.x0 < edge]
    right = [w for line in printed for w in line if w.x0 >= edge]
    return (left, right) if left and right else None


def _by_number_column(printed: list[list[Word]], column: list[Word]) -> list[str]:
    column = sorted(column, key=lambda w: w.top)
    texts = [[w for w in line if w not in column] for line in printed]
    texts = [line for line in texts if line]
    # numbers are printed beside an item's first line, or centred on its lines (each item a row of its
    # own): one number standing between two text lines says which
    tops = [line[0].top for line in texts]
    top_aligned = all(any(abs(mark.top - top) <= 2.0 for top in tops) for mark in column)
    items: list[list[str]] = [[] for _ in column]
    if top_aligned:
        for line in texts:
            owners = [i for i, mark in enumerate(column) if mark.top <= line[0].top + 1.2]
            items[owners[-1] if owners else 0].append(text_of(line))
    else:  # centred: an item takes lines until their middle reaches its number's
        rest = list(texts)
        for index, mark in enumerate(column):
            taken: list[list[Word]] = []
            while rest and (index == len(column) - 1 or not taken
                            or sum(line[0].top for line in taken) / len(taken) < mark.top - 1.0):
                taken.append(rest.pop(0))
            items[index] = [text_of(line) for line in taken]
    out = []
    for parts in items:
        text = ""
        for part in parts:
            text = join_line(text, part)
        if text:
            out.append(text)
    return out


_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+(?=[^\d\s])")


def _next_number(text: str, number: int, later: list[str]) -> re.Match | None:
    """A line starting with the list's next number whose period was lost (OCR: "4 Peraturan" between
    "3." and "5."): it starts an item when a later line is numbered one more."""
    found = _BARE_NUMBER.match(text)
    if found is None or int(found.group(1)) != number:
        return None
    following = next((_NUMBERED.match(t) for t in later if _NUMBERED.match(t)), None)
    after = re.match(r"\s*(\d{1,2})", following.group(0)) if following else None
    return found if after and int(after.group(1)) == number + 1 else None


def split_items(texts: list[str], ends: list[float] | None = None, cell: Cell | None = None) -> list[str]:
    """Printed lines as list items: numbered (1. a. - •) items with their wrapped lines, else by wrapping."""
    kept = [(t.strip(), e) for t, e in zip(texts, ends or [0.0] * len(texts)) if t.strip() and t.strip() not in ("-", ":")]
    if not kept:
        return []
    if any(_NUMBERED.match(t) for t, _ in kept):
        items: list[str] = []
        for index, (text, _) in enumerate(kept):
            found = _NUMBERED.match(text) or _next_number(text, len(items) + 1, [t for t, _ in kept[index + 1:]])
            if found or not items:
                items.append(text[found.end():].strip() if found else text)
            else:
                items[-1] = join_line(items[-1], text)
        return [item for item in items if item]
    items = [kept[0][0]]
    for (before, end), (text, _) in zip(kept, kept[1:]):
        full = cell is not None and end >= cell.x1 - (cell.x1 - cell.x0) * 0.2
        if text[:1].islower() or (full and not before.rstrip().endswith((".", ";", ":"))):
            items[-1] = join_line(items[-1], text)
        else:
            items.append(text)
    return items
