"""The ``junit`` reporter: JUnit XML, for CI services that show test results.

One ``<testsuite name="katalog-sop">``; one ``<testcase>`` per SOP file and
rule that ran (``classname`` the file as shown, ``name`` the rule id), so a
check that passed shows as passed. A file that could not be built has no
rule testcases; each structural check that found something in a file (code
``yaml``, ``schema``, ``reference`` ...) is a testcase named by its code.

A testcase with an error or warning that counts has one ``<failure>``
(``type`` "error" when any finding is an error, else "warning") listing every
such finding; info findings never fail and go to ``<system-out>``; a testcase
whose only findings are suppressed (``pengecualian``) is ``<skipped>`` with the
author's reason, and suppressed findings are never in a failure. ``errors`` is
always 0: the checker found problems, it did not crash.
Everything is written through ElementTree, so it is escaped, and every
attribute is one line through :func:`~katalog_sop.reporters.escape.terminal`,
as the texts are through :func:`~katalog_sop.reporters.text.format_line`
(CI services show both in logs and pages): control characters, bidi
overrides and lone surrogates become a visible ``\\xNN``, which also leaves
nothing XML 1.0 cannot hold. It never writes times or host names, so the
same check gives the same file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from katalog_sop.problem import Problem, Severity
from katalog_sop.reporters.escape import terminal
from katalog_sop.reporters.text import format_line

SUITE = "katalog-sop"


def as_junit(result) -> str:
    """The JUnit XML document of ``result``."""
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in result.problems:
        groups[(problem.location.path, problem.code)].append(problem)

    suite = ET.Element("testsuite", name=SUITE)
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="today", value=result.today.isoformat())
    if result.skipped:
        ET.SubElement(properties, "property", name="skipped-rules", value=" ".join(r.id for r in result.skipped))

    counts = {"tests": 0, "failures": 0, "skipped": 0}
    for path, name in _cases(result, groups):
        outcome = _testcase(suite, path, name, groups.get((path, name), []))
        counts["tests"] += 1
        if outcome:
            counts[outcome] += 1

    attributes = {key: str(value) for key, value in counts.items()} | {"errors": "0"}
    suite.attrib.update(attributes)
    root = ET.Element("testsuites", name=SUITE, **attributes)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cases(result, groups) -> list[tuple[str, str]]:
    """(file, rule id or code): every rule per built SOP, then each file's other codes, then the rest."""
    codes_by_path: dict[str, set[str]] = defaultdict(set)
    for path, code in groups:
        codes_by_path[path].add(code)
    rule_ids = [rule.id for rule in result.rules]
    cases = []
    for checked in result.files:
        path = checked.source.display
        names = rule_ids if checked.sop is not None else []
        cases += [(path, name) for name in names]
        cases += [(path, code) for code in sorted(codes_by_path[path] - set(names))]
    # A finding placed in a file that was not among the checked ones (a
    # hand-built result) still gets a testcase rather than vanishing.
    listed = set(cases)
    return cases + sorted(key for key in groups if key not in listed)


def _testcase(suite: ET.Element, path: str, name: str, problems: list[Problem]) -> str | None:
    """Add one testcase; its outcome for the counts: "failures", "skipped", or None (passed)."""
    case = ET.SubElement(suite, "testcase", classname=terminal(path), name=terminal(name))
    failing = [p for p in problems if p.counts and p.severity is not Severity.INFO]
    quiet = [p for p in problems if p not in failing]
    outcome = None
    if failing:
        kind = Severity.ERROR if any(p.severity is Severity.ERROR for p in failing) else Severity.WARNING
        first = failing[0].message
        message = first if len(failing) == 1 else f"{len(failing)} temuan; yang pertama: {first}"
        failure = ET.SubElement(case, "failure", type=kind.value, message=terminal(message))
        failure.text = "\n".join(format_line(p) for p in failing)
        outcome = "failures"
    elif any(not p.counts for p in problems):
        reasons = dict.fromkeys(p.suppressed for p in problems if not p.counts)  # ordered, each once
        ET.SubElement(case, "skipped", message=terminal("dikecualikan: " + "; ".join(reasons)))
        outcome = "skipped"
    if quiet:
        ET.SubElement(case, "system-out").text = "\n".join(format_line(p) for p in quiet)
    return outcome

