"""The identity block as forms print it, and as a scan's OCR reads it: the approval's jabatan, nama,
rank and NIP; the kop over one cell or several; labels in other wordings; section titles cut short by a
stray rule; underlines and signature strokes that bound no cell."""

from __future__ import annotations

from dataclasses import dataclass

from katalog_sop.importer.grid import Cell, Grid
from katalog_sop.importer.approval import approval as _approval
from katalog_sop.importer.identity import list_items, read_identity, split_items
from katalog_sop.importer.page import Page, Segment, Word


@dataclass(frozen=True)
class OcrWord(Word):
    """A word as the scan reader gives it: with OCR's confidence (0-100)."""

    confidence: float = 95.0


def _words(x: float, y: float, text: str, confidence: float | None = None) -> list[Word]:
    out: list[Word] = []
    for word in text.split():
        box = (word, x, y, x + 4.0 * len(word), y + 7)
        out.append(Word(*box) if confidence is None else OcrWord(*box, confidence))
        x += 4.0 * len(word) + 3
    return out


def _across(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y)


def _down(x: float, y0: float, y1: float) -> Segment:
    return Segment(x, y0, x, y1)


ROWS = {"nomor": 20, "pembuatan": 35, "revisi": 50, "efektif": 65, "disahkan": 80, "nama": 150, "end": 165}


def _form(kop: list[Word], approval: list[Word], confidence: float | None = None, extra: list[Segment] = (),
          kop_rules: list[Segment] = (), labels: dict[str, str] | None = None) -> Page:
    """An identity block: the kop (x 20-300) left of the labels (x 300-400) and their values (x 400-600),
    rows from y 20 down to 165; the approval's lines right of "Disahkan oleh" (y 80-150)."""
    labels = {"nomor": "Nomor SOP", "pembuatan": "Tgl. Pembuatan", "revisi": "Tgl. Revisi",
              "efektif": "Tgl. Efektif", "disahkan": "Disahkan Oleh", "nama": "Nama SOP", **(labels or {})}
    values = {"nomor": "001/SOP/2024", "pembuatan": "2 Januari 2024", "revisi": "-", "efektif": "8 Januari 2024",
              "nama": "Pelayanan Informasi Publik"}
    words = list(kop) + list(approval)
    for key, label in labels.items():
        words += _words(303, ROWS[key] + 4, label, confidence)
        if key in values:
            words += _words(403, ROWS[key] + 4, values[key], confidence)
    segments = [_across(y, 300, 600) for y in ROWS.values()]
    segments += [_across(20, 20, 300), _across(165, 20, 300)]
    segments += [_down(20, 20, 165), _down(300, 20, 165), _down(400, 20, 165), _down(600, 20, 165)]
    return Page(0, 842, 595, words=words, segments=segments + list(kop_rules) + list(extra))


# --- the approval -----------------------------------------------------------------------------------


def test_a_rank_between_the_name_and_the_nip_is_no_name():
    approval = _approval(["KEPALA SATUAN POLISI PAMONG PRAJA", "SUHERMAN, S.H., M.H.", "Pembina Utama Muda",
                          "NIP. 19701110 200212 1 005"])
    assert approval == {"jabatan": "KEPALA SATUAN POLISI PAMONG PRAJA", "nama": "SUHERMAN, S.H., M.H.",
                        "nip": "19701110 200212 1 005"}
    assert _approval(["Kepala Dinas", "Drs. Budi", "Penata Tk. I", "NIP. 19700101 199003 1 002"])["nama"] == "Drs. Budi"


def test_a_nip_broken_over_two_lines_is_one_nip():
    approval = _approval(["Kepala Dinas", "SAMUEL, SE, M.Si", "NIP.19660408", "199303 1 009"])
    assert approval == {"jabatan": "Kepala Dinas", "nama": "SAMUEL, SE, M.Si", "nip": "19660408 199303 1 009"}
    # a number printed without its label
    assert _approval(["Kepala Dinas", "Drs. Budi", "19700101 199003 1 002"])["nip"] == "19700101 199003 1 002"


