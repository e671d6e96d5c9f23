"""The ``text`` reporter: problems grouped by file, one ``path:line:col`` line each.

Every line keeps the full ``path:line:col: severity[code] message`` form, so
editors and problem matchers can jump to it; files are separated by a header
naming the file and its counts. Colour (ANSI) only when asked, which the CLI
does for a terminal without ``NO_COLOR``. Every piece of text from outside
(the path, the message, the JSON path, the reason of an exemption) goes
through :func:`~katalog_sop.reporters.escape.terminal`: a file's name or
text never drives the terminal and never starts a line of its own.
"""

from __future__ import annotations

from itertools import groupby

from katalog_sop.problem import Problem, Severity, count_text
from katalog_sop.reporters.escape import terminal

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_NAMES = {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"}


def format_line(problem: Problem, color: bool = False) -> str:
    """``path:line:col: severity[code] message (at $.json.path)``, and the reason when suppressed."""
    loc = problem.location
    where = f" (at {terminal(loc.json_path)})" if loc.json_path else ""
    message = terminal(problem.message)
    severity = f"{problem.severity.value}[{terminal(problem.code)}]"
    tail = f" [dikecualikan: {terminal(problem.suppressed)}]" if problem.suppressed is not None else ""
    if color:
        colour = _DIM if problem.suppressed is not None else _COLOURS[problem.severity]
        severity = f"{colour}{severity}{_RESET}"
        where = f"{_DIM}{where}{_RESET}" if where else ""
        tail = f"{_DIM}{tail}{_RESET}" if tail else ""
    return f"{terminal(loc.path)}:{loc.line}:{loc.column}: {severity} {message}{where}{tail}"


def as_text(result, color: bool = False) -> str:
    """Every problem of ``result``, grouped by file under a header with the file's counts."""
    blocks = []
    for path, group in groupby(result.problems, key=lambda p: p.location.path):
        problems = list(group)
        header = f"{terminal(path)} ({count_text(problems)})"
        if color:
            header = f"{_BOLD}{header}{_RESET}"
        blocks.append("\n".join([header, *(format_line(p, color) for p in problems)]) + "\n")
    return "\n".join(blocks)


def summary(result) -> str:
    """The closing line: files checked and the counts; the skipped catalogue-wide rules, if any."""
    counts = ", ".join(f"{result.count(severity)} {_NAMES[severity]}" for severity in Severity)
    text = f"{len(result.files)} berkas SOP diperiksa, {len(result.rules)} aturan: {counts}"
    if result.suppressed():
        text += f", {result.suppressed()} dikecualikan"
    text += "."
    if result.skipped:
        ids = ", ".join(rule.id for rule in result.skipped)
        text += (
            f"\nAturan lintas katalog tidak dijalankan karena hanya sebagian berkas yang diperiksa: {ids}."
            " Periksa foldernya (misalnya `sop check sops`) untuk menjalankannya."
        )
    return text
