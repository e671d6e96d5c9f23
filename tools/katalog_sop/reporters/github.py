"""The ``github`` reporter: GitHub Actions workflow commands, one annotation per problem that counts.

Each counting problem is one line ``::error file=PATH,line=L,col=C,title=CODE::MESSAGE``
(``warning`` for a warning, ``notice`` for info), which the runner turns into
an annotation on the file in the pull request. Values are escaped as the
runner unescapes them, so a ``%``, a newline, or a ``,`` or ``:`` in a path
can neither break the line nor forge another command; every other control
or bidi character is shown escaped, as on a terminal
(:func:`~katalog_sop.reporters.escape.terminal`), so nothing drives the log.

Suppressed findings (``pengecualian``) are never annotated: the author has
exempted them, with a reason, and an annotation would ask for a fix. They are
still listed as plain log lines, marked with their reason, and the output
ends with a plain summary line of the counts. GitHub may cap how many
annotations one step shows; every line is still in the log.
It never prints a line that starts with ``::`` other than the annotations.
"""

from __future__ import annotations

from katalog_sop.problem import Problem, Severity
from katalog_sop.reporters.escape import terminal
from katalog_sop.reporters.text import format_line, summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def as_github(result) -> str:
    """One workflow command per counting problem, a plain line per suppressed one, then the summary."""
    lines = [annotation(p) for p in result.problems if p.counts]
    # Plain lines start with a word, and are escaped like data, so that no
    # text from an SOP file can start a line with "::".
    lines += ["dikecualikan: " + escape_data(format_line(p)) for p in result.problems if not p.counts]
    lines += [escape_data(line) for line in summary(result).splitlines()]
    return "\n".join(lines) + "\n"


def annotation(problem: Problem) -> str:
    loc = problem.location
    properties = {"file": loc.path, "line": loc.line, "col": loc.column, "title": problem.code}
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    where = f" (at {loc.json_path})" if loc.json_path else ""
    return f"::{COMMANDS[problem.severity]} {joined}::{escape_data(problem.message + where)}"


def escape_data(text: str) -> str:
    """The message after ``::``: ``%``, CR and LF escaped (``%`` first, so escapes stay unambiguous).

    The runner turns ``%0A`` back into a line break inside the annotation;
    the other characters that are not text stay visibly escaped.
    """
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A ``key=value`` value: as data, and ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
