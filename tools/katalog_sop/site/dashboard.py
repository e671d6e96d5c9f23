"""Pages stage, the Kepatuhan page: the share of checks passed per SOP, per unit, and counts per rule.

For auditors: three plain HTML tables, complete without JavaScript, that
``assets/kepatuhan.js`` makes sortable (click a column's header) and
filterable (a unit, a severity) when it runs. Rows carry what the script
needs as ``data-`` attributes (the unit id, the counts per severity, the
rule's severity and its counts per unit); cells that sort by number carry
``data-sort``. The numbers come from :mod:`katalog_sop.site.scores`, the
same that ``compliance.json`` and the SOP pages show; nothing here decides
what passes. The tables are kept out of the search index (each in a ``<div>``
with no ``<div>`` inside: see :mod:`katalog_sop.site.findings`).
"""

from __future__ import annotations

import datetime as dt
import json

from katalog_sop.site.findings import severity_label
from katalog_sop.site.indexes import unit_names
from katalog_sop.site.labels import SEVERITY
from katalog_sop.site.markup import attr, esc, link
from katalog_sop.site.scores import ORDER, Scores, percent
from katalog_sop.site.sop_page import PageContext
from katalog_sop.tanggal import format_tanggal

DEFINITION = (
    "Setiap SOP diperiksa dengan semua aturan kepatuhan yang dijalankan katalog ini; satu aturan adalah satu "
    "pemeriksaan. Pemeriksaan <em>lolos</em> bila aturan itu tidak menemukan galat maupun peringatan pada SOP "
    "tersebut. Temuan info adalah saran: ditampilkan dan dihitung, tetapi tidak menggagalkan pemeriksaan. "
    "Temuan yang dikecualikan SOP itu sendiri (<code>pengecualian</code>, dengan alasannya) tidak dihitung. "
    "Angka unit adalah gabungan SOP-nya: jumlah pemeriksaan lolos dibagi jumlah pemeriksaan. "
    "Persentase dibulatkan ke bawah, jadi 100% berarti semua pemeriksaan lolos."
)


FRONT_MATTER = "---\nhide:\n  - toc\n---\n"
"""Material's page option: no table of contents, so the tables get its width."""


def share(passed: int, checks: int) -> str:
    """"34 dari 40 (85%)"; a dash when there was nothing to check."""
    value = percent(passed, checks)
    return "–" if value is None else f"{passed} dari {checks} ({value}%)"


def _sort_share(passed: int, checks: int) -> str:
    return f"{passed / checks:.6f}" if checks else "-1"


def _counts(score) -> str:
    """The cells and the row's data attributes of the counts per severity."""
    return "".join(f'<td data-sort="{score.count(s)}">{score.count(s)}</td>' for s in ORDER)


def _count_attrs(score) -> str:
    return "".join(f' data-{s.value}="{score.count(s)}"' for s in ORDER)


def _head(labels: list[str]) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{label}</th>' for label in labels) + "</tr></thead>"


def _shown(kind: str) -> str:
    return f'<p class="sop-tampil" data-shown-for="{kind}" aria-live="polite"></p>'


def dashboard_page(scores: Scores, today: dt.date, ctx: PageContext) -> str:
    src = ctx.paths.KEPATUHAN
    parts = [FRONT_MATTER, "# Kepatuhan", ""]
    if not scores.rules:
        parts += ['<p class="sop-kosong">Pemeriksaan kepatuhan tidak dijalankan untuk katalog ini.</p>', ""]
        return "\n".join(parts)
    names = unit_names({unit: [s.sop for s in u.sops] for unit, u in scores.units.items()})
    aturan = ctx.urls.href(src, ctx.paths.ATURAN)
    data = ctx.urls.href_file(src, ctx.paths.COMPLIANCE_JSON)
    counted = ", ".join(f"{sum(s.count(sev) for s in scores.sops.values())} {SEVERITY[sev]}" for sev in ORDER)
    exempted = sum(len(s.exempted) for s in scores.sops.values())
    parts += [
        f"<p>{DEFINITION} Daftar aturan dan ketentuan di baliknya ada di halaman "
        f'<a href="{aturan}">Aturan</a>.</p>',
        "",
        f'<p class="sop-ringkasan"><strong>Seluruh katalog:</strong> {share(scores.passed, scores.checks)} pemeriksaan lolos '
        f"pada {len(scores.sops)} SOP dan {len(scores.rules)} aturan; temuan: {counted}; {exempted} dikecualikan. "
        f"Diperiksa per {esc(format_tanggal(today))}. Data yang sama untuk program: "
        f'<a href="{data}"><code>compliance.json</code></a>.</p>',
        "",
        _filters(scores, names),
        "",
        "## Per SOP", "", _shown("sop"), _sop_table(scores, names, src, ctx), "",
        "## Per unit", "", _shown("unit"), _unit_table(scores, names, src, ctx), "",
        "## Per aturan", "",
        "<p>SOP gagal: banyaknya SOP yang pemeriksaan aturan itu gagal. Temuan: temuan yang dihitung, semua tingkat. "
        "Bila satu unit dipilih, angkanya untuk unit itu saja.</p>",
        _shown("aturan"), _rule_table(scores, src, ctx), "",
    ]
    return "\n".join(parts)


