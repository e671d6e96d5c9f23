"""The built site against hostile and unlucky SOP sources: titles, navigation, page paths and links.

Each test builds a small catalogue with the real ``mkdocs build --strict``
and reads the pages as a browser would: parsed HTML, never string search
for the absence of a payload.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_pages.test_plugin import REPO, _build

SOP = """\
nama: {nama}
{unit}pelaksana: [{pelaksana}]
dasar_hukum: [{dasar}]
langkah:
  - kegiatan: Menerima surat
    pelaksana: {first}
    output: Surat
"""


def write_sop(project: Path, relative: str, *, nama="Penerimaan Surat", unit="Bagian Umum",
              pelaksana=("Staf",), dasar="Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik") -> None:
    path = project / "sops" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = [json.dumps(p) for p in pelaksana]
    path.write_text(
        SOP.format(nama=json.dumps(nama), unit="" if unit is None else f"unit: {json.dumps(unit)}\n", pelaksana=", ".join(quoted),
                   dasar=json.dumps(dasar), first=quoted[0]),
        encoding="utf-8",
    )


def project_at(tmp_path: Path) -> Path:
    project = tmp_path / "katalog"
    (project / "docs").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copy(REPO / "docs" / "index.md", project / "docs")
    (project / "sops").mkdir()
    return project


class Page(HTMLParser):
    """The parts of a page a reader meets: title, first heading, nav labels, elements, links."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.title, self.h1, self.elements, self.links, self.scripts = "", "", [], [], []
        self.nav_labels: list[str] = []
        self._in: list[str] = []
        self._label = False
        self._seen: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "h1" or (tag == "title" and "title" not in self._seen):  # the page's, not an SVG's
            self._in.append(tag)
            self._seen.add(tag)
        if tag == "script":
            self.scripts.append("")
        if tag == "span" and attributes.get("class") == "md-ellipsis":
            self._label = True
            self.nav_labels.append("")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "span":
            self._label = False

    def handle_data(self, data):
        if self.lasttag == "script" and self.scripts:
            self.scripts[-1] += data
        if self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "h1" and data != "¶":  # not the heading's permalink
            self.h1 += data
        if self._label:
            self.nav_labels[-1] += data


def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in site.rglob("*.html") if "assets" not in p.parts}


def built(project: Path) -> Path:
    result = _build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def injected(page: Page) -> list:
    """Elements or attributes that only a payload could have made."""
    elements = [(tag, a) for tag, a in page.elements if tag in ("img", "b", "i") or any(n.startswith("on") for n in a)]
    return elements + [script for script in page.scripts if "alert" in script]


def test_titles_show_sop_text_as_text_on_every_page(tmp_path):
    project = project_at(tmp_path)
    nama = "</title><script>alert(1)</script> & <b>Surat</b>"
    write_sop(project, "umum/surat.yaml", nama=nama, unit="<i>Bagian</i> Umum",
              pelaksana=("<img src=x onerror=alert(3)>", "Staf"), dasar="</title><script>alert(2)</script>")
    site = built(project)
    found = pages(site)
    sop_page = next(p for src, p in found.items() if src.startswith("sop/"))
    assert sop_page.title == f"{nama} · <i>Bagian</i> Umum - Katalog SOP", "the unit tells same-named SOPs apart"
    assert sop_page.h1.strip() == nama
    titles = {p.title for p in found.values()}
    assert "<i>Bagian</i> Umum - Katalog SOP" in titles
    assert "Pelaksana: <img src=x onerror=alert(3)> - Katalog SOP" in titles
    assert "</title><script>alert(2)</script> - Katalog SOP" in titles
    for src, page in found.items():
        assert injected(page) == [], src


def test_a_carriage_return_in_the_name_does_not_cut_the_heading_or_title(tmp_path):
    project = project_at(tmp_path)
    write_sop(project, "umum/surat.yaml", nama="Penerimaan\rSurat\u2028Masuk")
    site = built(project)
    page = pages(site)["sop/umum/surat.html"]
    assert page.h1.strip() == "Penerimaan Surat Masuk"
    assert page.title == "Penerimaan Surat Masuk · Bagian Umum - Katalog SOP"


def test_navigation_names_units_from_the_data_and_never_shows_a_folder_name_as_markup(tmp_path):
    project = project_at(tmp_path)
    folder = "<img src=x onerror=alert(1)>"
    write_sop(project, f"{folder}/surat.yaml", unit="Bagian <Umum>")
    write_sop(project, "tanpa-nama-unit/arsip.yaml", nama="Pengarsipan", unit=None)
    site = built(project)
    for src, page in pages(site).items():
        assert injected(page) == [], src
        assert folder not in page.nav_labels, src
    labels = [" ".join(label.split()) for label in pages(site)["index.html"].nav_labels]
    assert "Unit kerja" in labels and "Instansi tidak disebut" in labels and "Unit" in labels and "Dasar Hukum" in labels
    unit_page = next(p for p in pages(site).values() if p.h1.strip() == "Bagian <Umum>")
    labels = [" ".join(label.split()) for label in unit_page.nav_labels]
    assert "Bagian <Umum>" in labels and "Tanpa Nama Unit" in labels, "units by their names"


