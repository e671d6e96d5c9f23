"""Pages stage, monitoring on the Kepatuhan page: per unit, what failed, what is due.

The dashboard's section "Monitoring penerapan" answers, in order:

1. per unit, the share of its SOPs assessed within the period before the
   check's date (SOPAP-E02's ``periode_bulan``), how many are due, how many
   were last found not running well, its last round (linked to its Tabel 7)
   and its monitoring page with the blank form; the worst unit first;
2. the SOPs whose last result is "tidak berjalan dengan baik" (then those
   "berjalan kurang baik", which need action too), with the action decided;
3. the SOPs whose monitoring is due: never monitored though in force longer
   than the period (SOPAP-E01), or last monitored longer ago (SOPAP-E02),
   with the date it fell due; the longest overdue first.

Lists 2 and 3 show their first :data:`PREVIEW` rows; the rest are on their
own pages (:func:`list_pages`), so the dashboard does not grow with the
catalogue. Rows carry ``data-unit`` for the dashboard's unit filter. Pure.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from katalog_sop.monitoring.model import KURANG_BAIK, TIDAK_BERJALAN_BAIK
from katalog_sop.site.kepatuhan import letak as kepatuhan_letak
from katalog_sop.site.kepatuhan.sel import download, number, share_cell, table
from katalog_sop.site.markup import attr, esc, link, pager
from katalog_sop.site.monitoring import letak
from katalog_sop.site.monitoring.bagian import penilaian_label
from katalog_sop.site.monitoring.keadaan import Keadaan, MonitoringView
from katalog_sop.site.sop_list import natural_key
from katalog_sop.tanggal import format_tanggal

if TYPE_CHECKING:
    from katalog_sop.site.sop_page import PageContext

PREVIEW = 20
NEEDS_ACTION = (TIDAK_BERJALAN_BAIK, KURANG_BAIK)
FRONT_MATTER = "---\nhide:\n  - toc\n---\n"
PROBLEM_LABELS = ["Nama SOP", "Unit", "Tanggal monitoring", "Penilaian", "Catatan Hasil Penilaian",
                  "Tindakan yang Harus Diambil"]
DUE_LABELS = ["Nama SOP", "Unit", "Monitoring terakhir", "Jatuh tempo", "Keadaan"]


def needing_action(view: MonitoringView) -> list[Keadaan]:
    """SOPs last found not running well, "tidak berjalan dengan baik" first, then the newest result first."""
    found = [s for s in view.states.values() if s.last is not None and s.last[1].penilaian in NEEDS_ACTION]
    return sorted(found, key=lambda s: (NEEDS_ACTION.index(s.last[1].penilaian), -s.last[0].tanggal.toordinal(),
                                        natural_key(s.sop.nama.value), s.sop.id))


def due_now(view: MonitoringView) -> list[Keadaan]:
    """SOPs whose monitoring is due (as E01/E02 report them), the longest overdue first (no date at all first)."""
    found = [s for s in view.states.values() if s.overdue]
    return sorted(found, key=lambda s: (s.due or dt.date.min, natural_key(s.sop.nama.value), s.sop.id))


def dashboard_section(view: MonitoringView | None, names: dict[str, str], ctx: PageContext) -> list[str]:
    """The section's Markdown lines for the dashboard (``[]`` when the catalogue keeps no records)."""
    if view is None:
        return []
    src = kepatuhan_letak.MAIN
    rules = ctx.urls.href(src, ctx.paths.ATURAN, ctx.paths.rule_anchor("SOPAP-E01"))
    problems, due = needing_action(view), due_now(view)
    return [
        "## Monitoring penerapan", "",
        f"<p>Penerapan SOP dimonitor setiap {view.months} bulan (Tabel 7 PermenPANRB 35/2012); dihitung per "
        f"{esc(format_tanggal(view.today))} seperti aturan <a href=\"{rules}\">SOPAP-E01 dan SOPAP-E02</a>. "
        "Unit yang paling sedikit SOP-nya dimonitor lebih dahulu.</p>",
        _units(view, names, src, ctx), "",
        "<p>" + download(ctx.urls.href_file(src, letak.CSV), f"keadaan monitoring dan evaluasi {len(view.states)} SOP")
        + "</p>", "",
        "### Hasil yang perlu ditindaklanjuti", "",
        "<p>SOP yang hasil monitoring terakhirnya tidak berjalan dengan baik (lalu yang berjalan kurang baik), "
        "dengan tindakan yang diputuskan.</p>",
        _preview("monitoring-hasil", PROBLEM_LABELS, [problem_row(s, names, src, ctx) for s in problems[:PREVIEW]],
                 len(problems), letak.problems_list(), src, ctx, "Semua hasil monitoring terakhirnya tidak baik."), "",
        "### Monitoring jatuh tempo", "",
        f"<p>SOP yang belum pernah dimonitor padahal berlaku lebih dari {view.months} bulan, atau yang monitoring "
        "terakhirnya lebih lama dari itu; yang paling lama terlambat lebih dahulu.</p>",
        _preview("monitoring-jatuh-tempo", DUE_LABELS, [due_row(s, names, src, ctx, view) for s in due[:PREVIEW]],
                 len(due), letak.due_list(), src, ctx, "Tidak ada SOP yang monitoringnya jatuh tempo."), "",
    ]


def _preview(kind: str, labels: list[str], rows: list[str], total: int, full: str, src: str, ctx: PageContext,
             empty: str) -> str:
    if not total:
        return f'<p class="sop-kosong">{esc(empty)}</p>'
    more = (f'<p>{len(rows)} dari {total} SOP ditampilkan. <a href="{ctx.urls.href(src, full)}">Lihat semua {total} SOP</a>.</p>'
            if total > len(rows) else "")
    return table(kind, labels, rows) + more


