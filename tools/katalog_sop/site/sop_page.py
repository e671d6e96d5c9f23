"""One SOP's page: the SOP AP form's parts in its order, as Markdown with HTML blocks.

Order and labels follow the form: the identity block (nomor, tanggal
pembuatan / revisi / efektif, disahkan oleh, nama SOP), the six sections, the
pelaksana, the steps as a table, the flowchart sheet (a placeholder the
plugin fills after Markdown, outside the search index), the total time, the
revision history (with the file's last change in git, when the plugin read
it: :mod:`katalog_sop.riwayat`), monitoring and evaluation (:mod:`katalog_sop.site.monitoring.bagian`;
only where the catalogue keeps records), the compliance findings (:mod:`katalog_sop.site.findings`;
not part of the form, so not printed) and the source note. Headings are Markdown, so they make the
page's table of contents and search sections; everything else is HTML
written on lines without blank lines between them, which Markdown passes
through untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from katalog_sop.build import SECTIONS
from katalog_sop.catalogue import Catalogue
from katalog_sop.formulir import column_name, heading, labels
from katalog_sop.model import BERSAMAAN, Langkah, Pengesahan, Simbol, Sop
from katalog_sop.problem import Problem
from katalog_sop.keterkaitan import Links
from katalog_sop.riwayat import NO_HISTORY, GitHistory
from katalog_sop.site.cetak import EXTRA_SECTIONS, date_text, kop_lines, print_form
from katalog_sop.site.findings import findings_section, status
from katalog_sop.site.logo import Present, logo_href
from katalog_sop.site.markup import Urls, attr, esc, esc_line, items, link
from katalog_sop.site.monitoring.bagian import monitoring_section
from katalog_sop.site.monitoring.keadaan import MonitoringView
from katalog_sop.site.paths import Paths
from katalog_sop.site.scores import Scores
from katalog_sop.waktu_total import total_waktu
from katalog_sop.tanggal import format_tanggal

SHEET_MARK = '<div class="sop-lembar" data-sop="{id}"></div>'
"""Where the plugin puts the flowchart sheet once Markdown is done."""

EMPTY = '<span class="sop-kosong">–</span>'

UNKNOWN = '<span class="sop-tidak-diketahui" title="tidak terbaca pada sumber">?</span>'


@dataclass(frozen=True)
class PageContext:
    catalogue: Catalogue
    paths: Paths
    urls: Urls
    links: Links
    scores: Scores | None = None
    """The compliance scores; ``None`` (or no rule ran): the pages show structure only."""
    history: GitHistory = NO_HISTORY
    """What git says about the SOP files, by SOP id; empty outside git: the pages show no git dates."""
    formulir: Callable[[str], Mapping[str, str | None]] | None = None
    """The agency profile's form labels for an SOP id (the SOP's own ``formulir`` overrides them)."""
    site_file: Present | None = None
    """Whether the site's docs folder has a file (an SOP's ``kop.logo``); ``None``: not known, taken as there."""
    monitoring: MonitoringView | None = None
    """The catalogue's monitoring records and each SOP's state; ``None``: it keeps none (no section is shown)."""


def sop_page(sop: Sop, problems: list[Problem], ctx: PageContext) -> str:
    """``problems``: the SOP file's structural problems (not rule findings: those come from ``ctx.scores``)."""
    src = ctx.paths.sop(sop.id)
    score = ctx.scores.sops.get(sop.id) if ctx.scores is not None else None
    label = labels(sop, ctx.formulir(sop.id) if ctx.formulir else None)
    parts = [
        f"# {esc_line(sop.nama.value)}",
        "",
        _subtitle(sop, src, ctx),
        "",
        status(problems, score),
        "",
        print_form(sop, label, logo_href(sop, src, ctx.urls, ctx.site_file)),
        "",
        "## Identitas",
        "",
        _identity(sop, label),
        "",
    ]
    for key in EXTRA_SECTIONS:
        if getattr(sop, key):
            parts += [f"## {esc_line(label[key])}", "", items(v.value for v in getattr(sop, key)), ""]
    for key in SECTIONS:
        parts += [f"## {esc_line(label[key])}", "", _section(sop, key, src, ctx), ""]
    parts += ["## " + esc_line(heading(label, "pelaksana")), "", _pelaksana(sop, src, ctx), ""]
    parts += ["## Langkah", "", _steps(sop, label), "", _total(sop), ""]
    parts += ["## Lembar Flowchart", "", SHEET_MARK.format(id=attr(sop.id)), ""]
    if revisions := _riwayat(sop, ctx.history):
        parts += ["## Riwayat Revisi", "", revisions, ""]
    if monitoring := monitoring_section(sop, src, ctx):
        parts += [monitoring, ""]
    ran = score is not None and score.checks
    if ran or problems:
        aturan = ctx.urls.href(src, ctx.paths.ATURAN)  # once per page: relpath is the costly part
        rule_href = lambda rule_id: f"{aturan}#{ctx.paths.rule_anchor(rule_id)}"
        rules_by_id = ctx.scores.rules_by_id if ctx.scores is not None else {}
        parts += [findings_section(score if ran else None, rules_by_id, rule_href, problems), ""]
    if sop.catatan_sumber is not None:
        parts += ["## Catatan Sumber", "", _catatan(sop), ""]
    parts += ["## Dirujuk oleh", "", _referenced_by(sop, src, ctx), ""]
    return "\n".join(parts)


