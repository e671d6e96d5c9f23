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
from katalog_sop.site.labels import READER_SEVERITY, step_of, where
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
    """The line under the title: "Status kepatuhan:" and the share of checks passed (or "Struktur sah"
    when no rule ran), linked to the findings; its class names the worst counting severity. Quiet on
    purpose: readers come for the SOP; the Kepatuhan page is where the numbers are loud."""
    everything = list(structural) + (list(score.findings) if score is not None and score.checks else [])
    counted = count_text(everything, READER_SEVERITY) if everything else ""
    if score is None or not score.checks:
        text = "Struktur sah" + (f" · {counted}" if counted else "")
    else:  # the counts are `sop check`'s for the file: structure and rules together, by one function
        text = f"{score.passed} dari {score.checks} pemeriksaan lolos" + (f" · {counted}" if counted else "")
    level = worst(everything)
    shown = f'<a class="sop-lencana" href="#{ANCHOR}">{esc(text)}</a>' if everything or score else f'<span class="sop-lencana">{esc(text)}</span>'
    return (f'<div class="sop-status sop-status-{_CSS[level]}">'
            f'<span class="sop-status-label">Status kepatuhan:</span> {shown}</div>')


def severity_label(severity: Severity, words: dict[Severity, str] = READER_SEVERITY) -> str:
    return f'<span class="sop-tingkat sop-tingkat-{_CSS[severity]}">{words[severity]}</span>'


def findings_section(score: SopScore | None, rules: dict[str, Rule], rule_href, structural=()) -> str:
    """The "Temuan kepatuhan" section; ``rule_href(rule_id)`` links a rule's entry on the Aturan page.

    ``structural``: the file's structural problems (schema warnings), listed first; ``score`` ``None``
    when no rule ran. Each finding says where in the SOP it is in the form's words and, for the
    maintainers who fix it, the source file's line ("sumber").
    """
    counting = score.counting if score is not None else ()
    exempted = score.exempted if score is not None else ()
    steps = len(score.sop.langkah) if score is not None else 0
    if score is None:
        intro = "<p>Pemeriksaan kepatuhan tidak dijalankan; temuan struktur berkas:</p>"
    elif counting:
        totals = ", ".join(f"{score.count(s)} {READER_SEVERITY[s]}" for s in ORDER if score.count(s))
        intro = (
            f"<p>{score.passed} dari {score.checks} pemeriksaan lolos. Temuan: {totals}. "
            "Pemeriksaan gagal bila aturannya menemukan kesalahan atau peringatan; saran tidak "
            "menggagalkan pemeriksaan.</p>"
        )
    else:
        intro = f'<p class="sop-kosong">Tidak ada temuan: semua {score.checks} pemeriksaan lolos.</p>'
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(counting, key=lambda p: (ORDER.index(p.severity), p.code)):
        groups.setdefault(problem.code, []).append(problem)
    body = _structural(structural) + "".join(_group(rules[code], found, rule_href, steps) for code, found in groups.items())
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


def _structural(problems) -> str:
    if not problems:
        return ""
    severity = worst(problems) or Severity.INFO
    rows = "".join(f'<li><span class="sop-pesan">{esc(p.message)}</span> {_source(p)}</li>' for p in problems)
    return (f'<div class="sop-temuan-struktur"><p class="sop-temuan-judul">{severity_label(severity)} '
            f'Struktur berkas</p><ul>{rows}</ul></div>')


def _source(problem: Problem) -> str:
    """Where the maintainer finds it: the source file, line and column, apart from the reader's words."""
    place = f"{problem.location.path}:{problem.location.line}:{problem.location.column}"
    return f'<span class="sop-sumber" title="{attr(place)}">sumber: baris {esc(problem.location.line)}</span>'


def _place(problem: Problem, steps: int) -> str:
    text = esc(where(problem.location.json_path))
    step = step_of(problem.location.json_path)
    if step is not None and 1 <= step <= steps:
        label = esc(f"langkah {step}")
        text = text.replace(label, f'<a href="#langkah-{step}">{label}</a>', 1)
    return f'<span class="sop-letak">({text})</span> {_source(problem)}'


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
