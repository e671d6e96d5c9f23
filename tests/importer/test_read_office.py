"""SOPs kept in Excel and Word read as drafts: the identity block from cells, the flowchart from the
shapes and connectors drawn over the step table, as agencies save them (documents made here)."""

from __future__ import annotations

import zipfile

import pytest

from katalog_sop.importer import UnreadablePdf, read_document
from katalog_sop.importer.office import sheets_of

from importer.docxmaker import sop_document
from importer.officemaker import SOP
from importer.xlsxmaker import cover_sheet, flow_sheet, sop_workbook, write_xlsx

MAKERS = {"xlsx": sop_workbook, "docx": sop_document}
VARIANTS = [
    ("xlsx", {}), ("xlsx", {"glued": False}), ("xlsx", {"grouped": True}), ("xlsx", {"offpage": True}),
    ("xlsx", {"head": "head", "glued": False}), ("xlsx", {"numbered_columns": True, "dates": True}),
    ("docx", {}), ("docx", {"glued": True}), ("docx", {"offpage": True}), ("docx", {"word_lists": False, "head": "head"}),
    ("docx", {"grouped": True, "glued": True}), ("docx", {"grouped": True}), ("docx", {"vml": True}),
    ("docx", {"vml": True, "offpage": True, "head": "head"}),
]


def _read(tmp_path, kind: str, **options):
    drafts = read_document(MAKERS[kind](tmp_path / f"sop.{kind}", **options))
    assert len(drafts) == 1
    return drafts[0]


def _names(draft) -> list[list[str]]:
    """Each step's pelaksana, as names."""
    out = []
    for step in draft.data["langkah"]:
        symbols = step.get("simbol") or [{"pelaksana": step.get("pelaksana")}]
        out.append([s["pelaksana"] for s in symbols])
    return out


def _exits(draft) -> set[tuple[int, int, str | None]]:
    """(from step, to step, label) over the draft, steps from 0, as :data:`SOP` writes its exits."""
    found = set()
    for index, step in enumerate(draft.data["langkah"]):
        symbol = (step.get("simbol") or [step])[0]
        for exit_ in symbol.get("cabang", []):
            found.add((index, int(exit_["ke"]) - 1, exit_.get("label")))
        forward = symbol.get("lanjut_ke")
        if forward not in (None, []):
            target = forward["ke"] if isinstance(forward, dict) else forward
            found.add((index, int(target) - 1, forward.get("label") if isinstance(forward, dict) else None))
    return found


@pytest.mark.parametrize("kind, options", VARIANTS, ids=[f"{k}-{'-'.join(o) or 'plain'}" for k, o in VARIANTS])
def test_identity_block_and_sections_are_read_as_written(tmp_path, kind, options):
    draft = _read(tmp_path, kind, **options)
    data = draft.data
    for key in ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        assert data[key] == SOP[key], key
    jabatan, nama, nip = SOP["disahkan_oleh"]
    assert data["disahkan_oleh"] == {"jabatan": jabatan, "nama": nama, "nip": nip.removeprefix("NIP. ")}
    assert data["instansi"] == "Badan Pusat Statistik" and data["unit"] == "BAGIAN UMUM"
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
                "pencatatan_pendataan"):
        assert data[key] == SOP[key], key
    # the kop line between the agency and the unit is not lost: it is a mark to check
    assert (("unit",), "baris kop di antara instansi dan unit: 'PROVINSI CONTOH'") in draft.checks


@pytest.mark.parametrize("kind, options", VARIANTS, ids=[f"{k}-{'-'.join(o) or 'plain'}" for k, o in VARIANTS])
def test_steps_symbols_and_arrows_are_read_from_the_drawn_shapes(tmp_path, kind, options):
    draft = _read(tmp_path, kind, **options)
    steps = draft.data["langkah"]
    assert [s["kegiatan"] for s in steps] == [s[0] for s in SOP["langkah"]]
    assert [s["nomor"] for s in steps] == ["1", "2", "3", "4", "5"]
    assert _names(draft) == [[SOP["pelaksana"][s[1]]] for s in SOP["langkah"]]
    assert steps[0]["simbol"][0]["bentuk"] == "mulai" and steps[4]["simbol"][0]["bentuk"] == "selesai"
    assert steps[2]["simbol"][0]["bentuk"] == "keputusan"
    assert _exits(draft) == set(SOP["exits"])
    for key, column in (("kelengkapan", 3), ("waktu", 4), ("output", 5), ("keterangan", 6)):
        assert [s[key] for s in steps] == [s[column] for s in SOP["langkah"]], key
    assert draft.warnings == [] and len(draft.checks) == 1  # only the kop line


