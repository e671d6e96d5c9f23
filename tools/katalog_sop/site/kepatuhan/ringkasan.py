"""Pages stage, the Kepatuhan page: an auditor's questions answered in order, on one page that stays small.

1. the catalogue's totals;
2. units, worst first;
3. rules, most failing first, with the rule's own one-line title; rules
   with nothing found are folded away; each "SOP gagal" count links to the
   list of SOPs that fail the rule;
4. "Perlu ditinjau": overdue and soon-due reviews with their dates (the
   first :data:`PREVIEW` here, the rest on the review list's pages);
5. "Monitoring penerapan", where the catalogue keeps monitoring records
   (:mod:`katalog_sop.site.monitoring.dasbor`);
6. the worst :data:`PREVIEW` SOPs, with the whole SOP list on its own pages.

Nothing on this page grows with the number of SOPs beyond the units and the
rules, so it stays well under 200 KB at 5,000 SOPs. Every table has its CSV
file. Complete without JavaScript; ``assets/kepatuhan.js`` adds sorting and
filters, kept in the page's URL. The numbers are :mod:`katalog_sop.site.scores`'s,
the same as ``compliance.json`` and the SOP pages show.
"""

from __future__ import annotations

import datetime as dt

from katalog_sop.problem import Severity
from katalog_sop.site.findings import severity_label
from katalog_sop.site.sop_list import natural_key
from katalog_sop.site.kepatuhan import letak
from katalog_sop.site.kepatuhan.sel import download, most_failed, number, share_cell, table, worst_sops, worst_units
from katalog_sop.site.kepatuhan.tinjauan import WINDOW_DAYS, Due
from katalog_sop.site.labels import SEVERITY
from katalog_sop.site.markup import attr, esc, inline, link
from katalog_sop.site.monitoring import dasbor  # the module: it imports this package's helpers
from katalog_sop.site.scores import ORDER, Scores, percent
from katalog_sop.site.sop_page import PageContext
from katalog_sop.tanggal import format_tanggal

PREVIEW = 20
"""Rows of the review list and of the SOP list shown on the dashboard itself."""

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


def dashboard_page(scores: Scores, today: dt.date, due: list[Due], names: dict[str, str], ctx: PageContext) -> str:
    src = letak.MAIN
    parts = [FRONT_MATTER, "# Kepatuhan", ""]
    if not scores.rules:
        parts += ['<p class="sop-kosong">Pemeriksaan kepatuhan tidak dijalankan untuk katalog ini.</p>', ""]
        return "\n".join(parts + dasbor.dashboard_section(ctx.monitoring, names, ctx))
    aturan = ctx.urls.href(src, ctx.paths.ATURAN)
    parts += [
        f"<p>Kelengkapan SOP katalog ini menurut aturan kepatuhan SOP AP, diperiksa per {esc(format_tanggal(today))}. "
        f'Daftar aturan dan ketentuan di baliknya ada di halaman <a href="{aturan}">Aturan</a>.</p>',
        f'<details class="sop-definisi"><summary>Cara menghitung</summary><p>{DEFINITION}</p></details>', "",
        "## Ringkasan", "", _totals(scores, due, src, ctx), "",
        _filters(scores, names, src, ctx), "",
        "## Unit", "", "<p>Unit yang pemeriksaannya paling sedikit lolos lebih dahulu.</p>",
        _shown("unit"), _unit_table(scores, names, due, src, ctx),
        f"<p>{download(ctx.urls.href_file(src, letak.CSV_UNIT), 'semua unit')}</p>", "",
        "## Aturan", "",
        "<p>Aturan yang paling banyak SOP gagal lebih dahulu. SOP gagal: banyaknya SOP yang pemeriksaan aturan itu "
        "gagal (klik angkanya untuk daftar SOP-nya). Temuan: temuan yang dihitung, semua tingkat. "
        "Bila satu unit dipilih, angkanya untuk unit itu saja.</p>",
        _shown("aturan"), *_rule_tables(scores, names, src, ctx),
        f"<p>{download(ctx.urls.href_file(src, letak.CSV_RULES), 'semua aturan')}</p>", "",
        "## Perlu ditinjau", "", _reviews(due, names, src, ctx), "",
        *dasbor.dashboard_section(ctx.monitoring, names, ctx),
        "## SOP", "", _sops(scores, names, src, ctx), "",
    ]
    return "\n".join(parts)


def _shown(kind: str) -> str:
    return f'<p class="sop-tampil" data-shown-for="{kind}" aria-live="polite"></p>'


