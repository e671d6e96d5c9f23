"""Text measurement and wrapping for the sheet's cells."""

from __future__ import annotations

import pytest

from katalog_sop.diagram.text import BULLET, INDENT, text_width, wrap, wrap_items


def reads_as(lines, text) -> bool:
    """Whether ``lines`` show ``text`` and nothing else, read as a reader reads them.

    Each line continues the text where the one before left off, after the
    space that was there or inside a word; a "-" ending a line where the
    text has none is one the wrapper added, and only between two letters.
    """
    rest = " ".join(text.split())
    for line in lines:
        rest = rest.removeprefix(" ")
        if line and rest.startswith(line):
            rest = rest[len(line):]
        elif line.endswith("-") and line[-2:-1].isalpha() and rest.startswith(line[:-1]) and rest[len(line) - 1:len(line)].isalpha():
            rest = rest[len(line) - 1:]
        else:
            return False
    return rest == ""


def fits(lines, width, size=8) -> bool:
    return all(text_width(line, size) <= width + 1e-6 for line in lines)


def test_widths_come_from_the_font_table():
    assert text_width("", 8) == 0
    assert text_width("i", 8) < text_width("m", 8)
    assert text_width("Memeriksa", 16) == pytest.approx(2 * text_width("Memeriksa", 8))
    assert text_width("é", 8) > 0 and text_width("中", 8) > 0


@pytest.mark.parametrize("width", [30, 60, 120, 200])
def test_no_wrapped_line_is_wider_than_its_cell(width):
    text = (
        "Menyampaikan data capaian kinerja kepada Kepala OPD untuk dimintakan persetujuan; "
        "Pertanggungjawabannya diserahkan ke Sekretariat Dewan Perwakilan Rakyat Daerah"
    )
    lines = wrap(text, width, 8)
    assert all(text_width(line, 8) <= width + 1e-6 for line in lines)
    assert "".join(lines).replace("-", "").replace(" ", "") == text.replace("-", "").replace(" ", "")


def test_a_long_word_is_split_with_a_hyphen():
    lines = wrap("Pertanggungjawabannya", 40, 8)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])


def test_line_breaks_in_the_text_are_kept():
    assert wrap("KTP\nKartu Keluarga", 200, 8) == ("KTP", "Kartu Keluarga")


def test_a_pasted_url_is_split_into_lines_that_fit_and_keeps_every_character():
    """Changed from asserting a hyphen on every line: a hyphen added to a URL reads as part of it."""
    url = "https://contoh.invalid/" + "".join(chr(ord("a") + i % 26) for i in range(20000))
    lines = wrap(url, 162, 8)
    assert len(lines) > 1 and fits(lines, 162)
    assert "".join(lines) == url


def test_a_cell_cut_to_its_room_ends_with_an_ellipsis():
    text = "Memeriksa kelengkapan berkas permohonan " * 50
    lines = wrap(text, 100, 8, max_lines=4)
    assert len(lines) == 4
    assert lines[:3] == wrap(text, 100, 8)[:3]
    assert lines[3].endswith("\u2026") and text_width(lines[3], 8) <= 100 + 1e-6
    assert wrap("Pendek saja", 100, 8, max_lines=4) == ("Pendek saja",)


def test_a_long_word_cut_to_its_room_ends_with_an_ellipsis_not_a_hyphen():
    lines = wrap("x" * 100000, 50, 8, max_lines=3)
    assert len(lines) == 3 and lines[2].endswith("x\u2026") and "-" not in lines[2]


def test_control_characters_are_drawn_visibly_and_line_endings_break_lines():
    assert wrap("a\x00b\x1bc\x7fd\u202ee", 200, 8) == ("a\u2400b\u241bc\u2421d\ufffde",)
    assert wrap("satu\rdua\r\ntiga\u2028empat\x85lima\n", 200, 8) == ("satu", "dua", "tiga", "empat", "lima")


# What the sheet showed of real SOPs before: each a word split where the line happened to end.
CORRUPTED = {
    "08517447170-0": "085174471700",
    "ppid1700@bps-.go.id": "ppid1700@bps.go.id",
    "haloci-k": "halocik",
    "Sebelu-m": "Sebelum",
    "be-rkas": "berkas",
}


