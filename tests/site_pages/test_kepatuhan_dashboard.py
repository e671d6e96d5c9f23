"""The Kepatuhan section as an auditor reads it: worst first, counts that lead to their SOPs, reviews due, CSV files.

A small catalogue with chosen dates is checked with every default rule on
1 July 2025. Expected values come from the check itself (compliance.json,
the findings of SOPAP-W03) or from the dates written below, never from the
pages under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import textwrap
import xml.etree.ElementTree as ET

import markdown
import pytest

from katalog_sop.check import check
from katalog_sop.config import parse_config
from katalog_sop.site.build import site_data, site_pages
from katalog_sop.site.kepatuhan import letak

TODAY = dt.date(2025, 7, 1)
HOSTILE = '=HYPERLINK("http://contoh.invalid","klik") <script>alert(1)</script>'

SOPS = {
    "a/lama": ("Pengarsipan Surat", "tanggal_efektif: 2 Januari 2024"),  # due 2 Jan 2025: overdue
    "a/segera": ("Penerimaan Tamu", "tanggal_efektif: 15 Agustus 2024"),  # due 15 Aug 2025: in 45 days
    "b/rencana": ("Penyusunan Renja", "tanggal_efektif: 1 Januari 2024\ntanggal_revisi: 20 Juli 2025"),  # planned
    "b/baru": ("Pelaporan Kinerja", "tanggal_efektif: 1 Juni 2025"),  # due June 2026: not listed
    "b/tanpa": ("Pengadaan ATK", ""),  # no date at all: not listed
    "c/jahat": (HOSTILE, "tanggal_efektif: 3 Maret 2024"),  # overdue, with a name that must stay data
}


def _sop(nama: str, dates: str) -> str:
    return textwrap.dedent("""\
        nama: '{nama}'
        nomor: 800/01/A
        {dates}
        pelaksana: [Sekretaris, Kepala Bagian]
        langkah:
          - {{kegiatan: Menerima berkas, pelaksana: Sekretaris, waktu: 10 menit, kelengkapan: Berkas, output: Berkas}}
          - {{kegiatan: Memeriksa berkas, pelaksana: Kepala Bagian, waktu: 1 hari, kelengkapan: Berkas, output: Berkas}}
        """).format(nama=nama.replace("'", "''"), dates=dates.replace("\n", "\n"))


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    root = tmp_path_factory.mktemp("kepatuhan")
    for sop_id, (nama, dates) in SOPS.items():
        path = root / "sops" / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_sop(nama, dates), encoding="utf-8")
    return check([str(root / "sops")], config=parse_config(None), today=TODAY)


@pytest.fixture(scope="module")
def pages(result):
    return site_pages(result)


@pytest.fixture(scope="module")
def files(result):
    return site_data(result)


@pytest.fixture(scope="module")
def data(files):
    return json.loads(files["compliance.json"])


def _tree(page: str) -> ET.Element:
    if page.startswith("---\n"):
        page = page.split("\n---\n", 1)[1]
    html = markdown.markdown(page, extensions=["attr_list", "toc"]).replace("<br>", "<br />")
    return ET.fromstring(f"<div>{html}</div>")


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _rows(root: ET.Element, kind: str) -> list[ET.Element]:
    table = root.find(f".//table[@data-kepatuhan='{kind}']")
    return [] if table is None else list(table.find("tbody"))


def _target(src: str, href: str) -> str:
    """The source path of the page a relative link in page ``src`` leads to (``.html`` links)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), href.split("#")[0]))[: -len(".html")] + ".md"


def _csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff"), "a byte-order mark, so that spreadsheets read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def _share(entry: dict) -> float:
    return entry["passed"] / entry["checks"]


def test_the_dashboard_answers_in_the_auditor_s_order(pages):
    headings = [_text(h) for h in _tree(pages["kepatuhan.md"]).iter("h2")]
    assert headings == ["Ringkasan", "Unit", "Aturan", "Perlu ditinjau", "SOP"]


def test_units_come_worst_first(pages, data):
    shown = [row.get("data-unit") for row in _rows(_tree(pages["kepatuhan.md"]), "unit")]
    shares = {u["id"]: _share(u) for u in data["units"]}
    assert sorted(shown) == sorted(shares)
    assert [shares[u] for u in shown] == sorted(shares.values())
    assert shares[shown[0]] < shares[shown[-1]], "the catalogue was made with units that differ"