def _totals(scores: Scores, due: list[Due], src: str, ctx: PageContext) -> str:
    sops = scores.sops.values()
    with_errors = sum(1 for s in sops if s.count(Severity.ERROR))
    clean = sum(1 for s in sops if not s.failed)
    overdue = sum(1 for d in due if d.overdue)
    counted = ", ".join(f"{sum(s.count(sev) for s in sops)} {SEVERITY[sev]}" for sev in ORDER)
    exempted = sum(len(s.exempted) for s in sops)
    figures = [
        (str(len(scores.sops)), f"SOP dari {len(scores.units)} unit"),
        (f"{percent(scores.passed, scores.checks)}%" if scores.checks else "–",
         f"pemeriksaan lolos ({scores.passed} dari {scores.checks}, {len(scores.rules)} aturan)"),
        (str(clean), "SOP lolos semua pemeriksaan"),
        (str(with_errors), "SOP dengan galat"),
        (str(overdue), "SOP terlambat ditinjau"),
        (str(len(due) - overdue), f"SOP jatuh tempo tinjauan dalam {WINDOW_DAYS} hari"),
    ]
    cards = "".join(f'<div><span class="sop-angka-nilai">{esc(v)}</span> <span class="sop-angka-label">{esc(t)}</span></div>'
                    for v, t in figures)
    data = ctx.urls.href_file(src, ctx.paths.COMPLIANCE_JSON)
    return (f'<div class="sop-angka">{cards}</div>\n\n'
            f"<p>Temuan yang dihitung: {counted}; {exempted} dikecualikan. Data yang sama untuk program: "
            f'<a href="{data}"><code>compliance.json</code></a>.</p>')


def filter_units(scores: Scores, names: dict[str, str]) -> list[str]:
    """The units in the order of the unit filter's choices."""
    return sorted(scores.units, key=lambda u: (natural_key(names[u]), u))


def _filters(scores: Scores, names: dict[str, str], src: str, ctx: PageContext) -> str:
    units = "".join(f'<option value="{attr(unit)}">{esc(names[unit])}</option>' for unit in filter_units(scores, names))
    levels = "".join(f'<option value="{s.value}">{SEVERITY[s]}</option>' for s in ORDER)
    return (
        f'<div class="sop-saring" data-kepatuhan-filter="" data-aturan-unit="{ctx.urls.href_file(src, letak.RULES_BY_UNIT)}" '
        'hidden="" data-search-exclude="">'
        f'<label>Unit <select data-filter="unit"><option value="">Semua unit</option>{units}</select></label> '
        f'<label>Tingkat <select data-filter="severity"><option value="">Semua tingkat</option>{levels}</select></label>'
        '<p class="sop-saring-catatan">Tingkat: SOP dan unit yang punya temuan setingkat itu, dan aturan bertingkat itu. '
        "Klik judul kolom untuk mengurutkan. Pilihan dan urutan tersimpan di alamat halaman, jadi dapat dibagikan.</p></div>"
    )


def _count_attrs(score) -> str:
    return "".join(f' data-{s.value}="{score.count(s)}"' for s in ORDER)


def _unit_table(scores: Scores, names: dict[str, str], due: list[Due], src: str, ctx: PageContext) -> str:
    overdue: dict[str, int] = {}
    for d in due:
        overdue[d.score.unit] = overdue.get(d.score.unit, 0) + d.overdue
    rows = []
    for score in worst_units(scores, names):
        with_errors = sum(1 for s in score.sops if s.count(Severity.ERROR))
        rows.append(
            f'<tr data-unit="{attr(score.unit)}"{_count_attrs(score)}>'
            f"<td>{link(ctx.urls.href(src, ctx.paths.unit(score.unit)), names[score.unit])}</td>"
            f"{number(len(score.sops))}{share_cell(score.passed, score.checks)}{number(with_errors)}"
            + "".join(number(score.count(s)) for s in ORDER) + f"{number(overdue.get(score.unit, 0))}</tr>"
        )
    labels = ["Unit", "SOP", "Pemeriksaan lolos", "SOP dengan galat", "Galat", "Peringatan", "Info", "Terlambat ditinjau"]
    return table("unit", labels, rows)


def _rule_row(rule_score, src: str, ctx: PageContext) -> str:
    """A rule's row with its whole-catalogue counts; its counts per unit are in ``kepatuhan/aturan-unit.js``
    (loaded when a unit is chosen), so the page does not grow with units times rules."""
    rule, total = rule_score.rule, rule_score.total
    href = ctx.urls.href(src, ctx.paths.ATURAN, ctx.paths.rule_anchor(rule.id))
    failing = (f'<a href="{ctx.urls.href(src, letak.rule(rule.id))}">{total.failing}</a>'
               if total.failing else "0")
    cells = "".join(
        f'<td data-count="{i}" data-all="{n}" data-sort="{n}">{shown}</td>'
        for i, (n, shown) in enumerate(((total.failing, failing), (total.findings, total.findings), (total.exempted, total.exempted)))
    )
    return (
        f'<tr data-rule="{attr(rule.id)}" data-severity="{rule.severity.value}">'
        f'<td><a href="{href}">{esc(rule.id)}</a></td><td>{inline(rule.summary)}</td>'
        f'<td data-sort="{ORDER.index(rule.severity)}">{severity_label(rule.severity, SEVERITY)}</td>{cells}</tr>'
    )


