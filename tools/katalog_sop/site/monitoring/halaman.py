"""Pages stage, monitoring: a unit's monitoring page and one page per round, each with its printable Tabel 7.

- the unit's page (:func:`.letak.unit`): its rounds and evaluations, newest
  first, then the blank Tabel 7 listing every SOP of the unit, for the
  penilai to fill in by hand in the field;
- a round's page (:func:`.letak.putaran`): its record file's name, then its
  Tabel 7 filled from the record, rows in the record's order.

On paper each page is its Tabel 7 alone (the print CSS hides the rest, as
on an SOP page). Made only when the catalogue keeps records (a
``monitoring/`` folder): a catalogue that keeps them elsewhere gets no form
that would suggest otherwise. Pure: Markdown texts by source path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from katalog_sop.keterkaitan import unit_of
from katalog_sop.model import Sop
from katalog_sop.monitoring.model import Putaran
from katalog_sop.site.indexes import instansi_of
from katalog_sop.site.markup import esc, esc_line, link
from katalog_sop.site.monitoring import letak
from katalog_sop.site.monitoring.keadaan import MonitoringView, record_file
from katalog_sop.site.monitoring.tabel7 import Baris, Kepala, tabel7
from katalog_sop.site.sop_list import natural_key
from katalog_sop.tanggal import format_tanggal

if TYPE_CHECKING:
    from katalog_sop.site.sop_page import PageContext

FRONT_MATTER = "---\nhide:\n  - toc\n---\n"


def monitoring_pages(view: MonitoringView, names: dict[str, str], ctx: PageContext) -> dict[str, str]:
    """Every unit's monitoring page and every round's page, by source path."""
    by_unit: dict[str, list[Sop]] = {}
    for sop in ctx.catalogue.sops.values():
        by_unit.setdefault(unit_of(sop), []).append(sop)
    units = set(by_unit) | {p.unit for p in view.records.putaran} | {e.unit for e in view.records.evaluasi}
    pages = {}
    for unit_id in units:
        sops = by_unit.get(unit_id, [])
        name = names.get(unit_id) or unit_id
        pages[letak.unit(unit_id)] = _unit_page(unit_id, name, sops, view, ctx)
        for putaran in (p for p in view.records.putaran if p.unit == unit_id):
            pages[letak.putaran_of(putaran)] = _round_page(putaran, name, sops, ctx)
    return pages


def _penilai(putaran) -> str:
    return ", ".join(v for v in (putaran.penilai.jabatan, putaran.penilai.nama) if v) or "–"


def _unit_page(unit_id: str, name: str, sops: list[Sop], view: MonitoringView, ctx: PageContext) -> str:
    src = letak.unit(unit_id)
    rounds = sorted((p for p in view.records.putaran if p.unit == unit_id), key=lambda p: (p.tanggal, p.path), reverse=True)
    evaluations = sorted((e for e in view.records.evaluasi if e.unit == unit_id), key=lambda e: (e.tanggal, e.path),
                         reverse=True)
    round_rows = "".join(
        f"<tr><td>{link(ctx.urls.href(src, letak.putaran_of(p)), format_tanggal(p.tanggal))}</td>"
        f"<td>{esc(_penilai(p))}</td><td>{len(p.hasil)}</td><td><code>{esc(record_file(p.path, p.unit))}</code></td></tr>"
        for p in rounds)
    evaluation_rows = "".join(
        f"<tr><td>{esc(format_tanggal(e.tanggal))}</td><td>{esc(_penilai(e))}</td><td>{len(e.hasil)}</td>"
        f"<td><code>{esc(record_file(e.path, e.unit))}</code></td></tr>"
        for e in evaluations)
    head = "<thead><tr><th>Tanggal</th><th>Penilai</th><th>SOP</th><th>Berkas</th></tr></thead>"
    ordered = sorted(sops, key=lambda s: (natural_key(s.nama.value), s.id))
    rows = [Baris(s.nama.value, s.nomor.value if s.nomor else "", ctx.urls.href(src, ctx.paths.sop(s.id))) for s in ordered]
    return "\n".join([
        FRONT_MATTER, f"# Monitoring: {esc_line(name)}", "",
        f"<p>Monitoring penerapan SOP unit ini (Tabel 7 PermenPANRB 35/2012), setiap {view.months} bulan. "
        f'Daftar SOP unit: {link(ctx.urls.href(src, ctx.paths.unit(unit_id)), name)}.</p>', "",
        "## Putaran monitoring", "",
        f'<table class="sop-monitoring-putaran">{head}<tbody>{round_rows}</tbody></table>' if rounds
        else '<p class="sop-kosong">Belum ada putaran monitoring yang dicatat.</p>', "",
        "## Evaluasi", "",
        f'<table class="sop-monitoring-putaran">{head}<tbody>{evaluation_rows}</tbody></table>' if evaluations
        else '<p class="sop-kosong">Belum ada evaluasi yang dicatat.</p>', "",
        "## Formulir kosong", "",
        "<p>Tabel 7 berisi semua SOP unit ini dengan kolom penilaian kosong, untuk diisi penilai di lapangan. "
        "Cetak halaman ini (Ctrl+P): yang tercetak hanya formulirnya, A4 melintang.</p>", "",
        tabel7(Kepala(instansi_of(sops), name), rows, blank=True), "",
    ])


def _round_page(putaran: Putaran, name: str, sops: list[Sop], ctx: PageContext) -> str:
    src = letak.putaran_of(putaran)
    catalogue = ctx.catalogue.sops
    rows = []
    for hasil in putaran.hasil:
        sop = catalogue.get(hasil.sop_id) if hasil.sop_id else None
        href = ctx.urls.href(src, ctx.paths.sop(sop.id)) if sop is not None else None
        rows.append(Baris(sop.nama.value if sop is not None else hasil.sop,
                          sop.nomor.value if sop is not None and sop.nomor else "", href,
                          hasil.penilaian, hasil.catatan, hasil.tindakan))
    instansi = instansi_of(sops or [s for s in catalogue.values() if any(h.sop_id == s.id for h in putaran.hasil)])
    kepala = Kepala(instansi, name, putaran.tanggal, putaran.penilai, putaran.metode)
    back = ctx.urls.href(src, letak.unit(putaran.unit))
    return "\n".join([
        FRONT_MATTER, f"# Monitoring {esc_line(name)}, {esc_line(format_tanggal(putaran.tanggal))}", "",
        f'<p><a href="{back}">← Monitoring {esc(name)}</a> · berkas <code>{esc(record_file(putaran.path, putaran.unit))}</code>. '
        "Cetak halaman ini (Ctrl+P) untuk Tabel 7 resmi, A4 melintang.</p>", "",
        tabel7(kepala, rows), "",
    ])