def test_on_a_scan_a_stroke_read_between_the_nips_groups_is_a_space():
    """A signature's stroke through the NIP comes out as "'" or "/" between its groups."""
    lines = ["KEPALA SATUAN", "SUHERMAN, S.H., M.H.", "NIP.19701110'200212 1 005"]
    assert _approval(lines, [True] * 3)["nip"] == "19701110 200212 1 005"
    assert _approval(lines[:2] + ["NIP. 19701110/200212 1 005"], [True] * 3)["nip"] == "19701110 200212 1 005"


def test_a_jabatan_without_a_name_stays_the_jabatan():
    assert _approval(["Kepala Bidang Pembina Teknis"]) == {"jabatan": "Kepala Bidang Pembina Teknis"}


def test_on_a_scan_the_stamp_and_the_signature_read_between_the_lines_are_left_out():
    approval = [
        *_words(420, 84, "KEPALA SATUAN POLISI PAMONG PRAJA", 96),
        *_words(430, 93, "PROVINSI KALIMANTAN BARAT,", 95),
        *_words(410, 104, "Ae", 18), *_words(470, 104, "/", 40),  # the stamp's rim, a stroke of the signature
        *_words(415, 113, "KA nd", 62),  # the signature, read as letters
        *_words(440, 122, "SUHERMAN, S.H., M.H.", 91),
        *_words(445, 131, "Pembina Utama Muda", 90),
        *_words(405, 140, "Ip", 19), *_words(440, 140, "NIP.19701110 200212 1 005", 88),
    ]
    identity = read_identity(page := _form([], approval, 95), Grid(page))
    assert identity.values["disahkan_oleh"] == {
        "jabatan": "KEPALA SATUAN POLISI PAMONG PRAJA PROVINSI KALIMANTAN BARAT,",
        "nama": "SUHERMAN, S.H., M.H.", "nip": "19701110 200212 1 005"}


def test_on_a_scan_a_line_read_apart_because_a_stamp_made_it_taller_is_one_line():
    approval = _words(420, 84, "KEPALA DINAS", 96) + _words(410, 95, "PROVINSI KALIMANTAN", 91)  # OCR's line: 95-102
    approval += [OcrWord("BARAT,", 490, 93, 514, 108, 90)]  # the same printed line, read with the stamp's ink
    approval += _words(430, 122, "SAMUEL, SE, M.Si", 93) + _words(430, 140, "NIP. 19660408 199303 1 009", 92)
    identity = read_identity(page := _form([], approval, 95), Grid(page))
    assert identity.values["disahkan_oleh"]["jabatan"] == "KEPALA DINAS PROVINSI KALIMANTAN BARAT,"


def test_underlined_name_and_signature_strokes_bound_no_cell():
    approval = (_words(420, 84, "Kepala Dinas", 96) + _words(430, 122, "SAMUEL, SE, M.Si", 93)
                + _words(430, 140, "NIP. 19660408 199303 1 009", 92))
    strokes = [_across(130, 428, 495),  # the name's underline
               _across(100, 450, 470), _down(470, 95, 118)]  # a signature's strokes, meeting each other
    page = _form([], approval, 95, extra=strokes)
    grid = Grid(page)
    assert grid.cell_at(440, 125) == grid.cell_at(440, 143) == grid.cell_at(440, 86)
    assert read_identity(page, grid).values["disahkan_oleh"] == {
        "jabatan": "Kepala Dinas", "nama": "SAMUEL, SE, M.Si", "nip": "19660408 199303 1 009"}


def test_a_table_rule_found_in_drifting_pieces_is_one_rule():
    pieces = [_down(20.0, 20, 60), _down(21.4, 60, 110), _down(22.6, 110, 165)]  # a scan's slanted border
    page = Page(0, 842, 595, segments=pieces + [_across(20, 20, 300), _across(165, 20, 300), _down(300, 20, 165)])
    assert Grid(page).cell_at(100, 90) is not None and Grid(page).cell_at(100, 30) == Grid(page).cell_at(100, 150)


