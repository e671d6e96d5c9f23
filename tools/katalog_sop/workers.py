"""Check stage, in parallel: each file's own checks in worker processes, for large catalogues.

Reading, schema, model and the per-SOP rules of one file need nothing from
the others, so worker processes do them, a chunk of files at a time. What
comes back is kept small, because unpickling full SOP models cost the parent
as much as building them: each file's problems, and a *summary* of its SOP
holding only what the catalogue-wide stage reads (id, path, nama, nomor,
instansi, unit, dasar_hukum, keterkaitan, each step's kegiatan and keterangan,
where ``langkah`` stands, and the SOP's exemptions). A catalogue-wide rule that
reads more must add it here: the worker test runs every such rule both ways. The parent then builds the
catalogue and runs the catalogue-wide rules on those summaries.

The summaries are enough for reports (the CLI), not for pages: the site
builds in one process. Workers are forked (the rules and their options are
inherited, not sent), so this is used only where ``fork`` exists.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from katalog_sop.model import Langkah, Pengecualian, Sop, Text
from katalog_sop.problem import Location, Problem, Severity

MIN_FILES = 400
"""Below this, starting workers costs more than it saves."""

CHUNK = 256
"""Files per task at most. Larger tasks cost the parent less (a third less time rebuilding results at
256 than at 64, on 5,000 files); about eight tasks per worker keep the last one from running alone."""

_job: dict = {}
"""What the forked workers inherit: the per-SOP rules, their options and the date."""


def available_jobs() -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_files_parallel(sources: Sequence, rules: Sequence, options: dict, today, jobs: int):
    """``[(source, sop summary or None, problems, findings of rules)]`` in the order of ``sources``."""
    _job.update(rules=list(rules), options=options, today=today)
    size = min(CHUNK, max(32, len(sources) // (jobs * 8)))
    chunks = [sources[start : start + size] for start in range(0, len(sources), size)]
    context = multiprocessing.get_context("fork")
    results = []
    try:
        with context.Pool(jobs) as pool:
            # In order, as each chunk is done: the parent rebuilds one chunk's
            # results while the workers go on with the next, instead of
            # rebuilding all of them after the last.
            for chunk in pool.imap(_check_chunk, chunks):
                results += [
                    (source, _sop(flat) if flat else None, [_problem(p) for p in problems], [_problem(p) for p in found])
                    for source, flat, problems, found in chunk
                ]
    finally:
        _job.clear()
    return results


def _check_chunk(sources: Sequence) -> list[tuple]:
    from katalog_sop.check import check_file  # the same per-file pipeline as one process
    from katalog_sop.rules import run_rules

    checked = [check_file(source) for source in sources]
    sops = [f.sop for f in checked if f.sop is not None]
    found: dict[str, list[Problem]] = {}
    if sops and _job["rules"]:
        for problem in run_rules(sops, today=_job["today"], options=_job["options"], rules=_job["rules"]):
            found.setdefault(problem.location.path, []).append(problem)
    return [
        (
            f.source,
            _flat_sop(f.sop) if f.sop is not None else None,
            [_flat(p) for p in f.problems],
            [_flat(p) for p in found.get(f.source.display, ())],
        )
        for f in checked
    ]


# Plain tuples of str and int cross the process boundary: unpickling the
# model records themselves (and an enum per problem) cost more than the check.


def _flat(problem: Problem) -> tuple:
    loc = problem.location
    return (loc.path, loc.line, loc.column, loc.json_path, problem.severity.value, problem.code, problem.message,
            problem.suppressed)


def _problem(flat: tuple) -> Problem:
    path, line, column, json_path, severity, code, message, suppressed = flat
    new = tuple.__new__
    return new(Problem, (new(Location, (path, line, column, json_path)), _SEVERITY[severity], code, message, suppressed))


_SEVERITY = {severity.value: severity for severity in Severity}


def _loc(location: Location) -> tuple:
    return (location.line, location.column, location.json_path)


def _text(text: Text | None) -> tuple | None:
    return None if text is None else (text.value, _loc(text.location))


def _flat_sop(sop: Sop) -> tuple:
    """What the catalogue-wide stage reads of ``sop`` (see the module docstring)."""
    return (
        sop.id, sop.path, _loc(sop.location), _text(sop.nama), _text(sop.nomor), _text(sop.instansi),
        _text(sop.unit), tuple(_text(item) for item in sop.dasar_hukum), tuple(_text(item) for item in sop.keterkaitan),
        tuple((step.nomor, _text(step.kegiatan), _text(step.keterangan)) for step in sop.langkah),
        _loc(sop.key_locations["langkah"]) if "langkah" in sop.key_locations else None,
        tuple((e.aturan, _text(e.alasan), e.langkah, _loc(e.location)) for e in sop.pengecualian),
    )


def _sop(flat: tuple) -> Sop:
    sop_id, path, where, nama, nomor, instansi, unit, dasar_hukum, keterkaitan, steps, langkah_at, exemptions = flat
    # The parent rebuilds these while the workers go on: tuple.__new__ skips the named tuples'
    # keyword-handling constructors, a third of the rebuild, itself a fifth of the parent's work.
    new = tuple.__new__

    def loc(triple: tuple) -> Location:
        return new(Location, (path, *triple))

    def text(pair: tuple | None) -> Text | None:
        return None if pair is None else new(Text, (pair[0], new(Location, (path, *pair[1]))))

    def row(number: int, kegiatan: tuple, keterangan: tuple | None) -> Langkah:
        # No catalogue-wide rule reports at a step itself: its kegiatan's place stands for it.
        said = text(kegiatan)
        return Langkah(number, None, said, (), (), None, (), text(keterangan), (), None, said.location)

    return Sop(
        id=sop_id, path=path, location=loc(where), nama=text(nama), nomor=text(nomor), instansi=text(instansi),
        unit=text(unit), kop=None, tanggal_pembuatan=None, tanggal_revisi=None, tanggal_efektif=None,
        disahkan_oleh=None, dasar_hukum=tuple(text(t) for t in dasar_hukum), kualifikasi_pelaksana=(),
        keterkaitan=tuple(text(t) for t in keterkaitan),
        peralatan_perlengkapan=(), peringatan=(), pencatatan_pendataan=(), satuan_waktu=None, pelaksana=(),
        langkah=tuple(row(*item) for item in steps),
        revisi=(), catatan_sumber=None,
        key_locations={"langkah": loc(langkah_at)} if langkah_at else {},
        pengecualian=tuple(Pengecualian(aturan, text(alasan), step, loc(at)) for aturan, alasan, step, at in exemptions),
    )
