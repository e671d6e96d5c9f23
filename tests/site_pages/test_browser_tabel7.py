"""Tabel 7 printed by Chromium: the form alone, A4 landscape, its columns and the round's values, hostile text as text.

The example catalogue is built with ``mkdocs build --strict`` together with
a unit "contoh" of three SOPs and one monitoring round of it (one result of
each kind, hostile text in catatan, tindakan and the penilai's name). Pages
are printed as a reader's browser prints them; the PDF's text is read back.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

from browser import RequestRecorder, assert_a4_landscape, launch_chromium, new_context, print_pdf, read_pdf, serve
from site_pages.test_plugin import _build, _project

SCRIPT = "<script>alert(1)</script>"
SOPS = {
    "penerimaan-tamu": "Penerimaan Tamu Dinas",
    "pengarsipan-surat": "Pengarsipan Surat Masuk",
    "legalisasi": "Pelayanan Legalisasi Dokumen",
}
ROUND = f"""\
    jenis: monitoring
    tanggal: 15 Januari 2025
    penilai: {{jabatan: Kepala Bagian Organisasi, nama: 'Penilai {SCRIPT}', nip: 19800101 200501 1 003}}
    metode: [observasi]
    hasil:
      - {{sop: penerimaan-tamu, penilaian: berjalan_baik, catatan: Buku tamu terisi lengkap, tindakan: Pertahankan}}
      - sop: pengarsipan-surat
        penilaian: tidak_berjalan_baik
        catatan: 'Arsip menumpuk {SCRIPT}'
        tindakan: '"onerror=alert(2) Pengarahan kepada pengarsip'
      - {{sop: legalisasi, penilaian: kurang_baik, catatan: Antrean panjang, tindakan: Tambah petugas loket}}
    """
HEADERS = ("MONITORING PELAKSANAAN SOP AP", "No.", "Prosedur", "Penilaian Terhadap Penerapan", "Berjalan dengan baik",
           "Tidak berjalan dengan baik", "Catatan Hasil Penilaian", "Tindakan yang Harus Diambil", "Paraf Penilai")
SCREEN_ONLY = ("Cetak halaman ini", "Putaran monitoring", "Formulir kosong", "Cari SOP", "Kepatuhan")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("tabel7"))
    unit = project / "sops" / "contoh"
    unit.mkdir()
    for name, nama in SOPS.items():
        (unit / f"{name}.yaml").write_text(textwrap.dedent(f"""\
            nama: {nama}
            unit: Bagian Contoh
            pelaksana: [Petugas, Kepala Seksi]
            langkah:
              - {{kegiatan: Menerima berkas, pelaksana: Petugas, output: Berkas}}
              - {{kegiatan: Memeriksa berkas, pelaksana: Kepala Seksi, output: Berkas diperiksa}}
            """), encoding="utf-8")
    records = project / "monitoring" / "contoh"
    records.mkdir(parents=True)
    (records / "2025-01.yaml").write_text(textwrap.dedent(ROUND), encoding="utf-8")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    yield project / "site"
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as running:
        yield running


@pytest.fixture
def page(site, browser):
    with serve(site) as base:
        context = new_context(browser)
        recorder = RequestRecorder().attach(context)
        opened = context.new_page()
        dialogs = []
        opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.base = base
        yield opened
        assert dialogs == [], "no script from a record ever runs"
        recorder.assert_only_local()
        context.close()


def _printed(page, path) -> list[str]:
    pages = read_pdf(print_pdf(page, path))
    assert_a4_landscape(pages)
    return [" ".join(p.text.split()) for p in pages]


def _png(pdf, tmp_path) -> None:
    """A picture of the printed page, to look at (``pdftoppm -r 60``), where poppler is installed."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / pdf.stem)], check=True)
        assert list(tmp_path.glob(f"{pdf.stem}*.png"))


def test_a_round_prints_as_tabel_7_alone_on_one_landscape_page(page, tmp_path):
    page.goto(page.base + "monitoring/contoh/2025-01.html")
    pdf = tmp_path / "tabel7.pdf"
    text = _printed(page, pdf)
    assert len(text) == 1, [t[:80] for t in text]
    sheet = text[0]
    for header in HEADERS:
        assert header in sheet, header
    for value in ("Bagian Contoh", "15 Januari 2025", "Kepala Bagian Organisasi", "Observasi supervisor",
                  *SOPS.values(), "Buku tamu terisi lengkap", "Pertahankan", f"Arsip menumpuk {SCRIPT}",
                  '"onerror=alert(2) Pengarahan kepada pengarsip', "Antrean panjang", "Tambah petugas loket",
                  "kurang baik", f"Penilai {SCRIPT}", "NIP. 19800101 200501 1 003"):
        assert "".join(value.split()) in "".join(sheet.split()), value  # a cell's text may wrap anywhere
    assert sheet.count("✓") == 3
    for word in SCREEN_ONLY:
        assert word not in sheet, word
    _png(pdf, tmp_path)


def test_the_ticks_stand_in_their_columns(page):
    page.goto(page.base + "monitoring/contoh/2025-01.html")
    page.emulate_media(media="print")
    columns = page.evaluate(
        "() => [...document.querySelectorAll('.sop-tabel7-isi tbody tr')].map(r => "
        "[...r.cells].map((c, i) => c.querySelector('.sop-tabel7-centang') ? i : -1).filter(i => i >= 0))")
    assert columns == [[2], [3], [3]]
    widths = page.evaluate("() => document.querySelector('.sop-tabel7-isi').getBoundingClientRect().width")
    assert widths > 900, "the table spans the landscape page"


def test_the_blank_form_of_the_unit_prints_every_sop_with_empty_cells(page, tmp_path):
    page.goto(page.base + "monitoring/contoh/index.html")
    pdf = tmp_path / "kosong.pdf"
    text = _printed(page, pdf)
    sheet = " ".join(text)
    for header in HEADERS:
        assert header in sheet, header
    for nama in SOPS.values():
        assert nama in sheet, nama
    assert "✓" not in sheet and "Buku tamu" not in sheet
    assert "Observasi supervisor" in sheet and "Pengarahan dalam pelaksanaan" in sheet  # the methods, to tick
    for word in SCREEN_ONLY:
        assert word not in sheet, word
    _png(pdf, tmp_path)


def test_the_sop_page_s_section_is_on_screen_and_not_on_paper(page, tmp_path):
    page.goto(page.base + "sop/contoh/pengarsipan-surat.html")
    section = page.locator("#monitoring-dan-evaluasi")
    assert section.is_visible()
    state = page.locator(".sop-monitoring-keadaan").inner_text()
    assert "15 Januari 2025" in state and "Tidak berjalan dengan baik" in state
    assert f"Arsip menumpuk {SCRIPT}" in page.locator(".sop-monitoring-riwayat").inner_text()
    printed = " ".join(_printed(page, tmp_path / "sop.pdf"))
    assert "Monitoring dan Evaluasi" not in printed and "Arsip menumpuk" not in printed
