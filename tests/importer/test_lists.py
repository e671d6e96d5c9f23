"""Section lists as agencies print them: numbers in their own column (beside an item's first line, or
centred on its lines), two columns of items, items wrapped over lines."""

from __future__ import annotations

from katalog_sop.importer.grid import Cell
from katalog_sop.importer.identity import list_items
from katalog_sop.importer.page import Word

CELL = Cell(50, 200, 400, 400)


def _line(y: float, *parts: tuple[float, str]) -> list[Word]:
    words = []
    for x, text in parts:
        for word in text.split():
            words.append(Word(word, x, y, x + 5.0 * len(word), y + 7))
            x += 5.0 * len(word) + 3
    return words


def test_numbers_centred_on_their_items_in_a_column_of_their_own():
    words = (_line(210, (55, "1."), (70, "Undang-Undang Nomor 16 Tahun 1997;"))
             + _line(221, (70, "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang"))
             + _line(226, (55, "2."))
             + _line(231, (70, "Pelaksanaan Undang-Undang Nomor 43 Tahun 2009;"))
             + _line(243, (55, "3."), (70, "Peraturan Presiden Nomor 86 Tahun 2007.")))
    assert list_items(words, CELL) == [
        "Undang-Undang Nomor 16 Tahun 1997;",
        "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009;",
        "Peraturan Presiden Nomor 86 Tahun 2007.",
    ]


def test_numbers_beside_first_lines_keep_wrapped_lines_with_their_item():
    words = (_line(210, (55, "1."), (70, "Memahami tata naskah dinas dan"))
             + _line(220, (70, "kearsipan;"))
             + _line(230, (55, "2."), (70, "Mampu mengoperasikan komputer.")))
    assert list_items(words, CELL) == ["Memahami tata naskah dinas dan kearsipan;", "Mampu mengoperasikan komputer."]


def test_a_list_in_two_columns_reads_down_the_left_then_the_right():
    words = (_line(210, (55, "1. Alat Tulis"), (200, "4. Printer"))
             + _line(220, (55, "2. Cap Kantor"), (200, "5. Jaringan Internet"))
             + _line(230, (55, "3. PC/Laptop"), (200, "6. Aplikasi perkantoran")))
    assert list_items(words, CELL) == ["Alat Tulis", "Cap Kantor", "PC/Laptop", "Printer", "Jaringan Internet", "Aplikasi perkantoran"]


def test_unnumbered_lines_are_items_unless_one_continues_in_lower_case():
    words = (_line(210, (55, "SOP Pelayanan Surat Masuk"))
             + _line(220, (55, "SOP Pengarsipan dokumen yang telah"))
             + _line(230, (55, "diverifikasi")))
    assert list_items(words, CELL) == ["SOP Pelayanan Surat Masuk", "SOP Pengarsipan dokumen yang telah diverifikasi"]
