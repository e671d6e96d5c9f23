"""`sop import` as a maintainer meets it: drafts where they belong, nothing overwritten, a clear report."""

from __future__ import annotations

import json

from katalog_sop.check import check
from katalog_sop.cli import main

from importer.pdfmaker import Canvas, write_pdf
from importer.sheets import identity_page, make_sop, step_page

DRAFT = "kecamatan-contoh/penerbitan-surat-keterangan-domisili.yaml"


def test_a_pdf_becomes_a_draft_that_checks_clean_and_is_never_overwritten(tmp_path, capsys):
    pdf = make_sop(tmp_path / "SOP Domisili.pdf")
    out = tmp_path / "sops"
    assert main(["import", str(pdf), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    draft = out / DRAFT
    assert draft.is_file(), err
    assert f"[1/1] ditulis {pdf.as_posix()} -> {draft.as_posix()} (4 langkah, " in err
    assert "1 berkas: 1 ditulis, 0 dilewati, 0 gagal." in err
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    result = check([str(out)], rules=())
    assert [p.message for p in result.problems if p.is_error] == []
    draft.write_text(text + "# diperiksa\n", encoding="utf-8")
    assert main(["import", str(pdf), "-o", str(out)]) == 0
    assert "dilewati" in capsys.readouterr().err and draft.read_text(encoding="utf-8").endswith("# diperiksa\n")
    assert main(["import", str(pdf), "-o", str(out), "--replace"]) == 0
    capsys.readouterr()
    assert draft.read_text(encoding="utf-8") == text


def test_two_pdfs_of_one_name_in_one_run_get_two_files(tmp_path, capsys):
    folder = tmp_path / "pdf"
    folder.mkdir()
    make_sop(folder / "a.pdf")
    make_sop(folder / "b.pdf")
    assert main(["import", str(folder), "-o", str(tmp_path / "sops")]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in (tmp_path / "sops" / "kecamatan-contoh").iterdir())
    assert written == ["penerbitan-surat-keterangan-domisili-2.yaml", "penerbitan-surat-keterangan-domisili.yaml"]


def test_json_report_per_file_and_a_bad_file_fails_without_a_traceback(tmp_path, capsys):
    good = make_sop(tmp_path / "baik.pdf")
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4 rusak")
    assert main(["import", str(good), str(bad), "-o", str(tmp_path / "sops"), "--format", "json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [(r["sumber"], r["status"]) for r in report] == [(good.as_posix(), "ditulis"), (bad.as_posix(), "gagal")]
    assert report[0]["langkah"] == 4 and report[1]["alasan"].startswith("bukan PDF yang dapat dibaca")
    assert "Traceback" not in captured.err


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["import", str(tmp_path / "tidak-ada.pdf")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_unread_parts_are_marked_periksa_and_listed_in_catatan_sumber(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "gambar.pdf", [identity_page("lines"), step_page("lines", picture="symbols")])
    assert main(["import", str(pdf), "-o", str(tmp_path / "sops")]) == 0
    capsys.readouterr()
    text = (tmp_path / "sops" / DRAFT).read_text(encoding="utf-8")
    assert text.count("# PERIKSA: tidak ada simbol yang terbaca di kolom pelaksana baris ini") == 4
    assert "catatan_sumber:" in text and "baris ke-1: tidak ada simbol yang terbaca" in text


def test_a_scanned_pdf_still_gives_a_valid_draft_saying_so(tmp_path, capsys):
    page = Canvas("lines")
    page.image(50, 50, 700, 500)
    pdf = write_pdf(tmp_path / "SOP Pindaian.pdf", [page])
    assert main(["import", str(pdf), "-o", str(tmp_path / "sops")]) == 0
    capsys.readouterr()
    [draft] = list((tmp_path / "sops").rglob("*.yaml"))
    assert "hasil pindai" in draft.read_text(encoding="utf-8")
    assert [p.message for p in check([str(draft)], rules=()).problems if p.is_error] == []


def test_debug_pictures_show_each_page(tmp_path, capsys):
    pdf = make_sop(tmp_path / "sop.pdf")
    assert main(["import", str(pdf), "-o", str(tmp_path / "sops"), "--debug", str(tmp_path / "periksa")]) == 0
    capsys.readouterr()
    pictures = sorted(p.name for p in (tmp_path / "periksa").iterdir())
    assert pictures == ["sop-h1.png", "sop-h2.png"]
    assert all((tmp_path / "periksa" / name).read_bytes().startswith(b"\x89PNG") for name in pictures)


def test_without_the_import_extra_the_command_says_how_to_get_it(tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if 'katalog-sop[import]' were not installed
    assert main(["import", str(tmp_path)]) == 2
    assert "pip install 'katalog-sop[import]'" in capsys.readouterr().err


def _scan(path, pages: int):
    """A PDF of ``pages`` pages that are pictures only, as a scanner makes them: no text layer at all."""
    canvases = []
    for _ in range(pages):
        canvas = Canvas()
        canvas.image(20, 20, 772, 592)
        canvases.append(canvas)
    return write_pdf(path, canvases)


def test_a_scan_is_written_as_a_draft_that_says_which_pages_could_not_be_read(tmp_path, capsys):
    scan = _scan(tmp_path / "SOP Pindaian.pdf", 3)
    out = tmp_path / "sops"
    assert main(["import", str(scan), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    [draft] = list(out.rglob("*.yaml"))
    text = draft.read_text(encoding="utf-8")
    marks = text.count("# PERIKSA:")
    assert marks >= 2, "the name from the file's name and the steps to write are marked"
    # blank pictures: read by OCR, with nothing found in them, and said so
    assert f"(0 langkah, {marks} periksa); 3 halaman hasil pindai dibaca dengan OCR, periksa setiap nilainya" in err
    assert "halaman 1–3 tidak memiliki lapisan teks (hasil pindai); tidak ada teks yang terbaca dengan OCR" in text
    assert main(["import", str(scan), "-o", str(tmp_path / "lain"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["halaman_pindaian"] == [1, 2, 3] and report[0]["periksa"] == marks and report[0]["ocr"] is True


def _office(path, part: str):
    """A minimal Office file: a zip with the part that tells a workbook from a document, and nothing in it."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return path


def test_empty_excel_and_word_files_fail_with_the_reason_and_no_traceback(tmp_path, capsys):
    excel = _office(tmp_path / "SOP-0008.xlsx", "xl/workbook.xml")
    word = _office(tmp_path / "SOP Surat.docx", "word/document.xml")
    assert main(["import", str(excel), str(word), "-o", str(tmp_path / "sops")]) == 1
    err = capsys.readouterr().err
    assert (f"[1/2] gagal {excel.as_posix()}: tidak ada blok identitas SOP AP maupun tabel langkah pada lembar mana pun"
            in err)
    assert f"[2/2] gagal {word.as_posix()}: dokumen Word tanpa isi (word/document.xml tidak memuat w:body)" in err
    assert "Traceback" not in err and "2 berkas: 0 ditulis, 0 dilewati, 2 gagal." in err
    assert not (tmp_path / "sops").exists() or not list((tmp_path / "sops").rglob("*.yaml"))


def test_a_folder_of_excel_and_word_sops_becomes_drafts_that_check_clean(tmp_path, capsys):
    from importer.docxmaker import sop_document
    from importer.officemaker import SOP
    from importer.xlsxmaker import cover_sheet, flow_sheet, write_xlsx

    folder = tmp_path / "berkas"
    folder.mkdir()
    other = {**SOP, "nama": "Penerimaan Surat Masuk"}
    write_xlsx(folder / "dua sop.xlsx", [cover_sheet("COVER 1"), flow_sheet("ALUR 1"), cover_sheet("COVER 2", other),
                                         flow_sheet("ALUR 2", other)])
    sop_document(folder / "surat.docx")
    (folder / "~$surat.docx").write_bytes(b"kunci Word, bukan dokumen")  # Word's lock file while it is open
    out = tmp_path / "sops"
    assert main(["import", str(folder), "-o", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(r["sumber"].rsplit("/", 1)[-1], r["status"], r["langkah"], r["bagian"]) for r in report] == [
        ("dua sop.xlsx", "ditulis", 5, "lembar COVER 1 dan ALUR 1"),
        ("dua sop.xlsx", "ditulis", 5, "lembar COVER 2 dan ALUR 2"),
        ("surat.docx", "ditulis", 5, "tabel 1 dan 2"),
    ]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml"))
    assert written == ["bagian-umum/penerimaan-surat-masuk.yaml", "bagian-umum/pengiriman-surat-dinas-2.yaml",
                       "bagian-umum/pengiriman-surat-dinas.yaml"]
    text = (out / "bagian-umum" / "penerimaan-surat-masuk.yaml").read_text(encoding="utf-8")
    assert "sumber: dua sop.xlsx, lembar COVER 2 dan ALUR 2 (dibaca dengan sop import)" in text
    assert "unit: BAGIAN UMUM  # PERIKSA: baris kop di antara instansi dan unit: 'PROVINSI CONTOH'" in text
    result = check([str(out)], rules=())
    assert [p.message for p in result.problems if p.is_error] == []