def test_plain_lines_are_read_down_the_rows_and_marked_as_a_guess(tmp_path):
    draft = _read(tmp_path, "xlsx", head="")
    marks = [reason for path, reason in draft.checks if path[-1:] == ("lanjut_ke",)]
    guess = "garis tanpa kepala panah: arahnya ditebak dari urutan baris"
    assert marks.count(guess) == 4  # every step a line leaves, but the last
    # the line back from the decision is read forward (nothing shows otherwise), so it is said
    assert set(marks) == {guess, "hanya satu jalan keluar keputusan yang terbaca"}
    assert draft.data["langkah"][0]["simbol"][0]["lanjut_ke"] == {"ke": "2", "panah": "tanpa"}


def test_a_workbook_of_two_sops_gives_two_drafts_and_a_hidden_sheet_is_not_read(tmp_path):
    other = {**SOP, "nama": "Penerimaan Surat Masuk", "nomor": "SOP-08/BPS/2024"}
    hidden = cover_sheet("DATA", {**SOP, "nama": "Tersembunyi"})
    hidden.hidden = True
    path = write_xlsx(tmp_path / "dua.xlsx", [cover_sheet("COVER 1"), flow_sheet("ALUR 1"), hidden,
                                              cover_sheet("COVER 2", other), flow_sheet("ALUR 2", other)])
    drafts = read_document(path)
    assert [d.data["nama"] for d in drafts] == ["Pengiriman Surat Dinas", "Penerimaan Surat Masuk"]
    assert [d.part for d in drafts] == ["lembar COVER 1 dan ALUR 1", "lembar COVER 2 dan ALUR 2"]
    assert all(len(d.data["langkah"]) == 5 for d in drafts)


def test_a_step_table_with_no_identity_block_is_a_draft_that_says_so(tmp_path):
    drafts = read_document(write_xlsx(tmp_path / "alur.xlsx", [flow_sheet("ALUR")]))
    assert len(drafts) == 1 and len(drafts[0].data["langkah"]) == 5
    assert drafts[0].warnings[0] == "blok identitas tidak ditemukan sebelum tabel langkah lembar ALUR"


def test_a_text_box_saved_as_a_plain_rectangle_with_no_line_is_a_label_not_a_symbol(tmp_path):
    """LibreOffice saves Excel's text boxes as rectangles with no fill and no outline."""
    path = sop_workbook(tmp_path / "lo.xlsx")
    parts = _unzip(path)
    parts["xl/drawings/drawing2.xml"] = parts["xl/drawings/drawing2.xml"].replace(b' txBox="1"', b"")
    draft = read_document(_zip(tmp_path / "lo2.xlsx", parts))[0]
    assert _exits(draft) == set(SOP["exits"])
    assert all(len(step.get("simbol", [step])) == 1 for step in draft.data["langkah"])


def test_text_inside_shapes_and_old_vml_copies_never_join_the_cell_text(tmp_path):
    sheets = sheets_of(sop_document(tmp_path / "sop.docx"), "docx")
    assert [s.name for s in sheets] == ["1", "2"]
    texts = " ".join(c.text for c in sheets[1].cells.values())
    assert "Ya" not in texts.split() and "Tidak" not in texts.split()
    labels = sorted(s.text for s in sheets[1].drawing.shapes if s.kind == "label")
    assert labels == ["Tidak", "Ya"]
    assert len([s for s in sheets[1].drawing.shapes if s.kind != "label"]) == 5  # not ten: the VML copies are left


