"""Measure and wrap text for the sheet's cells, the same on every machine.

Widths come from the advance widths of DejaVu Sans, measured once and kept as
data (``font_widths.json``, made by ``tools/measure_font.py``), so wrapping
never depends on the fonts a machine happens to have. DejaVu Sans is wider
than the common sans fonts, so text measured here fits when a browser
substitutes another one. Pure functions, no I/O but reading that table.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

FONT_NAME = "DejaVu Sans"
FONT_FAMILY = "DejaVu Sans,Verdana,Arial,sans-serif"


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


def wrap(text: str, width: float, size: float) -> tuple[str, ...]:
    """Lines of ``text`` no wider than ``width``; a word too long for a line is split with '-'."""
    space = text_width(" ", size)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = text_width(word, size)
            if line and line_width + space + word_width <= width + 1e-9:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            while word_width > width + 1e-9:
                head = _longest_prefix(word, width - text_width("-", size), size)
                lines.append(head + "-")
                word = word[len(head):]
                word_width = text_width(word, size)
            line, line_width = word, word_width
        lines.append(line)
    return tuple(lines)


def _longest_prefix(word: str, width: float, size: float) -> str:
    for end in range(len(word), 0, -1):
        if text_width(word[:end], size) <= width:
            return word[:end]
    return word[:1]  # a cell narrower than one letter still makes progress
