"""`sop diff` on rows of several symbols, printed numbers and unknowns, as a reviewer reads its text report.

Each test writes one SOP in two versions (``lama/`` and ``baru/``), compares
the folders as ``sop diff lama baru`` does, and checks the lines a reviewer
reads: rows named by the numbers the SOP prints, the symbol that changed, a
row renumbered, and a change in what the source does not show. Every change
an author makes to the sheet must show up as a line; a changed SOP with no
line says nothing a reviewer can check.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from katalog_sop.diff import diff
from katalog_sop.diff.compare import ADDED, CHANGED, MOVED, REMOVED
from katalog_sop.diff.formats import as_text

TODAY = dt.date(2026, 11, 20)

SOP = """\
nama: Pemeriksaan Surat
pelaksana: [Staf, Kasubag, Kepala]
langkah:
  - {nomor: "1", kegiatan: Menerima surat, pelaksana: Staf}
  - nomor: "2"
    kegiatan: Memeriksa dan menilai surat
    simbol:
      - {pelaksana: Staf}
      - {pelaksana: Kasubag, teks: Lengkap?, cabang: [{label: Ya, ke: "3"}, {label: Tidak, ke: "1"}]}
  - nomor: "3"
    kegiatan: Mendisposisikan surat
    alur: bersamaan
    simbol: [{pelaksana: Kasubag, id: kasubag-3}, {pelaksana: Kepala, id: kepala-3}]
  - {kegiatan: Mencatat disposisi, pelaksana: Staf, lanjut_ke: {ke: 5a, label: Disposisi}}
  - {nomor: 5a, kegiatan: Mengarsipkan surat, pelaksana: Staf, waktu: 10 menit}
"""


def compare(tmp_path, monkeypatch, old: str, new: str):
    for side, text in (("lama", old), ("baru", new)):
        path = tmp_path / side / "unit" / "surat.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = diff("lama", "baru", today=TODAY)[0]
    return result, as_text(result)


def edited(*pairs: tuple[str, str]) -> str:
    text = SOP
    for find, replace in pairs:
        assert text.count(find) == 1, find
        text = text.replace(find, replace)
    return text


def step_lines(text: str) -> list[str]:
    """The report's lines about steps: those naming a row."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith(("langkah ", "baris ke-"))]


def test_a_changed_symbol_of_a_multi_symbol_row_is_told_symbol_by_symbol(tmp_path, monkeypatch):
    result, text = compare(tmp_path, monkeypatch, SOP, edited(("teks: Lengkap?", "teks: Sah?")))
    assert step_lines(text) == [
        "langkah 2: Memeriksa dan menilai surat — simbol: Staf: proses; Kasubag: keputusan «Lengkap?» "
        "→ Staf: proses; Kasubag: keputusan «Sah?»"
    ]
    [sop] = result.sops
    assert sop.kind == CHANGED and [c.label for step in sop.steps for c in step.changes] == ["simbol"]


def test_a_symbol_drawn_as_a_terminator_is_a_changed_symbol(tmp_path, monkeypatch):
    new = edited(("- {pelaksana: Staf}\n", "- {pelaksana: Staf, bentuk: mulai, teks: Mulai}\n"))
    _, text = compare(tmp_path, monkeypatch, SOP, new)
    assert "langkah 2: Memeriksa dan menilai surat — simbol: Staf: proses; Kasubag: keputusan «Lengkap?» " \
           "→ Staf: mulai «Mulai»; Kasubag: keputusan «Lengkap?»" in step_lines(text)


def test_a_chain_becoming_parallel_is_a_change_of_pelaksana(tmp_path, monkeypatch):
    _, text = compare(tmp_path, monkeypatch, SOP, edited(("    alur: bersamaan\n", "")))
    assert step_lines(text) == ["langkah 3: Mendisposisikan surat — Pelaksana: Kasubag, Kepala (bersamaan) → Kasubag → Kepala"]


def test_a_changed_printed_number_is_told_with_the_old_one(tmp_path, monkeypatch):
    new = edited(("nomor: 5a", "nomor: 5b"), ("ke: 5a", "ke: 5b"))
    result, text = compare(tmp_path, monkeypatch, SOP, new)
    assert step_lines(text) == ["langkah 5b (dulu 5a): Mengarsipkan surat"]
    [step] = result.sops[0].steps
    assert (step.kind, step.label_before, step.label_after, step.changes) == (MOVED, "5a", "5b", ())


def test_rows_are_named_by_their_printed_numbers_and_unnumbered_rows_by_place(tmp_path, monkeypatch):
    new = edited(
        ("waktu: 10 menit", "waktu: 20 menit"),
        ("kegiatan: Mencatat disposisi", "kegiatan: Mencatat disposisi surat"),
        ("ke: \"3\"}", "ke: 5a}"),
    )
    _, text = compare(tmp_path, monkeypatch, SOP, new)
    assert step_lines(text) == [
        "langkah 2: Memeriksa dan menilai surat — cabang: Ya: ke langkah 3; Tidak: ke langkah 1 "
        "→ Ya: ke langkah 5a; Tidak: ke langkah 1",
        "baris ke-4 (tanpa nomor): Mencatat disposisi surat — kegiatan: Mencatat disposisi → Mencatat disposisi surat",
        "langkah 5a: Mengarsipkan surat — waktu: 10 menit → 20 menit (+10 menit)",
    ]


