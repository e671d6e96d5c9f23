"""Dates as agencies write them."""

from __future__ import annotations

import datetime as dt

import pytest

from katalog_sop.tanggal import format_tanggal, parse_tanggal


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8 Oktober 2024", dt.date(2024, 10, 8)),
        ("08 Oktober 2024", dt.date(2024, 10, 8)),
        ("02 Juni 2025", dt.date(2025, 6, 2)),
        ("1 mei 2020", dt.date(2020, 5, 1)),
        ("17 AGUSTUS 1945", dt.date(1945, 8, 17)),
        ("8 Okt. 2024", dt.date(2024, 10, 8)),
        ("3 Pebruari 2011", dt.date(2011, 2, 3)),
        ("12 Nopember 2019", dt.date(2019, 11, 12)),
        ("2024-10-08", dt.date(2024, 10, 8)),
        ("08-10-2024", dt.date(2024, 10, 8)),
        ("8/10/2024", dt.date(2024, 10, 8)),
        ("  8   Oktober   2024 ", dt.date(2024, 10, 8)),
        ("-", None),
        ("", None),
        ("\u2013", None),
    ],
)
def test_parses(text, expected):
    assert parse_tanggal(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("31 Februari 2024", "tanggal '31 Februari 2024' tidak ada di kalender"),
        ("2024-13-01", "tanggal '2024-13-01' tidak ada di kalender"),
        ("8 Oktobre 2024", "nama bulan 'Oktobre' tidak dikenal; tulis seperti '8 Oktober 2024' atau '2024-10-08'"),
        ("kemarin", "tanggal 'kemarin' tidak dikenali; tulis seperti '8 Oktober 2024' atau '2024-10-08'"),
        ("2024", "tanggal '2024' tidak dikenali; tulis seperti '8 Oktober 2024' atau '2024-10-08'"),
        ("2024-10-08T10:00:00", "tanggal '2024-10-08T10:00:00' tidak dikenali; tulis seperti '8 Oktober 2024' atau '2024-10-08'"),
    ],
)
def test_refuses_with_advice(text, message):
    with pytest.raises(ValueError) as excinfo:
        parse_tanggal(text)
    assert str(excinfo.value) == message


def test_formats_in_indonesian():
    assert format_tanggal(dt.date(2024, 10, 8)) == "8 Oktober 2024"
    assert format_tanggal(dt.date(2025, 5, 1)) == "1 Mei 2025"
