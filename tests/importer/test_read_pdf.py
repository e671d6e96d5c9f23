"""`sop import` reads what a signed SOP AP PDF shows: identity, sections, step table, symbols, arrows.

Every PDF here is made by the test (``importer.sheets``), in the three ways
agencies' files draw lines: stroked, as thin filled bars, and as strokes
outlined into thin figures.
"""

from __future__ import annotations

import pytest



from katalog_sop.check import SourceFile, check_file
from katalog_sop.importer import UnreadablePdf, read_pdf
from katalog_sop.importer.draft import valid_yaml

from importer.pdfmaker import Canvas, write_pdf
from importer.sheets import EXPECTED_STEPS, IDENTITY, LANES, ROWS, identity_page, make_sop, step_page

STYLES = ("lines", "bars", "outlines")


def _symbols(step: dict) -> list[dict]:
    if "simbol" in step:
        return step["simbol"]
    return [{k: v for k, v in step.items() if k in ("pelaksana", "bentuk", "teks", "cabang", "lanjut_ke")}]


@pytest.fixture(scope="module", params=STYLES)
def draft(request, tmp_path_factory):
    return read_pdf(make_sop(tmp_path_factory.mktemp(request.param) / "sop.pdf", request.param))


def test_the_identity_block_is_read_as_printed(draft):
    for key in ("nama", "nomor", "unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh"):
        assert draft.data.get(key) == IDENTITY[key], key
    assert draft.data["instansi"] == "Pemerintah Kabupaten Contoh", "the kop's capitals as the name is written"


def test_the_sections_are_read_item_by_item_with_wrapped_items_whole(draft):
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan"):
        assert draft.data.get(key) == IDENTITY[key], key


def test_the_step_table_gives_columns_rows_and_cells(draft):
    assert draft.data["pelaksana"] == list(LANES)
    steps = draft.data["langkah"]
    assert [(s["nomor"], s["kegiatan"], s["kelengkapan"], s["waktu"], s["output"]) for s in steps] == ROWS
    assert "formulir" not in draft.data, "the standard labels are not repeated as the agency's"


def test_symbols_their_kinds_columns_and_arrows_are_read(draft):
    steps = draft.data["langkah"]
    for step, expected in zip(steps, EXPECTED_STEPS):
        got = _symbols(step)
        want = _symbols(expected)
        assert [s["pelaksana"] for s in got] == [s["pelaksana"] for s in want], step["nomor"]
        assert [s.get("bentuk", "proses") for s in got] == [s.get("bentuk", "proses") for s in want], step["nomor"]
        assert [s.get("teks") for s in got] == [s.get("teks") for s in want], step["nomor"]
        assert [s.get("lanjut_ke") for s in got] == [s.get("lanjut_ke") for s in want], step["nomor"]
        got_exits = [sorted((c.get("label"), c["ke"]) for c in s.get("cabang", [])) for s in got]
        want_exits = [sorted((c.get("label"), c["ke"]) for c in s.get("cabang", [])) for s in want]
        assert got_exits == want_exits, step["nomor"]
        assert "tidak_terbaca" not in step, step["nomor"]


def test_the_draft_is_a_valid_sop_file_that_builds(draft, tmp_path):
    notes: list[str] = []
    text = valid_yaml(dict(draft.data), list(draft.checks), notes, "../../schema/sop.schema.json", "sop.yaml")
    result = check_file(SourceFile(tmp_path / "sop.yaml", "sop.yaml", "unit/sop"), text.encode("utf-8"))
    assert [p.message for p in result.problems if p.is_error] == [] and notes == []
    sop = result.sop
    assert [len(step.simbol) for step in sop.langkah] == [2, 1, 1, 2]
    assert sop.langkah[1].exits == (("Tidak", 1), ("Ya", 3)) or sop.langkah[1].exits == (("Ya", 3), ("Tidak", 1))


