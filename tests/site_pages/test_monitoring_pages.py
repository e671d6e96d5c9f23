"""Monitoring on the site: the SOP page's section, the Kepatuhan section, the Tabel 7 pages, hostile text as data.

A small catalogue with chosen dates is written here (two units, SOPs
monitored well, badly, "kurang baik", long ago and never) and checked on
1 July 2026 with SOPAP-E02's period set to 4 months, so that the pages must
use the configured period. Expected values come from the dates written
below, never from the pages under test.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from katalog_sop.check import check
from katalog_sop.config import parse_config
from katalog_sop.site.build import site_pages
from rules.helpers import overlay

TODAY = dt.date(2026, 7, 1)
SCRIPT = "<script>alert(1)</script>"
ONERROR = '"onerror=alert(2) x="'
HOSTILE = f"{SCRIPT} {ONERROR} <img src=x onerror=alert(3)> [tautan](javascript:alert(4)) *tebal*"

SOPS = {
    "kec/baik": ("Pelayanan Surat Pindah", "6 Januari 2025"),
    "kec/gagal": ("Penerbitan Izin Keramaian", "6 Januari 2025"),
    "kec/kurang": ("Pengarsipan Surat Masuk", "6 Januari 2025"),
    "kec/belum": ("Pelayanan Legalisasi", "2 Mei 2025"),  # never monitored, due 2 September 2025
    "sek/lama": ("Penyusunan Renja", "6 Januari 2025"),  # last monitored 10 Juni 2025, due 10 Oktober 2025
    "sek/baru": ("Pelaporan Kinerja", "1 Mei 2026"),  # in force for two months: not yet due
}

RECORDS = {
    "kec/2025-12": {"jenis": "monitoring", "tanggal": "10 Desember 2025", "penilai": {"jabatan": "Sekretaris Camat"},
                    "hasil": [{"sop": "baik", "penilaian": "tidak_berjalan_baik", "catatan": "Catatan lama"}]},
    "kec/2026-06": {
        "jenis": "monitoring", "tanggal": "15 Juni 2026", "metode": ["observasi", "wawancara_pelaksana"],
        "penilai": {"jabatan": f"Kasubag {ONERROR}", "nama": f"Penilai {SCRIPT}", "nip": "19800101 200501 1 003"},
        "hasil": [
            {"sop": "baik", "penilaian": "berjalan_baik", "catatan": "Berjalan tertib.", "tindakan": "Pertahankan."},
            {"sop": "gagal", "penilaian": "tidak_berjalan_baik", "catatan": f"Catatan {HOSTILE}",
             "tindakan": f"Tindakan {HOSTILE}"},
            {"sop": "kurang", "penilaian": "kurang_baik", "catatan": "Arsip menumpuk.", "tindakan": "Pengarahan."},
        ],
    },
    "kec/evaluasi-2026": {
        "jenis": "evaluasi", "tanggal": "20 Juni 2026", "penilai": {"jabatan": "Camat"},
        "hasil": [{"sop": "gagal", "jawaban": {"S1": "tidak", "S2": {"jawaban": "sebagian", "catatan": f"Jawab {SCRIPT}"}},
                   "kesimpulan": "direvisi", "catatan": "Revisi langkah 2."}],
    },
    "sek/2025-06": {"jenis": "monitoring", "tanggal": "10 Juni 2025", "penilai": {"jabatan": "Kabag Organisasi"},
                    "hasil": [{"sop": "lama", "penilaian": "berjalan_baik"}]},
}


def _write(root, with_records: bool = True):
    for sop_id, (nama, efektif) in SOPS.items():
        path = root / "sops" / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        unit = "Kecamatan Contoh" if sop_id.startswith("kec/") else "Sekretariat Daerah"
        data = overlay({"nama": nama, "nomor": f"800/{sop_id}", "unit": unit, "tanggal_efektif": efektif,
                        "keterkaitan": None})
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if with_records:
        for record_id, data in RECORDS.items():
            path = root / "monitoring" / f"{record_id}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config = parse_config({"rules": {"SOPAP-E02": {"periode_bulan": 4}}})
    result = check([str(root / "sops")], config=config, today=TODAY)
    assert [p.message for p in result.problems if p.code == "monitoring"] == []
    return result


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return site_pages(_write(tmp_path_factory.mktemp("monitoring")))


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    return site_pages(_write(tmp_path_factory.mktemp("tanpa"), with_records=False))


def _html(page: str) -> str:
    if page.startswith("---\n"):
        page = page.split("\n---\n", 1)[1]
    return markdown.markdown(page, extensions=["attr_list", "toc"])


def _tree(page: str) -> ET.Element:
    return ET.fromstring(f"<div>{_html(page).replace('<br>', '<br />')}</div>")


def _text(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _section(page: str, heading_id: str) -> ET.Element:
    """The elements after the h2 ``heading_id`` up to the next h2, in one element."""
    out, inside = ET.Element("div"), False
    for child in _tree(page):
        if child.tag == "h2":
            inside = child.get("id") == heading_id
        elif inside:
            out.append(child)
    return out


def _target(src: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), href))[: -len(".html")] + ".md"


def test_the_sop_page_shows_the_state_with_the_configured_period(pages):
    state = _text(_section(pages["sop/kec/baik.md"], "monitoring-dan-evaluasi").find(".//table[@class='sop-monitoring-keadaan']"))
    assert "Monitoring terakhir 15 Juni 2026: Berjalan dengan baik" in state
    assert "Monitoring berikutnya 15 Oktober 2026 (setiap 4 bulan)" in state  # SOPAP-E02's period, configured
    assert "Belum pernah dievaluasi" in state


def test_the_history_is_newest_first_with_its_record_files_linked_to_their_tabel_7(pages):
    src = "sop/kec/baik.md"
    table = _section(pages[src], "monitoring-dan-evaluasi").find(".//table[@class='sop-monitoring-riwayat']")
    rows = [[_text(cell) for cell in row] for row in table.find("tbody")]
    assert [row[0] for row in rows] == ["15 Juni 2026", "10 Desember 2025"]
    assert rows[0][2:5] == ["Berjalan dengan baik", "Berjalan tertib.", "Pertahankan."]
    assert rows[1][2] == "Tidak berjalan dengan baik" and rows[1][5] == "monitoring/kec/2025-12.yaml"
    link = table.find("tbody/tr/td/a")
    assert _text(link) == "monitoring/kec/2026-06.yaml"
    assert _target(src, link.get("href")) in pages and _target(src, link.get("href")) == "monitoring/kec/2026-06.md"


def test_evaluations_show_conclusion_and_answers(pages):
    section = _section(pages["sop/kec/gagal.md"], "monitoring-dan-evaluasi")
    assert "Evaluasi terakhir 20 Juni 2026: Direvisi" in _text(section)
    rows = section.findall(".//table[@class='sop-monitoring-riwayat']")[1].find("tbody")
    cells = [_text(cell) for cell in rows[0]]
    assert cells[0] == "20 Juni 2026" and cells[2] == "Direvisi" and cells[5] == "monitoring/kec/evaluasi-2026.yaml"
    assert "S1 Apakah SOP mendorong peningkatan kinerja" in cells[3] and "Tidak" in cells[3]
    assert f"Sebagian (Jawab {SCRIPT})" in cells[3]


def test_an_sop_never_monitored_says_so_and_is_overdue(pages):
    section = _text(_section(pages["sop/kec/belum.md"], "monitoring-dan-evaluasi"))
    assert "Belum pernah dimonitor" in section
    assert "2 September 2026" not in section and "2 September 2025, terlambat 302 hari" in section


def test_without_a_monitoring_folder_nothing_is_shown(bare):
    assert 'id="monitoring-dan-evaluasi"' not in _html(bare["sop/kec/baik.md"])
    assert not [src for src in bare if src.startswith(("monitoring/", "kepatuhan/monitoring"))]
    assert "Monitoring penerapan" not in bare["kepatuhan.md"]
    assert "Tabel 7" not in bare["unit/kec.md"]


def _rows(page: str, kind: str) -> list[list[str]]:
    table = _tree(page).find(f".//table[@data-kepatuhan='{kind}']")
    return [[_text(cell) for cell in row] for row in table.find("tbody")]


def test_the_dashboard_shows_each_unit_s_share_monitored_within_the_period(pages):
    rows = {row[0]: row for row in _rows(pages["kepatuhan.md"], "monitoring-unit")}
    # kec: baik, gagal, kurang assessed 15 Juni 2026; belum never. sek: lama too old, baru never (not yet due).
    assert rows["Kecamatan Contoh"][1:5] == ["4", "3 dari 4 (75%)", "1", "1"]
    assert [row[0] for row in _rows(pages["kepatuhan.md"], "monitoring-unit")] == ["Sekretariat Daerah", "Kecamatan Contoh"]
    sek = rows["Sekretariat Daerah"]
    assert sek[1:5] == ["2", "0 dari 2 (0%)", "1", "0"] and sek[5] == "10 Juni 2025"
    assert "Dimonitor dalam 4 bulan terakhir" in pages["kepatuhan.md"]


def test_the_dashboard_lists_failing_results_with_their_action_and_due_sops_with_dates(pages):
    problems = _rows(pages["kepatuhan.md"], "monitoring-hasil")
    assert [row[0] for row in problems] == ["Penerbitan Izin Keramaian", "Pengarsipan Surat Masuk"]
    assert problems[0][3] == "Tidak berjalan dengan baik" and problems[0][5] == f"Tindakan {HOSTILE}"
    assert problems[1][3] == "Berjalan kurang baik" and problems[1][5] == "Pengarahan."
    due = _rows(pages["kepatuhan.md"], "monitoring-jatuh-tempo")
    assert [(row[0], row[2], row[3]) for row in due] == [
        ("Pelayanan Legalisasi", "–", "2 September 2025"), ("Penyusunan Renja", "10 Juni 2025", "10 Oktober 2025")]
    assert due[0][4].startswith("belum pernah dimonitor")
    assert "kepatuhan/monitoring/index.md" in pages and "kepatuhan/monitoring/tindak-lanjut.md" in pages


def _tabel7(page: str) -> ET.Element:
    return _tree(page).find(".//div[@class='sop-tabel7']")


def test_a_round_s_tabel_7_has_the_form_s_columns_and_a_tick_in_the_right_one(pages):
    form = _tabel7(pages["monitoring/kec/2026-06.md"])
    assert _text(form.find("p")) == "MONITORING PELAKSANAAN SOP AP"
    frame = _text(form.find("table[@class='sop-tabel7-kepala']"))
    assert "Unit Kerja Kecamatan Contoh" in frame and "Tanggal Monitoring 15 Juni 2026" in frame
    assert "Observasi supervisor; Wawancara dengan pelaksana" in frame
    table = form.find("table[@class='sop-tabel7-isi']")
    head = [_text(cell) for row in table.find("thead") for cell in row]
    assert head == ["No.", "Prosedur", "Penilaian Terhadap Penerapan", "Catatan Hasil Penilaian",
                    "Tindakan yang Harus Diambil", "Paraf Penilai", "Berjalan dengan baik", "Tidak berjalan dengan baik",
                    "(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    rows = [[_text(cell) for cell in row] for row in table.find("tbody")]
    assert rows[0] == ["1", "Pelayanan Surat Pindah 800/kec/baik", "✓", "", "Berjalan tertib.", "Pertahankan.", ""]
    assert rows[1][2:4] == ["", "✓"] and rows[1][4] == f"Catatan {HOSTILE}"
    assert rows[2][2:4] == ["", "✓ kurang baik"]


def test_the_blank_tabel_7_lists_every_sop_of_the_unit_with_empty_cells(pages):
    src = "monitoring/kec/index.md"
    table = _tabel7(pages[src]).find("table[@class='sop-tabel7-isi']")
    rows = [[_text(cell) for cell in row] for row in table.find("tbody")]
    names = sorted(nama for sop_id, (nama, _) in SOPS.items() if sop_id.startswith("kec/"))
    assert [row[1].rsplit(" 800/", 1)[0] for row in rows] == names
    assert all(row[2:] == ["", "", "", "", ""] for row in rows)
    rounds = [_target(src, a.get("href")) for a in _tree(pages[src]).findall(".//table[@class='sop-monitoring-putaran']//a")]
    assert rounds == ["monitoring/kec/2026-06.md", "monitoring/kec/2025-12.md"]
    links = [_target("unit/kec.md", a.get("href")) for a in _tree(pages["unit/kec.md"]).iter("a") if a.get("href")]
    assert src in links


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


@pytest.mark.parametrize("src", ["sop/kec/gagal.md", "monitoring/kec/2026-06.md", "kepatuhan.md", "monitoring/kec/index.md",
                                 "kepatuhan/monitoring/tindak-lanjut.md"])
def test_hostile_catatan_tindakan_and_penilai_stay_text(pages, src):
    html = _html(pages[src])
    parser = _Markup()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [name for name in parser.attrs if name.startswith("on")]
    assert "javascript:" not in " ".join(a.get("href", "") for a in _tree(pages[src]).iter("a"))
    assert "<strong>tebal" not in html and "<em>tebal" not in html
    if src != "monitoring/kec/index.md":
        assert SCRIPT in _text(_tree(pages[src])), "the text is shown as written"
