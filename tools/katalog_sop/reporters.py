"""Reporters: problems as text for people, or JSON for programs.

Each reporter is a function from sorted problems to the text to print,
chosen by name from :data:`REPORTERS`. Nothing here decides exit codes.
"""

from __future__ import annotations

import json
from typing import Callable, Sequence

from katalog_sop.problem import Problem

JSON_KEYS = ("path", "line", "column", "severity", "code", "message", "json_path")


def as_text(problems: Sequence[Problem]) -> str:
    """One line per problem: ``path:line:col: severity[code] message (at $.json.path)``."""
    lines = []
    for problem in problems:
        loc = problem.location
        where = f" (at {loc.json_path})" if loc.json_path else ""
        lines.append(
            f"{loc.path}:{loc.line}:{loc.column}: {problem.severity.value}[{problem.code}] {problem.message}{where}"
        )
    return "".join(line + "\n" for line in lines)


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON array of objects with exactly the keys of :data:`JSON_KEYS`."""
    records = [
        {
            "path": p.location.path,
            "line": p.location.line,
            "column": p.location.column,
            "severity": p.severity.value,
            "code": p.code,
            "message": p.message,
            "json_path": p.location.json_path,
        }
        for p in problems
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Problem]], str]] = {"text": as_text, "json": as_json}
