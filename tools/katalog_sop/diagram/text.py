"""Measure and wrap text for the sheet's cells, the same on every machine.

Widths come from the advance widths of DejaVu Sans, measured once and kept as
data (``font_widths.json``, made by ``tools/measure_font.py``), so wrapping
never depends on the fonts a machine happens to have. DejaVu Sans is wider
than the common sans fonts, so text measured here fits when a browser
substitutes another one. Pure functions, no I/O but reading that table.

Every line :func:`wrap` returns is drawable text (:func:`visible`): line
endings (LF, CR, CRLF, VT, FF, U+0085, U+2028, U+2029 ...) break the line;
control characters are shown as their Unicode control pictures (NUL as "␀",
ESC as "␛", DEL as "␡"); C1 controls, bidi embeddings, overrides and
isolates (U+202A-202E, U+2066-2069), lone surrogates and noncharacters are
shown as "�". This is the rule the site's pages follow, so a reader sees
the same characters in the drawing and in the step table, no SOP text can
reverse what is drawn after it, and the SVG is always well-formed XML.
Wrapping is linear in the length of the text, whatever its words.

A word wider than its cell is split across lines without changing a
character of it (:func:`wrap` says how), and a list cell's items each get a
bullet (:func:`wrap_items`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Sequence

from katalog_sop.diagram import hyphen
from katalog_sop.visible import visible

FONT_NAME = "DejaVu Sans"
FONT_FAMILY = "DejaVu Sans,Verdana,Arial,sans-serif"
ELLIPSIS = "\u2026"
"""Ends the last line of a cell clipped by ``max_lines``."""
BULLET = "\u2022 "
"""Begins each item of a list cell (:func:`wrap_items`)."""
INDENT = "\u00a0" * 3
"""Begins each further line of a list item, so its text lines up after the bullet.

No-break spaces, because an SVG renderer drops ordinary spaces at the start
of a text; three of them (1953 font units) are as wide as the bullet and its
space (1859) as near as whole spaces come, and no narrower.
"""
_EXTRA_WIDTHS = {"\u2022": 1208}
"""Advance widths of DejaVu Sans (units of its 2048 em) for the characters the
sheet itself adds outside the measured table's range: the list bullet."""


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], int, int]:
    data = json.loads(resources.files(__package__).joinpath("font_widths.json").read_text(encoding="utf-8"))
    widths = {**_EXTRA_WIDTHS, **data["widths"]}
    return widths, data["units_per_em"], widths["M"]


@lru_cache(maxsize=65536)
def text_width(text: str, size: float) -> float:
    """Width of ``text`` set in the sheet's font at ``size`` points."""
    widths, units, fallback = _table()
    return sum(widths.get(char, fallback) for char in text) * size / units


def wrap(text: str, width: float, size: float, max_lines: int | None = None) -> tuple[str, ...]:
    """Lines of ``text`` no wider than ``width``, broken between words.

    A word wider than a whole line is split across lines without changing
    it, and how depends on what it is (:func:`_splits`):

    * A plain word ("Pertanggungjawabannya", "masing-masing") is split only
      between its syllables (:mod:`~katalog_sop.diagram.hyphen`), each line
      but its last ending in an added "-", or right after a hyphen of its
      own, adding none. When not even its first syllable fits, the line
      runs over the width by that syllable, never splitting it.
    * Anything else is a code: a URL, an e-mail address, a phone number, a
      date, a NIP, an all-capital code ("KTT-BLG"), a name with a capital
      inside ("WhatsApp"), anything with a digit, "@", "/", "_" or a "."
      inside. A hyphen added to it would read as one of its characters, so
      none is ever added: it is split right after one of its own separators
      ("/", ".", "-", "@", "_", ":", "?", "&", "=", "#", ",", ";"), and a
      piece with no separator that fits (a long number) is cut between two
      characters. Such a line ends without a hyphen, and its next line
      begins with the rest of the code: the code's lines joined with nothing
      between them are the code, character for character.

    With ``max_lines``, a text that needs more lines is cut to that many, the
    last one ending in an ellipsis.
    """
    if len(text) * size <= 2 * width and text.isprintable() and text_width(text, size) <= width + 1e-9 and " ".join(text.split()) == text:
        return (text,)  # most cells are short: one line, as the word-by-word wrap would set it
    lines: list[str] = []
    limit = None if max_lines is None else max_lines + 1  # one line more tells that the text was cut
    paragraphs = visible(text).split("\n")
    if len(paragraphs) > 1 and not paragraphs[-1]:
        paragraphs.pop()  # a final line ending ends the last line, as str.splitlines reads it
    for paragraph in paragraphs:
        _wrap_paragraph(paragraph, width, size, lines, limit)
        if limit is not None and len(lines) >= limit:
            break
    if max_lines is not None and len(lines) > max_lines:
        lines[max_lines - 1:] = [_ellipsized(lines[max_lines - 1], width, size)]
    return tuple(lines)


