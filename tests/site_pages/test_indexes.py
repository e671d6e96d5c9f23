"""Index pages as readers use them: dasar hukum by the hierarchy of regulations, and kategori (katalog_sop.site.indexes)."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

import markdown

from katalog_sop.check import check
from katalog_sop.site.build import site_pages
from katalog_sop.site.paths import Paths, legal_key

PATHS = Paths()


def _pages(tmp_path, sops: dict[str, tuple[list[str], str | None]]) -> dict[str, str]:
    """The site's pages for SOPs by id, each with its dasar hukum and kategori (``None``: not written)."""
    for sop_id, (dasar_hukum, kategori) in sops.items():
        lines = [f"nama: SOP {sop_id.split('/')[-1]}", "unit: Bagian Umum"]
        if kategori is not None:
            lines.append(f"kategori: {kategori!r}")
        if dasar_hukum:
            lines += ["dasar_hukum:", *(f"  - {text!r}" for text in dasar_hukum)]
        lines += ["pelaksana: [Petugas, Kepala]", "langkah: [{kegiatan: Menerima berkas, pelaksana: Petugas}]"]
        path = tmp_path / "sops" / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check([str(tmp_path / "sops")], rules=())
    assert [p for p in result.problems if p.is_error] == []
    return site_pages(result)


def _root(page: str) -> ET.Element:
    return ET.fromstring(f"<div>{markdown.markdown(page, extensions=['attr_list', 'toc'])}</div>")


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _sections(page: str) -> list[tuple[str, list[str]]]:
    """Each ``##`` heading of a page with the entries (list items, as read) under it."""
    found: list[tuple[str, list[str]]] = []
    for element in _root(page):
        if element.tag == "h2":
            found.append((_text(element), []))
        elif element.tag == "ul" and found:
            found[-1][1].extend(_text(li) for li in element.iter("li"))
    return found


DASAR = {
    "a/perwal": (["Peraturan Walikota Tegal Nomor 56 Tahun 2021 tentang Susunan Organisasi Dinas"], None),
    "a/permen": (["Permendagri No. 52/2011",
                  "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur"], None),
    "a/uu-lama": (["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"], None),
    "a/uu-baru": (["UU 23/2014 tentang Pemerintahan Daerah", "Undang-Undang Nomor 25 Tahun 2009"], None),
    "b/pp": (["Peraturan Pemerintah Nomor 13 Tahun 2019 tentang Laporan dan Evaluasi Penyelenggaraan Pemerintahan "
              "Daerah (Lembaran Negara Republik Indonesia Tahun 2019 Nomor 52)"], None),
    "b/perpres": (["Peraturan Presiden nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"], None),
    "b/perda": (["Peraturan Daerah Kota Tarakan Nomor 9 Tahun 2020 tentang Perangkat Daerah"], None),
    "b/lain": (["Surat Edaran Sekretaris Daerah Nomor 800 Tahun 2022 tentang Jam Kerja",
                "Arahan pimpinan tentang tertib administrasi"], None),
    "b/uud": (["Undang-Undang Dasar Negara Republik Indonesia Tahun 1945"], None),
}


def test_the_legal_index_is_ordered_by_the_hierarchy_and_says_what_each_regulation_is_about(tmp_path):
    pages = _pages(tmp_path, DASAR)
    sections = _sections(pages[PATHS.LEGAL])
    assert [heading for heading, _ in sections] == [
        "Undang-Undang Dasar", "Undang-Undang dan Perppu", "Peraturan Pemerintah",
        "Peraturan, Keputusan, dan Instruksi Presiden", "Peraturan dan Keputusan Menteri", "Peraturan Daerah",
        "Peraturan dan Keputusan Kepala Daerah", "Lainnya",
    ]
    entries = dict(sections)
    assert entries["Undang-Undang dan Perppu"] == [  # the newest first; what each is about, as cited
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (1 SOP)",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (2 SOP)",
    ]
    assert entries["Peraturan Pemerintah"] == [
        "Peraturan Pemerintah Nomor 13 Tahun 2019 tentang Laporan dan Evaluasi Penyelenggaraan Pemerintahan Daerah (1 SOP)"]
    assert entries["Peraturan dan Keputusan Menteri"] == [
        "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur (1 SOP)"]
    # A text that cannot be read keeps its whole wording as its title, once.
    assert "Arahan pimpinan tentang tertib administrasi (1 SOP)" in entries["Lainnya"]
    assert entries["Lainnya"][0].startswith("Surat Edaran"), "a dated regulation before a text that cannot be read"


def test_each_regulation_page_says_what_it_is_about_under_its_title(tmp_path):
    pages = _pages(tmp_path, DASAR)
    root = _root(pages[PATHS.dasar_hukum("UU 25/2009")])
    assert _text(root.find("h1")) == "Undang-Undang Nomor 25 Tahun 2009"
    assert _text(root.find("p")) == "tentang Pelayanan Publik"
    assert legal_key("UU 25/2009") == legal_key("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik")


def test_hostile_tentang_and_kategori_are_shown_as_text(tmp_path):
    hostile = "<script>alert(1)</script> *Tata* [Kerja](javascript:x) &amp; {: .kelas}"
    pages = _pages(tmp_path, {"a/x": ([f"Peraturan Presiden Nomor 1 Tahun 2020 tentang {hostile}"], hostile)})
    for src in (PATHS.LEGAL, PATHS.dasar_hukum("Perpres 1/2020"), PATHS.KATEGORI, PATHS.kategori(hostile), PATHS.sop("a/x")):
        root = _root(pages[src])
        assert root.find(".//script") is None and root.find(".//em") is None, src
        assert [a.get("href") for a in root.iter("a") if ":" in (a.get("href") or "")] == [], src  # relative links only
        assert hostile in _text(root), src


