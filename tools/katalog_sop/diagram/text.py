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
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from katalog_sop.visible import visible

FONT_NAME = "DejaVu Sans"
FONT_FAMILY = "DejaVu Sans,Verdana,Arial,sans-serif"
ELLIPSIS = "\u2026"
"""Ends the last line of a cell clipped by ``max_lines``."""


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], int, int]:
    data = json.loads(resources.files(__package__).joinpath("font_widths.json").read_text(encoding="utf-8"))
    widths = data["widths"]
    return widths, data["units_per_em"], widths["M"]


@lru_cache(maxsize=65536)
def text_width(text: str, size: float) -> float:
    """Width of ``text`` set in the sheet's font at ``size`` points."""
    widths, units, fallback = _table()
    return sum(widths.get(char, fallback) for char in text) * size / units


def wrap(text: str, width: float, size: float, max_lines: int | None = None) -> tuple[str, ...]:
    """Lines of ``text`` no wider than ``width``; a word too long for a line is split with '-'.

    With ``max_lines``, a text that needs more lines is cut to that many, the
    last one ending in an ellipsis.
    """
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


def _wrap_paragraph(paragraph: str, width: float, size: float, lines: list[str], limit: int | None) -> None:
    """Append the lines of one paragraph to ``lines``, stopping once there are ``limit``.

    Widths are summed as whole font units and scaled the same way as
    :func:`text_width`, so a split falls exactly where measuring each
    prefix would put it; a long word is measured once, then split by
    bisecting its running total.
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
            most = _most_units(width - text_width("-", size), size, units)
            while (total[-1] - total[start]) * size / units > room:
                if limit is not None and len(lines) >= limit:
                    return
                end = bisect_right(total, total[start] + most, start) - 1
                end = max(end, start + 1)  # a cell narrower than one letter still makes progress
                lines.append(word[start:end] + "-")
                start = end
            word_width = (total[-1] - total[start]) * size / units
        line, line_width = (word[start:] if start else word), word_width
        if limit is not None and len(lines) >= limit:
            return
    lines.append(line)


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