@pytest.mark.parametrize("width", [8, 20, 30, 40, 50, 70, 84, 162])
def test_the_corrupted_splits_seen_on_real_sheets_never_come_back(width):
    text = "Sebelum berkas dikirim, hubungi ppid1700@bps.go.id atau 085174471700 (WA), lihat s.bps.go.id/halocik; halocik"
    lines = wrap(text, width, 8)
    assert reads_as(lines, text), lines
    shown = "\n".join(lines)
    for bad in CORRUPTED:
        assert bad.replace("-", "-\n") not in shown and bad not in shown, (bad, lines)
    for code in ("085174471700", "ppid1700@bps.go.id", "s.bps.go.id/halocik;"):
        assert code in "".join(lines)  # a code's lines joined with nothing between them are the code
    assert not any(line.endswith("-") for line in lines if any(c.isdigit() or c in "@./" for c in line))


@pytest.mark.parametrize(
    "code",
    [
        "085174471700",
        "ppid1700@bps.go.id",
        "https://s.bps.go.id/halocik",
        "https://ppid.bengkulu.bps.go.id/permohonan?jenis=informasi&id=42#form",
        "SOP-042/17000/2025",
        "KTT-BLG-PERENCANAAN-DAN-KEUANGAN",
        "NIP.198501012010011001",
        "12/03/2025",
        "pencatatan_pendataan_lapangan",
        "WhatsAppBusinessBadanPusatStatistik",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ],
)
@pytest.mark.parametrize("width", [20, 40, 70])
def test_a_code_is_split_without_an_added_hyphen_and_rejoins_exactly(code, width):
    lines = wrap(code, width, 8)
    assert "".join(lines) == code
    assert fits(lines, width)
    assert all(line.endswith("-") == (code[len("".join(lines[:i + 1])) - 1] == "-") for i, line in enumerate(lines))


def test_a_code_is_split_after_its_own_separators_when_it_can_be():
    assert wrap("ppid1700@bps.go.id", 50, 8) == ("ppid1700@", "bps.go.id")
    assert wrap("https://s.bps.go.id/halocik", 70, 8) == ("https://s.bps.go.", "id/halocik")
    assert wrap("SOP-042/17000/2025", 70, 8) == ("SOP-042/17000/", "2025")
    assert wrap("KTT-BLG", 20, 8) == ("KTT-", "BLG")


def test_a_number_with_no_separator_is_cut_between_digits_with_no_hyphen():
    lines = wrap("085174471700", 30, 8)
    assert len(lines) > 1 and "".join(lines) == "085174471700" and fits(lines, 30)
    assert not any("-" in line for line in lines)


@pytest.mark.parametrize(
    "word, width, expected",
    [
        ("Sebelum", 20, ("Se-", "be-", "lum")),
        ("berkas", 20, ("ber-", "kas")),
        ("haloci", 13, ("ha-", "lo-", "ci")),
        ("Pertanggungjawabannya", 40, ("Pertang-", "gungja-", "waban-", "nya")),
        ("Pertanggungjawabannya", 70, ("Pertanggungja-", "wabannya")),
        ("masing-masing", 40, ("masing-", "masing")),
        ("masing-masing", 30, ("ma-", "sing-", "masing")),
    ],
)
def test_a_plain_word_is_split_only_between_syllables(word, width, expected):
    lines = wrap(word, width, 8)
    assert lines == expected
    assert reads_as(lines, word) and fits(lines, width)


def test_a_split_word_keeps_its_punctuation_and_brackets():
    lines = wrap('("Pertanggungjawabannya"),', 60, 8)
    assert reads_as(lines, '("Pertanggungjawabannya"),') and fits(lines, 60)
    assert lines[0].startswith('("') and lines[-1].endswith('"),')


def test_a_syllable_wider_than_the_line_runs_over_and_is_never_split():
    """The documented overflow: a plain word too wide for even one syllable a line."""
    lines = wrap("Pertanggungjawabannya", 8, 8)
    assert lines == ("Per-", "tang-", "gung-", "ja-", "wa-", "ban-", "nya")
    assert reads_as(lines, "Pertanggungjawabannya")


