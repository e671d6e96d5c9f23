"""Pages stage, an SOP page's compliance parts: the status badge and the "Temuan kepatuhan" section.

Pure functions of one SOP's score (:mod:`katalog_sop.site.scores` decides
what passes; nothing here does) to Markdown with HTML blocks. Findings are
grouped by rule, worst severity first: the severity's word, the rule id
linked to its entry on the Aturan page, the clause behind it, then each
finding's message and place ("langkah 4, kegiatan", linked to the step's row).
Exempted findings are listed apart with the author's reason and never
counted. Every message, reason and clause goes through ``esc``; the section is
kept out of the search index, so that searching a word finds SOPs, not the
findings about them. Its wrapper is a ``<section>`` with no ``<section>``
inside: Material's search parser compares elements by tag, so the first
inner ``</div>`` would end a ``<div>``'s exclusion.
"""

from __future__ import annotations

import functools

from katalog_sop.problem import Problem, Severity, count_text
from katalog_sop.rules import Rule
from katalog_sop.site.labels import SEVERITY, step_of, where
from katalog_sop.site.markup import attr, esc
from katalog_sop.site.scores import ORDER, SopScore

HEADING = "Temuan kepatuhan"
ANCHOR = "temuan-kepatuhan"
"""The heading's id, as the table of contents makes it."""

_CSS = {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info", None: "sah"}


def worst(problems) -> Severity | None:
    """The worst severity among the counting problems, or ``None``."""
    present = {p.severity for p in problems if p.counts}
    return next((s for s in ORDER if s in present), None)


def status(structural: list[Problem], score: SopScore | None) -> str:
    """The badge under the title: the share of checks passed (or "Struktur sah" when no rule ran),
    coloured by the worst counting severity, and the structural problems listed under it."""
    if score is None or not score.checks:
        notes = sum(1 for p in structural if p.severity is Severity.WARNING)
        text = "Struktur sah" + (f" · {notes} peringatan" if notes else "")
        badge = f'<span class="sop-lencana">{esc(text)}</span>'
        level = worst(structural)
    else:  # the counts are `sop check`'s for the file: structure and rules together, by one function
        everything = list(structural) + list(score.findings)
        counted = count_text(everything) if any(everything) else ""
        text = f"{score.passed} dari {score.checks} pemeriksaan lolos" + (f" · {counted}" if counted else "")
        badge = f'<a class="sop-lencana" href="#{ANCHOR}">{esc(text)}</a>'
        level = worst(everything)
    rows = "".join(
        f"<li>{esc(p.location.line)}:{esc(p.location.column)} {esc(p.message)}</li>" for p in structural
    )
    detail = f'<ul class="sop-temuan">{rows}</ul>' if rows else ""
    return f'<div class="sop-status sop-status-{_CSS[level]}">{badge}{detail}</div>'


def severity_label(severity: Severity) -> str:
    return f'<span class="sop-tingkat sop-tingkat-{_CSS[severity]}">{SEVERITY[severity]}</span>'


def findings_section(score: SopScore, rules: dict[str, Rule], rule_href) -> str:
    """The "Temuan kepatuhan" section; ``rule_href(rule_id)`` links a rule's entry on the Aturan page."""
    counting, exempted = score.counting, score.exempted
    steps = len(score.sop.langkah)
    if counting:
        totals = ", ".join(f"{score.count(s)} {SEVERITY[s]}" for s in ORDER if score.count(s))
        intro = (
            f"<p>{score.passed} dari {score.checks} pemeriksaan lolos. Temuan: {totals}. "
            "Pemeriksaan gagal bila aturannya menemukan galat atau peringatan; temuan info adalah saran "
            "dan tidak menggagalkan pemeriksaan.</p>"
        )
    else:
        intro = f'<p class="sop-kosong">Tidak ada temuan: semua {score.checks} pemeriksaan lolos.</p>'
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(counting, key=lambda p: (ORDER.index(p.severity), p.code)):
        groups.setdefault(problem.code, []).append(problem)
    body = "".join(_group(rules[code], found, rule_href, steps) for code, found in groups.items())
    parts = [f"## {HEADING}", "", f'<section class="sop-kepatuhan" data-search-exclude="">{intro}{body}</section>', ""]
    if exempted:
        rows = "".join(_exempted(p, rule_href, steps) for p in exempted)
        parts += [
            "### Dikecualikan", "",
            '<section class="sop-kepatuhan" data-search-exclude=""><p>Temuan yang dikecualikan oleh SOP ini sendiri '
            "(<code>pengecualian</code>), dengan alasannya; tidak dihitung.</p>"
            f'<ul class="sop-dikecualikan">{rows}</ul></section>', "",
        ]
    return "\n".join(parts)


def _place(problem: Problem, steps: int) -> str:
    text = esc(where(problem.location.json_path))
    step = step_of(problem.location.json_path)
    if step is not None and 1 <= step <= steps:
        label = esc(f"langkah {step}")
        text = text.replace(label, f'<a href="#langkah-{step}">{label}</a>', 1)
    return f'<span class="sop-letak">({text}; baris {esc(problem.location.line)})</span>'


def _rule_link(rule_id: str, rule_href) -> str:
    return f'<a class="sop-aturan-id" href="{rule_href(rule_id)}">{esc(rule_id)}</a>'


@functools.lru_cache(maxsize=256)
def _clause(clause: str) -> str:
    """A clause, escaped once for every page it appears on."""
    return f'<p class="sop-ketentuan"><span>Ketentuan:</span> {esc(clause)}</p>'


def _group(rule: Rule, found: list[Problem], rule_href, steps: int) -> str:
    severity = found[0].severity
    rows = "".join(f'<li><span class="sop-pesan">{esc(p.message)}</span> {_place(p, steps)}</li>' for p in found)
    return (
        f'<div class="sop-temuan-aturan" data-aturan="{attr(rule.id)}" data-tingkat="{severity.value}">'
        f'<p class="sop-temuan-judul">{severity_label(severity)} {_rule_link(rule.id, rule_href)} '
        f'<span class="sop-slug">{esc(rule.slug)}</span></p><ul>{rows}</ul>{_clause(rule.clause)}</div>'
    )


def _exempted(problem: Problem, rule_href, steps: int) -> str:
    return (
        f"<li>{severity_label(problem.severity)} {_rule_link(problem.code, rule_href)} "
        f'<span class="sop-pesan">{esc(problem.message)}</span> {_place(problem, steps)}'
        f'<div class="sop-alasan"><span>Alasan pengecualian:</span> {esc(problem.suppressed)}</div></li>'
    )
