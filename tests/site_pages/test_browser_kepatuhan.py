"""The Kepatuhan page in a real browser: sorting, filtering, from disk, without JavaScript, on paper.

Uses the built catalogue of conftest.py (the five seeds and two SOPs of unit
"contoh"); expected numbers come from the site's own compliance.json, so
the page's script, its tables and the data file are held to one another.
Every request is recorded; one to another host fails the test.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser import new_context, print_pdf, read_pdf

KEPATUHAN = "kepatuhan.html"
SOP = "sop/dinas-tanpa-nama/pengukuran-kinerja.html"
SCRIPT = "assets/katalog-sop/kepatuhan.js"


@pytest.fixture(scope="module")
def data(site):
    return json.loads((site / "compliance.json").read_text(encoding="utf-8"))


def _open(page, url: str):
    page.goto(url)
    expect(page.locator("[data-kepatuhan-filter]")).to_be_visible()  # the script has set the page up


def _visible(page, kind: str, attribute: str) -> list[str]:
    return page.eval_on_selector_all(
        f'table[data-kepatuhan="{kind}"] tbody tr',
        "(rows, name) => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.getAttribute(name))",
        attribute,
    )


def _column(page, kind: str, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f'table[data-kepatuhan="{kind}"] tbody tr',
        "(rows, i) => rows.filter(r => !r.hidden).map(r => r.cells[i].getAttribute('data-sort') ?? r.cells[i].textContent.trim())",
        index,
    )


def _header(page, kind: str, index: int):
    return page.locator(f'table[data-kepatuhan="{kind}"] thead th').nth(index)


def _sorts_and_filters(page, data):
    share = _header(page, "sop", 2)
    share.locator("button").click()
    expect(share).to_have_attribute("aria-sort", "ascending")
    values = [float(v) for v in _column(page, "sop", 2)]
    assert values == sorted(values) and values[0] < values[-1]
    share.locator("button").click()
    expect(share).to_have_attribute("aria-sort", "descending")
    assert [float(v) for v in _column(page, "sop", 2)] == sorted(values, reverse=True)
    page.select_option('select[data-filter="unit"]', "contoh")
    members = sorted(s["id"] for s in data["sops"] if s["unit"] == "contoh")
    assert sorted(_visible(page, "sop", "data-sop")) == members and len(members) == 3


def test_clicking_a_column_header_sorts_the_rows(base, page, data):
    _open(page, base + KEPATUHAN)
    _sorts_and_filters(page, data)
    page.select_option('select[data-filter="unit"]', "")
    name = _header(page, "sop", 0)
    name.locator("button").click()
    names = _column(page, "sop", 0)
    assert names == sorted(names, key=str.lower) and len(names) == len(data["sops"])
    expect(_header(page, "sop", 2)).not_to_have_attribute("aria-sort", "descending")
    rules = _header(page, "aturan", 4)  # Temuan
    rules.locator("button").click()
    rules.locator("button").click()
    findings = [int(v) for v in _column(page, "aturan", 4)]
    assert findings == sorted(findings, reverse=True) and findings[0] > findings[-1]


def test_choosing_a_unit_shows_its_rows_and_the_rules_counts_for_it(base, page, data):
    _open(page, base + KEPATUHAN)
    page.select_option('select[data-filter="unit"]', "contoh")
    members = [s for s in data["sops"] if s["unit"] == "contoh"]
    assert sorted(_visible(page, "sop", "data-sop")) == sorted(s["id"] for s in members)
    assert _visible(page, "unit", "data-unit") == ["contoh"]
    expect(page.locator('[data-shown-for="sop"]')).to_have_text(f"Menampilkan {len(members)} dari {len(data['sops'])} SOP.")
    shown = page.eval_on_selector_all(
        'table[data-kepatuhan="aturan"] tbody tr', "rows => Object.fromEntries(rows.map(r => [r.dataset.rule, r.cells[3].textContent]))"
    )
    assert shown == {r["id"]: str(sum(r["id"] in s["failed"] for s in members)) for r in data["rules"]}
    page.select_option('select[data-filter="unit"]', "")
    assert len(_visible(page, "sop", "data-sop")) == len(data["sops"])
    back = page.eval_on_selector_all(
        'table[data-kepatuhan="aturan"] tbody tr', "rows => Object.fromEntries(rows.map(r => [r.dataset.rule, r.cells[3].textContent]))"
    )
    assert back == {r["id"]: str(r["sops_failing"]) for r in data["per_rule"]}


def test_choosing_a_severity_shows_sops_with_such_findings_and_rules_of_it(base, page, data):
    _open(page, base + KEPATUHAN)
    page.select_option('select[data-filter="severity"]', "info")
    with_info = sorted(s["id"] for s in data["sops"] if s["counts"]["info"])
    assert 0 < len(with_info) < len(data["sops"])
    assert sorted(_visible(page, "sop", "data-sop")) == with_info
    assert set(_visible(page, "aturan", "data-severity")) == {"info"}
    assert len(_visible(page, "aturan", "data-rule")) == sum(r["severity"] == "info" for r in data["rules"])
    unit = data["sops"][[s["id"] for s in data["sops"]].index(with_info[0])]["unit"]
    page.select_option('select[data-filter="unit"]', unit)
    assert _visible(page, "sop", "data-sop") == [s["id"] for s in data["sops"] if s["unit"] == unit and s["counts"]["info"]]


def test_the_dashboard_works_opened_from_disk(site, page, data):
    _open(page, (site / KEPATUHAN).as_uri())
    _sorts_and_filters(page, data)
    assert page.url.startswith("file://")


def test_the_dashboard_loads_its_script_and_nothing_from_another_host(base, page, recorder):
    _open(page, base + KEPATUHAN)
    assert base + SCRIPT in recorder.urls
    assert page.evaluate("typeof window.document$ === 'object'"), "Material's document$ is what the script subscribes to"
    recorder.assert_only_local()


def test_without_javascript_the_full_tables_are_there(browser, base, data):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + KEPATUHAN)
        expect(page.locator('table[data-kepatuhan="sop"] tbody tr:visible')).to_have_count(len(data["sops"]))
        expect(page.locator('table[data-kepatuhan="aturan"] tbody tr:visible')).to_have_count(len(data["rules"]))
        expect(page.locator("[data-kepatuhan-filter]")).to_be_hidden()
    finally:
        context.close()


def test_the_script_works_without_material(tmp_path, page, data, site):
    """A bare page with the same tables and no document$: the script sets itself up when the document is ready."""
    html = (site / KEPATUHAN).read_text(encoding="utf-8")
    tables = html[html.index('<div class="sop-saring"') : html.rindex("</table>") + len("</table></div>")]
    (tmp_path / "kepatuhan.js").write_text((site / SCRIPT).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bare.html").write_text(
        f'<!doctype html><html><head><script src="kepatuhan.js"></script></head><body>{tables}</body></html>', encoding="utf-8"
    )
    _open(page, (tmp_path / "bare.html").as_uri())
    assert page.evaluate("typeof window.document$") == "undefined"
    _sorts_and_filters(page, data)


def test_printing_the_dashboard_prints_its_tables(base, page, data, tmp_path):
    _open(page, base + KEPATUHAN)
    text = "\n".join(p.text for p in read_pdf(print_pdf(page, tmp_path / "kepatuhan.pdf")))
    assert all(rule["id"] in text for rule in data["rules"]), "every row of the rules' table is on paper"
    assert "Per SOP" in text and "Per unit" in text and "Semua unit" not in text


def test_an_sop_page_prints_without_its_findings(base, page, tmp_path):
    page.goto(base + SOP)
    expect(page.locator("h2#temuan-kepatuhan")).to_be_visible()
    text = "\n".join(p.text for p in read_pdf(print_pdf(page, tmp_path / "sop.pdf")))
    assert "Temuan kepatuhan" not in text and "Ketentuan:" not in text and "Nomor SOP" in text