def tab_title(sop: Sop) -> str:
    """The browser tab's title (plain text): the SOP's name and the unit or instansi it belongs to."""
    owner = next((v.value for v in (sop.unit, sop.instansi) if v is not None), "")
    return f"{sop.nama.value} · {owner}" if owner else sop.nama.value


def _subtitle(sop: Sop, src: str, ctx: PageContext) -> str:
    """What tells same-named SOPs apart, under the title: the unit, the instansi, the nomor (those written);
    then the kategori, linked to its page of the Indeks Kategori. Never printed: the form has no kategori."""
    parts = [esc(v.value) for v in (sop.unit, sop.instansi) if v is not None]
    if sop.nomor is not None:
        parts.append(esc(f"Nomor {sop.nomor.value}"))
    if sop.kategori is not None:
        parts.append("Kategori " + link(ctx.urls.href(src, ctx.paths.kategori(sop.kategori.value)), sop.kategori.value))
    if not parts:
        return ""
    return '<p class="sop-subjudul">' + " · ".join(f"<span>{p}</span>" for p in parts) + "</p>"


def _pengesahan(value: Pengesahan | None) -> str:
    if value is None:
        return ""
    lines = [esc(v.value) for v in (value.jabatan, value.nama) if v is not None]
    if value.nip is not None:
        lines.append("NIP. " + esc(value.nip.raw))
    return "<br>".join(lines)


def _identity(sop: Sop, label: Mapping[str, str | None]) -> str:
    kop = [text for _, text in kop_lines(sop)]
    rows = [
        ("nomor", esc(sop.nomor.value) if sop.nomor else ""),
        ("tanggal_pembuatan", date_text(sop.tanggal_pembuatan)),
        ("tanggal_revisi", date_text(sop.tanggal_revisi)),
        ("tanggal_efektif", date_text(sop.tanggal_efektif)),
    ]
    rows += [(key, _pengesahan(getattr(sop, key))) for key in ("disusun_oleh", "diperiksa_oleh") if getattr(sop, key)]
    rows += [("disahkan_oleh", _pengesahan(sop.disahkan_oleh)), ("nama", esc(sop.nama.value))]
    body = "".join(f'<tr><th scope="row">{esc(label[key])}</th><td>{value or EMPTY}</td></tr>' for key, value in rows)
    head = "".join(f"<div>{esc(line)}</div>" for line in kop)
    return f'<div class="sop-identitas"><div class="sop-kop">{head}</div><table><tbody>{body}</tbody></table></div>'


def _section(sop: Sop, key: str, src: str, ctx: PageContext) -> str:
    values = list(getattr(sop, key))
    if key == "dasar_hukum":
        def render(index_value):
            index, text = index_value
            return link(ctx.urls.href(src, ctx.paths.dasar_hukum(text.value)), text.value)
        return items(enumerate(values), render)
    if key == "keterkaitan":
        def render(index_value):
            index, text = index_value
            target = ctx.links.targets.get((sop.id, index))
            return link(ctx.urls.href(src, ctx.paths.sop(target)), text.value) if target else esc(text.value)
        return items(enumerate(values), render)
    return items(v.value for v in values)


def _pelaksana(sop: Sop, src: str, ctx: PageContext) -> str:
    return items(sop.pelaksana, lambda p: link(ctx.urls.href(src, ctx.paths.pelaksana(p.nama)), p.nama))


def _cell(values) -> str:
    return "<br>".join(esc(v.value) for v in values)


