"""The ``json`` reporter: a JSON array, one object per problem, for programs.

Every value is kept exactly as found, control characters included (JSON
escapes them); only a lone surrogate, which no UTF-8 can carry (a file name
byte that was not UTF-8), becomes visible text, as every report shows it
(:func:`~katalog_sop.reporters.escape.json_document`).
"""

from __future__ import annotations

from json.encoder import encode_basestring  # a str as a JSON string, non-ASCII kept, as json.dumps(ensure_ascii=False)

from katalog_sop.reporters.escape import json_document

JSON_KEYS = ("path", "line", "column", "severity", "code", "message", "json_path", "suppressed")
"""The foundation's keys, and ``suppressed``: the SOP's reason for an exempted finding, else null."""

# One object per line, in the order of JSON_KEYS, each value encoded by json's
# own string encoder. Filling this template took a third of the time of
# json.dumps on a dict per problem (60,000 findings of 5,000 SOPs).
_OBJECT = "{" + ", ".join(f'"{key}": %s' for key in JSON_KEYS) + "}"


def _optional(text: str | None) -> str:
    return "null" if text is None else encode_basestring(text)


def as_json(result) -> str:
    """A JSON array of objects with exactly the keys of :data:`JSON_KEYS`, sorted by file and line."""
    if not result.problems:
        return "[]\n"
    lines = ",\n".join(
        _OBJECT
        % (
            encode_basestring(p.location.path),
            int(p.location.line),
            int(p.location.column),
            encode_basestring(p.severity.value),
            encode_basestring(p.code),
            encode_basestring(p.message),
            _optional(p.location.json_path),
            _optional(p.suppressed),
        )
        for p in result.problems
    )
    return json_document(f"[\n{lines}\n]\n")
