"""Problems: the one value every check returns.

A :class:`Problem` is a finding at a :class:`Location` (file, line, column and
the JSON path of the node). Checks never print and never raise for bad input;
they return problems, and only adapters decide how to show them. A location's
path is always valid Unicode (see :func:`shown_path`); escaping it for one
kind of output (HTML, a terminal line) is the adapter's job.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Iterable, NamedTuple


CODE_INTERNAL = "internal"
"""A bug of this tool met while checking: reported at the file (or rule) it happened on, never a traceback."""


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def shown_path(path: str) -> str:
    """A file name as shown to people: bytes that are not UTF-8 as ``\\xNN``.

    Names read from the operating system keep such bytes as lone surrogates
    (``surrogateescape``), which no UTF-8 output can carry; the file is still
    opened through its real name, never through this one.
    """
    if path.isascii():
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no byte stands for: not from the file system
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


class Location(NamedTuple):
    """Where something is: a file, a 1-based line and column, and a JSON path.

    ``json_path`` is ``None`` where no node can be named (a syntax error, a
    file that cannot be decoded).

    A named tuple, not a frozen dataclass: an SOP has about ninety of these,
    and a frozen dataclass took three times as long to make (a fifth of the
    build stage).
    """

    path: str
    line: int = 1
    column: int = 1
    json_path: str | None = None


class Problem(NamedTuple):
    """A finding: where, how serious, what found it, and what is wrong.

    A named tuple for the same reason as :class:`Location`: a large catalogue
    has tens of thousands of findings. Use ``problem._replace(...)`` to derive one.
    """

    location: Location
    severity: Severity
    code: str
    """What found it: a compliance rule's id (``SOPAP-I02``) or a pipeline stage (``schema``)."""
    message: str
    suppressed: str | None = None
    """The author's reason when the SOP file exempts itself from this finding
    (``pengecualian``): still shown, never counted."""

    @property
    def is_error(self) -> bool:
        """An error that counts: a suppressed finding never fails a check."""
        return self.severity is Severity.ERROR and self.suppressed is None

    @property
    def counts(self) -> bool:
        return self.suppressed is None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)


SEVERITY_WORDS = {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"}


def count_text(problems: Iterable[Problem], words: dict[Severity, str] = SEVERITY_WORDS) -> str:
    """An SOP file's counts as every view shows them ("2 galat, 3 peringatan, 1 dikecualikan"): `sop check`'s
    header of the file and the SOP page's badge use this one function, so the two never disagree. ``words``: the
    severities' names (SOP pages use the plain words of :data:`katalog_sop.site.labels.READER_SEVERITY`)."""
    problems = list(problems)
    parts = [f"{n} {words[s]}" for s in Severity if (n := sum(1 for p in problems if p.severity is s and p.counts))]
    if exempted := sum(1 for p in problems if not p.counts):
        parts.append(f"{exempted} dikecualikan")
    return ", ".join(parts) or "tidak ada yang dihitung"


def error(location: Location, code: str, message: str) -> Problem:
    return Problem(location, Severity.ERROR, code, message)


def warning(location: Location, code: str, message: str) -> Problem:
    return Problem(location, Severity.WARNING, code, message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, line and column, each distinct problem once.

    Keyed by plain tuples, with ``None`` read as empty text: a JSON path or
    an exemption reason may be ``None``, which does not compare with text.
    """
    unique: dict[tuple, Problem] = {}
    for problem in problems:
        loc = problem.location
        key = (loc.path, loc.line, loc.column, problem.code, problem.message,
               loc.json_path or "", problem.severity.value, problem.suppressed or "")
        unique.setdefault(key, problem)
    return [unique[key] for key in sorted(unique)]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@functools.lru_cache(maxsize=8192)  # SOPs share their shape: the same paths recur in every file
def format_json_path(parts: tuple[str | int, ...]) -> str:
    """``("langkah", 3, "pelaksana")`` -> ``$.langkah[3].pelaksana`` (0-based indices)."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)
