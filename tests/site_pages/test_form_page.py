"""The hand-written page on the SOP AP form: the anchors that code and rule documentation link to."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "formulir-sop-ap.md"

# Linked from code and from the rule documentation: renaming one breaks those links.
ANCHORS = ["identitas", "flowchart", "simbol", "mutu-baku", "kegiatan", "pelaksana", "monitoring", "praktik", "tidak-diatur"]

REGULATION = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang "
    "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"
)


def _extensions() -> list[str]:
    """The Markdown extensions mkdocs.yml enables, so the ids come out as on the site."""
    # BaseLoader: reads the tags MkDocs configurations may carry (!!python/name:...) as plain text.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]


def _html() -> str:
    return markdown.markdown(PAGE.read_text(encoding="utf-8"), extensions=_extensions())


def test_the_sections_have_their_stable_ids_in_order():
    ids = re.findall(r'<h2 id="([^"]+)"', _html())
    assert ids == ANCHORS


def test_every_in_page_link_names_an_id_of_the_page():
    html = _html()
    ids = set(re.findall(r' id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets, "the page links its own sections"
    assert targets <= ids


def test_the_regulation_is_named_in_full():
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert REGULATION in text


def test_the_page_says_how_the_catalogue_grades_findings():
    html = _html()
    section = html.split('id="tidak-diatur"', 1)[1]
    assert "galat" in section and "peringatan" in section
    assert 'href="aturan.md"' in section