@pytest.mark.parametrize("width", [20, 30, 40, 60, 84, 120, 162])
def test_real_sop_text_reads_as_written_and_fits(width):
    text = (
        "Menyampaikan pertanggungjawabanpelaksanaanprogramkegiatan kepada Kepala BPS Provinsi Bengkulu "
        "melalui ppid1700@bps.go.id atau https://s.bps.go.id/halocik paling lambat 12/03/2025; "
        "Mensosialisasikan laporan kinerja triwulan kepada pejabat terkait (NIP 198501012010011001) "
        "dengan nomor SOP-042/17000/2025 dan kode KTT-BLG, masing-masing dua rangkap."
    )
    lines = wrap(text, width, 8)
    assert reads_as(lines, text), lines
    overflowing = [line for line in lines if text_width(line, 8) > width + 1e-6]
    assert all(line.rstrip("-").isalpha() and len(line.rstrip("-")) <= 7 for line in overflowing), overflowing


def test_a_list_sets_each_item_after_a_bullet_and_indents_its_further_lines():
    items = ["Surat permohonan dari Kepala OPD", "KTP", "Dokumen pertanggungjawaban kegiatan"]
    lines = wrap_items(items, 84, 8)
    assert lines == (
        "\u2022 Surat permohonan",
        "\u00a0\u00a0\u00a0dari Kepala OPD",
        "\u2022 KTP",
        "\u2022 Dokumen",
        "\u00a0\u00a0\u00a0pertanggungjawa-",
        "\u00a0\u00a0\u00a0ban kegiatan",
    )
    assert fits(lines, 84)
    assert text_width(INDENT, 8) >= text_width(BULLET, 8)  # a further line never starts left of its item's text
    assert wrap_items("\n".join(items), 84, 8) == lines  # the cell's text, one item a line, reads the same


@pytest.mark.parametrize("width", [40, 60, 84, 162])
def test_each_listed_item_reads_as_written_and_fits(width):
    items = ["ppid1700@bps.go.id", "Formulir permohonan informasi publik", "Pertanggungjawabannya", "KTP"]
    lines = wrap_items(items, width, 8)
    assert fits(lines, width)
    starts = [i for i, line in enumerate(lines) if line.startswith(BULLET)]
    assert len(starts) == len(items) and starts[0] == 0
    for item, a, b in zip(items, starts, starts[1:] + [len(lines)]):
        own = [lines[a][len(BULLET):]] + [line.removeprefix(INDENT) for line in lines[a + 1:b]]
        assert all(line.startswith(INDENT) for line in lines[a + 1:b])
        assert reads_as(own, item), own


def test_a_single_item_has_no_bullet_and_blank_items_are_left_out():
    assert wrap_items(["Surat permohonan"], 200, 8) == ("Surat permohonan",)
    assert wrap_items("Surat permohonan\n", 200, 8) == ("Surat permohonan",)
    assert wrap_items(["KTP", " ", "KK"], 200, 8) == ("\u2022 KTP", "\u2022 KK")
    assert wrap_items([], 200, 8) == wrap("", 200, 8)


def test_a_long_list_cut_to_its_room_ends_with_an_ellipsis():
    items = [f"Dokumen pendukung nomor {i} yang dilampirkan" for i in range(30)]
    lines = wrap_items(items, 84, 8, max_lines=5)
    assert len(lines) == 5 and lines[:4] == wrap_items(items, 84, 8)[:4]
    assert lines[4].endswith("\u2026") and fits(lines, 84)


def test_short_text_takes_the_quick_path_and_gets_the_same_lines():
    for text in ["", "KTP", "Kepala Seksi", "Surat masuk  dua spasi", "a\tb", "Kepala\u00a0Seksi"]:
        assert wrap(text, 200, 8) == ((" ".join(text.split()),) if text.strip() else ("",))


@pytest.mark.parametrize("text", ["a'" * 500, "x" * 500, "hmmmmmmmmmmmmmmmmmmmmmmm", "a" * 5000])
def test_letters_no_syllables_read_are_split_as_a_code_and_fit(text):
    lines = wrap(text, 40, 8)
    assert len(lines) > 1 and fits(lines, 40)
    assert "".join(lines) == text
