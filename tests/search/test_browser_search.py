"""Search in the built catalogue, in Chromium, as staff use it: each kind of query, served and from disk.

The catalogue is the example SOPs, the transcribed real SOPs and one SOP whose
name is markup. Every request is recorded: none may leave the machine, and
from ``file://`` every one is a file.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from playwright.sync_api import expect

from browser import home_page, launch_chromium
from conftest import REPO
from site_pages.test_plugin import _build, _plugin_options, _project

HOSTILE_NAME = "<img src=x onerror=\"document.title='diretas'\">Penerimaan Surat Masuk"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("cari"))
    shutil.copytree(REPO / "tests" / "real_sops" / "bps-bengkulu", project / "sops" / "bps-bengkulu")
    (project / "sops" / "contoh").mkdir()
    (project / "sops" / "contoh" / "surat-masuk.yaml").write_text(yaml.safe_dump({
        "nama": HOSTILE_NAME, "nomor": "800/01/CONTOH", "pelaksana": ["Petugas Agenda", "Sekretaris"],
        "langkah": [
            {"kegiatan": "Mencatat surat masuk di buku agenda", "pelaksana": "Petugas Agenda", "output": "Agenda surat"},
            {"kegiatan": "Mendisposisikan surat masuk", "pelaksana": "Sekretaris", "output": "Disposisi"},
        ],
    }), encoding="utf-8")
    (project / "sinonim.yaml").write_text("sinonim:\n  - [register surat, buku agenda]\n", encoding="utf-8")
    _plugin_options(project, "sinonim: sinonim.yaml")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    yield project / "site"
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(params=["http", "file"])
def opened(request, site, browser):
    """The home page, served or from disk, and the recorder of its requests."""
    with home_page(site, browser, request.param) as opened:
        yield opened


def search(page, words: str):
    field = page.get_by_role("searchbox", name="Cari SOP")
    field.fill(words)
    expect(page.locator(".katalog-cari__info")).to_contain_text("ditemukan")
    return page.locator(".katalog-cari__item")


@pytest.mark.parametrize("words, first", [
    ("melaporkan hasil pemeliharaan", "Pemeliharaan PC dan Perangkat TI"),  # the SOP writes "Melaporkan Hasil"
    ("mengumpulkan data capaian kinerja", "Pengumpulan Data Capaian Kinerja"),
    ("SOP-026/17000/2025", "Pengiriman Dokumen"),
    ("pokja pemilihan", "SELEKSI PENYEDIA JASA KONSULTANSI NONKONSTRUKSI"),
    ("uu 11/2008", "SURVEI VOLUME PENJUALAN ECERAN BERAS"),  # cited as "Undang-Undang Nomor 11 Tahun 2008"
    ("kepala sub bagian program", "Pengumpulan Data Capaian Kinerja"),  # the column is "Kasubag Program"
    ("berita acara negosiasi", "SELEKSI PENYEDIA JASA KONSULTANSI NONKONSTRUKSI"),  # an output
    ("jasa pengiriman", "Pengiriman Dokumen"),  # a pelaksana column: "Jasa pengiriman"
    ("surat dinas portal pintar", "Pengiriman Dokumen"),  # its keterkaitan: "SOP Pembuatan Surat Dinas melalui portal pintar"
], ids=["word-form", "verb-and-noun", "nomor", "role", "regulation", "synonym", "output", "pelaksana", "keterkaitan"])
def test_each_kind_of_query_finds_its_sop_first(opened, words, first):
    page, _ = opened
    results = search(page, words)
    expect(results.first.locator(".katalog-cari__nama")).to_contain_text(first, ignore_case=True)


def test_a_unit_finds_all_its_sops_first(opened):
    page, _ = opened
    results = search(page, "change agent network")  # the unit of 327 (JOSS) and 332 (CoachMe)
    names = results.locator(".katalog-cari__nama").all_text_contents()[:2]
    assert sorted(name.split()[1] for name in names) == ["Pelaksanaan", "Penyelenggaraan"], names


def test_a_regulation_in_its_short_form_finds_every_sop_citing_it_in_full(opened):
    page, _ = opened
    results = search(page, "perpres 16/2018")  # both SOPs cite "Perpres No. 16 Tahun 2018 jo. ..."
    expect(results.locator(".katalog-cari__nama").nth(0)).to_contain_text("PROSEDUR")
    names = sorted(results.locator(".katalog-cari__nama").all_text_contents()[:2])
    assert ["KONSOLIDASI OLEH PPK" in names[0], "SELEKSI PENYEDIA JASA" in names[1]] == [True, True], names


def test_an_agencys_own_synonym_finds_what_the_sop_calls_otherwise(opened):
    page, _ = opened
    results = search(page, "register surat")  # the agency's sinonim.yaml: register surat = buku agenda
    expect(results.first.locator(".katalog-cari__cuplikan")).to_contain_text("Mencatat surat masuk di buku agenda")


def test_a_misspelt_word_is_searched_as_the_closest_word_and_the_reader_is_told(opened):
    page, _ = opened
    results = search(page, "pemeliharan pc")
    expect(page.locator(".katalog-cari__info")).to_contain_text("\u201cpemeliharaan\u201d untuk \u201cpemeliharan\u201d")
    expect(results.first.locator(".katalog-cari__nama")).to_have_text("Pemeliharaan PC dan Perangkat TI")


def test_a_result_shows_name_nomor_unit_instansi_and_the_matching_text_not_the_badge(opened):
    page, _ = opened
    result = search(page, "menyetujui transaksi pemakaian").first
    expect(result.locator(".katalog-cari__nama")).to_have_text("Alur Barang Persediaan Keluar Dengan Cara Pemakaian")
    expect(result.locator(".katalog-cari__meta")).to_have_text(
        "SOP-003/17000/2025 \u00b7 TIM BAGIAN UMUM \u00b7 Badan Pusat Statistik Provinsi Bengkulu")
    expect(result.locator(".katalog-cari__cuplikan")).to_contain_text("Menyetujui transaksi pemakaian di Aplikasi SAKTI")
    expect(result.locator("mark").first).to_have_text("Menyetujui")
    expect(result).not_to_contain_text("pemeriksaan lolos")
    result.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Alur Barang Persediaan Keluar")


def test_an_sop_name_that_is_markup_is_shown_as_text(opened):
    page, _ = opened
    title = page.title()
    result = search(page, "surat masuk").first
    expect(result.locator(".katalog-cari__nama")).to_have_text(HOSTILE_NAME)
    assert page.locator(".katalog-cari__hasil img").count() == 0
    assert page.title() == title


def test_a_query_that_finds_nothing_says_so(opened):
    page, _ = opened
    page.get_by_role("searchbox", name="Cari SOP").fill("zxqwv")
    expect(page.locator(".katalog-cari__info")).to_have_text("Tidak ada SOP yang sesuai")
    expect(page.locator(".katalog-cari__item")).to_have_count(0)
