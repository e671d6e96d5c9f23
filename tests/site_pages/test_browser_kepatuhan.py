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
LIST = "kepatuhan/sop/index.html"


@pytest.fixture(scope="module")
def data(site):
    return json.loads((site / "compliance.json").read_text(encoding="utf-8"))


def _open(page, url: str):
    page.goto(url)
    expect(page.locator("[data-kepatuhan-filter]")).to_be_visible()  # the script has set the page up


def _choose(page, which: str, value: str) -> None:
    """Choose a unit or severity, and wait until the tables show it (a unit's rule counts load from a script)."""
    page.select_option(f'select[data-filter="{which}"]', value)
    unit = page.input_value('select[data-filter="unit"]')
    severity = page.input_value('select[data-filter="severity"]')
    expect(page.locator("[data-kepatuhan-filter]")).to_have_attribute("data-diterapkan", f"{unit}|{severity}")


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


def _rule_counts(page) -> dict[str, str]:
    """Each rule's "SOP gagal" count as shown, folded rules included."""
    return page.eval_on_selector_all(
        'table[data-kepatuhan^="aturan"] tbody tr', "rows => Object.fromEntries(rows.map(r => [r.dataset.rule, r.cells[3].textContent]))"
    )


def _sorts_and_filters(page, data):
    share = _header(page, "sop", 3)
    share.locator("button").click()
    expect(share).to_have_attribute("aria-sort", "ascending")
    values = [float(v) for v in _column(page, "sop", 3)]
    assert values == sorted(values) and values[0] < values[-1]
    share.locator("button").click()
    expect(share).to_have_attribute("aria-sort", "descending")
    assert [float(v) for v in _column(page, "sop", 3)] == sorted(values, reverse=True)
    _choose(page, 'unit', "contoh")
    members = sorted(s["id"] for s in data["sops"] if s["unit"] == "contoh")
    assert sorted(_visible(page, "sop", "data-sop")) == members and len(members) == 3


def test_clicking_a_column_header_sorts_the_rows(base, page, data):
    _open(page, base + KEPATUHAN)
    _sorts_and_filters(page, data)
    _choose(page, 'unit', "")
    name = _header(page, "sop", 0)
    name.locator("button").click()
    names = _column(page, "sop", 0)
    assert names == sorted(names, key=str.lower) and len(names) == len(data["sops"])
    expect(_header(page, "sop", 3)).not_to_have_attribute("aria-sort", "descending")
    rules = _header(page, "aturan", 4)  # Temuan
    rules.locator("button").click()
    rules.locator("button").click()
    findings = [int(v) for v in _column(page, "aturan", 4)]
    assert findings == sorted(findings, reverse=True) and findings[0] > findings[-1]


def test_choosing_a_unit_shows_its_rows_and_the_rules_counts_for_it(base, page, data):
    _open(page, base + KEPATUHAN)
    _choose(page, 'unit', "contoh")
    members = [s for s in data["sops"] if s["unit"] == "contoh"]
    assert sorted(_visible(page, "sop", "data-sop")) == sorted(s["id"] for s in members)
    assert _visible(page, "unit", "data-unit") == ["contoh"]
    expect(page.locator('[data-shown-for="sop"]')).to_have_text(f"Menampilkan {len(members)} dari {len(data['sops'])} SOP.")
    assert _rule_counts(page) == {r["id"]: str(sum(r["id"] in s["failed"] for s in members)) for r in data["rules"]}
    _choose(page, 'unit', "")
    assert len(_visible(page, "sop", "data-sop")) == len(data["sops"])
    assert _rule_counts(page) == {r["id"]: str(r["sops_failing"]) for r in data["per_rule"]}


def test_choosing_a_severity_shows_sops_with_such_findings_and_rules_of_it(base, page, data):
    _open(page, base + KEPATUHAN)
    _choose(page, 'severity', "info")
    with_info = sorted(s["id"] for s in data["sops"] if s["counts"]["info"])
    assert 0 < len(with_info) < len(data["sops"])
    assert sorted(_visible(page, "sop", "data-sop")) == with_info
    shown_rules = page.eval_on_selector_all('table[data-kepatuhan^="aturan"] tbody tr', "rows => rows.filter(r => !r.hidden).map(r => r.dataset.severity)")
    assert set(shown_rules) == {"info"} and len(shown_rules) == sum(r["severity"] == "info" for r in data["rules"])
    unit = data["sops"][[s["id"] for s in data["sops"]].index(with_info[0])]["unit"]
    _choose(page, 'unit', unit)
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
        expect(page.locator('table[data-kepatuhan="sop"] tbody tr:visible')).to_have_count(min(20, len(data["sops"])))
        found = [r for r in data["per_rule"] if r["sops_failing"] or r["findings"] or r["suppressed"]]
        expect(page.locator('table[data-kepatuhan="aturan"] tbody tr:visible')).to_have_count(len(found))
        page.locator("details.sop-lipat summary").click()
        expect(page.locator('table[data-kepatuhan="aturan-nol"] tbody tr:visible')).to_have_count(len(data["rules"]) - len(found))
        expect(page.locator("[data-kepatuhan-filter]")).to_be_hidden()
        page.goto(base + LIST)
        expect(page.locator('table[data-kepatuhan="sop"] tbody tr')).to_have_count(len(data["sops"]))
        expect(page.locator("[data-sop-saring]")).to_be_hidden()
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
    found = [r["id"] for r in data["per_rule"] if r["sops_failing"] or r["findings"] or r["suppressed"]]
    assert found and all(rule_id in text for rule_id in found), "every row of the rules' table is on paper"
    assert all(heading in text for heading in ("Ringkasan", "Unit", "Aturan", "Perlu ditinjau"))
    assert "Semua unit" not in text and "Unduh CSV" not in text