def _rule_tables(scores: Scores, names: dict[str, str], src: str, ctx: PageContext) -> list[str]:
    labels = ["Aturan", "Yang diperiksa", "Tingkat", "SOP gagal", "Temuan", "Dikecualikan"]
    ordered = most_failed(scores)
    found = [r for r in ordered if r.total.failing or r.total.findings or r.total.exempted]
    quiet = [r for r in ordered if r not in found]
    out = [table("aturan", labels, [_rule_row(r, src, ctx) for r in found])]
    if quiet:
        out.append(
            f'<details class="sop-lipat"><summary>{len(quiet)} aturan tanpa temuan pada SOP mana pun</summary>'
            + table("aturan-nol", labels, [_rule_row(r, src, ctx) for r in quiet]) + "</details>"
        )
    return out


def review_row(d: Due, names: dict[str, str], src: str, ctx: PageContext) -> str:
    sop, review = d.score.sop, d.review
    last = "–" if review.last is None else esc(format_tanggal(review.last.date)) + (" (dibuat)" if review.made_only else "")
    return (
        f'<tr data-unit="{attr(d.score.unit)}" data-status="{"terlambat" if d.overdue else "segera"}">'
        f"<td>{link(ctx.urls.href(src, ctx.paths.sop(sop.id)), sop.nama.value)}</td>"
        f"<td>{link(ctx.urls.href(src, ctx.paths.unit(d.score.unit)), names[d.score.unit])}</td>"
        f'<td data-sort="{review.last.date.isoformat() if review.last else ""}">{last}</td>'
        f'<td data-sort="{review.due.isoformat()}">{esc(format_tanggal(review.due))}</td>'
        f'<td data-sort="{d.days}" class="{"sop-terlambat" if d.overdue else ""}">{esc(d.state)}</td></tr>'
    )


REVIEW_LABELS = ["Nama SOP", "Unit", "Terakhir ditetapkan atau direvisi", "Jatuh tempo tinjauan", "Keadaan"]


def _reviews(due: list[Due], names: dict[str, str], src: str, ctx: PageContext) -> str:
    intro = (f"<p>SOP yang terlambat ditinjau ulang atau jatuh tempo dalam {WINDOW_DAYS} hari, yang paling terlambat "
             "lebih dahulu; dihitung seperti aturan "
             f'<a href="{ctx.urls.href(src, ctx.paths.ATURAN, ctx.paths.rule_anchor("SOPAP-W03"))}">SOPAP-W03</a>.</p>')
    if not due:
        return intro + '\n<p class="sop-kosong">Tidak ada SOP yang perlu ditinjau dalam waktu dekat.</p>'
    rows = [review_row(d, names, src, ctx) for d in due[:PREVIEW]]
    more = (f' <a href="{ctx.urls.href(src, letak.reviews())}">Lihat semua {len(due)} SOP yang perlu ditinjau</a>.'
            if len(due) > PREVIEW else "")
    shown = f"{min(len(due), PREVIEW)} dari {len(due)} SOP ditampilkan." if len(due) > PREVIEW else ""
    return (intro + "\n" + _shown("tinjauan") + table("tinjauan", REVIEW_LABELS, rows)
            + f'<p>{shown}{more} {download(ctx.urls.href_file(src, letak.CSV_REVIEWS), f"{len(due)} SOP")}</p>')


SOP_LABELS = ["Nama SOP", "Unit", "Nomor", "Pemeriksaan lolos", "Galat", "Peringatan", "Info", "Dikecualikan"]


def sop_row(score, names: dict[str, str], src: str, ctx: PageContext, failed: bool = False) -> str:
    """An SOP's row; ``failed``: with the ids of the rules it fails (the list pages' last column)."""
    sop = score.sop
    rules = f"<td>{esc(' '.join(sorted(score.failed)))}</td>" if failed else ""
    return (
        f'<tr data-sop="{attr(sop.id)}" data-unit="{attr(score.unit)}"{_count_attrs(score)}>'
        f"<td>{link(ctx.urls.href(src, ctx.paths.sop(sop.id)), sop.nama.value)}</td>"
        f"<td>{link(ctx.urls.href(src, ctx.paths.unit(score.unit)), names[score.unit])}</td>"
        f"<td>{esc(sop.nomor.value) if sop.nomor is not None else ''}</td>"
        f"{share_cell(score.passed, score.checks)}" + "".join(number(score.count(s)) for s in ORDER)
        + f"{number(len(score.exempted))}{rules}</tr>"
    )


def _sops(scores: Scores, names: dict[str, str], src: str, ctx: PageContext) -> str:
    worst = worst_sops(scores)
    count = len(worst)
    pages = letak.pages_for(count)
    full = ctx.urls.href(src, letak.sop_list())
    intro = (f"<p>{min(count, PREVIEW)} SOP yang pemeriksaannya paling sedikit lolos. "
             f'<a href="{full}" data-bawa-saringan="">Daftar semua {count} SOP</a> '
             f"({pages} halaman, dengan saringan unit, tingkat dan aturan).</p>")
    rows = [sop_row(s, names, src, ctx) for s in worst[:PREVIEW]]
    return (intro + "\n" + _shown("sop") + table("sop", SOP_LABELS, rows)
            + f"<p>{download(ctx.urls.href_file(src, letak.CSV_SOP), f'semua {count} SOP')}</p>")
