"""The ``json`` reporter: a JSON array, one object per problem, for programs."""

from __future__ import annotations

import json

JSON_KEYS = ("path", "line", "column", "severity", "code", "message", "json_path", "suppressed")
"""The foundation's keys, and ``suppressed``: the SOP's reason for an exempted finding, else null."""


def as_json(result) -> str:
    """A JSON array of objects with exactly the keys of :data:`JSON_KEYS`, sorted by file and line."""
    records = [
        {
            "path": p.location.path,
            "line": p.location.line,
            "column": p.location.column,
            "severity": p.severity.value,
            "code": p.code,
            "message": p.message,
            "json_path": p.location.json_path,
            "suppressed": p.suppressed,
        }
        for p in result.problems
    ]
    if not records:
        return "[]\n"
    # One problem per line: as readable as indenting, and json's C encoder
    # only runs without indent (5,000 SOPs' findings took most of a second).
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps makes one per call
    lines = ",\n".join(map(encode, records))
    return f"[\n{lines}\n]\n"