def test_added_and_removed_rows_are_named_by_their_printed_numbers(tmp_path, monkeypatch):
    new = edited(('  - {nomor: 5a', '  - {nomor: "6", kegiatan: Memindai surat, pelaksana: Staf}\n  - {nomor: 5a'))
    result, text = compare(tmp_path, monkeypatch, SOP, new)
    assert step_lines(text) == ["langkah 6 ditambahkan: Memindai surat — Pelaksana: Staf"]
    assert [(s.kind, s.label_after) for s in result.sops[0].steps] == [(ADDED, "6")]
    result, text = compare(tmp_path / "2", monkeypatch, new, SOP)
    assert step_lines(text) == ["langkah 6 dihapus: Memindai surat"]
    assert [(s.kind, s.label_before) for s in result.sops[0].steps] == [(REMOVED, "6")]


def test_a_change_in_what_the_source_does_not_show_is_told(tmp_path, monkeypatch):
    unread = edited(("waktu: 10 menit}", "waktu: 10 menit, tidak_terbaca: [pelaksana, waktu]}"))
    _, text = compare(tmp_path, monkeypatch, SOP, unread)
    assert step_lines(text) == ["langkah 5a: Mengarsipkan surat — tidak terbaca: pelaksana, waktu"]
    read = unread.replace("tidak_terbaca: [pelaksana, waktu]", "tidak_terbaca: [waktu]")
    _, text = compare(tmp_path / "2", monkeypatch, unread, read)
    assert step_lines(text) == ["langkah 5a: Mengarsipkan surat — tidak terbaca: pelaksana, waktu → waktu"]
    _, text = compare(tmp_path / "3", monkeypatch, read, SOP)
    assert step_lines(text) == ["langkah 5a: Mengarsipkan surat — tidak terbaca: waktu → (kosong)"]


# --- changes the report must not lose ----------------------------------------------------------------


def test_an_exit_moved_to_another_symbol_of_the_same_row_is_told(tmp_path, monkeypatch):
    # Kasubag's "Ya" entered row 3 (both symbols, a parallel row); now it enters Kepala's symbol only.
    result, text = compare(tmp_path, monkeypatch, SOP, edited(('{label: Ya, ke: "3"}', "{label: Ya, ke: kepala-3}")))
    assert [sop.kind for sop in result.sops] == [CHANGED]
    assert step_lines(text) != [], text
    assert any(line.startswith("langkah 2:") for line in step_lines(text)), text


def test_a_changed_arrow_label_is_told(tmp_path, monkeypatch):
    result, text = compare(tmp_path, monkeypatch, SOP, edited(("label: Disposisi}", "label: Lembar disposisi}")))
    assert [sop.kind for sop in result.sops] == [CHANGED]
    assert any(line.startswith("baris ke-4 (tanpa nomor):") for line in step_lines(text)), text


def test_a_jump_moved_to_another_row_is_told(tmp_path, monkeypatch):
    result, text = compare(tmp_path, monkeypatch, SOP, edited(("{ke: 5a, label: Disposisi}", '{ke: "1", label: Disposisi}')))
    assert [sop.kind for sop in result.sops] == [CHANGED]
    assert any(line.startswith("baris ke-4 (tanpa nomor):") for line in step_lines(text)), text


KELOMPOK = """\
nama: Transfer Barang
pelaksana:
  - {id: operator-kirim, nama: Operator, kelompok: Satker Pengirim}
  - {id: operator-terima, nama: Operator, kelompok: Satker Penerima}
  - Kepala Kantor
langkah:
  - {kegiatan: Mengirim barang, pelaksana: operator-kirim}
  - {kegiatan: Menerima barang, pelaksana: operator-terima}
  - {kegiatan: Mengesahkan berita acara, pelaksana: Kepala Kantor}
"""


def test_a_row_moved_between_two_columns_of_one_role_name_is_told(tmp_path, monkeypatch):
    # Operator under Satker Pengirim and Operator under Satker Penerima are two columns of the sheet.
    new = KELOMPOK.replace("Menerima barang, pelaksana: operator-terima", "Menerima barang, pelaksana: operator-kirim")
    result, text = compare(tmp_path, monkeypatch, KELOMPOK, new)
    assert any(line.startswith("langkah 2:") for line in step_lines(text)), text


def test_a_change_to_a_tables_columns_or_notes_is_told_on_its_first_row(tmp_path, monkeypatch):
    listed = edited(('{nomor: "1", kegiatan: Menerima surat, pelaksana: Staf}',
                     '{nomor: "1", kegiatan: Menerima surat, pelaksana: Staf, tabel: {pelaksana: [Staf, Kasubag, Kepala],'
                     ' catatan: ["*) Surat dinas"]}}'))
    _, text = compare(tmp_path, monkeypatch, SOP, listed)
    assert step_lines(text) == [
        "langkah 1: Menerima surat — tabel: (tanpa judul); kolom: Staf, Kasubag, Kepala; catatan: *) Surat dinas"
    ]
    noted = listed.replace('catatan: ["*) Surat dinas"]', 'catatan: ["*) Surat dinas dan nota"]')
    _, text = compare(tmp_path / "2", monkeypatch, listed, noted)
    assert step_lines(text) == [
        "langkah 1: Menerima surat — tabel: (tanpa judul); kolom: Staf, Kasubag, Kepala; catatan: *) Surat dinas"
        " → (tanpa judul); kolom: Staf, Kasubag, Kepala; catatan: *) Surat dinas dan nota"
    ]
