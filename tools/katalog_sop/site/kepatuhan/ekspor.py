"""Pages stage, the Kepatuhan tables as files: one CSV per table, and data scripts for the pages' filters.

CSV for auditors' spreadsheets: RFC 4180 (comma, CRLF, quotes where needed),
UTF-8 with a byte-order mark so that Excel reads "Ā" and "—" right, a header
row in Indonesian, rows in the order the page shows them. A text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe: SOP text is data, and a spreadsheet must never run it as
a formula. Numbers are plain integers.

``kepatuhan/sop/data.js`` (the SOP list's rows, ``window.katalogSopKepatuhan``)
and ``kepatuhan/aturan-unit.js`` (each rule's counts per unit, for the
dashboard's unit filter, ``window.katalogSopAturanUnit``) are classic scripts
of JSON, ASCII only with ``<`` escaped: a script element loads them from
``file://`` too, where ``fetch`` cannot. Pure: returns texts by path.
"""

from __future__ import annotations

import csv
import io
import json

from katalog_sop.problem import Severity
from katalog_sop.site.kepatuhan import letak
from katalog_sop.site.kepatuhan.daftar import failing
from katalog_sop.site.kepatuhan.sel import most_failed, worst_sops, worst_units
from katalog_sop.site.kepatuhan.tinjauan import Due
from katalog_sop.site.markup import Urls
from katalog_sop.site.paths import Paths
from katalog_sop.site.scores import ORDER, Scores, percent
from katalog_sop.visible import one_line, visible

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str | int:
    """A CSV cell: numbers as they are; text shown as the pages show it (control and bidi characters made
    visible, see :func:`katalog_sop.visible.visible`), with a formula's first character defused."""
    if isinstance(value, int):
        return value
    text = visible("" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()


def _percent(passed: int, checks: int) -> str:
    value = percent(passed, checks)
    return "" if value is None else value


def _nomor(sop) -> str:
    return sop.nomor.value if sop.nomor is not None else ""


def kepatuhan_files(scores: Scores, due: list[Due], names: dict[str, str], directory_urls: bool = False) -> dict[str, str]:
    paths, urls = Paths(), Urls(directory_urls)
    counts = ["galat", "peringatan", "info"]
    sops = worst_sops(scores)
    files = {
        letak.CSV_SOP: to_csv(
            ["id", "nama", "nomor", "unit", "pemeriksaan", "lolos", "persen_lolos", *counts, "dikecualikan", "aturan_gagal", "halaman"],
            [[s.sop.id, s.sop.nama.value, _nomor(s.sop), names[s.unit], s.checks, s.passed, _percent(s.passed, s.checks),
              *(s.count(sev) for sev in ORDER), len(s.exempted), " ".join(sorted(s.failed)), urls.quoted(paths.sop(s.sop.id))]
             for s in sops]),
        letak.CSV_UNIT: to_csv(
            ["unit", "sop", "pemeriksaan", "lolos", "persen_lolos", "sop_dengan_galat", *counts, "terlambat_ditinjau"],
            [[names[u.unit], len(u.sops), u.checks, u.passed, _percent(u.passed, u.checks),
              sum(1 for s in u.sops if s.count(Severity.ERROR)), *(u.count(sev) for sev in ORDER),
              sum(1 for d in due if d.overdue and d.score.unit == u.unit)]
             for u in worst_units(scores, names)]),
        letak.CSV_RULES: to_csv(
            ["aturan", "nama", "yang_diperiksa", "tingkat", "sop_gagal", "temuan", "dikecualikan"],
            [[r.rule.id, r.rule.slug, r.rule.summary.replace("``", ""), r.rule.severity.value,
              r.total.failing, r.total.findings, r.total.exempted] for r in most_failed(scores)]),
        letak.CSV_REVIEWS: to_csv(
            ["id", "nama", "unit", "terakhir_ditetapkan_atau_direvisi", "jatuh_tempo", "hari_menuju_jatuh_tempo", "keadaan"],
            [[d.score.sop.id, d.score.sop.nama.value, names[d.score.unit],
              d.review.last.date.isoformat() if d.review.last else "", d.review.due.isoformat(), d.days, d.state]
             for d in due]),
    }
    for rule_score in scores.rules:
        if not rule_score.total.failing:
            continue
        rule_id = rule_score.rule.id
        rows = []
        for s in failing(rule_score, scores, names):
            messages = [p.message for p in s.findings if p.code == rule_id and p.counts]
            rows.append([s.sop.id, s.sop.nama.value, _nomor(s.sop), names[s.unit], len(messages), " | ".join(messages)])
        files[letak.rule_csv(rule_id)] = to_csv(["id", "nama", "nomor", "unit", "temuan", "pesan"], rows)
    files[letak.SOP_DATA] = sop_data(sops, names, directory_urls)
    files[letak.RULES_BY_UNIT] = rules_by_unit(scores)
    return files


def _script(name: str, value) -> str:
    """``window.<name> = <JSON>;``: ASCII, with "<" escaped too, so that it stays one assignment whatever SOPs hold."""
    payload = json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.{name} = {payload};\n"


def rules_by_unit(scores: Scores) -> str:
    """[unit id, [[rule id, SOPs failing, counting findings, exempted findings], ...]] per unit, rules with any count.

    Lists, not objects keyed by id: a unit folder may be called ``__proto__``."""
    counts: dict[str, list] = {}
    for rule_score in scores.rules:
        for unit, c in rule_score.by_unit.items():
            if c.failing or c.findings or c.exempted:
                counts.setdefault(unit, []).append([rule_score.rule.id, c.failing, c.findings, c.exempted])
    return _script("katalogSopAturanUnit", [[unit, rows] for unit, rows in counts.items()])


def sop_data(sops, names: dict[str, str], directory_urls: bool = False) -> str:
    """Per SOP, worst first: [page from the site's root, nama, unit id, nomor, passed, checks, galat, peringatan,
    info, dikecualikan, failed rule ids joined by spaces]; units as [id, name, page from the site's root] (a list:
    a unit folder may be called ``__proto__``).
    Texts are shown as the pages show them (:func:`katalog_sop.visible.one_line`): the script puts them in as text."""
    paths, urls = Paths(), Urls(directory_urls)
    rows = [[urls.quoted(paths.sop(s.sop.id)), one_line(s.sop.nama.value), s.unit, one_line(_nomor(s.sop)), s.passed, s.checks,
             *(s.count(sev) for sev in ORDER), len(s.exempted), " ".join(sorted(s.failed))] for s in sops]
    units = [[unit, one_line(names[unit]), urls.quoted(paths.unit(unit))] for unit in dict.fromkeys(s.unit for s in sops)]
    return _script("katalogSopKepatuhan", {"unit": units, "sop": rows})