def wrap_items(items: str | Sequence[str], width: float, size: float, max_lines: int | None = None) -> tuple[str, ...]:
    """Lines of a list cell (kelengkapan, output): each item after a bullet, no line wider than ``width``.

    ``items`` is the list, or the cell's text with one item a line. Each item
    begins with :data:`BULLET` ("• ") and each further line of it, wrapped
    as :func:`wrap` wraps it, with :data:`INDENT`, so it lines up after the
    bullet; both are measured as part of the line. A blank item is left
    out, and a list of one item is set as :func:`wrap` sets it, without a
    bullet. In a list given as items, a line ending inside an item begins a
    further line of that item. With ``max_lines``, a cell that needs more
    lines is cut as :func:`wrap` cuts it.
    """
    if isinstance(items, str):
        items = visible(items).split("\n")
    items = [item for item in items if item.strip()]
    if len(items) < 2:
        return wrap(items[0] if items else "", width, size, max_lines)
    _, units, _ = _table()
    room = max(0.0, width - max(_units(BULLET), _units(INDENT)) * size / units)
    lines: list[str] = []
    for item in items:
        left = None if max_lines is None else max_lines + 1 - len(lines)
        first, *rest = wrap(item, room, size, left)
        lines.append(BULLET + first)
        lines += [INDENT + line if line else "" for line in rest]
        if max_lines is not None and len(lines) > max_lines:
            break
    if max_lines is not None and len(lines) > max_lines:
        lines[max_lines - 1:] = [_ellipsized(lines[max_lines - 1], width, size)]
    return tuple(lines)


def _wrap_paragraph(paragraph: str, width: float, size: float, lines: list[str], limit: int | None) -> None:
    """Append the lines of one paragraph to ``lines``, stopping once there are ``limit``.

    Widths are summed as whole font units and scaled the same way as
    :func:`text_width`, so a split falls exactly where measuring each
    prefix would put it; a long word is measured once, then split by
    bisecting its running total and the list of its places to split.
    """
    widths, units, fallback = _table()
    space = text_width(" ", size)
    room = width + 1e-9
    line, line_width = "", 0.0
    for word in paragraph.split():
        word_width = text_width(word, size) if len(word) <= 64 else _units(word) * size / units
        if line and line_width + space + word_width <= room:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        start = 0
        if word_width > room:
            total = [0, *accumulate(widths.get(char, fallback) for char in word)]  # font units before each character
            most = _most_units(width, size, units)
            hyphen_units = widths["-"]
            places, hyphenated, is_word = _splits_cached(word) if len(word) <= 64 else _splits(word)
            while total[-1] - total[start] > most:
                if limit is not None and len(lines) >= limit:
                    return
                end = bisect_right(total, total[start] + most, start) - 1  # the most of the word that fits
                split = None
                k = bisect_right(places, end) - 1
                while k >= 0 and places[k] > start:  # the last place to split that fits, with its hyphen
                    if places[k] not in hyphenated or total[places[k]] - total[start] + hyphen_units <= most:
                        split = places[k]
                        break
                    k -= 1
                if split is None and is_word:  # not even a syllable fits: run over by the least
                    k = bisect_right(places, start)
                    if k == len(places):
                        break  # the rest is one syllable: it is the line
                    split = places[k]
                elif split is None:
                    split = max(end, start + 1)  # a code with no separator in reach; a cell narrower than a character
                lines.append(word[start:split] + "-" if split in hyphenated else word[start:split])
                start = split
            word_width = (total[-1] - total[start]) * size / units
        line, line_width = (word[start:] if start else word), word_width
        if limit is not None and len(lines) >= limit:
            return
    lines.append(line)


