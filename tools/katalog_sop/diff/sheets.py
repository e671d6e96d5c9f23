"""Diff output, I/O: the flowchart sheets of each changed SOP before and after, as SVG files.

For every SOP that was added, removed, renamed or changed, the sheet as it
was and as it is, with the steps the change touched filled in colour: added
steps green, changed ones yellow, moved ones blue on the new sheet; removed
steps red, and the changed and moved ones, on the old one. Files go to
``<folder>/<sop id>/sebelum-<page>.svg`` and ``sesudah-<page>.svg``; each is
written whole or not at all. A page Graphviz cannot draw is written as the
stand-in page, with a warning; nothing an SOP says makes this fail.
"""

from __future__ import annotations

from pathlib import Path

from katalog_sop.check import CheckResult
from katalog_sop.diagram.dot import to_dot
from katalog_sop.diagram.geometry import layout
from katalog_sop.diagram.render import Rendered, accessible, page_warning, render_dots, write_atomically
from katalog_sop.diff.compare import ADDED, CHANGED, FINDINGS, MOVED, REMOVED, CatalogueDiff, SopDiff
from katalog_sop.model import Sop

COLOURS = {ADDED: "#c6efce", CHANGED: "#ffeb9c", MOVED: "#cfe2ff", REMOVED: "#ffc7ce"}
"""Fills of the steps a change touched (the colours of a spreadsheet's conditional formats)."""

BEFORE, AFTER = "sebelum", "sesudah"


def highlights(sop: SopDiff) -> tuple[dict[int, str], dict[int, str]]:
    """Step number -> fill colour, on the old sheet and on the new one."""
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for step in sop.steps:
        colour = COLOURS[step.kind]
        if step.before is not None and step.kind != ADDED:
            before[step.before] = colour
        if step.after is not None and step.kind != REMOVED:
            after[step.after] = colour
    return before, after


def write_sheets(diff: CatalogueDiff, before: CheckResult, after: CheckResult, folder: Path) -> Rendered:
    """Write the sheets; returns the files written, in order, with the warnings of the drawing."""
    jobs: list[tuple[Path, Sop, dict[int, str], str]] = []
    for sop in diff.sops:
        if sop.kind == FINDINGS:
            continue
        marks_before, marks_after = highlights(sop)
        target = folder / sop.sop_id
        old = before.catalogue.sops.get(sop.sop_id_before) if sop.sop_id_before else None
        new = after.catalogue.sops.get(sop.sop_id) if sop.kind != REMOVED else None
        if old is not None:
            jobs.append((target, old, marks_before, BEFORE))
        if new is not None:
            jobs.append((target, new, marks_after, AFTER))
    return _draw(jobs)


def _draw(jobs: list[tuple[Path, Sop, dict[int, str], str]]) -> Rendered:
    planned = []
    dots = []
    for target, sop, marks, side in jobs:
        sheet = layout(sop)
        for page in sheet.pages:
            planned.append((target / f"{side}-{page.number}.svg", sheet, page, side))
            dots.append(to_dot(sheet, page, marks))
    drawn = render_dots(dots, None)
    written, warnings = [], list(drawn.warnings)
    for position, ((path, sheet, page, side), svg) in enumerate(zip(planned, drawn)):
        title = f"{sheet.title} ({side}) \u2014 halaman {page.number} dari {len(sheet.pages)}"
        write_atomically(path, accessible(svg, title, sheet.description))
        written.append(path)
        if position in drawn.failures:
            warnings.append(page_warning(f"{sheet.sop_id} ({side})", page.number, drawn.failures[position]))
    return Rendered(written, warnings)