def _filters(scores: Scores, names: dict[str, str]) -> str:
    units = "".join(
        f'<option value="{attr(unit)}">{esc(names[unit])}</option>'
        for unit in sorted(scores.units, key=lambda u: (names[u].lower(), u))
    )
    levels = "".join(f'<option value="{s.value}">{SEVERITY[s]}</option>' for s in ORDER)
    return (
        '<div class="sop-saring" data-kepatuhan-filter="" hidden="" data-search-exclude="">'
        f'<label>Unit <select data-filter="unit"><option value="">Semua unit</option>{units}</select></label> '
        f'<label>Tingkat <select data-filter="severity"><option value="">Semua tingkat</option>{levels}</select></label>'
        '<p class="sop-saring-catatan">Tingkat: SOP dan unit yang punya temuan setingkat itu, dan aturan bertingkat itu. '
        "Klik judul kolom untuk mengurutkan.</p></div>"
    )


def _sop_table(scores: Scores, names: dict[str, str], src: str, ctx: PageContext) -> str:
    rows = []
    for score in sorted(scores.sops.values(), key=lambda s: (s.sop.nama.value.lower(), s.sop.id)):
        nama = link(ctx.urls.href(src, ctx.paths.sop(score.sop.id)), score.sop.nama.value)
        unit = link(ctx.urls.href(src, ctx.paths.unit(score.unit)), names[score.unit])
        rows.append(
            f'<tr data-sop="{attr(score.sop.id)}" data-unit="{attr(score.unit)}"{_count_attrs(score)}>'
            f"<td>{nama}</td><td>{unit}</td>"
            f'<td data-sort="{_sort_share(score.passed, score.checks)}">{share(score.passed, score.checks)}</td>'
            f"{_counts(score)}"
            f'<td data-sort="{len(score.exempted)}">{len(score.exempted)}</td></tr>'
        )
    head = _head(["Nama SOP", "Unit", "Pemeriksaan lolos", "Galat", "Peringatan", "Info", "Dikecualikan"])
    return f'<div class="sop-tabel" data-search-exclude=""><table data-kepatuhan="sop">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _unit_table(scores: Scores, names: dict[str, str], src: str, ctx: PageContext) -> str:
    rows = []
    for unit, score in sorted(scores.units.items(), key=lambda kv: (names[kv[0]].lower(), kv[0])):
        rows.append(
            f'<tr data-unit="{attr(unit)}"{_count_attrs(score)}>'
            f"<td>{link(ctx.urls.href(src, ctx.paths.unit(unit)), names[unit])}</td>"
            f'<td data-sort="{len(score.sops)}">{len(score.sops)}</td>'
            f'<td data-sort="{_sort_share(score.passed, score.checks)}">{share(score.passed, score.checks)}</td>'
            f"{_counts(score)}</tr>"
        )
    head = _head(["Unit", "SOP", "Pemeriksaan lolos", "Galat", "Peringatan", "Info"])
    return f'<div class="sop-tabel" data-search-exclude=""><table data-kepatuhan="unit">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _rule_table(scores: Scores, src: str, ctx: PageContext) -> str:
    rows = []
    for score in scores.rules:
        rule, total = score.rule, score.total
        per_unit = json.dumps({u: [c.failing, c.findings, c.exempted] for u, c in score.by_unit.items()}, separators=(",", ":"))
        href = ctx.urls.href(src, ctx.paths.ATURAN, ctx.paths.rule_anchor(rule.id))
        cells = "".join(
            f'<td data-count="{i}" data-all="{n}" data-sort="{n}">{n}</td>'
            for i, n in enumerate((total.failing, total.findings, total.exempted))
        )
        rows.append(
            f'<tr data-rule="{attr(rule.id)}" data-severity="{rule.severity.value}" data-per-unit="{attr(per_unit)}">'
            f'<td><a href="{href}">{esc(rule.id)}</a></td><td>{esc(rule.slug)}</td>'
            f'<td data-sort="{ORDER.index(rule.severity)}">{severity_label(rule.severity, SEVERITY)}</td>{cells}</tr>'
        )
    head = _head(["Aturan", "Nama", "Tingkat", "SOP gagal", "Temuan", "Dikecualikan"])
    return f'<div class="sop-tabel" data-search-exclude=""><table data-kepatuhan="aturan">{head}<tbody>{"".join(rows)}</tbody></table></div>'

