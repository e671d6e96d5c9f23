"""Dates as agencies write them: "8 Oktober 2024", "08-10-2024", "2024-10-08".

Pure parsing, no I/O. A text that is not a date raises :class:`ValueError` with
an Indonesian message that says how to write it.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)} | {
    "jan": 1, "pebruari": 2, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "agu": 8, "agt": 8, "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10,
    "nopember": 11, "nov": 11, "nop": 11, "des": 12,
}

NONE_MARKS = frozenset({"", "-", "\u2013", "\u2014"})
"""What agencies write for "no date": an empty cell or a dash."""

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")

HOW_TO_WRITE = "tulis seperti '8 Oktober 2024' atau '2024-10-08'"

_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")


class WithoutDay(ValueError):
    """A month and year with no day ("Januari 2014"), as some signed SOPs print it: kept as written."""


def parse_tanggal(text: str) -> dt.date | None:
    """The date in ``text``; ``None`` for a dash or an empty value."""
    cleaned = " ".join(text.split())
    if cleaned in NONE_MARKS:
        return None
    if match := _ISO.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC_DMY.fullmatch(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _WORDS.fullmatch(cleaned):
        name = match.group(2).lower()
        if name not in _MONTHS:
            raise ValueError(f"nama bulan '{match.group(2)}' tidak dikenal; {HOW_TO_WRITE}")
        day, month, year = int(match.group(1)), _MONTHS[name], int(match.group(3))
    elif (match := _MONTH_YEAR.fullmatch(cleaned)) and match.group(1).lower() in _MONTHS:
        raise WithoutDay(f"tanggal '{cleaned}' tanpa hari; ditampilkan seperti tertulis dan tidak dibandingkan dengan tanggal lain")
    else:
        raise ValueError(f"tanggal '{cleaned}' tidak dikenali; {HOW_TO_WRITE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"tanggal '{cleaned}' tidak ada di kalender") from None


def format_tanggal(date: dt.date) -> str:
    """``2024-10-08`` -> ``8 Oktober 2024``."""
    return f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year}"
