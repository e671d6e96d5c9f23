"""Durations (mutu baku: waktu) as agencies write them.

"10 menit", "2 Jam", "satu hari", "1 - 20 hari kerja", "1x24 jam", "± 2 jam",
"sehari", or a bare "45" under a "WAKTU (MENIT)" column. Pure parsing, no
I/O: the result is a value or a range with a unit, and the caller keeps the raw
text. A text that cannot be read raises :class:`ValueError` with an Indonesian
message; so does an absurd one (more than ten years for one step, or more
than two decimals), so that every value read is one a float holds exactly and
:func:`format_durasi` shows as written, never as ``1e+11``.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass

UNITS = ("detik", "menit", "jam", "hari", "hari_kerja", "minggu", "bulan", "tahun")

UNIT_LABELS = {
    "detik": "detik",
    "menit": "menit",
    "jam": "jam",
    "hari": "hari",
    "hari_kerja": "hari kerja",
    "minggu": "minggu",
    "bulan": "bulan",
    "tahun": "tahun",
}

_UNIT_WORDS = {
    "detik": "detik", "dtk": "detik",
    "menit": "menit", "mnt": "menit", "min": "menit",
    "jam": "jam",
    "hari": "hari", "hr": "hari",
    "hk": "hari_kerja",
    "minggu": "minggu", "pekan": "minggu", "mgg": "minggu",
    "bulan": "bulan", "bln": "bulan",
    "tahun": "tahun", "thn": "tahun",
}

_DIGIT_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}

_QUALIFIERS = ("kurang lebih", "paling lama", "selambat-lambatnya", "maksimal", "maks", "sekitar", "±", "+/-")

_RANGE_WORDS = {"-", "sd", "sampai", "hingga"}

HOW_TO_WRITE = "tulis seperti '10 menit', '2 jam', 'satu hari' atau '1 - 20 hari kerja'"

MAX_YEARS = 10
"""No single step of an administrative procedure takes longer; a larger value is a typo."""

LONGEST = {
    "detik": MAX_YEARS * 365 * 24 * 3600,
    "menit": MAX_YEARS * 365 * 24 * 60,
    "jam": MAX_YEARS * 365 * 24,
    "hari": MAX_YEARS * 365,
    "hari_kerja": MAX_YEARS * 52 * 5,
    "minggu": MAX_YEARS * 52,
    "bulan": MAX_YEARS * 12,
    "tahun": MAX_YEARS,
}
"""The longest waktu read, per unit: ten years. Every value up to it, with two decimals, is exact in a float."""

MAX_DECIMALS = 2


@dataclass(frozen=True)
class Durasi:
    """A duration: ``minimum == maximum`` unless it is a range."""

    minimum: float
    maximum: float
    satuan: str

    @property
    def is_range(self) -> bool:
        return self.minimum != self.maximum


class Descriptive(ValueError):
    """A waktu written in words with no amount ("Menyesuaikan", "Sesuai kebutuhan", "-"): kept as written, not a fault."""


NONE_MARKS = frozenset({"-", "--", "–", "—"})

PER_UNIT = re.compile(r"\s*(?:/|\bper\b)\s*[a-z][a-z ]*$")
"""The tail of "2 menit/berkas", "5 menit per dokumen": the amount is per item, the item stays in the raw text."""

_SECONDS = {"detik": 1, "menit": 60, "jam": 3600}


def _descriptive(text: str) -> bool:
    words = text.replace("-", " ").split()
    return not any(ch.isdigit() for ch in text) and not any(
        word in _DIGIT_WORDS or word in _UNIT_WORDS or word.startswith("se") and word[2:] in _UNIT_WORDS
        or word in ("sepuluh", "sebelas", "seratus", "setengah", "belas", "puluh", "ratus") for word in words
    )


@functools.lru_cache(maxsize=4096, typed=True)  # a catalogue repeats a few dozen ways of writing time
def parse_waktu(raw: str | int | float, default_unit: str | None = None) -> Durasi:
    """Read ``raw``; a bare number takes ``default_unit`` (the column's unit).

    A range across units of the clock ("30 menit - 3 jam") is read in the
    smaller unit; one across days and hours is refused, since an agency's
    "hari" is not 24 hours. A per-item amount ("2 menit/berkas") is read as
    its amount. Words with no amount raise :class:`Descriptive`.
    """
    text = _normalise(str(raw))
    if not text:
        raise ValueError(f"waktu kosong; {HOW_TO_WRITE}")
    if text in NONE_MARKS:
        raise Descriptive("waktu ditulis '-'")
    if _descriptive(text):
        raise Descriptive(f"waktu '{_short(raw)}' berupa keterangan, bukan lama waktu")
    text = PER_UNIT.sub("", text) if re.search(r"\d", text) else text
    tokens = _expand_se(text.split())
    unit, tokens = _take_unit(tokens)
    values = []
    parts = _split_range(tokens)
    units = [_take_unit(part)[0] for part in parts]
    if len(parts) == 2 and units[0] and unit and units[0] != unit and units[0] in _SECONDS and unit in _SECONDS:
        small = min(units[0], unit, key=_SECONDS.get)
        low, high = _number(_take_unit(parts[0])[1]), _number(parts[1])
        if low is not None and high is not None:
            low, high = low * _SECONDS[units[0]] / _SECONDS[small], high * _SECONDS[unit] / _SECONDS[small]
            return _checked(raw, [round(low, MAX_DECIMALS), round(high, MAX_DECIMALS)], small)
    for part in parts:
        part_unit, part = _take_unit(part)
        if unit is None:
            unit = part_unit
        elif part_unit is not None and part_unit != unit:
            raise ValueError(f"rentang waktu '{raw}' memakai dua satuan berbeda; pakai satu satuan")
        number = _number(part)
        if number is None:
            raise ValueError(f"waktu '{raw}' tidak dikenali; {HOW_TO_WRITE}")
        values.append(number)
    if unit is None:
        if default_unit is None:
            raise ValueError(f"waktu '{raw}' tidak menyebut satuan; tulis misalnya '{raw} menit', atau isi satuan_waktu")
        unit = default_unit
    return _checked(raw, values, unit)


def _checked(raw, values: list[float], unit: str) -> Durasi:
    if not all(0 <= value <= LONGEST[unit] for value in values):  # also refuses inf and nan
        raise ValueError(
            f"waktu '{_short(raw)}' tidak masuk akal untuk satu langkah: lebih dari {MAX_YEARS} tahun "
            f"(paling lama {LONGEST[unit]} {UNIT_LABELS[unit]}); periksa angka dan satuannya"
        )
    low, high = values[0], values[-1]
    if low > high:
        raise ValueError(f"rentang waktu '{raw}' terbalik: {_fmt(low)} lebih besar dari {_fmt(high)}")
    return Durasi(low, high, unit)


def _short(raw) -> str:
    """``raw`` as quoted in a message: a number of four hundred digits is cut."""
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def format_durasi(durasi: Durasi) -> str:
    """``Durasi(1, 20, "hari_kerja")`` -> ``1–20 hari kerja``."""
    label = UNIT_LABELS[durasi.satuan]
    if durasi.is_range:
        return f"{_fmt(durasi.minimum)}\u2013{_fmt(durasi.maximum)} {label}"
    return f"{_fmt(durasi.minimum)} {label}"


def format_number(number: float) -> str:
    """``2.25`` -> ``2,25``, ``1095000.0`` -> ``1095000``: Indonesian decimals, never an exponent.

    Exact for every value :func:`parse_waktu` reads (bounded, few decimals),
    and for their sums; anything finer is rounded to four decimals.
    """
    if number == int(number):
        return str(int(number))
    return f"{number:.{2 * MAX_DECIMALS}f}".rstrip("0").replace(".", ",")


_fmt = format_number


def _normalise(text: str) -> str:
    text = text.lower().strip().rstrip(".").strip()
    text = re.sub(r"[\u2012\u2013\u2014\u2212]", "-", text)
    for qualifier in _QUALIFIERS:
        if text.startswith(qualifier):
            text = text[len(qualifier):].lstrip(" .:")
    text = re.sub(r"s\s*/\s*d\.?|s\.\s*d\.?", " sd ", text)
    text = re.sub(r"(\d)\s*[x\u00d7]\s*(\d)", r"\1 x \2", text)
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)
    text = re.sub(r"(?<=\S)-(?=\S)|\s+-\s*|\s*-\s+", " - ", text)
    return " ".join(text.split())


def _expand_se(tokens: list[str]) -> list[str]:
    """``sehari`` -> ``1 hari``, ``sejam`` -> ``1 jam``."""
    out: list[str] = []
    for token in tokens:
        if token.startswith("se") and token[2:] in _UNIT_WORDS:
            out.extend(["1", token[2:]])
        else:
            out.append(token)
    return out


def _take_unit(tokens: list[str]) -> tuple[str | None, list[str]]:
    if len(tokens) >= 2 and tokens[-2] == "hari" and tokens[-1] == "kerja":
        return "hari_kerja", tokens[:-2]
    if tokens and tokens[-1] in _UNIT_WORDS:
        return _UNIT_WORDS[tokens[-1]], tokens[:-1]
    return None, tokens


def _split_range(tokens: list[str]) -> list[list[str]]:
    for index, token in enumerate(tokens):
        if token in _RANGE_WORDS and 0 < index < len(tokens) - 1:
            return [tokens[:index], tokens[index + 1:]]
    return [tokens]


def _number(tokens: list[str]) -> float | None:
    if len(tokens) == 3 and tokens[1] == "x":
        left, right = _number(tokens[:1]), _number(tokens[2:])
        return None if left is None or right is None else left * right
    if len(tokens) == 1 and re.fullmatch(r"\d+(?:[.,]\d+)?", tokens[0]):
        whole, _, decimals = tokens[0].replace(",", ".").partition(".")
        if len(decimals) > MAX_DECIMALS:
            raise ValueError(
                f"waktu '{tokens[0]}' memakai lebih dari dua angka di belakang koma; bulatkan, atau pakai satuan yang lebih kecil"
            )
        return float(tokens[0].replace(",", "."))
    return _number_words(tokens)


def _number_words(words: list[str]) -> float | None:
    """Indonesian number words: "satu", "dua belas", "seratus dua puluh", "satu setengah"."""
    if not words:
        return None
    total = 0.0
    digit: int | None = None
    for word in words:
        if word in _DIGIT_WORDS:
            if digit is not None:
                return None
            digit = _DIGIT_WORDS[word]
        elif word in ("belas", "puluh", "ratus"):
            if digit is None:
                return None
            total += {"belas": 10 + digit, "puluh": 10 * digit, "ratus": 100 * digit}[word]
            digit = None
        elif word in ("sepuluh", "sebelas", "seratus"):
            total += {"sepuluh": 10, "sebelas": 11, "seratus": 100}[word]
        elif word == "setengah":
            total += (digit or 0) + 0.5
            digit = None
        else:
            return None
    return total + (digit or 0)
