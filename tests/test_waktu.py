"""Durations (mutu baku: waktu) as agencies write them."""

from __future__ import annotations

import pytest

from katalog_sop.waktu import Descriptive, Durasi, format_durasi, format_number, parse_waktu


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("10 menit", Durasi(10, 10, "menit")),
        ("10 Menit", Durasi(10, 10, "menit")),
        ("2 Jam", Durasi(2, 2, "jam")),
        ("2 Hari", Durasi(2, 2, "hari")),
        ("120 Hari", Durasi(120, 120, "hari")),
        ("satu hari", Durasi(1, 1, "hari")),
        ("Satu Hari.", Durasi(1, 1, "hari")),
        ("dua belas jam", Durasi(12, 12, "jam")),
        ("dua puluh lima menit", Durasi(25, 25, "menit")),
        ("seratus dua puluh hari", Durasi(120, 120, "hari")),
        ("satu setengah jam", Durasi(1.5, 1.5, "jam")),
        ("setengah hari", Durasi(0.5, 0.5, "hari")),
        ("sehari", Durasi(1, 1, "hari")),
        ("1,5 jam", Durasi(1.5, 1.5, "jam")),
        ("1 - 20 hari kerja", Durasi(1, 20, "hari_kerja")),
        ("1 \u2013 20 Hari Kerja", Durasi(1, 20, "hari_kerja")),
        ("1 Hari Kerja", Durasi(1, 1, "hari_kerja")),
        ("3-5 HK", Durasi(3, 5, "hari_kerja")),
        ("1 s/d 3 hari", Durasi(1, 3, "hari")),
        ("2 sampai 3 minggu", Durasi(2, 3, "minggu")),
        ("2 jam - 3 jam", Durasi(2, 3, "jam")),
        ("1x24 jam", Durasi(24, 24, "jam")),
        ("\u00b1 2 jam", Durasi(2, 2, "jam")),
        ("maksimal 3 hari", Durasi(3, 3, "hari")),
        ("10menit", Durasi(10, 10, "menit")),
        ("6 bulan", Durasi(6, 6, "bulan")),
        ("1 tahun", Durasi(1, 1, "tahun")),
        ("30 detik", Durasi(30, 30, "detik")),
    ],
)
def test_parses(raw, expected):
    assert parse_waktu(raw) == expected


def test_bare_number_takes_the_column_unit():
    assert parse_waktu(45, "menit") == Durasi(45, 45, "menit")
    assert parse_waktu("330", "menit") == Durasi(330, 330, "menit")
    assert parse_waktu(1.5, "jam") == Durasi(1.5, 1.5, "jam")


def test_written_unit_wins_over_the_column_unit():
    assert parse_waktu("2 jam", "menit") == Durasi(2, 2, "jam")


@pytest.mark.parametrize(
    "raw, message",
    [
        ("45", "waktu '45' tidak menyebut satuan; tulis misalnya '45 menit', atau isi satuan_waktu"),
        ("2 jm", "waktu '2 jm' tidak dikenali; tulis seperti '10 menit', '2 jam', 'satu hari' atau '1 - 20 hari kerja'"),
        ("2 jam - 1 hari", "rentang waktu '2 jam - 1 hari' memakai dua satuan berbeda; pakai satu satuan"),
        ("5-3 hari", "rentang waktu '5-3 hari' terbalik: 5 lebih besar dari 3"),
        ("", "waktu kosong; tulis seperti '10 menit', '2 jam', 'satu hari' atau '1 - 20 hari kerja'"),
        ("dua dua jam", "waktu 'dua dua jam' tidak dikenali; tulis seperti '10 menit', '2 jam', 'satu hari' atau '1 - 20 hari kerja'"),
    ],
)
def test_refuses_with_advice(raw, message):
    with pytest.raises(ValueError) as excinfo:
        parse_waktu(raw)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    "durasi, text",
    [
        (Durasi(1, 20, "hari_kerja"), "1\u201320 hari kerja"),
        (Durasi(1.5, 1.5, "jam"), "1,5 jam"),
        (Durasi(10, 10, "menit"), "10 menit"),
    ],
)
def test_formats(durasi, text):
    assert format_durasi(durasi) == text


@pytest.mark.parametrize(
    "number, text",
    [(1095000.0, "1095000"), (1095000.5, "1095000,5"), (315360000.0, "315360000"), (2.25, "2,25"), (0.05, "0,05"), (0.1 + 0.2, "0,3"), (1e11, "100000000000")],
)
def test_numbers_are_shown_without_an_exponent(number, text):
    assert format_number(number) == text


@pytest.mark.parametrize("raw", ["Menyesuaikan", "Sesuai kebutuhan", "Sebelum periode revisi", "Semesteran", "-"])
def test_a_waktu_in_words_is_kept_as_written_not_refused_as_a_mistake(raw):
    with pytest.raises(Descriptive):
        parse_waktu(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2 menit/berkas", Durasi(2, 2, "menit")),
        ("5 menit per dokumen", Durasi(5, 5, "menit")),
        ("30 menit - 3 Jam", Durasi(30, 180, "menit")),
        ("1 jam - 90 menit", Durasi(60, 90, "menit")),
    ],
)
def test_per_item_amounts_and_ranges_across_clock_units_are_read(raw, expected):
    assert parse_waktu(raw) == expected