def test_a_table_continued_on_the_next_page_without_its_header(tmp_path):
    first = step_page("lines", rows=range(2))
    second = step_page("lines", rows=range(2, 4), top_y=60.0, header=False)
    draft = read_pdf(write_pdf(tmp_path / "dua.pdf", [identity_page("lines"), first, second]))
    assert [s["nomor"] for s in draft.data["langkah"]] == ["1", "2", "3", "4"]
    assert [s["pelaksana"] for s in _symbols(draft.data["langkah"][3])] == ["Petugas", "Petugas"]
    # the decision's "Ya" leaves page 2 through connector A and enters row 3 from A on page 3
    assert sorted((c["label"], c["ke"]) for c in _symbols(draft.data["langkah"][1])[0]["cabang"]) == [("Tidak", "b1s2"), ("Ya", "3")]


def test_a_flowchart_pasted_as_a_picture_is_said_and_its_rows_left_unknown(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "gambar.pdf", [identity_page("lines"), step_page("lines", picture="symbols")]))
    steps = draft.data["langkah"]
    assert len(steps) == 4
    for step in steps:
        assert step["tidak_terbaca"] == ["pelaksana", "simbol", "alur"] and "pelaksana" not in step and "simbol" not in step
    assert any(path[:1] == ("langkah",) and "simbol" in reason for path, reason in draft.checks)
    assert draft.warnings == ["lembar alur halaman 2 ditempel sebagai gambar; simbol dan anak panah di sana belum terbaca"]


def test_a_page_without_text_is_said_and_nothing_is_invented(tmp_path):
    page = Canvas("lines")
    page.image(50, 50, 700, 500)  # a blank picture: OCR finds no text in it
    draft = read_pdf(write_pdf(tmp_path / "pindai.pdf", [page]))
    assert draft.data == {} and draft.scanned == [1]
    assert draft.warnings[0] == "halaman 1 tidak memiliki lapisan teks (hasil pindai); tidak ada teks yang terbaca dengan OCR"


def test_without_the_scan_reader_a_scan_says_what_to_install(tmp_path, monkeypatch):
    import katalog_sop.importer as importer

    monkeypatch.setattr(importer, "_read_scans", lambda path, numbers, pages: {})
    page = Canvas("lines")
    page.image(50, 50, 700, 500)
    draft = read_pdf(write_pdf(tmp_path / "pindai.pdf", [page]))
    assert draft.data == {} and draft.scanned == [1]
    assert draft.warnings == ["halaman 1 tidak memiliki lapisan teks (hasil pindai); teksnya belum dapat dibaca tanpa OCR "
                              "(pasang numpy dan Tesseract; lihat README)"]


def test_a_file_that_is_no_pdf_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "bukan.pdf"
    path.write_text("ini bukan PDF", encoding="utf-8")
    with pytest.raises(UnreadablePdf, match="bukan PDF yang dapat dibaca"):
        read_pdf(path)


def test_a_label_set_over_two_lines_of_its_cell_is_still_its_label(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "label.pdf", [identity_page("lines", wrapped_label=True), step_page("lines")]))
    assert draft.data["tanggal_pembuatan"] == IDENTITY["tanggal_pembuatan"]
    assert draft.data["tanggal_revisi"] == IDENTITY["tanggal_revisi"]



def test_a_two_level_header_gives_each_lane_its_group(tmp_path):
    pdf = write_pdf(tmp_path / "kelompok.pdf", [identity_page("lines"), step_page("lines", kelompok="Kecamatan Contoh")])
    draft = read_pdf(pdf)
    assert draft.data["pelaksana"] == [
        {"id": "kecamatan-contoh-petugas", "nama": "Petugas", "kelompok": "Kecamatan Contoh"},
        {"id": "kecamatan-contoh-kepala-seksi", "nama": "Kepala Seksi", "kelompok": "Kecamatan Contoh"},
    ]
    assert [s["pelaksana"] for s in _symbols(draft.data["langkah"][2])] == ["kecamatan-contoh-kepala-seksi"]