def test_long_names_get_bounded_page_paths(tmp_path):
    project = project_at(tmp_path)
    long_name = "Kepala " + "Sub Bagian Tata Usaha dan Kepegawaian " * 8
    write_sop(project, "umum/" + "p" * 245 + ".yaml", pelaksana=(long_name.strip(),))
    write_sop(project, "umum/surat.yaml", pelaksana=[f"Pejabat {i} " + "x" * 290 for i in range(3)])
    site = built(project)
    names = [p.name for p in site.rglob("*")]
    assert max(len(name.encode()) for name in names) <= 100
    assert len(list((site / "sop" / "umum").glob("*.html"))) == 2
    assert len(list((site / "pelaksana").glob("*.html"))) == 1 + 4


def test_units_pelaksana_and_folders_named_like_generated_pages_never_overwrite_each_other(tmp_path):
    project = project_at(tmp_path)
    write_sop(project, "index/surat.yaml", nama="Surat di folder index", unit=None)
    write_sop(project, "tanpa-unit/arsip.yaml", nama="Arsip di folder tanpa-unit", unit=None)
    write_sop(project, "langsung.yaml", nama="SOP langsung di folder sops", unit=None, pelaksana=("Index",))
    site = built(project)
    found = pages(site)
    h1s = sorted(page.h1.strip() for page in found.values())
    for nama in ("Surat di folder index", "Arsip di folder tanpa-unit", "SOP langsung di folder sops"):
        assert h1s.count(nama) == 1
    unit_pages = sorted(p.h1.strip() for src, p in found.items() if src.startswith("unit/"))
    assert unit_pages == ["(Tanpa unit)", "Indeks Unit", "Index", "Tanpa Unit"]  # none overwritten
    assert found["pelaksana/index.html"].h1.strip() == "Indeks Pelaksana"
    assert "Pelaksana: Index" in {p.h1.strip() for p in found.values()}


def test_a_page_path_claimed_twice_stops_the_build_with_both_sources(tmp_path, monkeypatch):
    from katalog_sop.check import check
    from katalog_sop.site import paths
    from katalog_sop.site.build import PageCollision, site_pages

    project = project_at(tmp_path)
    write_sop(project, "umum/a b.yaml")
    write_sop(project, "umum/a  b.yaml")
    monkeypatch.setattr(paths, "HASH_LENGTH", 0)  # what a hash collision would do
    with pytest.raises(PageCollision) as raised:
        site_pages(check([str(project / "sops")]))
    assert "sops/umum/a b.yaml" in str(raised.value) and "sops/umum/a  b.yaml" in str(raised.value)


def _resolves(site: Path, page: str, href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return (site / target).is_file() or (site / target / "index.html").is_file()


def test_links_to_pages_of_files_with_url_characters_resolve(tmp_path):
    project = project_at(tmp_path)
    write_sop(project, "unit #1?%/surat #2?x=1%20.yaml", unit="Unit #1")
    write_sop(project, "umum/arsip%.yaml", nama="Arsip")
    site = built(project)
    broken = [(src, href) for src, page in pages(site).items() if src != "404.html"  # served from any depth: root-relative
              for href in page.links if not _resolves(site, src, href)]
    assert broken == []
    data = json.loads((site / "compliance.json").read_text(encoding="utf-8"))
    assert len(data["sops"]) == 2
    for sop in data["sops"]:
        assert _resolves(site, "compliance.json", sop["page"]), sop["page"]
    script = (site / "kepatuhan" / "sop" / "data.js").read_text(encoding="utf-8")  # the SOP list's rows, from the site's root
    rows = json.loads(script.split(" = ", 1)[1].rstrip().rstrip(";"))
    assert len(rows["sop"]) == 2
    for href in [row[0] for row in rows["sop"]] + [page for _, _, page in rows["unit"]]:
        assert _resolves(site, "index.html", href), href


def test_a_file_name_that_is_not_utf8_is_published_under_its_escaped_name(tmp_path):
    project = project_at(tmp_path)
    write_sop(project, "umum/surat.yaml", nama="Surat Masuk")
    (project / "sops" / "umum" / "surat.yaml").rename(os.fsdecode(bytes(project / "sops" / "umum") + b"/surat\xff.yaml"))
    site = built(project)
    assert [p.h1.strip() for src, p in pages(site).items() if src.startswith("sop/")] == ["Surat Masuk"]
    data = json.loads((site / "compliance.json").read_text(encoding="utf-8"))
    assert [sop["path"] for sop in data["sops"]] == ["sops/umum/surat\\xff.yaml"]
