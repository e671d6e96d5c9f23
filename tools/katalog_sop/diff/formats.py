"""Diff output: a :class:`~katalog_sop.diff.compare.CatalogueDiff` as text, Markdown or JSON.

- ``text``: for a terminal; SOP text and file names never drive it (every
  piece goes through :func:`~katalog_sop.reporters.escape.terminal`).
- ``markdown``: for a pull-request comment. A summary table first, then one
  collapsible section per SOP; past ``limit`` SOPs, or past what fits in
  :data:`MAX_CHARACTERS`, the rest are only named in the table (or, past
  :data:`TABLE_CHARACTERS`, only counted), and a closing note says how many,
  so a huge change still makes a comment a forge accepts.
  Every piece of SOP text and every file name goes through
  :func:`~katalog_sop.reporters.escape.markdown`: it is data, never markup,
  never ends a line, a table row or a section, and mentions nobody.
- ``json``: the same content for programs, valid UTF-8
  (:func:`~katalog_sop.reporters.escape.json_document`).

Changed monitoring records follow the SOPs in a section of their own
(:mod:`katalog_sop.diff.monitoring_formats`).

Pure: returns strings; the CLI writes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from katalog_sop.diff.compare import (
    ADDED, CHANGED, FINDINGS, MOVED, REMOVED, RENAMED, CatalogueDiff, FieldChange, SopDiff, StepChange,
)
from katalog_sop.diff.monitoring_formats import json_records, markdown_section, text_section
from katalog_sop.problem import Problem
from katalog_sop.reporters.escape import json_document, markdown, terminal
from katalog_sop.reporters.text import format_line

ARROW = "\u2192"
LIMIT = 25
"""SOPs shown in full in a Markdown comment; GitHub refuses a comment over 65,536 characters."""
MAX_CHARACTERS = 60_000
"""The comment without its closing note: the table, then every section that fits whole."""
TABLE_CHARACTERS = 30_000
"""How much of the comment the summary table may take, so sections still have room."""
CELL = 100
"""Characters of an SOP's name or id in the summary table (escaped, a character may take six)."""

_KIND_ORDER = (CHANGED, RENAMED, ADDED, REMOVED, FINDINGS)


def summary_line(diff: CatalogueDiff) -> str:
    changed = len(diff.sops)
    if not changed:
        return f"Tidak ada SOP yang berubah ({diff.unchanged} SOP sama)."
    parts = ", ".join(f"{diff.counts[kind]} {_KIND_WORDS[kind]}" for kind in _KIND_ORDER if diff.counts.get(kind))
    return f"{changed} SOP berubah: {parts}; {diff.unchanged} SOP tidak berubah."


_KIND_WORDS = {
    CHANGED: "diubah", RENAMED: "dipindah/berganti nama", ADDED: "ditambahkan", REMOVED: "dihapus",
    FINDINGS: "hanya temuannya berubah",
}


def _value(text: str | None) -> str:
    return "(kosong)" if text is None or text == "" else text


def _field(change: FieldChange, show: Callable[[str], str]) -> str:
    note = f" ({show(change.note)})" if change.note else ""
    if change.before is None:
        return f"{show(change.label)}: {show(_value(change.after))}"
    return f"{show(change.label)}: {show(_value(change.before))} {ARROW} {show(_value(change.after))}{note}"


def _step_title(step: StepChange, show: Callable[[str], str]) -> str:
    kegiatan = show(step.kegiatan)
    if step.kind == ADDED:  # a printed number is the author's text: shown as the output shows text
        return f"{show(step.shown_after)} ditambahkan: {kegiatan}"
    if step.kind == REMOVED:
        return f"{show(step.shown_before)} dihapus: {kegiatan}"
    before = step.shown_before.removeprefix("langkah ")
    number = show(step.shown_after) + (f" (dulu {show(before)})" if step.shown_before != step.shown_after else "")
    moved = " dipindah urutannya" if step.moved else ""
    return f"{number}{moved}: {kegiatan}"


def _lines(sop: SopDiff, show: Callable[[str], str], finding: Callable[[Problem], str]) -> Iterable[str]:
    """The changes of one SOP, one line each (without indentation)."""
    if sop.kind == RENAMED:
        yield f"berkas dipindah: {show(sop.path_before or '')} {ARROW} {show(sop.path_after or '')}"
    for problem in sop.unreadable:
        yield f"tidak terbaca sebagai SOP: {finding(problem)}"
    for change in sop.fields:
        yield _field(change, show)
    for items in sop.sections:
        added = "; ".join(f"+ {show(item)}" for item in items.added)
        removed = "; ".join(f"\u2212 {show(item)}" for item in items.removed)
        yield f"{show(items.label)}: " + "; ".join(part for part in (added, removed) if part)
    if sop.kind not in (ADDED, REMOVED):
        for step in sop.steps:
            details = "; ".join(_field(change, show) for change in step.changes)
            yield _step_title(step, show) + (f" \u2014 {details}" if details else "")
    elif sop.steps:
        yield f"{len(sop.steps)} langkah"
    if sop.total_before != sop.total_after:
        yield f"total waktu (jalur utama): {show(_value(sop.total_before))} {ARROW} {show(_value(sop.total_after))}"
    for problem in sop.introduced:
        yield f"temuan baru: {finding(problem)}"
    for problem in sop.resolved:
        yield f"temuan selesai: {finding(problem)}"


# --- text ---------------------------------------------------------------------------------------