# --- labels -------------------------------------------------------------------------------------------


def test_the_number_labelled_nomor_urut_sop():
    page = _form([], [], labels={"nomor": "Nomor Urut SOP"})
    assert read_identity(page, Grid(page)).values["nomor"] == "001/SOP/2024"


def test_on_a_scan_a_stamp_read_in_a_label_s_cell_is_no_value():
    approval = _words(420, 84, "Kepala Dinas", 96) + _words(430, 122, "Drs. Budi", 93)
    page = _form([], approval + _words(360, 154, "NG", 88) + _words(305, 110, "Ly", 64) + _words(305, 120, "Aa", 60),
                 95)
    values = read_identity(page, Grid(page)).values
    assert values["nama"] == "Pelayanan Informasi Publik"
    assert values["disahkan_oleh"] == {"jabatan": "Kepala Dinas", "nama": "Drs. Budi"}


# --- the kop ------------------------------------------------------------------------------------------


def test_a_kop_of_stacked_cells_gives_the_agency_on_top_and_the_unit_at_the_bottom():
    kop = (_words(60, 50, "PROVINSI KALIMANTAN BARAT") + _words(60, 85, "DINAS KOMUNIKASI DAN INFORMATIKA")
           + _words(40, 93, "Jl. Ahmad Yani 1") + _words(60, 140, "BIDANG INFORMASI PUBLIK"))
    rules = [_across(80, 20, 300), _across(130, 20, 300)]
    page = _form(kop, [], kop_rules=rules)
    identity = read_identity(page, Grid(page))
    assert identity.values["instansi"] == "Provinsi Kalimantan Barat"
    assert identity.values["unit"] == "BIDANG INFORMASI PUBLIK"
    assert "DINAS KOMUNIKASI DAN INFORMATIKA Jl. Ahmad Yani 1" in identity.checks[0][1]


def test_a_kop_of_one_cell_with_levels_between_the_agency_and_the_unit():
    kop = (_words(60, 40, "PEMERINTAH PROVINSI KALIMANTAN BARAT") + _words(60, 52, "SEKRETARIAT")
           + _words(60, 64, "SATUAN POLISI PAMONG PRAJA") + _words(60, 110, "SUB BAGIAN UMUM DAN APARATUR"))
    page = _form(kop, [])
    identity = read_identity(page, Grid(page))
    assert identity.values["instansi"] == "Pemerintah Provinsi Kalimantan Barat"
    assert identity.values["unit"] == "SUB BAGIAN UMUM DAN APARATUR"
    assert "SEKRETARIAT SATUAN POLISI PAMONG PRAJA" in identity.checks[0][1]


def test_the_kop_s_two_lines_in_one_cell_stay_the_agency_over_its_unit():
    kop = _words(60, 40, "BADAN PUSAT STATISTIK") + _words(60, 50, "PROVINSI BENGKULU") + _words(60, 90, "TIM STATISTIK SOSIAL")
    page = _form(kop, [])
    values = read_identity(page, Grid(page)).values
    assert (values["instansi"], values["unit"]) == ("Badan Pusat Statistik Provinsi Bengkulu", "TIM STATISTIK SOSIAL")


def test_the_kop_is_found_past_a_rule_reaching_a_little_beyond_the_label_s_cell():
    kop = _words(60, 60, "PEMERINTAH PROVINSI KALIMANTAN BARAT") + _words(60, 90, "DINAS KOMUNIKASI")
    page = _form(kop, [], kop_rules=[_across(35, 296.5, 330)])  # the rule under "Nomor SOP" overshoots
    values = read_identity(page, Grid(page)).values
    assert (values["instansi"], values["unit"]) == ("Pemerintah Provinsi Kalimantan Barat", "DINAS KOMUNIKASI")


