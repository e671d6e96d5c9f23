"""The SOP page's step table and identity block, as a reader of the site sees them.

The page is the sheet in words: each row's printed number, its columns in
flow order ("A → B", "A, B (bersamaan)"), the text inside its symbols, every
labelled or non-obvious arrow, "?" where the source does not show a part, and
the agency's own labels. Pages are made by :func:`site_pages` from a checked
catalogue and read back through Markdown, as MkDocs does; every SOP text is
shown as written, never as markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown

from katalog_sop.check import check
from katalog_sop.config import DEFAULT, parse_config
from katalog_sop.site.build import site_pages

from conftest import REPO

GOLDEN = REPO / "tests" / "diagram" / "golden"
UNKNOWN = "sop-tidak-diketahui"


def page(write_sop, text: str, config=DEFAULT, name: str = "contoh.yaml") -> ET.Element:
    """The SOP's page as HTML, parsed (Markdown run as on the site)."""
    path = write_sop(text, name)
    result = check([str(path.parent.parent)], rules=(), config=config)
    assert [p.message for p in result.problems if p.is_error] == []
    source = site_pages(result)[f"sop/unit/{name[:-len('.yaml')]}.md"]
    html = markdown.markdown(source, extensions=["attr_list", "toc"])
    return ET.fromstring(f"<div>{html}</div>".replace("<br>", "<br/>"))  # HTML's void element, for the XML parser