def as_text(diff: CatalogueDiff) -> str:
    out = [f"Perbandingan: {terminal(diff.before_label)} {ARROW} {terminal(diff.after_label)}", summary_line(diff)]
    for sop in diff.sops:
        path = sop.path_after or sop.path_before or sop.sop_id
        out += ["", f"{sop.kind}: {terminal(path)} \u2014 {terminal(sop.nama)}"]
        out += [f"  {line}" for line in _lines(sop, terminal, format_line)]
    return "\n".join(out + text_section(diff.monitoring, format_line)) + "\n"


# --- Markdown -----------------------------------------------------------------------------------


def _md_finding(problem: Problem) -> str:
    loc = problem.location
    return (
        f"{markdown(loc.path)}:{loc.line}:{loc.column}: {problem.severity.value}[{markdown(problem.code)}] "
        f"{markdown(problem.message)}"
    )


def _steps_cell(sop: SopDiff) -> str:
    if sop.kind in (ADDED, REMOVED):
        return f"{len(sop.steps)} langkah {sop.kind}"
    counts: dict[str, int] = {}
    for step in sop.steps:
        word = {ADDED: "+", REMOVED: "\u2212", MOVED: "pindah", CHANGED: "ubah"}[step.kind]
        counts[word] = counts.get(word, 0) + 1
    return ", ".join(f"{word}{count}" if word in "+\u2212" else f"{count} {word}" for word, count in counts.items()) or "\u2013"


def _total_cell(sop: SopDiff) -> str:
    if sop.total_before == sop.total_after:
        return markdown(sop.total_after) or "\u2013"
    return f"{markdown(_value(sop.total_before))} {ARROW} {markdown(_value(sop.total_after))}"


def _cell(text: str) -> str:
    """A name in the summary table: at most :data:`CELL` characters of it (the section shows it whole)."""
    return markdown(text if len(text) <= CELL else text[:CELL] + "\u2026")


def _row(sop: SopDiff) -> str:
    findings = f"+{len(sop.introduced)} / \u2212{len(sop.resolved)}"
    return f"| {_cell(sop.nama)}<br>{_cell(sop.sop_id)} | {sop.kind} | {_steps_cell(sop)} | {_total_cell(sop)} | {findings} |"


def _section(sop: SopDiff) -> list[str]:
    summary = f"<summary><b>{markdown(sop.nama)}</b> ({sop.kind}): {markdown(sop.sop_id)}</summary>"
    return ["", "<details>", summary, "", *(f"- {line}" for line in _lines(sop, markdown, _md_finding)), "", "</details>"]


def _size(lines: Iterable[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def as_markdown(diff: CatalogueDiff, limit: int = LIMIT) -> str:
    """The comment: never over :data:`MAX_CHARACTERS` and a closing note, whatever the SOPs hold."""
    records = markdown_section(diff.monitoring, _md_finding)  # its room is taken from the SOPs' sections
    out = [
        "## Perubahan SOP",
        "",
        f"{markdown(diff.before_label)} {ARROW} {markdown(diff.after_label)}: {markdown(summary_line(diff))}",
    ]
    if not diff.sops:
        return "\n".join(out + records) + "\n"
    out += ["", "| SOP | perubahan | langkah | total waktu | temuan |", "|---|---|---|---|---|"]
    size = _size(out)
    rows = 0
    for sop in diff.sops:
        row = _row(sop)
        if size + len(row) + 1 > TABLE_CHARACTERS:
            break
        out.append(row)
        size += len(row) + 1
        rows += 1
    shown = 0
    for sop in diff.sops[: min(rows, limit)]:
        section = _section(sop)
        if size + _size(section) + _size(records) <= MAX_CHARACTERS:  # a section too long is left out, never cut
            out += section
            size += _size(section)
            shown += 1
    if shown < len(diff.sops):
        unlisted = f"; {len(diff.sops) - rows} di antaranya juga tidak tercantum dalam tabel" if rows < len(diff.sops) else ""
        out += ["", f"_{len(diff.sops) - shown} SOP lain berubah; rinciannya tidak dimuat agar komentar tetap ringkas"
                    f"{unlisted} (jalankan `sop diff` untuk semuanya)._"]
    return "\n".join(out + records) + "\n"


# --- JSON ---------------------------------------------------------------------------------------


def _problem(problem: Problem) -> dict:
    loc = problem.location
    return {
        "path": loc.path, "line": loc.line, "column": loc.column, "severity": problem.severity.value,
        "code": problem.code, "message": problem.message, "json_path": loc.json_path,
    }


def _change(change: FieldChange) -> dict:
    return {"field": change.label, "before": change.before, "after": change.after, "note": change.note or None}


def as_json(diff: CatalogueDiff) -> str:
    record = {
        "before": diff.before_label,
        "after": diff.after_label,
        "unchanged": diff.unchanged,
        "sops": [
            {
                "kind": sop.kind, "id": sop.sop_id, "nama": sop.nama,
                "path_before": sop.path_before, "path_after": sop.path_after,
                "fields": [_change(c) for c in sop.fields],
                "sections": [{"section": s.label, "added": list(s.added), "removed": list(s.removed)} for s in sop.sections],
                "steps": [
                    {"kind": s.kind, "before": s.before, "after": s.after,
                     "nomor_before": s.label_before, "nomor_after": s.label_after,  # the printed numbers
                     "kegiatan": s.kegiatan, "moved": s.moved, "changes": [_change(c) for c in s.changes]}
                    for s in sop.steps
                ],
                "total_waktu": {"before": sop.total_before or None, "after": sop.total_after or None},
                "findings_introduced": [_problem(p) for p in sop.introduced],
                "findings_resolved": [_problem(p) for p in sop.resolved],
                "unreadable": [_problem(p) for p in sop.unreadable],
            }
            for sop in diff.sops
        ],
        "monitoring": json_records(diff.monitoring, _problem),
    }
    return json_document(json.dumps(record, ensure_ascii=False, indent=2)) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
