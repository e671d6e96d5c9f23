"""Pages stage, what the Kepatuhan tables share: their order, the share cell with its colour scale, headers, pagers.

Orders are the auditor's questions: the worst first. An SOP or unit is
worse when a smaller share of its checks passes, then when it has more
errors, then more warnings; a rule is worse when more SOPs fail it, then when
it has more findings. Ties fall back to the name, read naturally. The same
orders serve the pages and the CSV files, so a file lists what its table does.
"""

from __future__ import annotations

from katalog_sop.problem import Severity
from katalog_sop.site.sop_list import natural_key
from katalog_sop.site.markup import esc
from katalog_sop.site.scores import RuleScore, Scores, SopScore, UnitScore, percent

BANDS = ((100, 5), (90, 4), (75, 3), (50, 2), (0, 1))
"""Lower bound of each colour band (CSS ``sop-skala-<band>``): 100 %, 90–99, 75–89, 50–74, under 50."""


def band(value: int) -> int:
    return next(b for bound, b in BANDS if value >= bound)


def _share_key(score: SopScore | UnitScore) -> float:
    return score.passed / score.checks if score.checks else 2.0  # nothing checked: last


def worst_sops(scores: Scores) -> list[SopScore]:
    return sorted(scores.sops.values(), key=lambda s: (
        _share_key(s), -s.count(Severity.ERROR), -s.count(Severity.WARNING), natural_key(s.sop.nama.value), s.sop.id))


def worst_units(scores: Scores, names: dict[str, str]) -> list[UnitScore]:
    return sorted(scores.units.values(), key=lambda u: (
        _share_key(u), -u.count(Severity.ERROR), -u.count(Severity.WARNING), natural_key(names[u.unit]), u.unit))


def most_failed(scores: Scores) -> list[RuleScore]:
    return sorted(scores.rules, key=lambda r: (-r.total.failing, -r.total.findings, r.rule.id))


def share(passed: int, checks: int) -> str:
    """"34 dari 40 (85%)"; a dash when there was nothing to check."""
    value = percent(passed, checks)
    return "–" if value is None else f"{passed} dari {checks} ({value}%)"


def share_cell(passed: int, checks: int) -> str:
    """A table cell with the share as text and a bar coloured by its band (the colour only repeats the text).

    The bar's length is a class in 5 % steps (``sop-lebar-85``), not an inline style: the pages carry no
    style attribute at all."""
    value = percent(passed, checks)
    if value is None:
        return '<td data-sort="-1">–</td>'
    bar = f'<span class="sop-skala-batang" aria-hidden="true"><span class="sop-lebar-{value // 5 * 5}"></span></span>'
    return f'<td class="sop-skala sop-skala-{band(value)}" data-sort="{passed / checks:.6f}">{bar}{share(passed, checks)}</td>'


def number(value: int) -> str:
    return f'<td data-sort="{value}">{value}</td>'


def head(labels: list[str]) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{label}</th>' for label in labels) + "</tr></thead>"


def table(kind: str, labels: list[str], rows: list[str]) -> str:
    """A table in a ``<div>`` kept out of the search index (see :mod:`katalog_sop.site.findings`)."""
    return (f'<div class="sop-tabel" data-search-exclude=""><table data-kepatuhan="{kind}">{head(labels)}'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def download(href: str, what: str) -> str:
    return f'<a class="sop-unduh" href="{href}" download="">Unduh CSV</a> <span class="sop-jumlah">({esc(what)})</span>'