def _units(view: MonitoringView, names: dict[str, str], src: str, ctx: PageContext) -> str:
    by_unit: dict[str, list[Keadaan]] = {}
    for state in view.states.values():
        by_unit.setdefault(state.unit, []).append(state)
    name = lambda u: names.get(u) or u  # noqa: E731
    order = sorted(by_unit, key=lambda u: (sum(s.within for s in by_unit[u]) / len(by_unit[u]), natural_key(name(u)), u))
    rows = []
    for unit_id in order:
        states = by_unit[unit_id]
        rounds = [p for p in view.records.putaran if p.unit == unit_id]
        last = max(rounds, key=lambda p: (p.tanggal, p.path)) if rounds else None
        last_cell = (f'<td data-sort="{last.tanggal.isoformat()}">'
                     f"{link(ctx.urls.href(src, letak.putaran_of(last)), format_tanggal(last.tanggal))}</td>"
                     if last else '<td data-sort="">–</td>')
        rows.append(
            f'<tr data-unit="{attr(unit_id)}"><td>{link(ctx.urls.href(src, ctx.paths.unit(unit_id)), name(unit_id))}</td>'
            f"{number(len(states))}{share_cell(sum(s.within for s in states), len(states))}"
            f"{number(sum(s.overdue for s in states))}"
            f"{number(sum(s.last is not None and s.last[1].penilaian == TIDAK_BERJALAN_BAIK for s in states))}"
            f"{last_cell}<td>{link(ctx.urls.href(src, letak.unit(unit_id)), 'Tabel 7')}</td></tr>"
        )
    labels = ["Unit", "SOP", f"Dimonitor dalam {view.months} bulan terakhir", "Jatuh tempo", "Tidak berjalan baik",
              "Putaran terakhir", "Monitoring dan formulir"]
    return table("monitoring-unit", labels, rows)


def _sop_cells(state: Keadaan, names: dict[str, str], src: str, ctx: PageContext) -> str:
    return (f"<td>{link(ctx.urls.href(src, ctx.paths.sop(state.sop.id)), state.sop.nama.value)}</td>"
            f"<td>{link(ctx.urls.href(src, ctx.paths.unit(state.unit)), names.get(state.unit) or state.unit)}</td>")


def problem_row(state: Keadaan, names: dict[str, str], src: str, ctx: PageContext) -> str:
    putaran, hasil = state.last
    when = link(ctx.urls.href(src, letak.putaran_of(putaran)), format_tanggal(putaran.tanggal))
    return (f'<tr data-unit="{attr(state.unit)}">{_sop_cells(state, names, src, ctx)}'
            f'<td data-sort="{putaran.tanggal.isoformat()}">{when}</td><td>{penilaian_label(hasil.penilaian)}</td>'
            f"<td>{esc(hasil.catatan)}</td><td>{esc(hasil.tindakan) or '<em>belum dicatat</em>'}</td></tr>")


def due_row(state: Keadaan, names: dict[str, str], src: str, ctx: PageContext, view: MonitoringView) -> str:
    last = state.last[0].tanggal if state.last else None
    if state.due is None:
        when, condition = "–", "belum pernah dimonitor; tanpa tanggal efektif"
    else:
        late = f"terlambat {(view.today - state.due).days} hari"
        when, condition = format_tanggal(state.due), (late if last else f"belum pernah dimonitor; {late}")
    return (f'<tr data-unit="{attr(state.unit)}">{_sop_cells(state, names, src, ctx)}'
            f'<td data-sort="{last.isoformat() if last else ""}">{esc(format_tanggal(last)) if last else "–"}</td>'
            f'<td data-sort="{state.due.isoformat() if state.due else ""}">{esc(when)}</td>'
            f'<td class="sop-terlambat">{esc(condition)}</td></tr>')


def list_pages(view: MonitoringView | None, names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    """The two lists in full, :data:`katalog_sop.site.kepatuhan.letak.PAGE_SIZE` rows a page."""
    if view is None:
        return {}
    pages = {}
    lists = (
        ("Hasil monitoring yang perlu ditindaklanjuti", "monitoring-hasil", PROBLEM_LABELS, needing_action(view),
         letak.problems_list, lambda s, here: problem_row(s, names, here, ctx)),
        ("Monitoring jatuh tempo", "monitoring-jatuh-tempo", DUE_LABELS, due_now(view),
         letak.due_list, lambda s, here: due_row(s, names, here, ctx, view)),
    )
    size = kepatuhan_letak.PAGE_SIZE
    for title, kind, labels, states, path_of, row in lists:
        count = kepatuhan_letak.pages_for(len(states))
        for n in range(1, count + 1):
            here = path_of(n)
            nav = pager(n, count, lambda k: ctx.urls.href(here, path_of(k)))
            part = states[(n - 1) * size: n * size]
            body = (table(kind, labels, [row(s, here) for s in part]) if part
                    else '<p class="sop-kosong">Tidak ada SOP pada daftar ini.</p>')
            pages[here] = "\n".join([
                FRONT_MATTER, f"# {title}", "",
                f'<p><a href="{ctx.urls.href(here, kepatuhan_letak.MAIN)}">← Kembali ke Kepatuhan</a></p>',
                f"<p>{len(states)} SOP, per {esc(format_tanggal(view.today))}.</p>", nav, body, nav, "",
            ])
    return pages