KATEGORI = {
    "umum/cuti": ([], "Kepegawaian"),
    "umum/mutasi": ([], " kepegawaian "),
    "keuangan/spj": ([], "Keuangan"),
    "umum/surat": ([], None),
}


def test_the_kategori_index_lists_each_kategori_with_its_count_and_those_without_last(tmp_path):
    pages = _pages(tmp_path, KATEGORI)
    landing = _root(pages[PATHS.KATEGORI])
    assert _text(landing.find("h1")) == "Indeks Kategori"
    entries = [(_text(li), li.find("a").get("href")) for li in landing.iter("li")]
    assert entries == [
        ("Kepegawaian (2 SOP)", "kepegawaian.html"),  # two spellings of one kategori meet
        ("Keuangan (1 SOP)", "keuangan.html"),
        ("Tanpa kategori (1 SOP)", "_tanpa-kategori.html"),
    ]
    kepegawaian = _root(pages["kategori/kepegawaian.md"])
    assert [_text(a) for a in kepegawaian.iter("a")] == ["SOP cuti", "SOP mutasi"]
    assert [_text(a) for a in _root(pages["kategori/_tanpa-kategori.md"]).iter("a")] == ["SOP surat"]


def test_an_sop_page_names_its_kategori_and_links_to_its_page(tmp_path):
    pages = _pages(tmp_path, KATEGORI)
    subtitle = _root(pages[PATHS.sop("keuangan/spj")]).find(".//p[@class='sop-subjudul']")
    assert _text(subtitle) == "Bagian Umum · Kategori Keuangan"
    assert subtitle.find(".//a").get("href") == "../../kategori/keuangan.html"
    assert "Kategori" not in _text(_root(pages[PATHS.sop("umum/surat")]).find(".//p[@class='sop-subjudul']"))
    printed = _root(pages[PATHS.sop("keuangan/spj")]).find(".//div[@class='sop-cetak']")
    assert printed is not None and "Keuangan" not in _text(printed), "the form has no place for a kategori"


def test_without_any_kategori_there_is_no_kategori_index(tmp_path):
    pages = _pages(tmp_path, {"umum/surat": ([], None)})
    assert [src for src in pages if src.startswith("kategori/")] == []


def test_a_list_named_by_many_sops_is_split_into_linked_pages_in_natural_order(tmp_path, monkeypatch):
    from katalog_sop.site import sop_list

    monkeypatch.setattr(sop_list, "LIST_PAGE", 2)
    regulation = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
    pages = _pages(tmp_path, {f"a/{n}": ([regulation], "Layanan") for n in (1, 2, 10, 3, 20)})
    for first in (PATHS.pelaksana("Petugas"), PATHS.dasar_hukum(regulation), PATHS.kategori("Layanan"), PATHS.unit("a")):
        parts = [first, *(sop_list.part_path(first, n) for n in (2, 3))]
        assert [src for src in pages if src == first or src.startswith(first[:-3] + "--")] == parts, first
        listed = []
        for number, src in enumerate(parts, start=1):
            root = _root(pages[src])
            listed += [_text(a) for ul in root.iter("ul") for a in ul.iter("a")]
            pager = root.find(".//nav[@class='sop-halaman']")
            others = [a.get("href") for a in pager.iter("a") if a.get("href")]
            assert len(others) == 2 and pager.find(".//a[@aria-current='page']").text == str(number), src
            for href in others:  # every link leads to one of the list's pages
                target = posixpath.normpath(posixpath.join(posixpath.dirname(src), href))[: -len(".html")] + ".md"
                assert target in parts, (src, href)
        assert listed == ["SOP 1", "SOP 2", "SOP 3", "SOP 10", "SOP 20"], first
    assert "Ditulis pada SOP sebagai" in pages[PATHS.dasar_hukum(regulation)]
    assert "Ditulis pada SOP sebagai" not in pages[sop_list.part_path(PATHS.dasar_hukum(regulation), 2)]


def test_a_missing_sop_named_by_many_names_ten_on_its_line_and_all_on_a_page_of_their_own(tmp_path):
    for n in range(1, 13):
        path = tmp_path / "sops" / "a" / f"{n}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"nama: SOP {n}\nunit: Bagian Umum\nketerkaitan: ['SOP <Belum> Disusun']\n"
                        "pelaksana: [Petugas]\nlangkah: [{kegiatan: Menerima berkas, pelaksana: Petugas}]\n", encoding="utf-8")
    result = check([str(tmp_path / "sops")], rules=())
    pages = site_pages(result)
    line = _root(pages[PATHS.MISSING]).find(".//li")
    links = [a for a in line.iter("a")]
    assert [_text(a) for a in links] == [f"SOP {n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)] + ["dan 2 SOP lain"]
    assert _text(line).startswith("SOP <Belum> Disusun")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(PATHS.MISSING), links[-1].get("href")))[: -len(".html")] + ".md"
    listed = [_text(a) for ul in _root(pages[target]).iter("ul") for a in ul.iter("a")]
    assert sorted(listed) == sorted(f"SOP {n}" for n in range(1, 13))
