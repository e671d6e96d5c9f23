"""Diff stage: what changed in the monitoring records (Tabel 7 rounds, evaluations) of a catalogue.

Takes each side's :class:`~katalog_sop.check.CheckResult` (its catalogue
holds the side's :class:`~katalog_sop.monitoring.model.Records`) and each
side's record files, and returns one :class:`RecordDiff` per record file
added, removed or changed. Files are matched by record id ("unit/name"), so
a record is the same record whichever folder or revision a side is read
from. For a changed file: the tanggal, the penilai and the methods; per SOP
row (matched by the SOP it resolves to): the penilaian, catatan and
tindakan of a round, or the kesimpulan, catatan and answers of an
evaluation; rows added and removed; and the problems of the file itself, so
a record that no longer loads (and so no longer counts) says why. The
findings of the E rules stand at the SOP and are compared with the SOP's
own findings (:mod:`katalog_sop.diff.compare`). What changed only in the
file's text (a comment, the SOP written by its name instead of its id) is
no change.

Pure: no I/O, no output format (see :mod:`katalog_sop.diff.monitoring_formats`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from katalog_sop.check import CheckResult
from katalog_sop.diff.compare import ADDED, CHANGED, REMOVED, FieldChange
from katalog_sop.diff.findings import finding_changes
from katalog_sop.monitoring.model import JAWABAN, KESIMPULAN, METODE, PENILAIAN, Evaluasi, Hasil, HasilEvaluasi, Putaran
from katalog_sop.problem import Problem
from katalog_sop.tanggal import format_tanggal

NOT_ASSESSED = "belum dinilai"
NOT_CONCLUDED = "belum disimpulkan"


@dataclass(frozen=True)
class RowChange:
    """One SOP's row of a record: added, removed, or changed in what it says."""

    kind: str
    """ADDED, REMOVED or CHANGED."""
    sop: str
    """The SOP as the reader names it: its id, without the record's unit where it is that unit's."""
    changes: tuple[FieldChange, ...]
    """For an added row its values (``before`` is ``None``), for a removed one its assessment (``after`` is ``None``)."""
    sop_id: str | None = None


@dataclass(frozen=True)
class RecordDiff:
    kind: str
    """ADDED, REMOVED or CHANGED."""
    record_id: str
    jenis: str
    """``monitoring`` or ``evaluasi`` (the new record's, else the old one's); ``""`` when neither loads."""
    tanggal: str
    """The record's date as written for people (the new record's, else the old one's); ``""`` unknown."""
    path_before: str | None
    path_after: str | None
    fields: tuple[FieldChange, ...] = ()
    rows: tuple[RowChange, ...] = ()
    introduced: tuple[Problem, ...] = ()
    resolved: tuple[Problem, ...] = ()
    unreadable: bool = False
    """The new file (the old one, when removed) has errors: it is no record, and counts for no SOP."""

    @property
    def path(self) -> str:
        return self.path_after or self.path_before or self.record_id


@dataclass(frozen=True)
class _File:
    path: str
    record: Putaran | Evaluasi | None
    problems: list[Problem]


def compare_records(before: CheckResult, after: CheckResult, files_before, files_after) -> tuple[RecordDiff, ...]:
    """Every record file that changed, by record id; ``files_*`` as :func:`~katalog_sop.check.record_files`
    gives them (``(files, notes)``, or ``None`` where a side keeps no records)."""
    old, new = _side(before, files_before), _side(after, files_after)
    diffs = []
    for record_id in sorted(old.keys() | new.keys()):
        a, b = old.get(record_id), new.get(record_id)
        found = _one_side(ADDED, record_id, b) if a is None else _one_side(REMOVED, record_id, a) if b is None \
            else _changed(record_id, a, b)
        if found is not None:
            diffs.append(found)
    return tuple(diffs)


def _side(result: CheckResult, files) -> dict[str, _File]:
    if files is None:
        return {}
    records = result.catalogue.monitoring
    loaded = {r.path: r for r in (*records.putaran, *records.evaluasi)} if records is not None else {}
    problems: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if problem.counts:
            problems.setdefault(problem.location.path, []).append(problem)
    return {
        record_id: _File(shown, loaded.get(shown), problems.get(shown, []))
        for _, shown, record_id, _ in files[0]
    }


def _one_side(kind: str, record_id: str, file: _File) -> RecordDiff:
    record = file.record
    fields: tuple[FieldChange, ...] = ()
    rows: tuple[RowChange, ...] = ()
    if record is not None and kind == ADDED:
        fields = tuple(_added(_values(record), skip=("jenis", "tanggal")))
        rows = tuple(_added_row(row, record.unit) for row in record.hasil)
    elif record is not None:  # what the rows said, not every word of them: the file is gone
        rows = tuple(_removed_row(row, record.unit) for row in record.hasil)
    problems = tuple(file.problems)
    return RecordDiff(
        kind, record_id, record.jenis if record else "", format_tanggal(record.tanggal) if record else "",
        path_before=file.path if kind == REMOVED else None, path_after=file.path if kind == ADDED else None,
        fields=fields, rows=rows,
        introduced=problems if kind == ADDED else (), resolved=problems if kind == REMOVED else (),
        unreadable=record is None,
    )