def golden_page(write_sop, name: str, config=DEFAULT) -> ET.Element:
    return page(write_sop, (GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"), config, f"{name}.yaml")


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def table(root: ET.Element) -> ET.Element:
    [found] = [t for t in root.iter("table") if t.get("class") == "sop-langkah"]
    return found


def header(root: ET.Element) -> list[str]:
    return [text(th) for th in table(root).iter("th")]


def rows(root: ET.Element) -> list[dict[str, str]]:
    """Each row's cells by column header, the kegiatan cell without its notes."""
    names = header(root)
    found = []
    for tr in table(root).find("tbody"):
        cells = {}
        for name, td in zip(names, tr):
            notes = td.find("ul")
            if notes is not None:
                td.remove(notes)
            cells[name] = text(td).strip()
            if notes is not None:
                td.append(notes)
        found.append(cells)
    return found


def notes(root: ET.Element) -> list[list[str]]:
    """The notes under each row's kegiatan: symbols, arrows, unknowns."""
    return [[text(li) for li in tr.iter("li")] for tr in table(root).find("tbody")]


def cell(root: ET.Element, row: int, column: int) -> ET.Element:
    return list(table(root).find("tbody"))[row][column]


def test_printed_numbers_unnumbered_rows_symbol_texts_and_labelled_arrows(write_sop):
    root = golden_page(write_sop, "dua-mulai")
    assert [r["No"] for r in rows(root)] == ["1", "2", "3", "4", "", "5a", "6"]
    assert notes(root) == [
        ["mulai «Mulai»", "ke langkah 3"],
        ["mulai «Mulai»", "ke langkah 4"],
        ["keputusan «Sesuai?»", "Ya: ke langkah 4", "Tidak: ke baris ke-5 (tanpa nomor)"],
        ["Dokumen lengkap: ke langkah 5a"],
        ["selesai «Selesai»"],
        [],
        [],
    ]


def test_a_chain_reads_a_then_b_and_an_exit_into_a_chain_row_names_its_symbol(write_sop):
    root = golden_page(write_sop, "rantai-dalam-baris")
    assert [r["Pelaksana"] for r in rows(root)] == [
        "Staf Pelaksana → Kasubag Umum", "Kasubag Umum → Staf Pelaksana", "Kepala Bagian", "Staf Pelaksana → Kasubag Umum",
    ]
    assert notes(root) == [
        ["Staf Pelaksana: mulai «Mulai»"],
        [],
        ["keputusan «Lengkap?»", "Ya: ke langkah 4 (Staf Pelaksana)", "Tidak: ke langkah 2 (Staf Pelaksana)"],
        ["Kasubag Umum: selesai «Selesai»"],
    ]


def test_a_parallel_row_reads_bersamaan(write_sop):
    root = golden_page(write_sop, "bersamaan")
    assert [r["Pelaksana"] for r in rows(root)] == [
        "Kepala",
        "Tim Teknis, Tim Administrasi (bersamaan)",
        "Tim Teknis, Tim Administrasi, Peserta (bersamaan)",
        "Kepala",
    ]


def test_two_decisions_in_one_row_each_say_their_exits(write_sop):
    root = golden_page(write_sop, "dua-keputusan-satu-baris")
    assert rows(root)[1]["Pelaksana"] == "Bendahara → PPK"
    assert notes(root)[1] == [
        "Bendahara: keputusan «Lengkap?»",
        "Bendahara: Ya: simbol berikutnya",
        "Bendahara: Tidak: ke langkah 1",
        "PPK: keputusan «Sah?»",
        "PPK: Ya: ke langkah 3 (Bendahara), ke langkah 3 (Kuasa PA)",
        "PPK: Tidak: ke langkah 1",
    ]
    assert notes(root)[2] == ["Kuasa PA: Setuju: selesai", "Kuasa PA: ke langkah 2 (Bendahara)"]


def test_unknown_parts_are_shown_as_question_marks(write_sop):
    root = golden_page(write_sop, "tidak-terbaca")
    table_rows = rows(root)
    assert [r["Pelaksana"] for r in table_rows] == ["Staf", "?", "Kepala Seksi", "Staf", "Kepala Seksi"]
    assert [r["Waktu"] for r in table_rows] == ["", "", "", "?", ""]
    assert notes(root) == [[], [], ["bentuk simbol ?"], ["anak panah ?"], []]
    pelaksana, waktu = cell(root, 1, 2), cell(root, 3, 4)
    for where in (pelaksana, waktu, cell(root, 2, 1), cell(root, 3, 1)):
        assert [span.get("class") for span in where.iter("span")] == [UNKNOWN]


def test_an_unknown_symbol_column_in_a_chain_reads_as_a_question_mark(write_sop):
    root = page(
        write_sop,
        """\
        nama: C
        pelaksana: [A, B]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A}
          - kegiatan: Memeriksa surat
            tidak_terbaca: [pelaksana]
            simbol: [{pelaksana: B}, {}]
        """,
    )
    assert rows(root)[1]["Pelaksana"] == "B → ?"
    assert [span.get("class") for span in cell(root, 1, 2).iter("span")] == [UNKNOWN]


def test_the_agency_labels_of_the_sop_name_the_columns_and_false_leaves_one_out(write_sop):
    root = golden_page(write_sop, "kelompok-dan-label")
    assert header(root) == ["No", "Uraian Prosedur", "Pelaksana", "Waktu", "Output", "Ket."]
    assert rows(root)[4] == {
        "No": "5", "Uraian Prosedur": "Mengesahkan berita acara", "Pelaksana": "Kepala Kantor", "Waktu": "-",
        "Output": "", "Ket.": "Lihat SOP Penatausahaan BMN",
    }


PROFILE = parse_config(
    {"profiles": [{"name": "Dinas Contoh", "sops": ["unit/*"],
                   "formulir": {"kegiatan": "Uraian Prosedur", "kelengkapan": "Persyaratan", "output": False,
                                "nama": "Judul SOP", "tujuan": "Maksud dan Tujuan"}}]}
)

SIMPLE = """\
nama: Penerimaan Surat
tujuan: Surat tercatat
pelaksana: [A, B]
langkah:
  - {kegiatan: Menerima surat, pelaksana: A, output: Surat}
  - {kegiatan: Mencatat surat, pelaksana: B, output: Agenda}
"""


def test_the_profile_labels_name_the_columns_and_sections_and_the_sop_overrides_them(write_sop):
    root = page(write_sop, SIMPLE, PROFILE)
    assert header(root) == ["No", "Uraian Prosedur", "Pelaksana", "Persyaratan", "Waktu", "Keterangan"]
    assert "Maksud dan Tujuan" in [text(h) for h in root.iter("h2")]
    assert "Judul SOP" in [text(th) for th in root.iter("th") if th.get("scope") == "row"]
    own = SIMPLE.replace("tujuan:", "formulir: {kegiatan: Kegiatan Pokok, output: Hasil}\ntujuan:")
    root = page(write_sop, own, PROFILE, "sendiri.yaml")
    assert header(root) == ["No", "Kegiatan Pokok", "Pelaksana", "Persyaratan", "Waktu", "Hasil", "Keterangan"]


def test_a_profile_for_other_sops_changes_nothing(write_sop):
    other = parse_config({"profiles": [{"name": "Lain", "sops": ["lain/*"], "formulir": {"kegiatan": "Uraian Prosedur"}}]})
    root = page(write_sop, SIMPLE, other)
    assert header(root) == ["No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan"]


IDENTITY = """\
nama: Penerimaan Surat
nomor: 800/01/UM
tujuan: Surat masuk tercatat
ruang_lingkup: [Surat masuk, Surat keluar]
definisi: [Agenda adalah buku catatan surat]
disusun_oleh: {jabatan: Kasubag Umum, nama: Budi, nip: "197001011990031002"}
diperiksa_oleh: {jabatan: Sekretaris, nama: Ani}
disahkan_oleh: {jabatan: Kepala Dinas, nama: Cici}
pelaksana: [A, B]
langkah:
  - {kegiatan: Menerima surat, pelaksana: A}
  - {kegiatan: Mencatat surat, pelaksana: B}
"""


def identity(root: ET.Element) -> list[tuple[str, str]]:
    [block] = [div for div in root.iter("div") if div.get("class") == "sop-identitas"]
    return [(text(tr.find("th")), " / ".join(t for t in tr.find("td").itertext())) for tr in block.iter("tr")]


def test_the_identity_block_has_rows_for_disusun_and_diperiksa_oleh_in_the_form_order(write_sop):
    root = page(write_sop, IDENTITY)
    assert identity(root) == [
        ("Nomor SOP", "800/01/UM"),
        ("Tanggal Pembuatan", "–"),
        ("Tanggal Revisi", "–"),
        ("Tanggal Efektif", "–"),
        ("Disusun oleh", "Kasubag Umum / Budi / NIP. 197001011990031002"),
        ("Diperiksa oleh", "Sekretaris / Ani"),
        ("Disahkan oleh", "Kepala Dinas / Cici"),
        ("Nama SOP", "Penerimaan Surat"),
    ]
    sections = [text(h) for h in root.iter("h2")]
    assert sections[:5] == ["Identitas", "Tujuan", "Ruang Lingkup", "Definisi", "Dasar Hukum"]
    without = page(write_sop, SIMPLE.replace("tujuan: Surat tercatat\n", ""), name="tanpa.yaml")
    assert [label for label, _ in identity(without)] == [
        "Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh", "Nama SOP",
    ]
    assert not {"Tujuan", "Ruang Lingkup", "Definisi"} & {text(h) for h in without.iter("h2")}


def test_the_identity_and_section_labels_are_the_agencys(write_sop):
    own = IDENTITY.replace("pelaksana: [A, B]", "formulir: {disusun_oleh: Dibuat oleh, nama: Judul SOP, definisi: Pengertian}\npelaksana: [A, B]")
    root = page(write_sop, own)
    labels = [label for label, _ in identity(root)]
    assert "Dibuat oleh" in labels and "Judul SOP" in labels and "Disusun oleh" not in labels
    assert "Pengertian" in [text(h) for h in root.iter("h2")]


HOSTILE = """\
nama: Uji
formulir: {kegiatan: "Uraian <b>Prosedur</b>"}
tujuan: "Tujuan <b>tebal</b>"
pelaksana: ["Kasubag <b>Umum</b>", B]
langkah:
  - kegiatan: "Menerima <b>surat</b>"
    simbol: [{pelaksana: "Kasubag <b>Umum</b>", bentuk: mulai, teks: "Mulai <b>di sini</b>"}]
  - kegiatan: Memeriksa surat
    simbol:
      - {pelaksana: B, teks: "Sah <i>?</i>", cabang: [{label: "<b>Ya</b>", ke: selesai}, {label: Tidak, ke: 3}]}
  - {kegiatan: Memperbaiki surat, pelaksana: B, lanjut_ke: {ke: 2, label: "Kembali <script>x</script>"}}
"""


def test_every_text_and_label_in_the_table_is_escaped(write_sop):
    root = page(write_sop, HOSTILE)
    step_table = table(root)
    assert [e.tag for e in step_table.iter() if e.tag in ("b", "i", "script")] == []
    assert header(root)[1] == "Uraian <b>Prosedur</b>"
    assert rows(root)[0]["Uraian <b>Prosedur</b>"] == "Menerima <b>surat</b>"
    assert rows(root)[0]["Pelaksana"] == "Kasubag <b>Umum</b>"
    assert notes(root) == [
        ["mulai «Mulai <b>di sini</b>»"],
        ["keputusan «Sah <i>?</i>»", "<b>Ya</b>: selesai", "Tidak: ke langkah 3"],
        ["Kembali <script>x</script>: ke langkah 2"],
    ]
    assert "Tujuan <b>tebal</b>" in text(root)
    assert [e.tag for e in root.iter() if e.tag in ("b", "i", "script")] == []


# --- what the table must not lose -----------------------------------------------------------------


def test_a_role_under_two_kelompok_reads_differently_in_each_column(write_sop):
    # Operator of Satker Pengirim and Operator of Satker Penerima are two columns of the sheet (its
    # two-level header says which); the table must not print the two rows' pelaksana alike.
    root = golden_page(write_sop, "kelompok-dan-label")
    table_rows = rows(root)
    assert table_rows[0]["Pelaksana"] != table_rows[2]["Pelaksana"], [r["Pelaksana"] for r in table_rows]
    assert table_rows[1]["Pelaksana"] != table_rows[3]["Pelaksana"], [r["Pelaksana"] for r in table_rows]


def test_a_box_drawn_without_an_arrow_out_is_told_from_one_that_goes_on(write_sop):
    # lanjut_ke: [] is a box the sheet draws with no arrow out; the table says "on to the next row" by
    # saying nothing, so a row without a way out must say so.
    going_on = SIMPLE.replace("output: Surat}", "output: Surat}\n  - {kegiatan: Mengarsipkan surat, pelaksana: A}")
    stopped = going_on.replace("output: Surat}", "output: Surat, lanjut_ke: []}")
    assert notes(page(write_sop, going_on, name="terus.yaml"))[0] == []
    assert notes(page(write_sop, stopped, name="berhenti.yaml"))[0] != []


def test_an_arrow_into_a_later_symbol_of_the_next_row_is_told(write_sop):
    # Row 1's arrow enters C's symbol of row 2 directly, past B's: the table must not read as B first.
    root = page(
        write_sop,
        """\
        nama: C
        pelaksana: [A, B, C]
        langkah:
          - {kegiatan: Menerima surat, pelaksana: A, lanjut_ke: c2}
          - kegiatan: Memeriksa dan meneruskan surat
            simbol: [{pelaksana: B}, {pelaksana: C, id: c2}]
          - {kegiatan: Mengarsipkan surat, pelaksana: A}
        """,
    )
    assert rows(root)[1]["Pelaksana"] == "B → C"
    assert any("langkah 2 (C)" in note for note in notes(root)[0]), notes(root)


def test_each_table_starts_under_its_title_and_ends_with_the_notes_printed_under_it(write_sop):
    root = page(
        write_sop,
        "nama: Uji\npelaksana: [Ketua, PPK, Persediaan, Bendahara]\nlangkah:\n"
        "  - tabel: {judul: Belanja Barang, pelaksana: [Ketua, PPK, Persediaan],"
        " catatan: ['Ket: *) Dokumen pendukung:', '- KAK <b>dan</b> FP']}\n"
        "    kegiatan: Mengajukan\n    pelaksana: Ketua\n"
        "  - {kegiatan: Membayar, pelaksana: PPK}\n"
        "  - {tabel: {pelaksana: [Ketua, Bendahara]}, kegiatan: Mengajukan lagi, pelaksana: Ketua}\n"
        "  - {kegiatan: Membayar, pelaksana: Bendahara}\n",
    )
    body = list(table(root).find("tbody"))
    kinds = [tr.get("class") or tr.get("id") for tr in body]
    assert kinds == ["sop-tabel-judul", "langkah-1", "langkah-2", "sop-tabel-catatan", "sop-tabel-judul", "langkah-3", "langkah-4"]
    assert [text(body[0]), text(body[4])] == ["Belanja Barang", "(tabel tanpa judul)"]
    [note] = body[3]
    assert note.get("colspan") == str(len(body[1])) and [text(note)] == ["Ket: *) Dokumen pendukung:- KAK <b>dan</b> FP"]
    assert note.find("b") is None, "a note is text, never markup"