def test_an_sop_page_prints_without_its_findings(base, page, tmp_path):
    page.goto(base + SOP)
    expect(page.locator("h2#temuan-kepatuhan")).to_be_visible()
    text = "\n".join(p.text for p in read_pdf(print_pdf(page, tmp_path / "sop.pdf")))
    assert "Temuan kepatuhan" not in text and "Ketentuan:" not in text and "Nomor SOP" in text


def test_filters_and_sort_order_live_in_the_url_and_come_back(base, page, browser, data):
    _open(page, base + KEPATUHAN)
    _choose(page, 'unit', "contoh")
    _choose(page, 'severity', "warning")
    _header(page, "unit", 2).locator("button").click()
    shared = page.url
    assert "unit=contoh" in shared and "tingkat=warning" in shared and "urut-unit=2.naik" in shared
    assert page.get_attribute("a[data-bawa-saringan]", "href").endswith("?unit=contoh&tingkat=warning")
    context = new_context(browser)  # someone else opens the shared link
    try:
        other = context.new_page()
        _open(other, shared)
        expect(other.locator('select[data-filter="unit"]')).to_have_value("contoh")
        expect(other.locator('select[data-filter="severity"]')).to_have_value("warning")
        expect(other.locator("[data-kepatuhan-filter]")).to_have_attribute("data-diterapkan", "contoh|warning")
        expect(_header(other, "unit", 2)).to_have_attribute("aria-sort", "ascending")
        members = sorted(s["id"] for s in data["sops"] if s["unit"] == "contoh" and s["counts"]["warning"])
        assert sorted(_visible(other, "sop", "data-sop")) == members
    finally:
        context.close()


def _list_rows(page) -> list[str]:
    return page.eval_on_selector_all('table[data-kepatuhan="sop"] tbody tr', "rows => rows.map(r => r.cells[0].querySelector('a').getAttribute('href'))")


def _pages_of(hrefs: list[str]) -> list[str]:
    return sorted(href.replace("../../", "") for href in hrefs)


def test_the_sop_list_filters_every_sop_by_rule_and_text_and_keeps_it_in_the_url(base, page, data):
    rule = next(r["id"] for r in data["per_rule"] if 0 < r["sops_failing"] < len(data["sops"]))
    failing = sorted(s["page"] for s in data["sops"] if rule in s["failed"])
    page.goto(base + LIST + "?aturan=" + rule)
    expect(page.locator('[data-shown-for="sop"]')).to_have_text(f"Menampilkan {len(failing)} dari {len(data['sops'])} SOP.")
    expect(page.locator('select[data-saring="aturan"]')).to_have_value(rule)
    assert _pages_of(_list_rows(page)) == failing
    target = next(s for s in data["sops"] if s["page"] == failing[0])
    word = target["nama"].split()[0]
    page.fill('input[data-saring="q"]', word.lower())
    expected = sorted(s["page"] for s in data["sops"] if rule in s["failed"] and word.lower() in s["nama"].lower())
    expect(page.locator('table[data-kepatuhan="sop"] tbody tr')).to_have_count(len(expected))
    assert _pages_of(_list_rows(page)) == expected
    assert f"aturan={rule}" in page.url and "q=" in page.url
    with page.expect_download() as download:
        page.click("[data-unduh-tampilan]")
    with open(download.value.path(), encoding="utf-8-sig") as file:
        text = file.read()
    assert sorted(line.split(",")[0] for line in text.strip().splitlines()[1:]) == sorted(
        s["nama"] for s in data["sops"] if s["page"] in expected)


def test_the_sop_list_sorts_every_sop_and_works_from_disk(site, page, data):
    page.goto((site / LIST).as_uri() + "?urut=0.turun")
    expect(page.locator('[data-shown-for="sop"]')).to_have_text(f"Menampilkan {len(data['sops'])} dari {len(data['sops'])} SOP.")
    names = page.eval_on_selector_all('table[data-kepatuhan="sop"] tbody tr', "rows => rows.map(r => r.cells[0].textContent)")
    assert names == sorted((s["nama"] for s in data["sops"]), key=str.casefold, reverse=True)
    expect(page.locator('table[data-kepatuhan="sop"] thead th').nth(0)).to_have_attribute("aria-sort", "descending")


def test_a_failing_count_opens_the_list_of_the_sops_failing_that_rule(base, page, data):
    _open(page, base + KEPATUHAN)
    rule = max(data["per_rule"], key=lambda r: r["sops_failing"])
    page.click(f'table[data-kepatuhan="aturan"] tr[data-rule="{rule["id"]}"] td:nth-child(4) a')
    expect(page.locator("h1")).to_contain_text(f"SOP yang gagal {rule['id']}")
    listed = page.eval_on_selector_all('table[data-kepatuhan="gagal"] tbody tr', "rows => rows.map(r => r.cells[0].querySelector('a').href)")
    assert sorted(u.split("/site/")[-1] if "/site/" in u else u.replace(base, "") for u in listed) == sorted(
        s["page"] for s in data["sops"] if rule["id"] in s["failed"])


def test_on_a_phone_the_kepatuhan_pages_never_pan_sideways(browser, base, data):
    context = new_context(browser, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        rule = max(data["per_rule"], key=lambda r: r["sops_failing"])["id"].lower()
        for path in (KEPATUHAN, LIST, "kepatuhan/tinjauan/index.html", f"kepatuhan/aturan/{rule}.html"):
            page.goto(base + path)
            expect(page.locator("table[data-kepatuhan]").first).to_be_visible()
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1], (path, widths)  # the tables scroll in their own frames
    finally:
        context.close()
