"""Pages stage, the Kepatuhan lists that grow with the catalogue, in pages of :data:`letak.PAGE_SIZE` rows.

- the SOP list (``kepatuhan/sop/``), worst first as on the dashboard, with
  the rules each SOP fails; ``assets/kepatuhan.js`` filters and sorts it
  across all pages from ``kepatuhan/sop/data.js`` and keeps the choice in
  the URL;
- one list per rule of the SOPs failing it (``kepatuhan/aturan/<id>``), the
  target of the dashboard's "SOP gagal" counts, with each SOP's messages;
- the SOPs due for review (``kepatuhan/tinjauan/``).

Each page says which part of the list it holds and links to every other
part. Pure: returns Markdown texts by source path.
"""

from __future__ import annotations

from katalog_sop.site.findings import severity_label
from katalog_sop.site.sop_list import natural_key
from katalog_sop.site.kepatuhan import letak
from katalog_sop.site.kepatuhan.ringkasan import FRONT_MATTER, REVIEW_LABELS, SOP_LABELS, review_row, sop_row
from katalog_sop.site.kepatuhan.sel import download, table, worst_sops
from katalog_sop.site.markup import pager
from katalog_sop.site.kepatuhan.tinjauan import WINDOW_DAYS, Due
from katalog_sop.site.labels import SEVERITY
from katalog_sop.site.markup import attr, esc, esc_line, inline, link
from katalog_sop.site.scores import ORDER, RuleScore, Scores, SopScore
from katalog_sop.site.sop_page import PageContext


def _chunks(rows: list, path_of) -> list[tuple[int, str, list]]:
    count = letak.pages_for(len(rows))
    return [(n, path_of(n), rows[(n - 1) * letak.PAGE_SIZE : n * letak.PAGE_SIZE]) for n in range(1, count + 1)]


def _part(n: int, count: int, shown: int, total: int) -> str:
    if count == 1:
        return ""
    first = (n - 1) * letak.PAGE_SIZE + 1
    return f'<p data-bagian="">Halaman {n} dari {count}: nomor {first}–{first + shown - 1} dari {total}.</p>'


def _back(src: str, ctx: PageContext) -> str:
    return f'<p><a href="{ctx.urls.href(src, letak.MAIN)}">← Kembali ke Kepatuhan</a></p>'