def test_rules_come_most_failing_first_with_their_titles_and_quiet_rules_folded(pages, data, result):
    root = _tree(pages["kepatuhan.md"])
    failing = {r["id"]: r["sops_failing"] for r in data["per_rule"]}
    quiet = {r["id"] for r in data["per_rule"] if not (r["sops_failing"] or r["findings"] or r["suppressed"])}
    shown = [row.get("data-rule") for row in _rows(root, "aturan")]
    folded = [row.get("data-rule") for row in _rows(root, "aturan-nol")]
    assert quiet and set(folded) == quiet and not quiet & set(shown)
    assert set(shown) | set(folded) == set(failing)
    assert [failing[r] for r in shown] == sorted((failing[r] for r in shown), reverse=True)
    assert root.find(".//details[@class='sop-lipat']/summary") is not None
    titles = {rule.id: rule.summary.replace("``", "") for rule in result.rules}
    for row in _rows(root, "aturan"):
        assert _text(row[1]) == " ".join(titles[row.get("data-rule")].split())


def test_each_failing_count_leads_to_the_sops_that_fail_the_rule(pages, data):
    failed_by = {}
    for sop in data["sops"]:
        for rule_id in sop["failed"]:
            failed_by.setdefault(rule_id, set()).add(sop["page"])
    rows = _rows(_tree(pages["kepatuhan.md"]), "aturan")
    assert any(row.get("data-rule") in failed_by for row in rows)
    for row in rows:
        link = row[3].find("a")
        if row.get("data-rule") not in failed_by:
            assert link is None and _text(row[3]) == "0"
            continue
        target = _target("kepatuhan.md", link.get("href"))
        assert target == letak.rule(row.get("data-rule"))
        listed = {_target(target, r[0].find("a").get("href")) for r in _rows(_tree(pages[target]), "gagal")}
        assert {p[: -len(".html")] + ".md" for p in failed_by[row.get("data-rule")]} == listed
        assert _text(row[3]) == str(len(listed))


def test_reviews_due_are_listed_with_their_dates_as_rule_w03_counts_them(pages, data):
    rows = _rows(_tree(pages["kepatuhan.md"]), "tinjauan")
    by_sop = {_target("kepatuhan.md", r[0].find("a").get("href")): [_text(td) for td in r] for r in rows}
    assert by_sop == {
        "sop/a/lama.md": ["Pengarsipan Surat", "A", "2 Januari 2024", "2 Januari 2025", "terlambat 5 bulan"],
        "sop/c/jahat.md": [HOSTILE, "C", "3 Maret 2024", "3 Maret 2025", "terlambat 3 bulan"],
        "sop/b/rencana.md": ["Penyusunan Renja", "B", "1 Januari 2024", "20 Juli 2025", "rencana tinjauan dalam 19 hari"],
        "sop/a/segera.md": ["Penerimaan Tamu", "A", "15 Agustus 2024", "15 Agustus 2025", "jatuh tempo dalam 45 hari"],
    }
    assert list(by_sop) == ["sop/a/lama.md", "sop/c/jahat.md", "sop/b/rencana.md", "sop/a/segera.md"], "most overdue first"
    overdue = {f"sop/{s['id']}.md" for s in data["sops"] if "SOPAP-W03" in s["failed"]}
    assert overdue == {src for src, cells in by_sop.items() if cells[-1].startswith("terlambat")}
    assert "2 SOP terlambat ditinjau" in _text(_tree(pages["kepatuhan.md"]).find(".//div[@class='sop-angka']"))


def test_the_sop_list_is_paginated_worst_first(result, data, monkeypatch):
    monkeypatch.setattr(letak, "PAGE_SIZE", 4)
    pages = site_pages(result)
    worst = sorted(data["sops"], key=lambda s: _share(s))
    lists = [letak.sop_list(1), letak.sop_list(2)]
    assert sorted(src for src in pages if src.startswith("kepatuhan/sop/")) == sorted(lists)
    listed = []
    for n, src in enumerate(lists, start=1):
        root = _tree(pages[src])
        listed += [row.get("data-sop") for row in _rows(root, "sop")]
        pager = root.find(".//nav[@class='sop-halaman']")
        assert [a.get("href") for a in pager.iter("a") if a.get("href")] == [_href(src, lists[n % 2])]
        assert pager.find(".//a[@aria-current='page']").text == str(n)
    assert listed == [s["id"] for s in sorted(data["sops"], key=lambda s: (_share(s), -s["counts"]["error"], -s["counts"]["warning"], s["nama"].casefold()))][: len(listed)]
    assert sorted(listed) == sorted(s["id"] for s in worst) and len(listed) == 6


def _href(src: str, target: str) -> str:
    return posixpath.relpath(target[: -len(".md")] + ".html", posixpath.dirname(src))


