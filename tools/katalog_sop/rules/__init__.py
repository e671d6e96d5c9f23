"""Rules stage: compliance findings for built SOPs, per SOP and across the catalogue.

Takes the catalogue stage's output (or any SOPs) and returns sorted
:class:`~katalog_sop.problem.Problem` records whose ``code`` is the rule id
(``SOPAP-I02``). Pure: no I/O besides reading the package's own data files at
import, nothing printed, nothing mutated.

Every rule lives in a small module of this package, registered with
:func:`katalog_sop.rules.base.rule`; :data:`RULES` holds them by id. Families:
I identitas, B bagian, P pelaksana, M mutu baku, F flow (alur/keputusan),
K kalimat, D dasar hukum, C katalog, W waktu, E monitoring dan evaluasi. Ids are never renamed or reused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop
from katalog_sop.problem import CODE_INTERNAL, Location, Problem, Severity, sort_problems
from katalog_sop.rules import (  # noqa: F401  (imported to register their rules)
    aktor,
    alur,
    bagian,
    bukan_aktor,
    disimpulkan,
    evaluasi,
    durasi,
    hukum,
    identitas,
    jangkauan,
    jenis_peraturan,
    kalimat,
    kategori,
    kemiripan,
    kolom_tabel,
    kualifikasi,
    judul_antar_sop,
    keputusan,
    keputusan_tersembunyi,
    keterkaitan,
    monitoring,
    mutu_baku,
    nomor_ganda,
    nomor_langkah,
    pelaksana,
    pedoman,
    pengesah,
    pengesahan,
    persetujuan,
    pertanyaan,
    peraturan_lama,
    profil,
    tinjauan,
    tindak_lanjut,
    transkripsi,
    tugas_terpisah,
    urutan_peraturan,
    urutan_tanggal,
    wilayah,
)
from katalog_sop.rules.base import CATALOGUE, PER_SOP, Context, Rule, defined_rules

__all__ = ["RULES", "Rule", "run_rules"]

RULES: Mapping[str, Rule] = MappingProxyType({r.id: r for r in sorted(defined_rules(), key=lambda r: r.id)})

Options = Mapping[str, Mapping[str, object]]
"""Per rule id, the options to change: ``{"SOPAP-W03": {"periode_bulan": 6}}``."""


def run_rules(
    sops: Catalogue | Iterable[Sop],
    *,
    today: dt.date,
    options: Options | None = None,
    rules: Iterable[Rule] | None = None,
) -> list[Problem]:
    """Every finding of ``rules`` (default: all) on ``sops``, sorted by file and line.

    Raises ValueError for an option or rule id that does not exist: a
    configuration mistake, which the adapter reports as a usage error.
    """
    catalogue = sops if isinstance(sops, Catalogue) else Catalogue({sop.id: sop for sop in sops})
    selected = list(RULES.values() if rules is None else rules)
    contexts = _contexts(selected, today, options or {})
    problems: list[Problem] = []
    add = problems.append
    per_sop = [(r.check, contexts[r.id], r.severity, r.id) for r in selected if r.scope == PER_SOP]
    for sop in catalogue.sops.values():  # every rule on one SOP before the next: see base.per_sop
        for check, context, severity, rule_id in per_sop:
            try:  # free in Python 3.11 unless raised
                for where, message in check(sop, context):
                    add(Problem(where, severity, rule_id, message))
            except Exception as exc:  # a bug in one rule must not hide every other finding
                add(_internal(sop.location, rule_id, exc))
    for r in selected:
        if r.scope == CATALOGUE:
            try:
                for where, message in r.check(catalogue, contexts[r.id]):
                    add(Problem(where, r.severity, r.id, message))
            except Exception as exc:
                first = next(iter(catalogue.sops.values()), None)
                if first is not None:
                    add(_internal(first.location, r.id, exc))
    return sort_problems(problems)


def _internal(where: Location, rule_id: str, exc: Exception) -> Problem:
    message = f"galat internal pada aturan {rule_id} ({type(exc).__name__}: {exc}); mohon laporkan"
    return Problem(where, Severity.ERROR, CODE_INTERNAL, message)


def _contexts(selected: list[Rule], today: dt.date, options: Options) -> dict[str, Context]:
    unknown = sorted(set(options) - set(RULES))
    if unknown:
        raise ValueError(f"aturan tidak dikenal: {', '.join(unknown)}")
    return {r.id: Context(today, r.options(options.get(r.id))) for r in selected}
