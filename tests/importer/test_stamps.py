"""Stamps and signatures in coloured ink: found by colour, seen through, and the better reading of a
stamped cell kept line by line."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from katalog_sop.importer.scan.stamps import better_lines, coloured, seen_through
from katalog_sop.importer.scan.words import ScannedWord


def _page():
    """Black print (a bar) with a blue stroke crossing it and running on over paper; ink multiplies."""
    page = Image.new("RGB", (60, 30), "white")
    ImageDraw.Draw(page).rectangle([10, 10, 50, 16], fill=(20, 20, 20))
    ink = Image.new("RGB", page.size, "white")
    ImageDraw.Draw(ink).line([(30, 0), (30, 29)], fill=(30, 60, 210), width=3)
    return ImageChops.multiply(page, ink)


def test_coloured_ink_is_found_and_seen_through_print_beneath_it_stays():
    page = _page()
    mask = coloured(page)
    assert mask[2, 30] and mask[25, 30]  # the stroke over paper
    assert not mask[13, 15] and not mask[13, 30]  # the print, and the print under the stroke
    through = np.asarray(seen_through(page, page.convert("L"), mask))
    assert through[2, 30] == 255 and through[25, 30] == 255  # ink alone becomes paper
    assert through[13, 30] < 60 and through[13, 15] < 60  # the print stays dark


def test_a_page_in_black_and_grey_has_no_coloured_ink():
    assert coloured(Image.new("RGB", (10, 10), (128, 128, 128))) is None


def _line(texts: list[tuple[str, float]], top: float, x: float = 500.0) -> list[ScannedWord]:
    words = []
    for text, confidence in texts:
        words.append(ScannedWord(text, x, top, x + 6 * len(text), top + 9, confidence=confidence))
        x += 6 * len(text) + 4
    return words


def _texts(words: list[ScannedWord]) -> list[str]:
    return [w.text for w in sorted(words, key=lambda w: (w.top, w.x0))]


def test_each_line_is_taken_from_the_reading_ocr_is_surer_of():
    scanned = _line([("SUHER", 91), ("!AN.", 29), ("S.H..", 89)], 100) + _line([("NIP.19701110/200212", 87), ("1", 95)], 112)
    through = _line([("SUHERMAN,", 92), ("S.H.,", 90)], 100.5) + _line([("1", 95)], 112)
    assert _texts(better_lines(scanned, through)) == ["SUHERMAN,", "S.H.,", "NIP.19701110/200212", "1"]


def test_a_stamps_ring_read_as_a_word_costs_its_line_and_an_unsure_lone_line_is_dropped():
    scanned = _line([("Kualifikasi", 95), ("pelaksana", 95), ("an", 19)], 100) + _line([("PEMERI", 30)], 130)
    through = _line([("Kualifikasi", 95), ("pelaksana", 95)], 100)
    assert _texts(better_lines(scanned, through)) == ["Kualifikasi", "pelaksana"]


def test_a_line_only_the_scanned_reading_has_is_kept_when_sure():
    scanned = _line([("Pembina", 93), ("Utama", 92)], 100) + _line([("NIP.", 90), ("19660408", 88)], 112)
    through = _line([("Pembina", 94), ("Utama", 95)], 100)
    assert _texts(better_lines(scanned, through)) == ["Pembina", "Utama", "NIP.", "19660408"]