def test_every_table_has_its_csv_with_the_same_rows(pages, files, data):
    root = _tree(pages["kepatuhan.md"])
    downloads = {a.get("href") for a in root.iter("a") if a.get("download") is not None}
    assert downloads == {"kepatuhan/unit.csv", "kepatuhan/aturan.csv", "kepatuhan/tinjauan.csv", "kepatuhan/sop.csv"}
    units = _csv(files[letak.CSV_UNIT])
    assert [u["unit"] for u in units] == [_text(r[0]) for r in _rows(root, "unit")]
    rules = _csv(files[letak.CSV_RULES])
    assert [r["aturan"] for r in rules][: len(_rows(root, "aturan"))] == [r.get("data-rule") for r in _rows(root, "aturan")]
    assert {r["aturan"]: int(r["sop_gagal"]) for r in rules} == {r["id"]: r["sops_failing"] for r in data["per_rule"]}
    sops = _csv(files[letak.CSV_SOP])
    assert [s["id"] for s in sops] == [r.get("data-sop") for r in _rows(_tree(pages[letak.sop_list()]), "sop")]
    by_id = {s["id"]: s for s in data["sops"]}
    for row in sops:
        expected = by_id[row["id"]]
        assert (int(row["lolos"]), int(row["pemeriksaan"]), row["aturan_gagal"].split()) == (
            expected["passed"], expected["checks"], expected["failed"])
    reviews = _csv(files[letak.CSV_REVIEWS])
    assert [(r["id"], r["jatuh_tempo"]) for r in reviews][:2] == [("a/lama", "2025-01-02"), ("c/jahat", "2025-03-03")]
    for rule_id in (r["id"] for r in data["per_rule"] if r["sops_failing"]):
        listed = _csv(files[letak.rule_csv(rule_id)])
        assert sorted(r["id"] for r in listed) == sorted(s["id"] for s in data["sops"] if rule_id in s["failed"])


def test_sop_text_in_a_csv_is_never_a_formula_and_never_markup_on_a_page(pages, files):
    row = next(r for r in _csv(files[letak.CSV_SOP]) if r["id"] == "c/jahat")
    assert row["nama"] == "'" + HOSTILE, "a leading apostrophe keeps a spreadsheet from running it"
    review = next(r for r in _csv(files[letak.CSV_REVIEWS]) if r["id"] == "c/jahat")
    assert review["nama"] == "'" + HOSTILE
    for src, text in pages.items():
        if src.startswith("kepatuhan"):
            assert "<script>alert" not in text, src
    listed = [r for r in _rows(_tree(pages[letak.sop_list()]), "sop") if r.get("data-sop") == "c/jahat"]
    assert _text(listed[0][0]) == HOSTILE


def test_the_sop_list_data_holds_every_sop_worst_first(pages, files, data):
    text = files[letak.SOP_DATA]
    assert text.startswith("window.katalogSopKepatuhan = ") and text.isascii()
    rows = json.loads(text[len("window.katalogSopKepatuhan = "):].rstrip().rstrip(";"))
    assert [r[0] for r in rows["sop"]] == [
        _target(letak.sop_list(), r[0].find("a").get("href"))[: -len(".md")] + ".html"
        for r in _rows(_tree(pages[letak.sop_list()]), "sop")
    ]
    by_page = {s["page"]: s for s in data["sops"]}
    for page, nama, unit, _nomor, passed, checks, *counts, failed in rows["sop"]:
        sop = by_page[page]
        assert (nama, unit, passed, checks, failed.split()) == (sop["nama"], sop["unit"], sop["passed"], sop["checks"], sop["failed"])
        assert counts == [sop["counts"][k] for k in ("error", "warning", "info", "suppressed")]
    assert [u[0] for u in rows["unit"]] == list(dict.fromkeys(r[2] for r in rows["sop"]))
    assert {u[0] for u in rows["unit"]} == {s["unit"] for s in data["sops"]}


def test_a_rule_s_counts_per_unit_are_data_the_unit_filter_loads(files, data, pages):
    text = files[letak.RULES_BY_UNIT]
    assert text.startswith("window.katalogSopAturanUnit = ") and text.isascii() and "<" not in text
    by_unit = {unit: {r[0]: r[1:] for r in rules} for unit, rules in json.loads(text.split(" = ", 1)[1].rstrip().rstrip(";"))}
    for rule in data["per_rule"]:
        failing = {}
        for sop in data["sops"]:
            if rule["id"] in sop["failed"]:
                failing[sop["unit"]] = failing.get(sop["unit"], 0) + 1
        assert {u: c[rule["id"]][0] for u, c in by_unit.items() if rule["id"] in c and c[rule["id"]][0]} == failing
    assert "data-per-unit" not in pages["kepatuhan.md"], "the page does not carry units times rules"
