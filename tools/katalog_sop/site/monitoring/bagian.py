"""Pages stage, monitoring: an SOP page's section "Monitoring dan Evaluasi".

First the state an auditor asks for (:mod:`.keadaan`): the last monitoring,
its date and result; when the next falls due (the period of rule SOPAP-E02),
or that it is overdue; the last evaluation and its conclusion, and when the
next falls due (SOPAP-E03). Then the history, newest first: each monitoring
row (tanggal, penilai, penilaian, catatan, tindakan, and its record file,
linked to the round's Tabel 7) and each evaluation (tanggal, penilai,
kesimpulan, the checklist's answers, catatan, record file).

No section at all when the catalogue keeps no records (no ``monitoring/``
folder): the tool cannot know records kept elsewhere, and an empty section
would say "never monitored" wrongly. Not part of the official form, so not
printed, and kept out of the search index. Pure; every value escaped here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from katalog_sop.model import Sop
from katalog_sop.monitoring.model import JAWABAN, KESIMPULAN, PENILAIAN
from katalog_sop.site.markup import esc, link
from katalog_sop.site.monitoring import letak
from katalog_sop.site.monitoring.keadaan import Keadaan, MonitoringView, record_file
from katalog_sop.tanggal import format_tanggal

if TYPE_CHECKING:
    from katalog_sop.site.sop_page import PageContext

HEADING = "Monitoring dan Evaluasi"
NEVER = "Belum pernah dimonitor"


def penilai_text(penilai) -> str:
    """Jabatan, nama and NIP as written, those given; plain text."""
    return ", ".join(v for v in (penilai.jabatan, penilai.nama, f"NIP. {penilai.nip}" if penilai.nip else "") if v)


def penilaian_label(value: str | None) -> str:
    """A result's label as HTML, with a class per value for its colour; "belum dinilai" when none was given."""
    if value is None:
        return '<span class="sop-penilaian sop-penilaian-belum">Belum dinilai</span>'
    return f'<span class="sop-penilaian sop-penilaian-{value.replace("_", "-")}">{esc(PENILAIAN.get(value, value))}</span>'


def monitoring_section(sop: Sop, src: str, ctx: PageContext) -> str:
    """The section's Markdown, or ``""`` when the catalogue keeps no records."""
    view: MonitoringView | None = ctx.monitoring
    if view is None:
        return ""
    state = view.states[sop.id]
    parts = [f"## {HEADING}", "", _state(state, view, src, ctx), ""]
    monitored = view.records.monitoring_of(sop.id)
    if monitored:
        parts += ["### Riwayat monitoring", "", _monitoring_table(monitored, src, ctx), ""]
    evaluated = view.records.evaluations_of(sop.id)
    if evaluated:
        parts += ["### Riwayat evaluasi", "", _evaluation_table(evaluated), ""]
    return "\n".join(parts)


def _state(state: Keadaan, view: MonitoringView, src: str, ctx: PageContext) -> str:
    rows = []
    if state.last is None:
        rows.append(("Monitoring terakhir", f'<strong class="sop-belum-dimonitor">{NEVER}</strong>.'))
    else:
        putaran, hasil = state.last
        rows.append(("Monitoring terakhir", f"{esc(format_tanggal(putaran.tanggal))}: {penilaian_label(hasil.penilaian)}"
                     + (f" (penilai: {esc(penilai_text(putaran.penilai))})" if putaran.penilai else "")))
    rows.append(("Monitoring berikutnya", _due(state, view)))
    if state.evaluated is None:
        rows.append(("Evaluasi terakhir", "Belum pernah dievaluasi."))
    else:
        evaluasi, hasil = state.evaluated
        rows.append(("Evaluasi terakhir", f"{esc(format_tanggal(evaluasi.tanggal))}: "
                     f"<strong>{esc(KESIMPULAN.get(hasil.kesimpulan, hasil.kesimpulan))}</strong>"))
    if state.evaluation_due is not None:
        late = " (terlambat)" if state.evaluation_due < view.today else ""
        rows.append(("Evaluasi berikutnya", f"{esc(format_tanggal(state.evaluation_due))}{late}, "
                     f"setiap {view.evaluation_months} bulan"))
    form = link(ctx.urls.href(src, letak.unit(state.unit)), "Monitoring unit ini dan formulir Tabel 7 kosong")
    rows.append(("Formulir", form))
    body = "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in rows)
    return f'<table class="sop-monitoring-keadaan" data-search-exclude=""><tbody>{body}</tbody></table>'


def _due(state: Keadaan, view: MonitoringView) -> str:
    every = f"setiap {view.months} bulan"
    if state.due is None:
        return f'<span class="sop-terlambat">sudah jatuh tempo</span> (SOP tanpa tanggal efektif; {every})'
    when = esc(format_tanggal(state.due))
    if state.overdue:
        return f'<span class="sop-terlambat">{when}, terlambat {(view.today - state.due).days} hari</span> ({every})'
    return f"{when} ({every})"


def _file(record, src: str, ctx: PageContext, page: str | None) -> str:
    name = f"<code>{esc(record_file(record.path, record.unit))}</code>"
    return f'<a href="{ctx.urls.href(src, page)}">{name}</a>' if page else name


def _monitoring_table(pairs, src: str, ctx: PageContext) -> str:
    rows = "".join(
        f"<tr><td>{esc(format_tanggal(p.tanggal))}</td><td>{esc(penilai_text(p.penilai))}</td>"
        f"<td>{penilaian_label(h.penilaian)}</td><td>{esc(h.catatan)}</td><td>{esc(h.tindakan)}</td>"
        f"<td>{_file(p, src, ctx, letak.putaran_of(p))}</td></tr>"
        for p, h in pairs)
    return _history("Riwayat monitoring", ("Tanggal", "Penilai", "Penilaian", "Catatan Hasil Penilaian",
                                           "Tindakan yang Harus Diambil", "Berkas"), rows)


def _history(name: str, labels: tuple[str, ...], rows: str) -> str:
    """A history table, scrolling on its own and kept out of the search index."""
    head = "".join(f'<th scope="col">{label}</th>' for label in labels)
    return (f'<div class="sop-gulir" tabindex="0" role="region" aria-label="{name}" data-search-exclude="">'
            f'<table class="sop-monitoring-riwayat"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>')


def _answers(hasil) -> str:
    if not hasil.jawaban:
        return "–"
    items = "".join(
        f"<li><strong>{esc(j.pertanyaan)}</strong> {esc(j.teks)} "
        f"<em>{esc(JAWABAN.get(j.jawaban, j.jawaban))}</em>{esc(' (' + j.catatan + ')') if j.catatan else ''}</li>"
        for j in hasil.jawaban)
    return f'<ul class="sop-monitoring-jawaban">{items}</ul>'


def _evaluation_table(pairs) -> str:
    rows = "".join(
        f"<tr><td>{esc(format_tanggal(e.tanggal))}</td><td>{esc(penilai_text(e.penilai))}</td>"
        f"<td>{esc(KESIMPULAN.get(h.kesimpulan, h.kesimpulan)) if h.kesimpulan else 'Belum disimpulkan'}</td>"
        f"<td>{_answers(h)}</td><td>{esc(h.catatan)}</td><td>{_file(e, '', None, None)}</td></tr>"
        for e, h in pairs)
    return _history("Riwayat evaluasi", ("Tanggal", "Penilai", "Kesimpulan", "Jawaban daftar periksa", "Catatan",
                                         "Berkas"), rows)
