"""Diff output, the monitoring section: changed records (:mod:`katalog_sop.diff.monitoring`) as text,
Markdown or JSON, in a section "Monitoring dan evaluasi" of its own, absent when no record changed.

Called by :mod:`katalog_sop.diff.formats`, which passes how a finding is
written in its format. Every piece of a record (file names, SOP ids,
catatan, tindakan, penilai) goes through the format's escape: in a terminal
it never drives the terminal, in a pull-request comment it is text, never
markup, never ends a list item, and mentions nobody. The Markdown section
stays under a size of its own (:data:`MAX_CHARACTERS`), so the comment
stays one a forge accepts; a closing note says what it left out.

Pure: returns strings and lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from katalog_sop.diff.compare import ADDED, CHANGED, REMOVED, FieldChange
from katalog_sop.diff.monitoring import RecordDiff, RowChange
from katalog_sop.problem import Problem
from katalog_sop.reporters.escape import markdown, terminal

HEADING = "Monitoring dan evaluasi"
ARROW = "\u2192"
DASH = "\u2014"
MAX_CHARACTERS = 20_000
"""The Markdown section at most (the SOP sections of the comment get what is left)."""

_JENIS = {"monitoring": "putaran monitoring", "evaluasi": "evaluasi"}
_KIND_ORDER = (CHANGED, ADDED, REMOVED)

Show = Callable[[str], str]


def summary_line(records: tuple[RecordDiff, ...]) -> str:
    counts = Counter(record.kind for record in records)
    parts = ", ".join(f"{counts[kind]} {kind}" for kind in _KIND_ORDER if counts[kind])
    return f"{len(records)} berkas catatan berubah: {parts}."


def _title(record: RecordDiff) -> str:
    """What the record is: "putaran monitoring 20 Juni 2026"; a file that loads on neither side is only a file."""
    if not record.jenis:
        return "berkas catatan monitoring"
    return f"{_JENIS.get(record.jenis, record.jenis)} {record.tanggal}".strip()


def _value(text: str | None) -> str:
    return "(kosong)" if not text else text


def _change(change: FieldChange, show: Show) -> str:
    if change.before is None:
        return f"{show(change.label)}: {show(_value(change.after))}"
    if change.after is None:
        return f"{show(change.label)}: {show(_value(change.before))}"
    return f"{show(change.label)}: {show(_value(change.before))} {ARROW} {show(_value(change.after))}"


def _row(row: RowChange, show: Show, whole: bool) -> str:
    """One SOP's row; ``whole``: the record itself was added or removed, so each row's kind goes without saying."""
    kind = f" {row.kind}" if row.kind != CHANGED and not whole else ""
    details = "; ".join(_change(change, show) for change in row.changes)
    return f"{show(row.sop)}{kind}" + (f" {DASH} {details}" if details else "")


def lines(record: RecordDiff, show: Show, finding: Callable[[Problem], str]) -> Iterable[str]:
    """The changes of one record, one line each (without indentation)."""
    if record.unreadable:
        yield "berkas memuat galat: bukan catatan monitoring, tidak dihitung untuk SOP mana pun"
    for change in record.fields:
        yield _change(change, show)
    for row in record.rows:
        yield _row(row, show, record.kind != CHANGED)
    for problem in record.introduced:
        yield f"temuan baru: {finding(problem)}"
    for problem in record.resolved:
        yield f"temuan selesai: {finding(problem)}"


def text_section(records: tuple[RecordDiff, ...], finding: Callable[[Problem], str]) -> list[str]:
    """The section for a terminal, after the SOPs; no line at all when no record changed."""
    if not records:
        return []
    out = ["", HEADING, summary_line(records)]
    for record in records:
        out += ["", f"{record.kind}: {terminal(record.path)} {DASH} {terminal(_title(record))}"]
        out += [f"  {line}" for line in lines(record, terminal, finding)]
    return out


def markdown_section(records: tuple[RecordDiff, ...], finding: Callable[[Problem], str]) -> list[str]:
    """The section of a pull-request comment: one list item per record file, its changes nested under it."""
    if not records:
        return []
    out = ["", f"### {HEADING}", "", markdown(summary_line(records)), ""]
    size = _size(out)
    for number, record in enumerate(records):
        block = [f"- <b>{markdown(record.path)}</b> ({record.kind}): {markdown(_title(record))}"]
        block += [f"  - {line}" for line in lines(record, markdown, finding)]
        if size + _size(block) > MAX_CHARACTERS - 200:  # room for the closing notes
            kept = _fitting(block, MAX_CHARACTERS - 200 - size)
            if kept:
                out += kept + [f"  - _{len(block) - len(kept)} perubahan lain pada berkas ini tidak dimuat_"]
            left = len(records) - number - (1 if kept else 0)
            if left:
                out += ["", f"_{left} berkas catatan lain berubah; rinciannya tidak dimuat agar komentar tetap ringkas "
                            "(jalankan `sop diff` untuk semuanya)._"]
            break
        out += block
        size += _size(block)
    return out


def _fitting(block: list[str], room: int) -> list[str]:
    """The block's first lines that fit in ``room`` (its heading and one change at least, or nothing)."""
    kept: list[str] = []
    for line in block:
        if _size(kept) + len(line) + 1 > room:
            break
        kept.append(line)
    return kept if len(kept) >= 2 else []


def _size(lines: Iterable[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def json_records(records: tuple[RecordDiff, ...], problem: Callable[[Problem], dict]) -> list[dict]:
    """The records for programs: every change as ``{field, before, after}``."""
    change = lambda c: {"field": c.label, "before": c.before, "after": c.after}  # noqa: E731
    return [
        {
            "kind": record.kind, "id": record.record_id, "jenis": record.jenis or None,
            "tanggal": record.tanggal or None, "path_before": record.path_before, "path_after": record.path_after,
            "unreadable": record.unreadable,
            "fields": [change(c) for c in record.fields],
            "rows": [{"kind": row.kind, "sop": row.sop, "sop_id": row.sop_id, "changes": [change(c) for c in row.changes]} for row in record.rows],
            "findings_introduced": [problem(p) for p in record.introduced],
            "findings_resolved": [problem(p) for p in record.resolved],
        }
        for record in records
    ]
