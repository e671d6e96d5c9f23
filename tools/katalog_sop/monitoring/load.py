"""Monitoring stage, reading: ``monitoring/<unit>/*.yaml`` -> :class:`~.model.Records` and problems.

Each file is read as SOP files are (positions on every node), checked
against its own schema (``schema/monitoring.schema.json`` for a Tabel 7
round, ``schema/evaluasi.schema.json`` for an evaluation, by the file's
``jenis``), then against the catalogue: every SOP it names must resolve, as
a Keterkaitan item does (id, the file's name in the unit's folder, nomor or
name); no SOP twice in one file; no date in the future; every answer to a
question of the evaluation checklist. Each problem names the file, line and
column. A file with an error adds no record. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from katalog_sop.catalogue import Catalogue
from katalog_sop.keterkaitan import AMBIGUOUS, Resolver
from katalog_sop.monitoring.model import Evaluasi, Hasil, HasilEvaluasi, Jawaban, Penilai, Putaran, Records
from katalog_sop.monitoring.pertanyaan import TEMPLATE, Pertanyaan
from katalog_sop.problem import Problem, error
from katalog_sop.source import Document, load_bytes, load_file
from katalog_sop.tanggal import HOW_TO_WRITE, format_tanggal, parse_tanggal

CODE = "monitoring"
FOLDER = "monitoring"
"""The records' folder, beside the catalogue's ``sops/``."""
KINDS = ("monitoring", "evaluasi")


def load_records(
    files: Sequence[tuple[Path, str, str, bytes | None]],
    catalogue: Catalogue,
    today: dt.date,
    checklist: Sequence[Pertanyaan] = TEMPLATE,
) -> tuple[Records, list[Problem]]:
    """The records of ``files``, each ``(file, shown path, record id "unit/name", its bytes or None to read
    the file)``, resolved against ``catalogue``; and every problem found in them."""
    resolver = Resolver(catalogue)
    putaran: list[Putaran] = []
    evaluasi: list[Evaluasi] = []
    problems: list[Problem] = []
    for file, shown, record_id, raw in files:
        document, found = load_file(file, shown) if raw is None else load_bytes(raw, shown)
        if document is not None:
            record, more = _record(document, record_id, resolver, today, {q.id: q.teks for q in checklist})
            found += more
            if record is not None and not any(p.is_error for p in found):
                (putaran if isinstance(record, Putaran) else evaluasi).append(record)
        problems += found
    order = lambda record: (record.tanggal, record.path)  # noqa: E731
    return Records(tuple(sorted(putaran, key=order)), tuple(sorted(evaluasi, key=order))), problems


def _record(document: Document, record_id: str, resolver: Resolver, today: dt.date, questions: dict[str, str]):
    from katalog_sop.schema import explain, validator  # jsonschema only when records are read

    data = document.data
    if not isinstance(data, dict):
        return None, [error(document.location(), CODE, "berkas monitoring harus berupa pemetaan (kunci: nilai)")]
    kind = data.get("jenis") if data.get("jenis") in KINDS else "monitoring"
    problems = explain(validator(f"{kind}.schema.json"), document)
    if "/" not in record_id:
        problems.append(error(document.location(), CODE, "simpan catatan monitoring di folder unitnya: monitoring/<unit>/<berkas>.yaml"))
    if problems:
        return None, problems
    unit = record_id.split("/", 1)[0]
    tanggal = _date(document, today, problems)
    penilai = Penilai(*(_text(data.get("penilai", {}).get(key)) for key in ("jabatan", "nama", "nip")))
    seen: dict[str, int] = {}
    results = []
    for index, item in enumerate(data["hasil"]):
        where = ("hasil", index)
        sop_id = _resolve(document, resolver, unit, item["sop"], where, problems)
        if sop_id is not None and sop_id in seen:
            problems.append(error(document.location(where + ("sop",)), CODE,
                                  f"SOP '{sop_id}' sudah dinilai pada hasil ke-{seen[sop_id] + 1} berkas ini"))
        elif sop_id is not None:
            seen[sop_id] = index
        location = document.location(where)
        if kind == "monitoring":
            results.append(Hasil(item["sop"], sop_id, item.get("penilaian"), _text(item.get("catatan")),
                                 _text(item.get("tindakan")), location))
        else:
            answers = _answers(document, item.get("jawaban") or {}, where, questions, problems)
            results.append(HasilEvaluasi(item["sop"], sop_id, answers, item.get("kesimpulan"),
                                         _text(item.get("catatan")), location))
    if tanggal is None:
        return None, problems
    if kind == "monitoring":
        methods = tuple(data.get("metode") or ())
        return Putaran(document.path, unit, tanggal, penilai, methods, tuple(results), document.location()), problems
    return Evaluasi(document.path, unit, tanggal, penilai, tuple(results), document.location()), problems


def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def _date(document: Document, today: dt.date, problems: list[Problem]) -> dt.date | None:
    where = document.location(("tanggal",))
    try:
        tanggal = parse_tanggal(str(document.data["tanggal"]))
    except ValueError as exc:
        problems.append(error(where, CODE, str(exc)))
        return None
    if tanggal is None:
        problems.append(error(where, CODE, f"tanggal monitoring wajib diisi; {HOW_TO_WRITE}"))
    elif tanggal > today:
        problems.append(error(where, CODE, f"tanggal {format_tanggal(tanggal)} belum tiba (hari ini "
                                           f"{format_tanggal(today)}); catat monitoring setelah dilaksanakan"))
        return None
    return tanggal


def _resolve(document: Document, resolver: Resolver, unit: str, text: str, where: tuple, problems: list[Problem]):
    own = f"{unit}/{text.strip()}"  # the file's name in the unit's folder
    sop_id = own if own in resolver.sops else resolver.resolve_from(unit, "", text)
    if sop_id == AMBIGUOUS:
        problems.append(error(document.location(where + ("sop",)), CODE,
                              f"'{text}' cocok dengan lebih dari satu SOP; tulis id SOP-nya (unit/nama-berkas)"))
        return None
    if sop_id is None:
        problems.append(error(document.location(where + ("sop",)), CODE,
                              f"SOP '{text}' tidak ada di katalog; tulis id, nomor atau nama SOP"))
    return sop_id


def _answers(document: Document, given: dict, where: tuple, questions: dict[str, str], problems: list[Problem]):
    answers = []
    for question, answer in given.items():
        here = where + ("jawaban", question)
        if question not in questions:
            problems.append(error(document.location(here, at_key=True), CODE,
                                  f"pertanyaan '{question}' tidak ada di daftar periksa evaluasi; "
                                  f"yang dikenal: {', '.join(sorted(questions))}"))
            continue
        value, note = (answer, "") if isinstance(answer, str) else (answer["jawaban"], _text(answer.get("catatan")))
        answers.append(Jawaban(question, value, note, document.location(here), questions[question]))
    return tuple(answers)


def find_record_files(folder: Path) -> tuple[list[tuple[Path, str, str, bytes | None]], list[Problem]]:
    """``(file, shown path, record id, None)`` of every record file under ``folder`` (none when it is missing),
    and the problems of the files not read (a link leading out, a FIFO: see :func:`~katalog_sop.check.find_sop_files`)."""
    from katalog_sop.check import UsageError, find_sop_files

    if not folder.is_dir():
        return [], []
    try:
        sources = find_sop_files([str(folder)])
    except UsageError:
        return [], []
    notes = [note for source in sources for note in source.notes]
    return [(source.file, source.display, source.sop_id, None) for source in sources if source.read], notes
