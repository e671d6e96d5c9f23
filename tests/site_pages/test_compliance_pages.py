"""Compliance on the site: findings on SOP pages, the Kepatuhan page's shares, compliance.json, the Aturan page.

A small handmade catalogue is checked with five chosen rules, so that every
share can be worked out by hand from the definition (see
katalog_sop/site/scores.py): a check fails when its rule has a counting
error or warning in the SOP; info never fails; exempted findings never count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import textwrap
import xml.etree.ElementTree as ET

import markdown
import pytest

from katalog_sop.check import check
from katalog_sop.config import parse_config
from katalog_sop.reporters import as_text
from katalog_sop.rules import RULES
from katalog_sop.site.build import site_data, site_pages
from katalog_sop.site.labels import where
from katalog_sop.site.markup import prose
from katalog_sop.site.scores import compute_scores

CHOSEN = ("SOPAP-I02", "SOPAP-M02", "SOPAP-W01", "SOPAP-K01", "SOPAP-P01")
"""I02 error, M02/K01/P01 warning, W01 info: five checks per SOP."""

SOPS = {
    "alpha/lengkap": """\
        nama: Penerimaan Surat Masuk
        nomor: 800/01/A
        pelaksana: [Sekretaris, Kepala Bagian]
        langkah:
          - {kegiatan: Menerima surat masuk, pelaksana: Sekretaris, waktu: 10 menit}
          - {kegiatan: Mendisposisikan surat, pelaksana: Kepala Bagian, waktu: 20 menit}
        """,
    "alpha/kurang": """\
        nama: Penandatanganan Surat Keluar
        pelaksana: [Sekretaris]
        pengecualian:
          - {aturan: SOPAP-K01, alasan: "Istilah baku naskah dinas", langkah: 2}
          - {aturan: SOPAP-K01, alasan: "Tidak terpakai", langkah: 3}
        langkah:
          - {kegiatan: Menyusun konsep surat, pelaksana: Sekretaris, waktu: 10 menit}
          - {kegiatan: Penandatanganan surat keluar, pelaksana: Sekretaris, waktu: 45 hari}
          - {kegiatan: Mengirim surat, pelaksana: Sekretaris}
        """,
    "beta/satu": """\
        nama: Pencatatan Agenda
        nomor: 800/02/B
        pelaksana: [Staf]
        langkah:
          - {kegiatan: Mencatat agenda surat, pelaksana: Staf}
          - {kegiatan: Menyimpan buku agenda, pelaksana: Staf}
        """,
    "beta/info": """\
        nama: Pengarsipan Surat
        nomor: 800/03/B
        pelaksana: [Staf, Arsiparis]
        langkah:
          - {kegiatan: Menyerahkan surat, pelaksana: Staf, waktu: 10 menit}
          - {kegiatan: Menyimpan surat, pelaksana: Arsiparis, waktu: 45 hari}
        """,
}

# What the chosen rules find, by design of the SOPs above: (rule, counts?) per SOP.
DESIGNED = {
    "alpha/lengkap": [],
    "alpha/kurang": [("SOPAP-I02", True), ("SOPAP-K01", False), ("SOPAP-M02", True), ("SOPAP-P01", True), ("SOPAP-W01", True)],
    "beta/satu": [("SOPAP-M02", True), ("SOPAP-M02", True), ("SOPAP-P01", True)],
    "beta/info": [("SOPAP-W01", True)],
}

NASTY = "<b>tebal</b> *miring* [tautan](http://x) {: .kelas} {{ jinja }} & `kode` <script>alert(1)</script>"


def _check(tmp_path, config=None, rules=CHOSEN):
    for sop_id, text in SOPS.items():
        path = tmp_path / "sops" / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    kwargs = {"config": config} if config is not None else {"rules": [RULES[r] for r in rules]}
    return check([str(tmp_path / "sops")], today=dt.date(2025, 7, 1), **kwargs)


@pytest.fixture
def result(tmp_path):
    result = _check(tmp_path)
    found = {
        sop.id: sorted((p.code, p.counts) for p in result.problems if p.location.path == sop.path and p.code in RULES)
        for sop in result.catalogue.sops.values()
    }
    assert found == DESIGNED, "the handmade SOPs no longer find what they were made to"
    return result


def _tree(page: str) -> ET.Element:
    if page.startswith("---\n"):  # front matter, which MkDocs reads and Markdown would not
        page = page.split("\n---\n", 1)[1]
    html = markdown.markdown(page, extensions=["attr_list", "toc"]).replace("<br>", "<br />")
    return ET.fromstring(f"<div>{html}</div>")


def _text(element: ET.Element | None) -> str:
    assert element is not None
    return " ".join("".join(element.itertext()).split())


def test_an_sop_page_lists_its_findings_with_severity_rule_link_place_and_clause(result):
    root = _tree(site_pages(result)["sop/alpha/kurang.md"])
    heading = root.find(".//h2[@id='temuan-kepatuhan']")
    assert heading is not None
    groups = {g.get("data-aturan"): g for g in root.iter("div") if g.get("class") == "sop-temuan-aturan"}
    assert sorted(groups) == ["SOPAP-I02", "SOPAP-M02", "SOPAP-P01", "SOPAP-W01"], "exempted K01 is not among them"
    i02 = groups["SOPAP-I02"]
    assert _text(i02.find(".//span[@class='sop-tingkat sop-tingkat-galat']")) == "kesalahan", "plain words for readers"
    assert i02.find(".//a[@class='sop-aturan-id']").get("href") == "../../aturan.html#sopap-i02"
    assert _text(i02.find(".//p[@class='sop-ketentuan']")) == "Ketentuan: " + " ".join(RULES["SOPAP-I02"].clause.split())
    message = next(p.message for p in result.problems if p.code == "SOPAP-I02")
    assert _text(i02.find(".//span[@class='sop-pesan']")) == message
    m02 = groups["SOPAP-M02"]
    assert _text(m02.find(".//span[@class='sop-tingkat sop-tingkat-peringatan']")) == "peringatan"
    assert m02.find(".//span[@class='sop-letak']/a").get("href") == "#langkah-3"
    assert _text(m02.find(".//span[@class='sop-letak']")) == "(langkah 3)", "the reader's words, no source line"
    m02_problem = next(p for p in result.problems if p.code == "SOPAP-M02" and p.location.path.endswith("kurang.yaml"))
    source = m02.find(".//span[@class='sop-sumber']")
    assert _text(source) == f"sumber: baris {m02_problem.location.line}", "the maintainers' line, marked as the source's"
    assert source.get("title") == f"{m02_problem.location.path}:{m02_problem.location.line}:{m02_problem.location.column}"
    assert groups["SOPAP-W01"].find(".//span[@class='sop-tingkat sop-tingkat-info']") is not None
    status = root.find(".//div[@class='sop-status sop-status-galat']")
    assert _text(status).startswith("Status kepatuhan: 2 dari 5 pemeriksaan lolos")
    assert "baris" not in _text(status) and "tidak terpakai" not in _text(status), "no source lines under the title"
    structural = root.find(".//div[@class='sop-temuan-struktur']")
    assert "tidak terpakai" in _text(structural) and "sumber: baris" in _text(structural), "structural warnings still listed"


def test_exempted_findings_are_listed_apart_with_their_reason(result):
    root = _tree(site_pages(result)["sop/alpha/kurang.md"])
    assert root.find(".//h3[@id='dikecualikan']") is not None
    (item,) = root.find(".//ul[@class='sop-dikecualikan']")
    assert _text(item.find("a")) == "SOPAP-K01"
    assert _text(item.find(".//div[@class='sop-alasan']")) == "Alasan pengecualian: Istilah baku naskah dinas"


def test_nasty_messages_and_reasons_are_shown_exactly_as_written(result):
    nasty = tuple(
        p._replace(message=NASTY, suppressed=None if p.counts else NASTY + " alasan") if p.code in RULES else p
        for p in result.problems
    )
    page = site_pages(dataclasses.replace(result, problems=nasty))["sop/alpha/kurang.md"]
    root = _tree(page)
    findings = [g for g in root.iter() if g.get("class") in ("sop-temuan-aturan", "sop-dikecualikan")]
    messages = [_text(e) for g in findings for e in g.iter("span") if e.get("class") == "sop-pesan"]
    assert messages and all(m == " ".join(NASTY.split()) for m in messages)
    assert _text(root.find(".//div[@class='sop-alasan']")) == "Alasan pengecualian: " + NASTY + " alasan"
    assert not [e.tag for e in root.iter() if e.tag in ("b", "em", "script", "code") and "tebal" in _text(e) + "".join(e.itertext())]
    assert "{{" not in page and "{:" not in page, "braces are character references, never template or attribute syntax"


def test_shares_follow_the_definition(result):
    scores = compute_scores(result)
    # By hand: 5 checks each. kurang fails I02, P01, M02 (W01 is info; K01 is exempted) -> 2;
    # satu fails P01, M02 (M02 twice is one check) -> 3; info has only an info finding -> 5.
    assert {i: (s.passed, s.checks) for i, s in scores.sops.items()} == {
        "alpha/lengkap": (5, 5), "alpha/kurang": (2, 5), "beta/satu": (3, 5), "beta/info": (5, 5),
    }
    assert {u: (s.passed, s.checks) for u, s in scores.units.items()} == {"alpha": (7, 10), "beta": (8, 10)}
    assert (scores.passed, scores.checks) == (15, 20)
    per_rule = {r.rule.id: (r.total.failing, r.total.findings, r.total.exempted) for r in scores.rules}
    assert per_rule == {
        "SOPAP-I02": (1, 1, 0), "SOPAP-K01": (0, 0, 1), "SOPAP-M02": (2, 3, 0), "SOPAP-P01": (2, 2, 0), "SOPAP-W01": (0, 2, 0),
    }
    root = _tree(site_pages(result)["kepatuhan.md"])
    rows = {r.get("data-sop"): [_text(td) for td in r] for r in root.find(".//table[@data-kepatuhan='sop']/tbody")}
    assert rows["alpha/kurang"][3:] == ["2 dari 5 (40%)", "1", "2", "1", "1"]  # share, galat, peringatan, info, dikecualikan
    assert rows["beta/info"][3:] == ["5 dari 5 (100%)", "0", "0", "1", "0"]
    units = {r.get("data-unit"): _text(r[2]) for r in root.find(".//table[@data-kepatuhan='unit']/tbody")}
    assert units == {"alpha": "7 dari 10 (70%)", "beta": "8 dari 10 (80%)"}
    totals = _text(root.find(".//div[@class='sop-angka']"))
    assert "75% pemeriksaan lolos (15 dari 20, 5 aturan)" in totals and "4 SOP dari 2 unit" in totals


def test_the_badge_is_coloured_by_the_worst_counting_severity(result):
    pages = site_pages(result)
    def badge(sop_id):
        status = _tree(pages[f"sop/{sop_id}.md"]).find(".//div[@class]")
        return status.get("class"), _text(status.find("a[@class='sop-lencana']"))
    assert badge("alpha/lengkap") == ("sop-status sop-status-sah", "5 dari 5 pemeriksaan lolos")
    assert badge("beta/info") == ("sop-status sop-status-info", "5 dari 5 pemeriksaan lolos · 1 saran")
    assert badge("beta/satu") == ("sop-status sop-status-peringatan", "3 dari 5 pemeriksaan lolos · 3 peringatan")
    assert badge("alpha/kurang")[0] == "sop-status sop-status-galat"


def test_the_badge_counts_what_sop_check_counts_for_the_file(result):
    # one source of truth: the text report's header of each file and the SOP page's badge
    pages = site_pages(result)
    report = as_text(result)
    for sop in result.catalogue.sops.values():
        header = next((line for line in report.splitlines() if line.startswith(sop.path + " (")), None)
        shown = _text(_tree(pages[f"sop/{sop.id}.md"]).find(".//div[@class]").find("a"))
        if header is None:  # nothing reported for the file: nothing counted on the page
            assert " · " not in shown, sop.id
        else:
            counts = header[len(sop.path) + 2:-1]
            for word, plain in (("galat", "kesalahan"), ("info", "saran")):  # the same numbers, in readers' words
                counts = counts.replace(f" {word}", f" {plain}")
            assert shown.endswith(" · " + counts), (sop.id, shown, header)


def test_compliance_json_agrees_with_the_dashboard(result):
    data = json.loads(site_data(result)["compliance.json"])
    assert data["generated"] == "2025-07-01"
    assert [r["id"] for r in data["rules"]] == sorted(CHOSEN)
    root = _tree(site_pages(result)["kepatuhan.md"])
    for row in root.find(".//table[@data-kepatuhan='sop']/tbody"):
        sop = next(s for s in data["sops"] if s["id"] == row.get("data-sop"))
        cells = [_text(td) for td in row]
        assert cells[0] == sop["nama"] and cells[3].startswith(f"{sop['passed']} dari {sop['checks']} ")
        assert [row.get(f"data-{k}") for k in ("error", "warning", "info")] == [str(sop["counts"][k]) for k in ("error", "warning", "info")]
        assert cells[7] == str(sop["counts"]["suppressed"])
        assert sop["path"].endswith(sop["id"] + ".yaml") and sop["page"] == f"sop/{sop['id']}.html"
    for row in root.find(".//table[@data-kepatuhan='unit']/tbody"):
        unit = next(u for u in data["units"] if u["id"] == row.get("data-unit"))
        assert _text(row[2]).startswith(f"{unit['passed']} dari {unit['checks']} ")
    rule_rows = [row for t in root.iter("table") if t.get("data-kepatuhan", "").startswith("aturan") for row in t.find("tbody")]
    assert sorted(row.get("data-rule") for row in rule_rows) == sorted(CHOSEN)
    for row in rule_rows:
        rule = next(r for r in data["per_rule"] if r["id"] == row.get("data-rule"))
        assert [_text(td) for td in row[3:]] == [str(rule[k]) for k in ("sops_failing", "findings", "suppressed")]
    kurang = next(s for s in data["sops"] if s["id"] == "alpha/kurang")
    exempted = [f for f in kurang["findings"] if f["suppressed"]]
    assert exempted == [{
        "rule": "SOPAP-K01", "severity": "warning", "message": exempted[0]["message"], "json_path": "$.langkah[1].kegiatan",
        "line": exempted[0]["line"], "column": exempted[0]["column"], "suppressed": "Istilah baku naskah dinas",
    }]
    assert kurang["failed"] == ["SOPAP-I02", "SOPAP-M02", "SOPAP-P01"]


def test_the_rules_page_has_every_rule_of_the_registry_under_its_anchor(tmp_path):
    result = _check(tmp_path, config=parse_config({"rules": {"SOPAP-K01": "off", "SOPAP-W03": "info"}}))
    root = _tree(site_pages(result)["aturan.md"])
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {rule_id.lower() for rule_id in RULES} <= ids
    entries = {e.get("data-aturan"): e for e in root.iter("div") if e.get("class") == "sop-aturan"}
    assert sorted(entries) == sorted(RULES)
    for rule_id, rule in RULES.items():
        text = _text(entries[rule_id])
        assert " ".join(rule.clause.split()) in text and rule.slug in text
        codes = [_text(c) for c in entries[rule_id].iter("code")]
        assert " ".join(rule.example("Passing").split()) in codes and " ".join(rule.example("Failing").split()) in codes
    note = _text(root.find(".//div[@class='admonition note']"))
    assert "SOPAP-K01" in note and "dimatikan" in note and "SOPAP-W03" in note and "SOPAP-I02" not in note
    assert "tidak dijalankan" in _text(entries["SOPAP-K01"]) and "info (diubah oleh konfigurasi)" in _text(entries["SOPAP-W03"])
    assert "pengecualian" in _text(root.find(".//pre"))


def test_prose_is_escaped_and_double_backticks_become_code():
    html = prose("Opsi ``<b>x</b>`` *bukan* miring.\nBaris sama.\n\nParagraf {: .dua}")
    assert html.startswith("<p>Opsi <code>&#60;b&#62;x&#60;/b&#62;</code> &#42;bukan&#42; miring&#46; Baris sama&#46;</p><p>")
    assert "{" not in html


@pytest.mark.parametrize(
    ("json_path", "words"),
    [
        ("$", "SOP ini"), (None, "SOP ini"), ("$.nomor", "Nomor SOP"), ("$.langkah[3].kegiatan", "langkah 4, kegiatan"),
        ("$.langkah[0].pelaksana[1]", "langkah 1, pelaksana butir 2"), ("$.dasar_hukum[1]", "Dasar Hukum butir 2"),
        ("$.disahkan_oleh.nip", "Disahkan oleh, NIP"), ("$.langkah[2].cabang[1].ke", "langkah 3, cabang 2, tujuan"),
    ],
)
def test_a_finding_is_placed_in_the_form_s_words(json_path, words):
    assert where(json_path) == words


def test_links_hold_with_directory_urls(result):
    pages = site_pages(result, directory_urls=True)
    kurang = _tree(pages["sop/alpha/kurang.md"])
    assert kurang.find(".//a[@class='sop-aturan-id']").get("href") == "../../../aturan/#sopap-i02"
    dashboard = _tree(pages["kepatuhan.md"])
    hrefs = {_text(a): a.get("href") for a in dashboard.iter("a")}
    assert hrefs["compliance.json"] == "../compliance.json" and hrefs["Pengarsipan Surat"] == "../sop/beta/info/"
    data = json.loads(site_data(result, directory_urls=True)["compliance.json"])
    assert {s["id"]: s["page"] for s in data["sops"]}["beta/info"] == "sop/beta/info/"
