"""Reporters: a check result as text for people, or as data for programs and CI services.

Each reporter is a small module with a function from a
:class:`~katalog_sop.check.CheckResult` to the text to print, chosen by name
from :data:`REPORTERS`. Reporters never decide exit codes and never print.
Suppressed findings (an SOP's ``pengecualian``) are always shown, marked, and
never counted.
"""

from __future__ import annotations

from collections.abc import Callable

from katalog_sop.reporters.github import as_github
from katalog_sop.reporters.json import JSON_KEYS, as_json
from katalog_sop.reporters.junit import as_junit
from katalog_sop.reporters.sarif import as_sarif
from katalog_sop.reporters.text import as_text, format_line, summary

Reporter = Callable[..., str]

REPORTERS: dict[str, Reporter] = {
    "text": as_text,
    "json": as_json,
    "sarif": as_sarif,
    "junit": as_junit,
    "github": as_github,
}

__all__ = [
    "JSON_KEYS",
    "REPORTERS",
    "as_github",
    "as_json",
    "as_junit",
    "as_sarif",
    "as_text",
    "format_line",
    "summary",
]
