"""The agency's logo in the printed kop (``kop.logo``): its link, its alt text, and a logo the site lacks.

The pages are made by :func:`site_pages` from a checked catalogue; whether
the docs folder has the file is only known in a site build, so that part is
tested through ``mkdocs build --strict`` with the plugin.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from katalog_sop.problem import Location, Severity
from katalog_sop.rules import RULES
from katalog_sop.site.build import site_pages
from katalog_sop.site.logo import CODE_LOGO, missing_logos

from conftest import REPO, check_structure
from site_pages.test_plugin import MKDOCS
from site_pages.test_site_safety import project_at

SOP = """\
nama: Penerbitan Surat Keterangan
instansi: {instansi}
unit: Kecamatan Contoh
kop:
  alamat: Jalan Merdeka 1
  logo: {logo}
pelaksana: [Petugas]
langkah:
  - {{kegiatan: Menerima berkas, pelaksana: Petugas}}
"""
LOGO_LINE, LOGO_COLUMN = 6, 9


class Kop(HTMLParser):
    """The printed form's kop cell: its images (attributes unescaped, as a browser reads them) and the order of
    its parts by class."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []
        self.order: list[str] = []
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("class") == "sop-cetak-kop":
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "img":
            self.images.append(attrs)
            self.order.append("logo")
            return
        self._depth += 1
        if attrs.get("class", "").startswith("sop-cetak-"):
            self.order.append(attrs["class"].removeprefix("sop-cetak-"))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1


def _pages(write_sop, logo="gambar/logo.png", instansi="Pemerintah Kabupaten Contoh", **options):
    path = write_sop(SOP.format(logo=logo, instansi=instansi), "surat.yaml")
    result = check_structure([str(path.parent.parent)])
    assert not [p for p in result.problems if p.is_error], result.problems
    return result, site_pages(result, **options)


def _kop(page: str) -> Kop:
    return Kop(markdown.markdown(page, extensions=["attr_list", "toc"]))


@pytest.mark.parametrize("directory_urls, src", [(False, "../../gambar/logo.png"), (True, "../../../gambar/logo.png")])
def test_the_printed_kop_shows_the_logo_first_linked_relative_to_the_page(write_sop, directory_urls, src):
    _, pages = _pages(write_sop, directory_urls=directory_urls)
    kop = _kop(pages["sop/unit/surat.md"])
    assert kop.images == [{"class": "sop-cetak-logo", "src": src, "alt": "Logo Pemerintah Kabupaten Contoh"}]
    assert kop.order[:5] == ["berlogo", "logo", "kop-teks", "instansi", "unit"]


def test_the_alt_text_is_the_instansi_as_written_escaped_once(write_sop):
    instansi = """'Kab. <b>"Contoh"</b> & {: .x} [a](b)'"""
    _, pages = _pages(write_sop, instansi=instansi)
    page = pages["sop/unit/surat.md"]
    [image] = _kop(page).images
    assert image["alt"] == 'Logo Kab. <b>"Contoh"</b> & {: .x} [a](b)'
    assert 'alt="Logo Kab. &lt;b&gt;&quot;Contoh&quot;&lt;/b&gt; &amp; {: .x} [a](b)"' in page


def test_without_a_logo_the_kop_is_text_only(check_sop):
    result = check_sop("nama: A\ninstansi: Pemda\nkop: {alamat: Jalan 1}\npelaksana: [P]\nlangkah: [{kegiatan: K, pelaksana: P}]\n")
    kop = _kop(site_pages(result)["sop/unit/contoh.md"])
    assert kop.images == [] and "berlogo" not in kop.order and kop.order[0] == "instansi"