_WORD = re.compile(r"([(\[{\"'\u201c\u2018\u00ab]*)([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*)([)\]}\"'\u201d\u2019\u00bb.,;:!?]*)")
"""A plain word: letters, maybe joined by hyphens or apostrophes, maybe in brackets, quotes and punctuation."""
_LETTERS = re.compile(r"[^\W\d_]+")
_MOST_UNSPLIT = 16
"""The most characters of a plain word between two places it may split (a syllable and its punctuation).

Letters with more between them ("a'a'a'a'a'a'a'a'a'") are not read as a
word: split as a code, they never run far past their cell."""
SEPARATORS = frozenset("/.-@_:?&=#,;")
"""The characters after which a code (a URL, an e-mail address, a date ...) may be split."""


def _inner_capital(core: str) -> bool:
    """Whether a capital follows a small letter, as in a name ("WhatsApp") or an identifier, not a word."""
    return any(a.islower() and b.isupper() for a, b in zip(core, core[1:]))


@lru_cache(maxsize=8192)
def _splits_cached(word: str) -> tuple[tuple[int, ...], frozenset[int], bool]:
    return _splits(word)


def _splits(word: str) -> tuple[tuple[int, ...], frozenset[int], bool]:
    """Where a word wider than a line may be split, which of those places add a hyphen, and whether it is a plain word.

    A place ``i`` splits ``word`` into ``word[:i]`` and ``word[i:]``. A plain
    word splits between syllables (adding a hyphen) and after a hyphen of
    its own; a code only after its own separators (see :func:`wrap`).
    """
    match = _WORD.fullmatch(word)
    core = match.group(2) if match else ""
    letters = [c for c in core if c.isalpha()]
    if match and not (len(letters) > 1 and all(c.isupper() for c in letters)) and not _inner_capital(core):
        places: list[int] = []
        hyphenated: set[int] = set()
        offset = match.start(2)
        for run in _LETTERS.finditer(core):
            cuts = hyphen.breaks(run.group())
            if cuts is None:
                break  # a run no syllables read: the word is a code
            places += [offset + run.start() + cut for cut in cuts]
            hyphenated.update(places[len(places) - len(cuts):])
            if run.end() < len(core) and core[run.end()] == "-":
                places.append(offset + run.end() + 1)
        else:
            edges = [0, *places, len(word)]
            if all(b - a <= _MOST_UNSPLIT for a, b in zip(edges, edges[1:])):
                return tuple(places), frozenset(hyphenated), True
    return tuple(i for i in range(1, len(word)) if word[i - 1] in SEPARATORS and word[i] not in SEPARATORS), frozenset(), False


def _most_units(room: float, size: float, units: int) -> int:
    """The most font units whose width, scaled as :func:`text_width` scales it, is within ``room``."""
    most = int(room * units / size) if room > 0 else -1
    while (most + 1) * size / units <= room:
        most += 1
    while most >= 0 and most * size / units > room:
        most -= 1
    return most


def _units(text: str) -> int:
    widths, _, fallback = _table()
    return sum(widths.get(char, fallback) for char in text)


def _ellipsized(line: str, width: float, size: float) -> str:
    """``line`` shortened until it fits ``width`` with an ellipsis after it."""
    widths, units, fallback = _table()
    kept = line[:-1] if line.endswith("-") else line
    used = _units(kept)
    room = width - text_width(ELLIPSIS, size)
    end = len(kept)
    while end and used * size / units > room:
        end -= 1
        used -= widths.get(kept[end], fallback)
    return kept[:end].rstrip() + ELLIPSIS