def _changed(record_id: str, a: _File, b: _File) -> RecordDiff | None:
    introduced, resolved = finding_changes(a.problems, b.problems, None)
    old, new = a.record, b.record
    if new is None:  # broken by the change: what it said is not compared, it says nothing now
        fields, rows = (), ()
    elif old is None:  # loads again: everything it says is new
        fields = tuple(_added(_values(new), skip=("jenis", "tanggal")))
        rows = tuple(_added_row(row, new.unit) for row in new.hasil)
    else:
        fields = tuple(_changes(_values(old), _values(new)))
        rows = tuple(_row_changes(old, new))
    if not (fields or rows or introduced or resolved):
        return None
    shown = new or old
    return RecordDiff(
        CHANGED, record_id, shown.jenis if shown else "", format_tanggal(shown.tanggal) if shown else "",
        path_before=a.path, path_after=b.path, fields=fields, rows=rows, introduced=introduced, resolved=resolved,
        unreadable=new is None,
    )


def _row_changes(old: Putaran | Evaluasi, new: Putaran | Evaluasi) -> Iterable[RowChange]:
    before = {row.sop_id: row for row in old.hasil}
    after = {row.sop_id: row for row in new.hasil}
    for sop_id, row in after.items():
        if sop_id not in before:
            yield _added_row(row, new.unit)
            continue
        changes = tuple(_changes(_row_values(before[sop_id]), _row_values(row)))
        if changes:
            yield RowChange(CHANGED, _name(sop_id, new.unit), changes, sop_id)
    for sop_id, row in before.items():
        if sop_id not in after:
            yield _removed_row(row, old.unit)


def _added_row(row: Hasil | HasilEvaluasi, unit: str) -> RowChange:
    return RowChange(ADDED, _name(row.sop_id, unit), tuple(_added(_row_values(row))), row.sop_id)


def _removed_row(row: Hasil | HasilEvaluasi, unit: str) -> RowChange:
    """What a removed row said, not every word of it: its penilaian or kesimpulan."""
    return RowChange(REMOVED, _name(row.sop_id, unit), (_assessment(row, after=False),), row.sop_id)


def _name(sop_id: str | None, unit: str) -> str:
    name = sop_id or "?"
    return name.removeprefix(f"{unit}/") if name.startswith(f"{unit}/") else name


def _values(record: Putaran | Evaluasi) -> dict[str, str]:
    """The record's own fields, as the form labels them; ``""`` for an empty one."""
    values = {
        "jenis": record.jenis,
        "tanggal": format_tanggal(record.tanggal),
        "penilai, jabatan": record.penilai.jabatan,
        "penilai, nama": record.penilai.nama,
        "penilai, NIP": record.penilai.nip,
    }
    if isinstance(record, Putaran):
        values["metode"] = ", ".join(METODE.get(metode, metode) for metode in record.metode)
    return values


def _row_values(row: Hasil | HasilEvaluasi) -> dict[str, str]:
    """One row's values: a round's penilaian, catatan, tindakan; an evaluation's kesimpulan, catatan, answers."""
    if isinstance(row, Hasil):
        return {"penilaian": _assessment(row).after, "catatan": row.catatan, "tindakan": row.tindakan}
    values = {"kesimpulan": _assessment(row).after, "catatan": row.catatan}
    for jawaban in row.jawaban:
        values[f"jawaban {jawaban.pertanyaan}"] = JAWABAN.get(jawaban.jawaban, jawaban.jawaban)
        values[f"catatan jawaban {jawaban.pertanyaan}"] = jawaban.catatan
    return values


def _assessment(row: Hasil | HasilEvaluasi, after: bool = True) -> FieldChange:
    """The row's verdict: a round's penilaian, an evaluation's kesimpulan (on the side ``after`` says)."""
    if isinstance(row, Hasil):
        label, value = "penilaian", PENILAIAN.get(row.penilaian, row.penilaian) if row.penilaian else NOT_ASSESSED
    else:
        label, value = "kesimpulan", KESIMPULAN.get(row.kesimpulan, row.kesimpulan) if row.kesimpulan else NOT_CONCLUDED
    return FieldChange(label, None, value) if after else FieldChange(label, value, None)


def _added(values: dict[str, str], skip: tuple[str, ...] = ()) -> Iterable[FieldChange]:
    for label, value in values.items():
        if value and label not in skip:
            yield FieldChange(label, None, value)


def _changes(old: dict[str, str], new: dict[str, str]) -> Iterable[FieldChange]:
    """Each value that differs; a value one side lacks is empty there (``""``, shown as "(kosong)")."""
    for label in [*new, *(label for label in old if label not in new)]:
        before, after = old.get(label, ""), new.get(label, "")
        if before != after:
            yield FieldChange(label, before, after)