def sop_list_pages(scores: Scores, names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    worst = worst_sops(scores)
    chunks = _chunks(worst, letak.sop_list)
    pages = {}
    labels = SOP_LABELS + ["Aturan gagal"]
    for n, src, part in chunks:
        nav = pager(n, len(chunks), lambda k: ctx.urls.href(src, letak.sop_list(k)))
        root = ctx.urls.href_file(src, "x")[:-1]
        data = ctx.urls.href_file(src, letak.SOP_DATA)
        rows = [sop_row(s, names, src, ctx, failed=True) for s in part]
        pages[src] = "\n".join([
            FRONT_MATTER, "# Kepatuhan per SOP", "", _back(src, ctx),
            f"<p>Semua {len(worst)} SOP, yang pemeriksaannya paling sedikit lolos lebih dahulu. "
            f"{download(ctx.urls.href_file(src, letak.CSV_SOP), f'semua {len(worst)} SOP')}</p>",
            _part(n, len(chunks), len(part), len(worst)),
            f'<div class="sop-daftar" data-sop-daftar="" data-data="{data}" data-akar="{attr(root)}" data-halaman="{n}" '
            f'data-jumlah="{len(worst)}" data-search-exclude="">',
            _list_filters(scores, names),
            '<p class="sop-tampil" data-shown-for="sop" aria-live="polite"></p>',
            nav, table("sop", labels, rows), nav, "</div>", "",
        ])
    return pages


def _list_filters(scores: Scores, names: dict[str, str]) -> str:
    """The SOP list's filter bar, hidden until the script shows it (the choices are here, the rows in ``data.js``)."""
    units = "".join(f'<option value="{attr(u)}">{esc(names[u])}</option>'
                    for u in sorted(scores.units, key=lambda u: (natural_key(names[u]), u)))
    levels = "".join(f'<option value="{s.value}">{SEVERITY[s]}</option>' for s in ORDER)
    rules = "".join(f'<option value="{attr(r.rule.id)}">{esc(r.rule.id)}</option>' for r in scores.rules if r.total.failing)
    return (
        '<div class="sop-saring" data-sop-saring="" hidden="">'
        f'<label>Unit <select data-saring="unit"><option value="">Semua unit</option>{units}</select></label> '
        f'<label>Tingkat <select data-saring="tingkat"><option value="">Semua tingkat</option>{levels}</select></label> '
        f'<label>Aturan gagal <select data-saring="aturan"><option value="">Semua aturan</option>{rules}</select></label> '
        '<label>Cari <input type="search" data-saring="q" placeholder="nama atau nomor SOP" /></label> '
        '<button type="button" data-unduh-tampilan="">Unduh CSV tampilan ini</button>'
        '<p class="sop-saring-catatan">Pilihan, urutan dan halaman tersimpan di alamat halaman, jadi dapat dibagikan.</p></div>'
    )


def _messages(score: SopScore, rule_id: str) -> tuple[int, str]:
    found = [p for p in score.findings if p.code == rule_id and p.counts]
    if not found:
        return 0, ""
    more = f" (dan {len(found) - 1} temuan lain)" if len(found) > 1 else ""
    return len(found), esc(found[0].message) + more


def rule_pages(scores: Scores, names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    pages = {}
    for rule_score in scores.rules:
        if rule_score.total.failing:
            pages.update(_rule_pages(rule_score, scores, names, ctx))
    return pages


def failing(rule_score: RuleScore, scores: Scores, names: dict[str, str]) -> list[SopScore]:
    """The SOPs failing a rule, by unit then by name."""
    rule_id = rule_score.rule.id
    members = [s for s in scores.sops.values() if rule_id in s.failed]
    return sorted(members, key=lambda s: (natural_key(names[s.unit]), natural_key(s.sop.nama.value), s.sop.id))


def _rule_pages(rule_score: RuleScore, scores: Scores, names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    rule = rule_score.rule
    members = failing(rule_score, scores, names)
    chunks = _chunks(members, lambda n: letak.rule(rule.id, n))
    pages = {}
    for n, src, part in chunks:
        rows = []
        for s in part:
            count, message = _messages(s, rule.id)
            rows.append(
                f'<tr data-unit="{attr(s.unit)}"><td>{link(ctx.urls.href(src, ctx.paths.sop(s.sop.id)), s.sop.nama.value)}</td>'
                f"<td>{link(ctx.urls.href(src, ctx.paths.unit(s.unit)), names[s.unit])}</td>"
                f"<td>{esc(s.sop.nomor.value) if s.sop.nomor is not None else ''}</td>"
                f'<td data-sort="{count}">{count}</td><td>{message}</td></tr>'
            )
        nav = pager(n, len(chunks), lambda k: ctx.urls.href(src, letak.rule(rule.id, k)))
        about = ctx.urls.href(src, ctx.paths.ATURAN, ctx.paths.rule_anchor(rule.id))
        pages[src] = "\n".join([
            FRONT_MATTER, f"# SOP yang gagal {esc_line(rule.id)}", "", _back(src, ctx),
            f"<p><strong>{inline(rule.summary)}</strong></p>",
            f"<p>Tingkat {severity_label(rule.severity, SEVERITY)}. {len(members)} SOP gagal pada pemeriksaan ini; "
            f'ketentuan dan cara memperbaikinya ada di <a href="{about}">halaman Aturan</a>. '
            f"{download(ctx.urls.href_file(src, letak.rule_csv(rule.id)), f'{len(members)} SOP')}</p>",
            _part(n, len(chunks), len(part), len(members)),
            nav, table("gagal", ["Nama SOP", "Unit", "Nomor", "Temuan", "Temuan pertama"], rows), nav, "",
        ])
    return pages


def review_pages(due: list[Due], names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    chunks = _chunks(due, letak.reviews)
    pages = {}
    for n, src, part in chunks:
        nav = pager(n, len(chunks), lambda k: ctx.urls.href(src, letak.reviews(k)))
        body = (table("tinjauan", REVIEW_LABELS, [review_row(d, names, src, ctx) for d in part]) if part
                else '<p class="sop-kosong">Tidak ada SOP yang perlu ditinjau dalam waktu dekat.</p>')
        pages[src] = "\n".join([
            FRONT_MATTER, "# SOP yang perlu ditinjau", "", _back(src, ctx),
            f"<p>{len(due)} SOP terlambat ditinjau ulang atau jatuh tempo dalam {WINDOW_DAYS} hari, yang paling "
            f"terlambat lebih dahulu. {download(ctx.urls.href_file(src, letak.CSV_REVIEWS), f'{len(due)} SOP')}</p>",
            _part(n, len(chunks), len(part), len(due)), nav, body, nav, "",
        ])
    return pages