def _unzip(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("change, message", [
    (lambda p: {**p, "xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><sst/>'},
     "bagian xl/sharedStrings.xml memuat DTD; berkas Office tidak pernah memuatnya"),
    (lambda p: {**p, "xl/workbook.xml": b"<workbook><sheets>"}, "bagian xl/workbook.xml bukan XML yang sah"),
    (lambda p: {k: v for k, v in p.items() if not k.startswith("xl/worksheets/")},
     "tidak ada blok identitas SOP AP maupun tabel langkah pada lembar mana pun"),
])
def test_a_damaged_or_hostile_workbook_is_refused_with_the_reason(tmp_path, change, message):
    parts = change(_unzip(sop_workbook(tmp_path / "asli.xlsx")))
    with pytest.raises(UnreadablePdf) as raised:
        read_document(_zip(tmp_path / "rusak.xlsx", parts))
    assert str(raised.value).startswith(message)


def test_a_part_that_unpacks_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import katalog_sop.importer.office.package as package

    monkeypatch.setattr(package, "MOST_PER_PART", 1000)
    with pytest.raises(UnreadablePdf) as raised:
        read_document(sop_workbook(tmp_path / "besar.xlsx"))
    assert "terlalu besar" in str(raised.value)


def test_grouped_shapes_saved_without_ids_or_glue_are_placed_by_where_they_stand(tmp_path):
    """LibreOffice saves a Word group's shapes with no ids and its connectors unglued."""
    import re

    parts = _unzip(sop_document(tmp_path / "grup.docx", grouped=True, glued=True))
    document = parts["word/document.xml"].decode("utf-8")
    document = re.sub(r'<wps:cNvPr id="\d+" name="[^"]*"/>|<a:(?:stCxn|endCxn) id="\d+" idx="\d"/>', "", document)
    assert "stCxn" not in document and "wps:cNvPr" not in document
    parts["word/document.xml"] = document.encode("utf-8")
    draft = read_document(_zip(tmp_path / "tanpa-id.docx", parts))[0]
    assert _names(draft) == [[SOP["pelaksana"][s[1]]] for s in SOP["langkah"]]
    assert _exits(draft) == set(SOP["exits"])


def test_old_vml_groups_and_elbow_connectors_are_placed_in_points():
    """A VML group's children stand in its own units (coordsize over its box); an elbow connector runs
    corner to corner of its box, turned by its flips."""
    import xml.etree.ElementTree as ET

    from katalog_sop.importer.office.drawing import Drawing
    from katalog_sop.importer.office.vml import length, read_pict

    pict = ET.fromstring(
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<v:shapetype id="_x0000_t110" o:spt="110"/>'
        '<v:group style="position:absolute;margin-left:10pt;margin-top:20pt;width:200pt;height:100pt"'
        ' coordorigin="1000,1000" coordsize="2000,1000">'
        '<v:shape type="#_x0000_t110" style="position:absolute;left:1000;top:1000;width:400;height:400"/>'
        '<v:line from="1200,1400" to="1200,1800"><v:stroke endarrow="block"/></v:line>'
        '</v:group>'
        '<v:shape o:connectortype="elbow" style="position:absolute;margin-left:1in;margin-top:2cm;width:36pt;height:18pt;flip:y">'
        '<v:stroke startarrow="classic"/></v:shape></w:pict>')
    drawing = Drawing()
    read_pict(pict, (100.0, 50.0), drawing)
    (decision,) = drawing.shapes
    assert decision.kind == "keputusan" and (decision.x0, decision.top, decision.x1, decision.bottom) == (110, 70, 150, 110)
    line, elbow = drawing.links
    assert (line.start, line.end, line.head_at_end) == ((130, 110), (130, 150), True)
    top = 50 + length("2cm")
    assert elbow.start == (172.0, top + 18) and elbow.end == (208.0, top) and elbow.head_at_start and not elbow.head_at_end


def test_a_cell_at_the_sheets_far_corner_is_no_step_and_reading_ends(tmp_path):
    """A workbook may reach row 1,048,576 and column XFD: rows are found from the cells, not by walking."""
    far = flow_sheet()
    far.cells[(1048575, 16383)] = "ujung"
    drafts = read_document(write_xlsx(tmp_path / "jauh.xlsx", [cover_sheet(), far]))
    assert [len(d.data["langkah"]) for d in drafts] == [5]