def test_arrows_that_stop_short_of_their_symbol_still_enter_it(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "pendek.pdf", [identity_page("outlines"), step_page("outlines", short=4.0)]))
    steps = draft.data["langkah"]
    assert [s.get("lanjut_ke") for s in _symbols(steps[0])] == ["b1s2", "2"]
    assert sorted((c["label"], c["ke"]) for c in _symbols(steps[1])[0]["cabang"]) == [("Tidak", "b1s2"), ("Ya", "3")]


def test_a_symbol_pasted_as_a_picture_is_kept_in_its_place_and_marked(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "satu.pdf", [identity_page("lines"), step_page("lines", picture="one")]))
    row = draft.data["langkah"][2]
    assert row.get("pelaksana") == "Kepala Seksi" or [s["pelaksana"] for s in _symbols(row)] == ["Kepala Seksi"]
    assert ("langkah", 2, "simbol", 0) in [tuple(path) for path, _ in draft.checks]
    assert any("ditempel sebagai gambar" in reason for _, reason in draft.checks)


def test_a_line_cut_by_its_label_is_one_arrow_with_that_label(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "potong.pdf", [identity_page("lines"), step_page("lines", cut=True)]))
    assert draft.data["langkah"][2]["lanjut_ke"] == {"label": "Diteruskan", "ke": "b4s1"}


def test_a_plain_line_is_kept_as_one_and_its_guessed_direction_marked(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "garis.pdf", [identity_page("bars"), step_page("bars", plain=True)]))
    capsule = _symbols(draft.data["langkah"][0])[0]
    assert capsule["lanjut_ke"] == {"ke": "b1s2", "panah": "tanpa"}
    assert (("langkah", 0, "simbol", 0, "lanjut_ke"), "garis tanpa kepala panah: arahnya ditebak dari urutan baris") in [
        (tuple(path), reason) for path, reason in draft.checks]


def test_a_waktu_cell_merged_over_two_rows_is_written_once_on_the_first(tmp_path):
    draft = read_pdf(write_pdf(tmp_path / "gabung.pdf", [identity_page("lines"), step_page("lines", merged_waktu=True)]))
    steps = draft.data["langkah"]
    assert (steps[2].get("waktu"), steps[2].get("waktu_gabung")) == ("35 menit", 2)
    assert "waktu" not in steps[3] and "waktu_gabung" not in steps[3]
    assert [s.get("waktu_gabung") for s in steps[:2]] == [None, None]



def test_a_pdf_holding_several_sops_gives_a_draft_for_each(tmp_path):
    """Agencies publish collections: each identity page starts an SOP, its step pages follow."""
    from katalog_sop.importer import read_document

    first = step_page("lines", rows=range(2))
    second = step_page("lines", rows=range(2, 4), top_y=60.0, header=False)
    pdf = write_pdf(tmp_path / "kumpulan.pdf", [identity_page("lines"), first, second, identity_page("bars"), step_page("bars")])
    drafts = read_document(pdf)
    assert [d.part for d in drafts] == ["halaman 1–3", "halaman 4–5"]
    assert [d.pages for d in drafts] == [[0, 1, 2], [3, 4]]
    for draft in drafts:
        assert draft.data["nama"] == IDENTITY["nama"]
        assert [s["nomor"] for s in draft.data["langkah"]] == ["1", "2", "3", "4"]
    assert read_pdf(pdf).data == drafts[0].data, "read_pdf keeps giving the first SOP"


def test_on_a_scan_a_column_title_misread_by_a_letter_is_still_its_title():
    """OCR reads "Kegiatan" as "Kegiatari" or "Kegiatan.": the header is still found; a lane's name is
    never taken for a title, and a text layer's titles are matched as printed."""
    from katalog_sop.importer.steps import _role

    assert [_role(t, scanned=True) for t in ("Kegiatari", "Kegiatan.", "Keterangari", "Sekretaris", "Kepala Bagian")] == [
        "kegiatan", "kegiatan", "keterangan", None, None]
    assert _role("Kegiatari") is None