BENTUK_NAMES = {"mulai": "mulai", "proses": "proses", "keputusan": "keputusan", "selesai": "selesai", "kapsul": "kapsul"}
COLUMNS = ("no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")


def _steps(sop: Sop, label: Mapping[str, str | None]) -> str:
    """The step table: the sheet's rows in words, every symbol and arrow said, what is unknown shown as such."""
    columns = [key for key in COLUMNS if label[key] is not None]
    head = "".join(f'<th scope="col">{esc(heading(label, key))}</th>' for key in columns)
    rows: list[str] = []
    notes: tuple = ()

    def close_table() -> None:  # what is printed under a table follows its last row
        if notes:
            rows.append(f'<tr class="sop-tabel-catatan"><td colspan="{len(columns)}">{_cell(notes)}</td></tr>')

    for step in sop.langkah:
        cells = {
            "no": esc(step.label),
            "kegiatan": esc(step.kegiatan.value) + _arrows(sop, step),
            "pelaksana": _step_pelaksana(sop, step),
            "kelengkapan": _cell(step.kelengkapan),
            "waktu": esc(step.waktu.text) if step.waktu is not None else "",
            "output": _cell(step.output),
            "keterangan": esc(step.keterangan.value) if step.keterangan else "",
        }
        for part in step.tidak_terbaca:
            if part in cells and part != "pelaksana":
                cells[part] = (cells[part] + " " if cells[part] else "") + UNKNOWN
        shown = [key for key in columns if key != "waktu" or step.waktu_dari is None]  # under a merged cell
        span = {"waktu": f' rowspan="{step.waktu_baris}"'} if step.waktu_baris > 1 else {}
        if step.tabel:  # one SOP of several flowchart tables: each begins under its title
            close_table()
            notes = step.tabel.catatan
            if step.tabel.judul or step.nomor > 1:
                title = esc(step.tabel.judul) if step.tabel.judul else "(tabel tanpa judul)"
                rows.append(f'<tr class="sop-tabel-judul"><th colspan="{len(columns)}" scope="colgroup">{title}</th></tr>')
        rows.append(f'<tr id="langkah-{step.nomor}">' + "".join(f"<td{span.get(key, '')}>{cells[key]}</td>" for key in shown) + "</tr>")
    close_table()
    return (f'<div class="sop-gulir" tabindex="0" role="region" aria-label="Tabel langkah (geser ke samping bila perlu)">'
            f'<table class="sop-langkah"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _symbol_name(sop: Sop, symbol: Simbol) -> str:
    return esc(column_name(sop, symbol.pelaksana)) if symbol.pelaksana else UNKNOWN


def _step_pelaksana(sop: Sop, step: Langkah) -> str:
    """The row's columns in flow order: "A → B" for a hand-off, "A, B (bersamaan)" in parallel."""
    if step.unknown("pelaksana") and not step.pelaksana:
        return UNKNOWN
    names = [_symbol_name(sop, symbol) for symbol in step.simbol]
    if len(names) == 1:
        return names[0]
    if step.alur == BERSAMAAN:
        return ", ".join(names) + ' <span class="sop-alur">(bersamaan)</span>'
    return " → ".join(names)


def _target(sop: Sop, key: tuple[int, int]) -> str:
    """The target row as HTML: its printed number is the author's text."""
    row = sop.langkah[key[0] - 1]
    name = esc(row.sebutan)
    if len(row.simbol) > 1:
        name += f" ({_symbol_name(sop, row.simbol[key[1]])})"
    return name


def _arrows(sop: Sop, step: Langkah) -> str:
    """What the sheet shows beyond "on to the next row": symbol kinds and texts, exits, jumps, ends, unknowns."""
    notes = []
    several = len(step.simbol) > 1
    following = sop.langkah[step.nomor] if step.nomor < len(sop.langkah) else None
    plain = lambda k: following is not None and k[0] == following.nomor and k[1] in following.masuk  # as the table reads
    for symbol in step.simbol:
        who = f"{_symbol_name(sop, symbol)}: " if several else ""
        if symbol.teks:
            notes.append(f"{who}{BENTUK_NAMES[symbol.bentuk]} «{esc(symbol.teks)}»")
        for keluar in symbol.keluar:
            targets = [k for k in keluar.ke if not plain(k) or keluar.label or symbol.bentuk == "keputusan"]
            if keluar.ke and not targets:
                continue
            where = "selesai" if not keluar.ke else ", ".join(
                "simbol berikutnya" if k[0] == step.nomor and k[1] == symbol.urutan + 1 else f"ke {_target(sop, k)}"
                for k in keluar.ke
            )
            if keluar.label or where != "simbol berikutnya":
                notes.append(f"{who}{esc(keluar.label) + ': ' if keluar.label else ''}{where}")
    unknown_next = following is not None and following.unknown("alur")  # no arrow drawn into an unknown row
    for symbol in step.simbol:
        if not symbol.keluar and symbol.bentuk != "selesai" and not step.unknown("alur") and not unknown_next:
            who = f"{_symbol_name(sop, symbol)}: " if several else ""
            notes.append(f"{who}tanpa anak panah keluar")
    if step.unknown("alur"):
        notes.append(f"anak panah {UNKNOWN}")
    if step.unknown("simbol"):
        notes.append(f"bentuk simbol {UNKNOWN}")
    if not notes:
        return ""
    return '<ul class="sop-cabang">' + "".join(f"<li>{note}</li>" for note in notes) + "</ul>"


def _total(sop: Sop) -> str:
    total = total_waktu(sop)
    name = lambda n: esc(sop.langkah[n - 1].label or f"baris ke-{n}")
    path = ", ".join(name(n) for n in total.steps)
    text = esc(total.text) if total.text else "tidak dapat dihitung"
    notes = [f"{label}: langkah {', '.join(name(n) for n in steps)}" for label, steps in (
        ("tanpa waktu", total.without_waktu), ("tidak terukur", total.unmeasured), ("waktu per satuan", total.per_item))
        if steps]
    note = f" ({'; '.join(notes)})" if notes else ""
    return f'<p class="sop-total-waktu"><strong>Total waktu jalur utama:</strong> {text}{note}. Jalur utama: langkah {path}.</p>'


def _revisi(sop: Sop) -> str:
    rows = "".join(
        f"<tr><td>{'' if r.ke is None else r.ke}</td><td>{date_text(r.tanggal)}</td><td>{esc(r.uraian.value)}</td></tr>"
        for r in sop.revisi
    )
    return f'<table class="sop-revisi"><thead><tr><th>Revisi ke</th><th>Tanggal</th><th>Uraian</th></tr></thead><tbody>{rows}</tbody></table>'


def _riwayat(sop: Sop, history: GitHistory) -> str:
    """The revision table, else the identity block's Tanggal Revisi, and the git line; "" when none applies."""
    parts = []
    if sop.revisi:
        parts.append(_revisi(sop))
    elif sop.tanggal_revisi is not None and sop.tanggal_revisi.date is not None:
        parts.append(f"<p>Revisi terakhir: {date_text(sop.tanggal_revisi)} (rincian revisi tidak dicatat).</p>")
    if history.in_git:
        parts.append(f'<p class="sop-riwayat-git" data-search-exclude="">{_git_note(sop.id, history)}</p>')
    return "".join(parts)


def _git_note(sop_id: str, history: GitHistory) -> str:
    date = history.dates.get(sop_id)
    if date is None:
        return "Berkas SOP ini belum pernah di-commit ke git."
    note = "; ada perubahan yang belum di-commit" if sop_id in history.uncommitted else ""
    return f"Terakhir diubah (git): {esc(format_tanggal(date))}{note}."


def _catatan(sop: Sop) -> str:
    note = sop.catatan_sumber
    parts = ['<div class="sop-catatan-sumber"><p>SOP ini disalin dari dokumen sumber; catatan penyalinan:</p><dl>']
    if note.sumber is not None:
        parts.append(f"<dt>Sumber</dt><dd>{esc(note.sumber.value)}</dd>")
    for label, values in (("Perbaikan", note.perbaikan), ("Tidak terbaca", note.tidak_terbaca),
                          ("Disimpulkan", note.disimpulkan), ("Catatan", note.catatan)):
        if values:
            parts.append(f"<dt>{label}</dt><dd>{items(v.value for v in values)}</dd>")
    parts.append("</dl></div>")
    return "".join(parts)


def _referenced_by(sop: Sop, src: str, ctx: PageContext) -> str:
    ids = ctx.links.referenced_by.get(sop.id, ())
    return items(ids, lambda i: link(ctx.urls.href(src, ctx.paths.sop(i)), ctx.catalogue.sops[i].nama.value),
                 empty='<p class="sop-kosong">Belum ada SOP lain yang merujuk SOP ini.</p>')