def test_a_logo_the_site_lacks_is_a_warning_at_its_place_and_is_left_out(write_sop):
    result, _ = _pages(write_sop, logo="gambar/tidak-ada.png")
    sops = list(result.catalogue.sops.values())
    [problem] = missing_logos(sops, lambda path: False)
    assert problem.location == Location(sops[0].path, LOGO_LINE, LOGO_COLUMN, "$.kop.logo")
    assert (problem.severity, problem.code) == (Severity.WARNING, CODE_LOGO)
    assert problem.message == "berkas logo 'gambar/tidak-ada.png' tidak ada di folder docs/; logo tidak dicetak pada kop"
    assert missing_logos(sops, lambda path: path == "gambar/tidak-ada.png") == []
    absent = site_pages(result, site_file=lambda path: False)["sop/unit/surat.md"]
    assert "<img" not in absent and _kop(absent).order[0] == "instansi"
    present = site_pages(result, site_file={"gambar/tidak-ada.png"}.__contains__)["sop/unit/surat.md"]
    assert len(_kop(present).images) == 1


# --- in a site build ------------------------------------------------------------------------------


def _write(project: Path, relative: str, logo: str) -> None:
    path = project / "sops" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOP.format(logo=logo, instansi="Pemerintah Kabupaten Contoh"), encoding="utf-8")


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = project_at(tmp_path_factory.mktemp("logo"))
    (project / "docs" / "gambar").mkdir()
    shutil.copy(REPO / "docs" / "gambar" / "logo-contoh.png", project / "docs" / "gambar")
    _write(project, "umum/ada.yaml", "gambar/logo-contoh.png")
    _write(project, "umum/hilang.yaml", "gambar/logo-hilang.png")
    return project, _build(project)


def test_the_build_publishes_the_logo_and_the_page_links_it(built):
    project, result = built
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "sop" / "umum" / "ada.html").read_text(encoding="utf-8")
    [src] = re.findall(r'<img class="sop-cetak-logo" src="([^"]+)"', page)
    assert src == "../../gambar/logo-contoh.png"
    assert (project / "site" / "sop" / "umum" / src).resolve().read_bytes() == (REPO / "docs" / "gambar" / "logo-contoh.png").read_bytes()


def test_a_missing_logo_is_logged_at_its_line_shown_on_the_page_and_never_a_broken_image(built):
    project, result = built
    assert result.returncode == 0, "a warning: the site is still whole, as with every warning of an SOP"
    line = (f"sops/umum/hilang.yaml:{LOGO_LINE}:{LOGO_COLUMN}: warning[logo] berkas logo 'gambar/logo-hilang.png' "
            "tidak ada di folder docs/; logo tidak dicetak pada kop (at $.kop.logo)")
    assert line in result.stderr
    assert "Traceback" not in result.stderr
    page = (project / "site" / "sop" / "umum" / "hilang.html").read_text(encoding="utf-8")
    assert "sop-cetak-logo" not in page and "logo-hilang.png" not in page.split('class="sop-kepatuhan"')[0]
    findings = html.unescape(page.split('class="sop-kepatuhan"', 1)[1])
    assert "berkas logo 'gambar/logo-hilang.png' tidak ada di folder docs/; logo tidak dicetak pada kop" in findings


def test_with_fail_on_warning_a_missing_logo_stops_the_build(tmp_path):
    project = project_at(tmp_path)
    config = project / "mkdocs.yml"
    quiet = ", ".join(f"{rule_id}: 'off'" for rule_id in RULES)  # only the logo's warning is left to stop it
    options = f"      sops: sops\n      fail_on: warning\n      rules: {{{quiet}}}\n"
    config.write_text(config.read_text(encoding="utf-8").replace("      sops: sops\n", options), encoding="utf-8")
    _write(project, "umum/hilang.yaml", "gambar/logo-hilang.png")
    result = _build(project)
    assert result.returncode != 0
    assert f"sops/umum/hilang.yaml:{LOGO_LINE}:{LOGO_COLUMN}: warning[logo]" in result.stderr
    assert "1 berkas logo tidak ada di folder docs/; situs tidak dibuat" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()