def test_on_a_scan_what_ocr_read_from_the_logo_is_not_the_agency():
    kop = (_words(140, 30, "Naas AD", 27) + _words(150, 40, "ag", 48) + _words(60, 60, "PEMERINTAH PROVINSI JAWA", 93)
           + _words(60, 90, "DINAS KOMUNIKASI", 96))
    logo = [_across(28, 138, 170), _down(170, 28, 50)]  # the logo's frame: two strokes meeting at a corner
    page = _form(kop, [], 95, kop_rules=logo)
    values = read_identity(page, Grid(page)).values
    assert (values["instansi"], values["unit"]) == ("Pemerintah Provinsi Jawa", "DINAS KOMUNIKASI")


# --- sections -----------------------------------------------------------------------------------------


def _sections(title: str, items: list[str], stray: bool) -> Page:
    """A section's title (x 20-150, y 200-215) over its items' cell (x 20-400, y 215-260); ``stray``: a rule
    at x 150 cuts the title's row, the rest of it empty."""
    words = _words(23, 204, title)
    for index, item in enumerate(items):
        words += _words(23, 219 + 10 * index, f"{index + 1}. {item}")
    segments = [_across(200, 20, 400), _across(215, 20, 400), _across(260, 20, 400), _down(20, 200, 260),
                _down(400, 200, 260)]
    if stray:
        segments.append(_down(150, 200, 215))
    return Page(0, 842, 595, words=words, segments=segments)


def test_a_section_s_items_below_a_title_cut_short_by_a_stray_rule():
    page = _sections("Kualifikasi Pelaksana", ["Pendidikan S1/D3 atau SMA", "Mengetahui komputer"], stray=True)
    assert read_identity(page, Grid(page)).values["kualifikasi_pelaksana"] == [
        "Pendidikan S1/D3 atau SMA", "Mengetahui komputer"]


def test_a_section_title_misprinted_is_still_its_title():
    page = _sections("PENCATATAN DAN PEDATAAN", ["Softcopy dan Hardcopy"], stray=False)
    assert read_identity(page, Grid(page)).values["pencatatan_pendataan"] == ["Softcopy dan Hardcopy"]


def test_a_section_titled_in_another_wording():
    page = _sections("KUALITAS PELAKSANA", ["Memahami tugas dan fungsi jabatan"], stray=False)
    assert read_identity(page, Grid(page)).values["kualifikasi_pelaksana"] == ["Memahami tugas dan fungsi jabatan"]


def test_on_a_scan_a_title_misread_after_its_first_word_is_still_its_title():
    page = _sections("Peralatan/pssiynapani", ["Komputer", "Printer"], stray=False)
    page.words = [OcrWord(w.text, w.x0, w.top, w.x1, w.bottom, 90.0) for w in page.words]
    assert read_identity(page, Grid(page)).values["peralatan_perlengkapan"] == ["Komputer", "Printer"]


def test_a_number_whose_period_ocr_lost_still_starts_its_item():
    # numbers in a column of their own, "4" between "3." and "5."
    words = []
    for y, number, text in ((219, "3.", "Peraturan Menteri Nomor 1"), (229, "4", "Peraturan Menteri Nomor 62"),
                            (239, "5.", "Peraturan Pemerintah Nomor 49")):
        words += _words(23, y, number) + _words(35, y, text)
    assert list_items(words, Cell(20, 215, 400, 260)) == [
        "Peraturan Menteri Nomor 1", "Peraturan Menteri Nomor 62", "Peraturan Pemerintah Nomor 49"]
    # numbered in the text's own line
    assert split_items(["1. Undang-Undang Nomor 14", "2 Peraturan Pemerintah", "3. Peraturan Menteri"]) == [
        "Undang-Undang Nomor 14", "Peraturan Pemerintah", "Peraturan Menteri"]
    # a wrapped line that starts with a number is no item
    assert split_items(["1. Peraturan Menteri Nomor", "2 Tahun 2019 tentang SOP", "2. Peraturan Daerah"]) == [
        "Peraturan Menteri Nomor 2 Tahun 2019 tentang SOP", "Peraturan Daerah"]
