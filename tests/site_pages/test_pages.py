"""Generated pages: SOP text shown as written, links both ways, indexes that meet."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown


from katalog_sop.site.build import site_pages
from katalog_sop.keterkaitan import title_key
from katalog_sop.site.markup import Urls, esc
from katalog_sop.site.paths import legal_key
from katalog_sop.waktu_total import total_waktu

from conftest import check_structure

A = """\
nama: 'Uji <b>tebal</b> *miring* [tautan](http://x) {: .kelas} & \\'
nomor: 800/01/A
pelaksana: [Sekretaris, Kepala Bagian]
dasar_hukum:
  - Permendagri No. 52/2011
  - Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur
keterkaitan:
  - SOP Penerimaan Surat
  - 800/02/B
  - SOP Yang Tidak Ada
langkah:
  - kegiatan: 'Menerima <script>alert(1)</script> surat'
    pelaksana: Sekretaris
    waktu: 30 menit
  - kegiatan: Memeriksa surat
    pelaksana: Kepala Bagian
    waktu: 2 jam
    cabang: [{label: Lengkap, ke: 3}, {label: Tidak, ke: 1}]
  - kegiatan: Mengarsipkan surat
    pelaksana: Sekretaris
    waktu: 1 hari
"""

TITLE = "Uji <b>tebal</b> *miring* [tautan](http://x) {: .kelas} & \\"

B = """\
nama: Penerimaan Surat
nomor: 800/02/B
pelaksana: [Sekretaris, Staf]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Staf
  - kegiatan: Mencatat surat
    pelaksana: Sekretaris
"""


def _catalogue(write_sop):
    write_sop(A, "a.yaml")
    path = write_sop(B, "b.yaml")
    result = check_structure([str(path.parent.parent)])
    assert not [p for p in result.problems if p.is_error], result.problems
    return result, site_pages(result)


def _html(page: str) -> str:
    return markdown.markdown(page, extensions=["attr_list", "toc"])


def test_sop_text_is_shown_exactly_as_written(write_sop):
    _, pages = _catalogue(write_sop)
    html = _html(pages["sop/unit/a.md"])
    root = ET.fromstring(f"<div>{html}</div>")
    title = root.find("h1")
    assert "".join(title.itertext()) == TITLE
    assert list(title) == [], "no markup was made from the SOP's text"
    assert "<script>" not in html and "&lt;script&gt;" in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;")
    cells = ["".join(td.itertext()) for td in root.iter("td")]
    assert "Menerima <script>alert(1)</script> surat" in cells


def test_keterkaitan_links_both_ways_and_missing_sops_are_listed(write_sop):
    _, pages = _catalogue(write_sop)
    a = ET.fromstring(f"<div>{_html(pages['sop/unit/a.md'])}</div>")
    links = {"".join(x.itertext()): x.get("href") for x in a.iter("a")}
    # by name (a leading "SOP" does not matter) and by nomor
    assert links["SOP Penerimaan Surat"] == "b.html" and links["800/02/B"] == "b.html"
    assert "SOP Yang Tidak Ada" not in links
    b = ET.fromstring(f"<div>{_html(pages['sop/unit/b.md'])}</div>")
    back = {"".join(x.itertext()): x.get("href") for x in b.iter("a")}
    assert back[TITLE] == "a.html"
    missing = _html(pages["sop-belum-ada.md"])
    assert "SOP Yang Tidak Ada" in missing and "../" not in missing.split("SOP Yang Tidak Ada")[0][-5:]


def test_two_spellings_of_one_regulation_meet_on_one_page(write_sop):
    _, pages = _catalogue(write_sop)
    assert legal_key("Permendagri No. 52/2011") == legal_key(
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur"
    )
    page = pages[f"dasar-hukum/{legal_key('Permendagri No. 52/2011')}.md"]
    assert page.startswith("# Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011")
    assert "Permendagri No&#46; 52/2011" in page and "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang" in page


def test_pelaksana_and_unit_indexes(write_sop):
    _, pages = _catalogue(write_sop)
    sekretaris = pages["pelaksana/sekretaris.md"]
    assert "Penerimaan Surat" in sekretaris and "Uji" in sekretaris
    assert "Penerimaan Surat" in pages["pelaksana/staf.md"] and "Uji" not in pages["pelaksana/staf.md"]
    assert "(2 SOP)" in pages["unit/index.md"]


def test_total_time_follows_the_main_path(write_sop):
    result, _ = _catalogue(write_sop)
    total = total_waktu(result.catalogue.sops["unit/a"])
    assert total.steps == (1, 2, 3)
    assert total.text == "1 hari + 2 jam 30 menit"


def test_title_keys_ignore_case_punctuation_and_a_leading_sop():
    assert title_key("SOP Penyusunan  Anggaran.") == title_key("penyusunan anggaran") == "penyusunananggaran"


def test_links_are_relative_for_files_and_folders():
    assert Urls(False).href("sop/a/b.md", "pelaksana/x.md") == "../../pelaksana/x.html"
    assert Urls(True).href("sop/a/b.md", "pelaksana/x.md") == "../../../pelaksana/x/"
    assert Urls(False).href("unit/index.md", "unit/a.md") == "a.html"


def test_escaping_makes_markdown_specials_inert():
    html = markdown.markdown(f"# {esc('*a* _b_ `c` [d](e)')}")
    assert "<em>" not in html and "<code>" not in html and "<a " not in html


def test_a_crowded_letter_is_split_over_pages_of_bounded_size(write_sop, monkeypatch):
    from katalog_sop.site import indexes

    monkeypatch.setattr(indexes, "LETTER_PAGE", 1)
    write_sop(B.replace("Penerimaan Surat", "Pengarsipan Surat").replace("800/02/B", "800/03/C"), "c.yaml")
    _, pages = _catalogue(write_sop)
    assert "Penerimaan Surat" in pages["a-z/p.md"] and "Pengarsipan Surat" in pages["a-z/p-2.md"]
    assert "P &#40;1–1&#41;" in pages["a-z/index.md"] and "P &#40;2–2&#41;" in pages["a-z/index.md"]


def test_units_of_one_name_in_two_instansi_are_told_apart_and_grouped_by_instansi(tmp_path):
    sops = tmp_path / "sops"
    for folder, instansi in (("puskesmas-a-tu", "Puskesmas Sungai Raya"), ("puskesmas-b-tu", "Puskesmas Sungai Ambawang")):
        (sops / folder).mkdir(parents=True)
        (sops / folder / "surat.yaml").write_text(
            f"nama: Pengelolaan Surat\ninstansi: {instansi}\nunit: Bagian Tata Usaha\n"
            "pelaksana: [Petugas]\nlangkah: [{kegiatan: Menerima surat, pelaksana: Petugas}]\n", encoding="utf-8")
    result = check_structure([str(sops)])
    pages = site_pages(result)
    index = pages["unit/index.md"]
    assert "## Puskesmas Sungai Ambawang" in index and "## Puskesmas Sungai Raya" in index
    assert "Bagian Tata Usaha \u2014 Puskesmas Sungai Raya" in index and "Bagian Tata Usaha \u2014 Puskesmas Sungai Ambawang" in index
