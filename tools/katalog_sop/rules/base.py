"""Rules stage, the shape of one rule: metadata, options and a check function.

A rule is a function decorated with :func:`rule`. The decorator records the
rule's stable id, slug, default severity, confidence tag and clause, and its
option defaults; the function's docstring is the rule's documentation (what it
checks, why, how to fix, and a passing and a failing example).

Rule docstrings are written in Indonesian, unlike the rest of the package:
they are published to auditors, on the site's Aturan page and as the help
text of SARIF reports. Code, comments and module docstrings stay English.
A rule docstring is a one-sentence summary line; then what it checks, the
reason after ``Mengapa:`` and the remedy after ``Perbaikan:``; then its
example blocks, marked as :data:`EXAMPLE_MARKERS` lists (YAML fragments
that the tests run).

A check yields ``(Location, message)`` findings and never builds
:class:`~katalog_sop.problem.Problem` itself: the registry adds the rule id and
the severity, so a later configuration layer can change a severity without
touching a rule. Checks never print, never do I/O, and do no heavy work per
call (regexes and tables are built when the module is imported).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from katalog_sop.problem import Location, Severity
from katalog_sop.ditarik import RETIRED

Finding = tuple[Location, str]
"""Where, and the message (Indonesian) for the author."""

PER_SOP = "sop"
CATALOGUE = "katalog"

TAGS = ("N", "N-trunc", "D", "CP", "U")
"""Confidence tags of a clause: N normative (the regulation's own words), N-trunc (normative, but the
copy read broke off: the completion is inferred), D a derivative agency guideline (binding only inside
that agency), CP common practice (not a rule), U unverified. Only ``N`` may be an error by default.
What the regulation asks, and what is only practice, is explained to users in ``docs/formulir-sop-ap.md``."""

PRAKTIK_UMUM = "praktik umum"

ID_PATTERN = re.compile(r"SOPAP-[IBPMFKDCWTE]\d{2}\Z")
SLUG_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")

EXAMPLE_DATE = dt.date(2025, 7, 1)
"""The "today" every docstring example is checked on (so the examples never age)."""

EXAMPLE_SOP = Path(__file__).with_name("data") / "contoh.yaml"
"""The sample SOP that every docstring example is a fragment of (see the file's header)."""

EXAMPLE_MARKERS = {
    "Passing": "Contoh yang lolos",
    "Failing": "Contoh yang gagal",
    "Example": "Opsi contoh",
}
"""The docstring's marker (Indonesian) of each example block, by the name :meth:`Rule.example` takes."""

_EXAMPLE = re.compile(
    r"^( *)(" + "|".join(map(re.escape, EXAMPLE_MARKERS.values())) + r")::\n\n((?:\1 {4}.*\n|\n)+)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Context:
    """What a check may know besides the SOP: the date of the check and its options."""

    today: dt.date
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """One compliance rule: what the registry, the reporters and the site's rules page know of it."""

    id: str
    """Stable: never renamed, never reused for another check."""
    slug: str
    severity: Severity
    tag: str
    """Confidence tag of the clause (see :data:`TAGS`)."""
    clause: str
    """The regulation's words where the rule is normative; "praktik umum" where it is practice."""
    scope: str
    """:data:`PER_SOP` (``check(sop, context)``) or :data:`CATALOGUE` (``check(catalogue, context)``)."""
    check: Callable[..., Iterable[Finding]] = field(repr=False)
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return textwrap.dedent(self.check.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        """The docstring's first line: what the rule checks, in one sentence."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def prose(self) -> str:
        """The docstring after its first line, without the example blocks: why, and how to fix."""
        body = self.doc.split("\n", 1)[1] if "\n" in self.doc else ""
        return _EXAMPLE.sub("", textwrap.dedent(body) + "\n").strip()

    def options(self, overrides: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        """The defaults with ``overrides`` applied; an unknown option name is a ValueError."""
        overrides = overrides or {}
        unknown = sorted(set(overrides) - set(self.defaults))
        if unknown:
            raise ValueError(f"{self.id}: opsi tidak dikenal: {', '.join(unknown)}")
        return MappingProxyType({**self.defaults, **overrides})

    def example(self, kind: str) -> str:
        """The ``"Passing"`` or ``"Failing"`` example of the docstring, dedented.

        The docstring marks them ``Contoh yang lolos::`` and ``Contoh yang
        gagal::`` (see :data:`EXAMPLE_MARKERS`).

        ``"Example"`` gives the optional ``Opsi contoh::`` block (YAML of the
        options both examples are checked with), or an empty string. Any other
        ``kind`` is a ValueError.
        """
        marker = EXAMPLE_MARKERS.get(kind)
        if marker is None:
            raise ValueError(f"{self.id}: jenis contoh tidak dikenal: {kind!r}")
        found = [m.group(3) for m in _EXAMPLE.finditer(self.doc + "\n") if m.group(2) == marker]
        if kind == "Example" and not found:
            return ""
        if len(found) != 1:
            raise ValueError(f"{self.id}: docstring harus memuat tepat satu '{marker}::'")
        return textwrap.dedent(found[0]).strip() + "\n"


_DEFINED: list[Rule] = []


def rule(
    rule_id: str,
    slug: str,
    severity: Severity,
    *,
    tag: str,
    clause: str,
    scope: str = PER_SOP,
    **defaults: Any,
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register the decorated check as rule ``rule_id``; keyword ``defaults`` are its options.

    A malformed rule is a bug of the package: it raises at import.
    """
    if not ID_PATTERN.match(rule_id) or not SLUG_PATTERN.match(slug) or tag not in TAGS:
        raise ValueError(f"{rule_id}: id, slug or tag tidak sah")
    if severity is Severity.ERROR and tag != "N":
        raise ValueError(f"{rule_id}: hanya aturan bertanda N yang boleh error secara bawaan")
    if any(known.id == rule_id for known in _DEFINED) or rule_id in RETIRED:
        raise ValueError(f"{rule_id}: id sudah dipakai")

    def register(check: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
        _DEFINED.append(Rule(rule_id, slug, severity, tag, clause, scope, check, MappingProxyType(defaults)))
        return check

    return register


def per_sop(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Memoise ``read(sop)`` for the SOP read last, so the rules of one family share one reading.

    :func:`katalog_sop.rules.run_rules` runs every rule on one SOP before the
    next, so one entry is enough. The entry is one tuple, replaced whole, and
    matched by identity: never a stale or a wrong SOP's reading.
    """
    memo: tuple[Any, Any] = (None, None)

    @functools.wraps(read)
    def cached(sop: Any) -> Any:
        nonlocal memo
        last = memo
        if last[0] is sop:
            return last[1]
        value = read(sop)
        memo = (sop, value)
        return value

    return cached


def defined_rules() -> tuple[Rule, ...]:
    """Every rule registered so far, in definition order."""
    return tuple(_DEFINED)
