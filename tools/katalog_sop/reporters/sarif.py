"""The ``sarif`` reporter: a SARIF 2.1.0 log, for code-scanning services and SARIF viewers.

One run of the ``katalog-sop`` tool: every rule that ran (with its configured
severity) and every structural check that found something is a
``reportingDescriptor``; every problem is a ``result`` pointing at its rule by
``ruleIndex``. Paths are the relative paths as shown, URI-escaped, against
``%SRCROOT%`` (a name's bytes that are not UTF-8 percent-encoded as they
are); a suppressed finding (``pengecualian``) carries an ``inSource``
suppression with the author's reason, so viewers show it as suppressed.
Text is kept as found but for lone surrogates, shown as visible text so the
log is valid UTF-8 (:func:`~katalog_sop.reporters.escape.json_document`).
It never writes absolute local paths the user did not give, never names a
URL of its own (``informationUri``), and never decides the exit code.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote_from_bytes

from katalog_sop import __version__
from katalog_sop.build import CODE_DATE, CODE_DURATION, CODE_NIP, CODE_REFERENCE
from katalog_sop.catalogue import CODE_ID
from katalog_sop.check import CODE_INTERNAL
from katalog_sop.compliance import CODE_EXEMPTION
from katalog_sop.problem import Severity
from katalog_sop.reporters.escape import json_document, unicode_text
from katalog_sop.rules import RULES, Rule
from katalog_sop.rules.base import CATALOGUE, PER_SOP
from katalog_sop.schema import CODE as CODE_SCHEMA
from katalog_sop.source import CODE_FILE, CODE_YAML

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

STRUCTURAL: dict[str, tuple[str, Severity, str]] = {
    # code: (what it checks, in Indonesian; the severity it reports at; its scope)
    CODE_FILE: ("Berkas SOP dapat dibaca: ada, teks UTF-8, dan tidak terlalu besar.", Severity.ERROR, PER_SOP),
    CODE_YAML: ("Berkas SOP adalah YAML yang sah dan berisi satu pemetaan (kunci: nilai).", Severity.ERROR, PER_SOP),
    CODE_SCHEMA: (
        "Isi SOP sesuai skema: kunci yang dikenal, jenis nilai yang benar, butir wajib ada.",
        Severity.ERROR,
        PER_SOP,
    ),
    CODE_REFERENCE: ("Rujukan di dalam SOP menunjuk ke pelaksana dan langkah yang ada.", Severity.ERROR, PER_SOP),
    CODE_DATE: ("Tanggal ditulis dalam bentuk yang dapat dibaca.", Severity.ERROR, PER_SOP),
    CODE_DURATION: ("Waktu pada mutu baku ditulis dalam bentuk yang dapat dibaca.", Severity.WARNING, PER_SOP),
    CODE_NIP: ("NIP pejabat ditulis dalam bentuk 18 angka yang sah.", Severity.WARNING, PER_SOP),
    CODE_ID: ("Setiap SOP dalam katalog punya id sendiri.", Severity.ERROR, CATALOGUE),
    CODE_EXEMPTION: (
        "Pengecualian (pengecualian) menyebut aturan dan langkah yang ada, dan masih terpakai.",
        Severity.WARNING,
        PER_SOP,
    ),
    CODE_INTERNAL: ("Galat internal pemeriksa saat memeriksa berkas; mohon laporkan.", Severity.ERROR, PER_SOP),
}
"""Every pipeline stage code that is not a rule id: its description, severity and scope."""

_RST_LITERAL = re.compile(r"``(.+?)``")


def as_sarif(result) -> str:
    """The SARIF 2.1.0 log of ``result`` as JSON text (one run)."""
    descriptors = _descriptors(result)
    index = {descriptor["id"]: number for number, descriptor in enumerate(descriptors)}
    # A URI names the file itself: its real name, which the path as shown
    # may write otherwise (a byte that is not UTF-8 is shown as "\xNN").
    names = {f.source.display: f.source.file.as_posix() for f in result.files}
    run = {
        "tool": {
            "driver": {
                "name": "katalog-sop",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,  # problems were found; the tool itself did not fail
                "properties": {
                    "today": result.today.isoformat(),
                    "skippedRules": [rule.id for rule in result.skipped],
                },
            }
        ],
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "Folder tempat `sop check` dijalankan."}},
        },
        "artifacts": [{"location": _artifact(names[f.source.display]), "roles": ["analysisTarget"]} for f in result.files],
        "results": [_result(problem, index[problem.code], names) for problem in result.problems],
        # Columns come from the YAML parser, which counts code points, not UTF-16 units.
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_document(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _descriptors(result) -> list[dict]:
    """The rules that ran, in order, then every other code that occurs (sorted)."""
    descriptors = [_rule_descriptor(rule) for rule in result.rules]
    known = {rule.id for rule in result.rules}
    for code in sorted({problem.code for problem in result.problems} - known):
        # A rule id outside result.rules cannot come from check(), but a
        # hand-built result may have one: describe it from the registry.
        descriptors.append(_rule_descriptor(RULES[code]) if code in RULES else _structural_descriptor(code))
    return descriptors


def _rule_descriptor(rule: Rule) -> dict:
    summary = rule.summary or rule.id
    prose = rule.prose or summary
    quoted = "> " + rule.clause.replace("\n", "\n> ")
    markdown = _markdown(f"**{rule.id} ({rule.slug})**: {summary}\n\n{quoted}\n\n{prose}")
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rule.clause or summary},
        "help": {"text": prose, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tag": rule.tag, "scope": rule.scope, "tags": ["kepatuhan", rule.tag, rule.scope]},
    }


def _markdown(text: str) -> str:
    """The docstrings write literals reST-style (``x``); Markdown wants `x`."""
    return _RST_LITERAL.sub(r"`\1`", text)


def _structural_descriptor(code: str) -> dict:
    text, severity, scope = STRUCTURAL.get(code, (f"Pemeriksaan struktur '{code}'.", Severity.ERROR, PER_SOP))
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": f"**{code}**: {text}"},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"scope": scope, "tags": ["struktur", scope]},
    }


def _result(problem, rule_index: int, names: dict[str, str]) -> dict:
    loc = problem.location
    location: dict = {
        "physicalLocation": {
            "artifactLocation": _artifact(names.get(loc.path, loc.path)),
            "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},
        }
    }
    if loc.json_path:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.json_path}]
    out = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": LEVELS[problem.severity],
        "message": {"text": problem.message},
        "locations": [location],
    }
    if problem.suppressed is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": problem.suppressed}]
    return out


def _artifact(path: str) -> dict:
    """A relative path against %SRCROOT%; a path the user gave as absolute stays a file: URI."""
    # Escape everything but "/": a space, "%", "#", "?", and a ":" that would
    # otherwise make "a:b/x.yaml" read as a URI scheme.
    uri = quote_from_bytes(_name_bytes(path), safe="/")
    if path.startswith("/"):
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _name_bytes(path: str) -> bytes:
    """The bytes of the file's name: a byte the file system kept as a surrogate is that byte again."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte stands for: not a name from the file system
        return unicode_text(path).encode("utf-8")
