"""Fuzz: text-level mutations of the SOP files, run the way a user meets the tool.

Usage: .venv/bin/python benchmarks/fuzz_sources.py [--cases 10000] [--seed 35] [--jobs 2]
       .venv/bin/python benchmarks/fuzz_sources.py --seed 35 --case 1234 --write case.yaml

Each case takes one seed file (the SOP files in ``sops/`` and
``tests/examples/valid/``, read when the fuzz starts), applies one to three
mutations (byte flips, inserted and deleted bytes, truncation, indentation
and tabs, quotes, control and bidi characters, raw or as YAML escapes, CR and
CRLF line endings, huge numbers, long words and a few hundred kilobytes of
text, markup, YAML indicators, keys the seeds do not use, duplicated, removed
and swapped lines), and writes it into a catalogue folder, half the time
beside an unchanged seed. The case is then run as a user meets the tool:
``sop check`` in every output format, in this process (a real process every
N-th case, for real exit codes), and, when the check accepts the catalogue
with no structural error, as the site build does: every sheet laid out,
written as DOT and drawn by Graphviz (batched), and every page of the site
made; every N-th accepted case is also built by ``mkdocs build --strict``.
A case is reproducible from the seed and its number alone (for one version
of this file: a new mutator renumbers the cases).

Counted, and all must be zero:

- traceback: an exception escaped ``sop`` or the site's stages (or a process printed a traceback);
- internal: a problem with the code ``internal``;
- exit code: other than 0, 1 or 2; or 1 without an error, or 0 with one;
- unparseable output: JSON or SARIF that is not JSON of the documented shape,
  JUnit that is not XML, a text or GitHub line that is not one problem;
- no position: a problem whose line or column is below 1, or past the end
  of its file or of its line, as an editor counts them;
- cannot draw: accepted, but laying out, DOT, Graphviz, the pages or the
  MkDocs build failed, a sheet page was drawn as a stand-in, or a sheet is
  not well-formed XML;
- unsafe output: a terminal control or bidi character in what ``sop check``
  prints, or live markup (``<script``, an ``on...=`` handler, a
  ``javascript:`` URL) or a control or bidi character from the SOP in a
  page, a sheet or a built HTML page;
- slow: a case took longer than ``--timeout`` seconds.

Only this file's own process and the processes it starts are involved; it
never writes outside a temporary folder (and ``--write``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_FOLDERS = ("sops", "tests/examples/valid", "tests/diagram/golden", "tests/real_sops")
TODAY = "2025-06-30"
FORMATS = ("json", "text", "sarif", "junit", "github")
COUNTERS = (
    "traceback",
    "internal",
    "exit code",
    "unparseable output",
    "no position",
    "cannot draw",
    "unsafe output",
    "slow",
)


# --- seeds and mutators --------------------------------------------------------------


def seed_files(repo: Path = REPO) -> list[tuple[str, bytes]]:
    """``(unit/name.yaml, bytes)`` of every seed file, in a fixed order."""
    found = []
    for folder in SEED_FOLDERS:
        for path in sorted((repo / folder).rglob("*.y*ml")):
            found.append((f"{path.parent.name}/{path.name}", path.read_bytes()))
    return found


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def _value_pos(rng: random.Random, data: bytes) -> int:
    """A place right after ``key: `` or ``- ``, where a value starts; anywhere when there is none."""
    places = [m.end() for m in re.finditer(rb"(?::|^\s*-) ", data, re.M)]
    return rng.choice(places) if places and rng.random() < 0.8 else _pos(rng, data)


def _insert(data: bytes, at: int, piece: bytes) -> bytes:
    return data[:at] + piece + data[at:]


def flip_byte(rng, data):
    if not data:
        return bytes([rng.randrange(256)]), "flip on empty"
    at = rng.randrange(len(data))
    bit = 1 << rng.randrange(8)
    return data[:at] + bytes([data[at] ^ bit]) + data[at + 1 :], f"flip bit {bit:#x} at byte {at}"


def insert_byte(rng, data):
    at, byte = _pos(rng, data), rng.randrange(256)
    return _insert(data, at, bytes([byte])), f"insert byte {byte:#04x} at {at}"


def delete_bytes(rng, data):
    at, count = _pos(rng, data), rng.randint(1, 8)
    return data[:at] + data[at + count :], f"delete {count} bytes at {at}"


def truncate(rng, data):
    at = _pos(rng, data)
    return data[:at], f"truncate at {at}"


def indentation(rng, data):
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    line = lines[index]
    choice = rng.randrange(5)
    if choice == 0:
        lines[index] = b" " * rng.randint(1, 4) + line
        what = "indent more"
    elif choice == 1:
        stripped = line.lstrip(b" ")
        lines[index] = line[: max(0, len(line) - len(stripped) - rng.randint(1, 4))] + stripped
        what = "indent less"
    elif choice == 2:
        stripped = line.lstrip(b" ")
        lines[index] = b"\t" * max(1, (len(line) - len(stripped)) // 2) + stripped
        what = "tabs for spaces"
    elif choice == 3:
        at = rng.randrange(len(line) + 1)
        lines[index] = _insert(line, at, b"\t")
        what = f"tab at column {at + 1}"
    else:
        lines = [b"  " + each if each else each for each in lines]
        what = "indent every line"
    return b"\n".join(lines), f"{what} (line {index + 1})"


QUOTES = [b"'", b'"', b'\\"', b'"\\"', b"'\\''", b'""', b"''", b'"\\', b'\\', b'"\\x"', b'"\\u0000"', b'"\\N"']


def quote(rng, data):
    piece, at = rng.choice(QUOTES), _value_pos(rng, data)
    return _insert(data, at, piece), f"insert {piece!r} at {at}"


CONTROLS = [
    "\x00", "\x1b", "\x07", "\x7f", "\x08", "\x0b", "\x0c", "\r", "\x85", "\x9b", "\x80",
    "\u2028", "\u2029", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f",
    "\ufeff", "\u200b", "\ufffe", "\uffff", "\x1b[31m", "\x1b]0;judul\x07", "\x1b[2J", "\x9b31m",
    "\U0001f600", "e\u0301", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
]
RAW_BYTES = [b"\x85", b"\x9b", b"\xc0\x80", b"\xed\xa0\x80", b"\xff", b"\xf4\x90\x80\x80"]


def control(rng, data):
    at = _value_pos(rng, data)
    if rng.random() < 0.15:
        piece = rng.choice(RAW_BYTES)
    else:
        piece = rng.choice(CONTROLS).encode("utf-8")
    return _insert(data, at, piece), f"insert {piece!r} at {at}"


def line_endings(rng, data):
    choice = rng.randrange(4)
    if choice == 0:
        return data.replace(b"\n", b"\r\n"), "CRLF line endings"
    if choice == 1:
        return data.replace(b"\n", b"\r"), "CR line endings"
    if choice == 2:
        lines = data.split(b"\n")
        ends = [rng.choice([b"\n", b"\r\n", b"\r"]) for _ in lines[:-1]]
        return b"".join(line + end for line, end in zip(lines, ends)) + lines[-1], "mixed line endings"
    separator = rng.choice(["\u2028", "\u2029", "\x85"]).encode("utf-8")
    return data.replace(b"\n", separator), f"line endings {separator!r}"


HUGE_VALUES = {
    b"ke": [b"1e30", b"2.0", b"1" + b"0" * 40, b"-1", b"0", b".nan", b".inf", b"99999999999999999999", b"2.5", b"true", b"[1, 2]"],
    b"lanjut_ke": [b"1e30", b"1" + b"0" * 40, b"-3", b"0", b"1.0", b".inf"],
    b"waktu": [
        b"99999999999 hari", b"1e400 menit", b"-5 menit", b"0 menit", b"1 - 99999999999999999999 hari kerja",
        b"1x99999999999 jam", b"9" * 400 + b" jam", b"1e30", b"1" + b"0" * 40, b".nan", b"-.inf menit",
    ],
    b"nip": [b"9" * 60, b"1" + b"0" * 40, b"19700101 199003 1 002" * 20],
    b"tanggal_efektif": [b"99 Oktober 99999", b"0000-00-00", b"9999-99-99", b"31-02-2024", b"1" + b"0" * 30],
    b"tanggal_pembuatan": [b"32 Januari 2025", b"99999999-01-01", b"1 Januari 0"],
    b"satuan_waktu": [b"1e30", b"jam" * 100],
    b"nomor": [b"1" + b"0" * 40, b"1e30"],
}


def huge_number(rng, data):
    keys = [m for m in re.finditer(rb"\b(" + b"|".join(HUGE_VALUES) + rb"): *([^\n,}]*)", data)]
    if keys and rng.random() < 0.7:
        match = rng.choice(keys)
        value = rng.choice(HUGE_VALUES[match.group(1)])
        return data[: match.start(2)] + value + data[match.end(2) :], f"{match.group(1).decode()}: {value[:40]!r}"
    digits = list(re.finditer(rb"\d+", data))
    if not digits:
        return data, "no number to grow"
    match = rng.choice(digits)
    value = rng.choice([b"9" * rng.randint(12, 400), b"1e308", b"1e999", b"0" * 30])
    return data[: match.start()] + value + data[match.end() :], f"number at {match.start()} -> {value[:20]!r}..."


def long_text(rng, data):
    at = _value_pos(rng, data)
    choice = rng.randrange(3)
    if rng.random() < 0.04:  # far below the size limit, far above any SOP: where a quadratic step shows
        piece = rng.choice([b"Menandatangani", b"kata ", b"1/2.3-", "\u0627".encode("utf-8")]) * rng.randint(20_000, 40_000)
    elif choice == 0:
        piece = b"Menandatangani" * rng.randint(20, 2000)
    elif choice == 1:
        piece = b" ".join([b"kata"] * rng.randint(200, 5000))
    else:
        piece = "\u0627\u0644\u0639".encode("utf-8") * rng.randint(50, 500)
    return _insert(data, at, piece), f"insert {len(piece)} bytes of text at {at}"


MARKUP = [
    b"<script>alert(1)</script>", b"<img src=x onerror=alert(1)>", b"</svg><script>alert(1)</script>",
    b"]]><x>", b"<![CDATA[", b"&amp;&lt;&#0;", b"\" onload=\"alert(1)", b"' onmouseover='alert(1)",
    b"javascript:alert(1)", b"[tautan](javascript:alert(1))", b"{{ config }}", b"{: .x onclick=alert(1) }",
    b"\\N \\G \\L \\l \\n \\r \\\\", b"<<B>>", b"label=<<b>x</b>>", b"\"];\nx [label=\"", b"}\ndigraph {",
    b"::error::palsu", b"%0A::error::x", b"*miring* _garis_ `kode` # judul", b"| a | b |", b"<!-- x -->",
    b"<style>*{display:none}</style>", b"<iframe src=//contoh.invalid>", b"&#x1b;", b"%s%n%x",
]


def markup(rng, data):
    piece, at = rng.choice(MARKUP), _value_pos(rng, data)
    return _insert(data, at, piece), f"insert {piece!r} at {at}"


YAML_BITS = [
    b"&a ", b"*a", b"*nope", b"!!python/object:os.system ", b"!!binary ", b"!!str ", b"!!int ", b"!!float ",
    b"!tanda ", b"? ", b"{", b"}", b"[", b"]", b",", b"\n---\n", b"\n...\n", b"%YAML 1.2\n---\n", b"%TAG ! x\n",
    b"#", b" #", b"|", b">", b"|-\n", b"- ", b": ", b"<<: *a\n", b"@", b"`", b"~", b"null", b"\n- x\n",
]


def yaml_token(rng, data):
    piece, at = rng.choice(YAML_BITS), rng.choice([_pos(rng, data), _value_pos(rng, data)])
    return _insert(data, at, piece), f"insert {piece!r} at {at}"


def lines_shuffle(rng, data):
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data + data, "file twice"
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:
        lines.insert(first, lines[first])
        what = f"duplicate line {first + 1}"
    elif choice == 1:
        del lines[first]
        what = f"remove line {first + 1}"
    elif choice == 2:
        lines[first], lines[second] = lines[second], lines[first]
        what = f"swap lines {first + 1} and {second + 1}"
    else:
        count = rng.randint(2, 10)
        del lines[first : first + count]
        what = f"remove lines {first + 1}-{first + count}"
    return b"\n".join(lines), what


HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onload=\"alert(1)", "javascript:alert(1)",
    "\u202e", "\u2066", "\x1b[31m", "\x1b]8;;http://contoh.invalid\x07tautan\x1b]8;;\x07", "\x00", "\x07", "\x7f",
    "\x85", "\x9b", "\u2028", "\u2029", "\r\n", "\r", "\n\n# judul\n\n", "\t", "\x0b\x0c", "\ufeff", "\ufffe",
    "]]>", "\\N \\G", "%0A::error::x", "{{ x }}", "*", "`", "|", "-->", "\" ", "'",
]


def _yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: a JSON string is one (``\\u`` escapes deliver any character)."""
    return json.dumps(text, ensure_ascii=True)


def escaped_value(rng, data):
    """A value replaced by a double-quoted one whose escapes carry characters no plain scalar may hold."""
    values = list(re.finditer(rb"^(\s*(?:- )?[a-z_]+: )([^\n{\[|>&*!#][^\n]*)$", data, re.M))
    if not values:
        return data, "no value to replace"
    match = rng.choice(values)
    original = match.group(2).decode("utf-8", "replace").strip().strip("\"'")
    hostile = rng.choice(HOSTILE)
    text = rng.choice([hostile + original, original + hostile, original[:3] + hostile + original[3:], hostile])
    quoted = _yaml_quoted(text).encode("utf-8")
    return data[: match.start(2)] + quoted + data[match.end(2) :], f"value at {match.start(2)} -> {quoted[:60]!r}"


BLOCKS = [
    "pengecualian:\n  - {{aturan: SOPAP-K01, alasan: {h}, langkah: 1}}\n",
    "kop: {{alamat: {h}, email: {h}, situs_web: {h}}}\n",
    "kop: {{situs_web: \"javascript:alert(1)\", email: \"x@contoh.invalid?\\\" onclick=\\\"alert(1)\"}}\n",
    "revisi:\n  - {{ke: 1, tanggal: 2 Januari 2025, uraian: {h}}}\n",
    "catatan_sumber: {{sumber: {h}, perbaikan: [{h}], tidak_terbaca: [{h}], disimpulkan: [{h}]}}\n",
    "keterkaitan: [{h}]\n",
    "dasar_hukum: [{h}]\n",
]
STEP_LINES = ["keterangan: {h}", "id: {h}", "output: {h}", "kelengkapan: [{h}]", "waktu: {h}"]


def extra_block(rng, data):
    """Keys the seeds do not use (exemptions, kop, revisions, notes) or a step's own keys, with hostile text."""
    h = _yaml_quoted(rng.choice(HOSTILE) + rng.choice(["", " Surat", "Kepala Bagian"]))
    steps = list(re.finditer(rb"^(\s*)- kegiatan:[^\n]*\n", data, re.M))
    if steps and rng.random() < 0.4:
        step = rng.choice(steps)
        indent = step.group(1) + b"  "
        line = indent + rng.choice(STEP_LINES).format(h=h).encode("utf-8") + b"\n"
        return data[: step.end()] + line + data[step.end() :], f"step line {line.strip()[:60]!r}"
    block = rng.choice(BLOCKS).format(h=h).encode("utf-8")
    joint = b"" if data.endswith(b"\n") or not data else b"\n"
    return data + joint + block, f"append {block[:60]!r}"


MUTATORS = (
    flip_byte, insert_byte, delete_bytes, truncate, indentation, quote, control, line_endings,
    huge_number, long_text, markup, yaml_token, lines_shuffle, escaped_value, extra_block,
)


@dataclass(frozen=True)
class Case:
    number: int
    seed_name: str
    data: bytes
    mutations: tuple[str, ...]
    companion: str | None
    """The name of an unchanged seed checked beside the mutated file, or ``None``."""


def make_case(seed: int, number: int, seeds: list[tuple[str, bytes]]) -> Case:
    """Case ``number`` of the run with ``seed``: depends on nothing else."""
    rng = random.Random(f"{seed}:{number}")
    name, data = rng.choice(seeds)
    mutations = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutator = rng.choice(MUTATORS)
        data, what = mutator(rng, data)
        mutations.append(f"{mutator.__name__}: {what}")
    others = [other for other, _ in seeds if other.split("/")[-1] != name.split("/")[-1]]
    companion = rng.choice(others) if others and rng.random() < 0.5 else None
    return Case(number, name, data, tuple(mutations), companion)


# --- running one case ------------------------------------------------------------------


@dataclass
class Failure:
    counter: str
    case: int
    detail: str


@dataclass
class Outcome:
    failures: list[Failure] = field(default_factory=list)
    accepted: bool = False


class _Slow(BaseException):
    """Raised by the time limit; not an Exception, so that the tool's own guards cannot turn it into a problem."""


_LINE_BREAKS = re.compile("\r\n|[\r\n]")
"""Line endings as editors count lines: U+0085, U+2028 and U+2029 are not among them."""
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What a terminal or a log viewer acts on: controls, line separators and bidi marks, overrides and isolates."""
_UNSAFE_PAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(r"<script|<iframe|<style|javascript:|\son\w+\s*=", re.I)
_TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning|info)\[[\w.-]+\] ")
_JSON_KEYS = {"path", "line", "column", "severity", "code", "message", "json_path", "suppressed"}


def _lines_of(data: bytes) -> list[int]:
    """The length of every line in characters (in bytes where the file is not UTF-8)."""
    try:
        lines = _LINE_BREAKS.split(data.decode("utf-8"))
    except UnicodeDecodeError:
        return [len(line) for line in re.split(rb"\r\n|[\r\n]", data)]
    return [len(line) for line in lines]


def _run_cli(argv: list[str]) -> tuple[int | None, str, str, str | None]:
    """``(exit code, stdout, stderr, traceback)`` of ``sop`` run in this process."""
    from katalog_sop.cli import main

    out, err = io.StringIO(), io.StringIO()
    code, trace = None, None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2 if exc.code else 0
    except Exception:  # noqa: BLE001 - every escape is what this fuzz counts
        trace = traceback.format_exc()
    finally:
        gc.enable()  # `sop check` turns the collector off for its short life; this process goes on
    return code, out.getvalue(), err.getvalue(), trace


def _tail(trace: str, lines: int = 4) -> str:
    return " | ".join(line.strip() for line in trace.strip().splitlines()[-lines:])


class _Checker:
    """The checks of one case's output; failures go to ``outcome``."""

    def __init__(self, case: Case, outcome: Outcome, files: dict[str, bytes]):
        self.case, self.outcome = case, outcome
        self.lines = {path: _lines_of(data) for path, data in files.items()}

    def fail(self, counter: str, detail: str) -> None:
        self.outcome.failures.append(Failure(counter, self.case.number, detail))

    def position(self, path: str, line, column, what: str) -> None:
        ok = isinstance(line, int) and isinstance(column, int) and line >= 1 and column >= 1
        lengths = self.lines.get(path)
        if ok and lengths is not None:
            # One past the last line or column: where an editor puts the end of the file or of a line.
            ok = line <= len(lengths) + 1 and column <= (lengths[line - 1] if line <= len(lengths) else 0) + 1
        if not ok:
            shape = f"{len(lengths)} lines" if lengths is not None else "unknown file"
            length = f", line {line} has {lengths[line - 1]} characters" if lengths and isinstance(line, int) and 1 <= line <= len(lengths) else ""
            self.fail("no position", f"{what} at {path}:{line}:{column} ({shape}{length})")

    def exit_code(self, fmt: str, code, errors: bool | None) -> None:
        if code not in (0, 1, 2):
            self.fail("exit code", f"--format {fmt}: exit code {code!r}")
        elif errors is not None and code != (1 if errors else 0):
            self.fail("exit code", f"--format {fmt}: exit code {code} but {'an' if errors else 'no'} error reported")

    def terminal(self, fmt: str, text: str) -> None:
        found = _TERMINAL.search(text)
        if found:
            self.fail("unsafe output", f"--format {fmt}: {found.group()!r} printed: {_around(text, found.start())!r}")

    def internal(self, fmt: str, code: str, message: str) -> None:
        if code == "internal":
            self.fail("internal", f"--format {fmt}: {message[:300]}")


def _around(text: str, at: int, width: int = 60) -> str:
    return text[max(0, at - width) : at + width]


def check_outputs(case: Case, target: str, files: dict[str, bytes], outcome: Outcome) -> bool:
    """Run ``sop check`` on ``target`` in every format; whether it reported an error (per JSON)."""
    checker = _Checker(case, outcome, files)
    errors = None
    for fmt in FORMATS:
        code, out, err, trace = _run_cli(["check", "--format", fmt, "--today", TODAY, target])
        if trace is not None:
            checker.fail("traceback", f"--format {fmt}: {_tail(trace)}")
            continue
        checker.terminal(fmt, out)
        checker.terminal(f"{fmt} (stderr)", err)
        reader = globals()[f"_read_{fmt}"]
        try:
            found = reader(checker, out)
        except (ValueError, KeyError, TypeError, AssertionError, ET.ParseError) as exc:
            checker.fail("unparseable output", f"--format {fmt}: {type(exc).__name__}: {exc}; output: {out[:200]!r}")
            found = None
        if fmt == "json" and found is not None:
            errors = found
        checker.exit_code(fmt, code, errors)
    return bool(errors)


def _read_json(checker: _Checker, out: str) -> bool:
    problems = json.loads(out)
    assert isinstance(problems, list), "not an array"
    errors = False
    for problem in problems:
        assert isinstance(problem, dict) and set(problem) == _JSON_KEYS, f"keys {sorted(problem)}"
        checker.position(problem["path"], problem["line"], problem["column"], f"json {problem['code']}")
        checker.internal("json", problem["code"], problem["message"])
        errors = errors or (problem["severity"] == "error" and problem["suppressed"] is None)
    return errors


def _read_text(checker: _Checker, out: str) -> None:
    for line in out.splitlines():
        if not line:
            continue
        match = _TEXT_LINE.match(line)
        if match is None:
            assert re.fullmatch(r".+ \((?:\d+ (?:galat|peringatan|info|dikecualikan)(?:, )?)+\)|.+ \(tidak ada yang dihitung\)", line), f"line {line!r}"
            continue
        checker.position(match["path"], int(match["line"]), int(match["col"]), "text")
        if "error[internal]" in line:
            checker.internal("text", "internal", line)


def _read_sarif(checker: _Checker, out: str) -> None:
    log = json.loads(out)
    assert log["version"] == "2.1.0", "version"
    for run in log["runs"]:
        for result in run["results"]:
            for place in result["locations"]:
                physical = place["physicalLocation"]
                region = physical.get("region", {})
                path = physical["artifactLocation"]["uri"]
                checker.position(_unquote(path), region.get("startLine"), region.get("startColumn"), "sarif")
            checker.internal("sarif", result["ruleId"], result["message"]["text"])


def _unquote(uri: str) -> str:
    from urllib.parse import unquote

    return unquote(uri)


def _read_junit(checker: _Checker, out: str) -> None:
    ET.fromstring(out.encode("utf-8"))


def _read_github(checker: _Checker, out: str) -> None:
    lines = out.splitlines()
    assert lines, "no output"
    for line in lines:
        if line.startswith("::"):
            match = re.fullmatch(r"::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)", line)
            assert match, f"annotation {line[:200]!r}"
            path = match[2].replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
            checker.position(path, int(match[3]), int(match[4]), "github")
            checker.internal("github", match[5], match[6])


# --- accepted catalogues: sheets and pages ------------------------------------------------


def accepted_result(target: str):
    """The check result the site is built from, when the plugin would build it (no structural error)."""
    from katalog_sop.check import check
    from katalog_sop.rules import RULES

    result = check([target], today=_today())
    if any(problem.is_error and problem.code not in RULES for problem in result.problems):
        return None
    return result if result.catalogue.sops else None


def _today():
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`_Slow` in this thread when the block takes longer than ``seconds``."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum, frame):
    raise _Slow()


def draw_and_publish(batch: list[tuple[Case, object]], outcomes: dict[int, Outcome], timeout: float) -> None:
    """Draw every accepted case's sheets in one Graphviz run (one run per SOP if that fails), then make its pages."""
    from katalog_sop.diagram.render import render_sops

    sops = [(case, sop) for case, result in batch for sop in result.catalogue.sops.values()]
    try:
        with time_limit(timeout * max(1, len(sops) / 4)):
            drawn = render_sops([sop for _, sop in sops])
        if _why_not_drawn(drawn):
            raise RuntimeError("a page was not drawn")
    except (Exception, _Slow):  # noqa: BLE001 - which case broke the batch is found below
        drawn = [_draw_one(case, sop, outcomes[case.number], timeout) for case, sop in sops]
    for (case, sop), pages in zip(sops, drawn):
        for page in pages:
            _check_svg(case, sop.id, page.svg, outcomes[case.number])
    for case, result in batch:
        try:
            with time_limit(timeout):
                _check_pages(case, result, outcomes[case.number])
        except _Slow:
            outcomes[case.number].failures.append(Failure("slow", case.number, f"pages: over {timeout:g} s"))


def _draw_one(case: Case, sop, outcome: Outcome, timeout: float) -> list:
    from katalog_sop.diagram.render import render_sops

    try:
        with time_limit(timeout):
            drawn = render_sops([sop])
        why = _why_not_drawn(drawn)
        if why:
            outcome.failures.append(Failure("cannot draw", case.number, f"sheet of {sop.id}: {why}"))
        return drawn[0]
    except _Slow:
        outcome.failures.append(Failure("slow", case.number, f"sheet of {sop.id}: over {timeout:g} s"))
    except Exception as exc:  # noqa: BLE001
        outcome.failures.append(Failure("cannot draw", case.number, f"sheet of {sop.id}: {type(exc).__name__}: {_tail(traceback.format_exc())}"))
    return []


def _why_not_drawn(drawn) -> str:
    """The warnings of a drawing that put a stand-in where a page could not be drawn ("" when every page was drawn)."""
    return "; ".join(getattr(drawn, "warnings", ()) or ()) or "; ".join(map(str, (getattr(drawn, "failures", None) or {}).values()))


def _check_svg(case: Case, sop_id: str, svg: str, outcome: Outcome) -> None:
    def fail(counter, detail):
        outcome.failures.append(Failure(counter, case.number, f"sheet of {sop_id}: {detail}"))

    try:
        root = ET.fromstring(svg.encode("utf-8"))
    except ET.ParseError as exc:
        fail("cannot draw", f"not well-formed XML: {exc}")
        return
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "style"):
            fail("unsafe output", f"<{tag}> element")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1].lower().startswith("on") or "javascript:" in value.lower():
                fail("unsafe output", f"attribute {name}={value[:80]!r}")
        for text in (element.text, element.tail):
            found = _UNSAFE_PAGE.search(text or "")
            if found:
                fail("unsafe output", f"{found.group()!r} in text {text[:80]!r}")


_SEARCH_CALL = re.compile(r'KatalogCari\.terima\(("(?:[^"\\]|\\.)*"), (.*)\);\n', re.DOTALL)
_DATA_SCRIPT = re.compile(r"window\.katalogSop\w+ = ([\[{].*[\]}]);\n", re.DOTALL)


def _check_pages(case: Case, result, outcome: Outcome) -> None:
    from katalog_sop.site.build import site_data, site_pages

    try:
        pages = {**site_pages(result), **site_pages(result, directory_urls=True), **site_data(result)}
    except Exception as exc:  # noqa: BLE001
        outcome.failures.append(Failure("cannot draw", case.number, f"pages: {type(exc).__name__}: {_tail(traceback.format_exc())}"))
        return
    for path, text in pages.items():
        if path.endswith(".json"):  # data read by a script, not HTML: it must only stay JSON
            try:
                json.loads(text)
            except ValueError as exc:
                outcome.failures.append(Failure("cannot draw", case.number, f"{path} is not JSON: {exc}"))
            continue
        if path.endswith(".csv"):  # a spreadsheet's data: SOP text as text, but nothing that hides or reorders it
            found = _UNSAFE_PAGE.search(text)
            if found:
                outcome.failures.append(Failure("unsafe output", case.number, f"{path}: {found.group()!r} in {_around(text, found.start())!r}"))
            continue
        if path.startswith("kepatuhan/") and path.endswith(".js"):  # Kepatuhan data as scripts: one assignment of JSON, ASCII, no "<"
            call = _DATA_SCRIPT.fullmatch(text)
            try:
                if not (text.isascii() and call and "<" not in text):
                    raise ValueError("not one assignment of JSON in ASCII without '<'")
                json.loads(call.group(1))
            except ValueError as exc:
                outcome.failures.append(Failure("unsafe output", case.number, f"{path}: {exc}: {text[:200]!r}"))
            continue
        if path.startswith("cari/"):  # search data as a script: one call with JSON, in ASCII, and nothing else
            call = _SEARCH_CALL.fullmatch(text)
            try:
                if not (text.isascii() and call):
                    raise ValueError("not one KatalogCari.terima call in ASCII")
                json.loads(call.group(1)), json.loads(call.group(2))
            except ValueError as exc:
                outcome.failures.append(Failure("unsafe output", case.number, f"{path}: {exc}: {text[:200]!r}"))
            continue
        for pattern in (_MARKUP, _UNSAFE_PAGE):
            found = pattern.search(text)
            if found:
                outcome.failures.append(
                    Failure("unsafe output", case.number, f"page {path}: {found.group()!r} in {_around(text, found.start())!r}")
                )
                break


class _LiveMarkup(HTMLParser):
    """What in a built page would run or restyle: an event handler, a ``javascript:`` URL, or markup the fuzz planted."""

    PLANTED = ("alert(1)", "contoh.invalid", "display:none")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").lower().replace(" ", ""):
                self.found.append(f"<{tag} {name}={value!r}>")
            if any(planted in (value or "") for planted in self.PLANTED):
                self.found.append(f"<{tag} {name}={value!r}>")
        self._inside = tag if tag in ("script", "style", "iframe") else None

    def handle_data(self, data):
        if self._inside and any(planted in data for planted in self.PLANTED):
            self.found.append(f"<{self._inside}>{data[:80]}")

    def handle_endtag(self, tag):
        self._inside = None


def build_site(case: Case, folder: Path, outcome: Outcome, timeout: float) -> None:
    """Build the case's catalogue with ``mkdocs build --strict`` as a site is built; look at every page."""
    project = folder / "situs"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(folder / "sops", project / "sops")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=project, capture_output=True, env=env, check=False, timeout=timeout * 3,
        )
    except subprocess.TimeoutExpired:
        outcome.failures.append(Failure("slow", case.number, f"mkdocs build: over {timeout * 3:g} s"))
        return
    errors = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        outcome.failures.append(Failure("cannot draw", case.number, f"mkdocs build --strict: exit {done.returncode}: {_tail(errors, 3)}"))
    if "Traceback" in errors:
        outcome.failures.append(Failure("traceback", case.number, f"mkdocs build: {_tail(errors)}"))
    for page in sorted((project / "site").rglob("*.html")):
        parser = _LiveMarkup()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for found in parser.found:
            where = page.relative_to(project / "site").as_posix()
            outcome.failures.append(Failure("unsafe output", case.number, f"site {where}: {found[:200]}"))


# --- running many cases ----------------------------------------------------------------


def write_case(case: Case, seeds: list[tuple[str, bytes]], folder: Path) -> tuple[str, dict[str, bytes]]:
    """Write the case's catalogue under ``folder``; the ``sops`` folder to check and each file's bytes by shown path."""
    catalogue = folder / "sops"
    shutil.rmtree(catalogue, ignore_errors=True)
    files = {case.seed_name: case.data}
    if case.companion is not None:
        files[case.companion] = dict(seeds)[case.companion]
    shown = {}
    for name, data in files.items():
        path = catalogue / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        shown[f"{catalogue.as_posix()}/{name}"] = data
    return catalogue.as_posix(), shown


def run_cases(
    seed: int, numbers, folder: Path, timeout: float = 20.0, subprocess_every: int = 0, site_every: int = 0, batch: int = 40
) -> list[Failure]:
    """Run the cases ``numbers`` of the run with ``seed`` in this process; every failure found.

    Every ``subprocess_every``-th case is also checked by a real ``sop`` process, and every
    ``site_every``-th, when accepted, is also built by a real ``mkdocs build --strict`` (0: never).
    """
    seeds = seed_files()
    outcomes: dict[int, Outcome] = {}
    pending: list[tuple[Case, object]] = []
    for number in numbers:
        case = make_case(seed, number, seeds)
        outcome = outcomes[number] = Outcome()
        target, files = write_case(case, seeds, folder)
        result = None
        try:
            with time_limit(timeout):
                check_outputs(case, target, files, outcome)
                result = accepted_result(target)
        except _Slow:
            outcome.failures.append(Failure("slow", number, f"sop check: over {timeout:g} s"))
        except Exception:  # noqa: BLE001 - a crash of the stages the site runs
            outcome.failures.append(Failure("traceback", number, f"check(): {_tail(traceback.format_exc())}"))
        if subprocess_every and number % subprocess_every == 0:
            _run_subprocess(case, target, outcome, timeout)
        if result is not None:
            pending.append((case, result))
            if site_every and number % site_every == 0:
                build_site(case, folder, outcome, timeout)
        if len(pending) >= batch:
            draw_and_publish(pending, outcomes, timeout)
            pending = []
    if pending:
        draw_and_publish(pending, outcomes, timeout)
    return [failure for outcome in outcomes.values() for failure in outcome.failures]


def _run_subprocess(case: Case, target: str, outcome: Outcome, timeout: float) -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "katalog_sop", "check", "--format", "json", "--today", TODAY, target],
            capture_output=True, check=False, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        outcome.failures.append(Failure("slow", case.number, f"subprocess: over {timeout:g} s"))
        return
    if done.returncode not in (0, 1, 2):
        outcome.failures.append(Failure("exit code", case.number, f"subprocess: exit code {done.returncode}"))
    if b"Traceback" in done.stderr:
        outcome.failures.append(Failure("traceback", case.number, f"subprocess: {_tail(done.stderr.decode('utf-8', 'replace'))}"))


def _worker(job: tuple[int, list[int], float, int, int]) -> list[Failure]:
    seed, numbers, timeout, subprocess_every, site_every = job
    with tempfile.TemporaryDirectory(prefix="fuzz-sop-") as folder:
        return run_cases(seed, numbers, Path(folder), timeout, subprocess_every, site_every)


def run(
    seed: int, cases: int, jobs: int = 1, timeout: float = 20.0, subprocess_every: int = 0, site_every: int = 0,
    chunk: int = 200, progress=None,
) -> list[Failure]:
    """Every failure of cases 0 .. ``cases`` - 1, in ``jobs`` processes."""
    work = [
        (seed, list(range(start, min(cases, start + chunk))), timeout, subprocess_every, site_every)
        for start in range(0, cases, chunk)
    ]
    failures: list[Failure] = []
    if jobs <= 1:
        for job in work:
            failures += _worker(job)
            if progress:
                progress(job[1][-1] + 1, failures)
        return failures
    with multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=5) as pool:
        for job, found in zip(work, pool.imap(_worker, work)):
            failures += found
            if progress:
                progress(job[1][-1] + 1, failures)
    return failures


def counts(failures: list[Failure]) -> dict[str, int]:
    """Cases per counter (a case with several failures of one kind counts once)."""
    return {counter: len({f.case for f in failures if f.counter == counter}) for counter in COUNTERS}


def table(failures: list[Failure], cases: int) -> str:
    rows = [f"{counter:<20} {count:>7}" for counter, count in counts(failures).items()]
    return "\n".join([f"{'counter':<20} {'cases':>7}   (of {cases})", *rows])


def reproducers(failures: list[Failure], seed: int, limit: int = 40) -> str:
    seeds = seed_files()
    lines, seen = [], set()
    firsts = [f for f in failures if (f.case, f.counter) not in seen and not seen.add((f.case, f.counter))]
    for failure in firsts[:limit]:
        case = make_case(seed, failure.case, seeds)
        lines.append(
            f"seed {seed} case {failure.case} [{failure.counter}] {case.seed_name}"
            f"{' + ' + case.companion if case.companion else ''}; {'; '.join(case.mutations)}\n"
            f"    {failure.detail[:600]}\n"
            f"    reproduce: .venv/bin/python benchmarks/fuzz_sources.py --seed {seed} --case {failure.case} --write case.yaml"
        )
    if len(firsts) > limit:
        lines.append(f"... and {len(firsts) - limit} more")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=35)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one case may take")
    parser.add_argument("--subprocess-every", type=int, default=100, metavar="N", help="also run every N-th case as a real process (0: never)")
    parser.add_argument("--site-every", type=int, default=25, metavar="N", help="also build every N-th case, when accepted, with mkdocs (0: never)")
    parser.add_argument("--case", type=int, default=None, help="run only this case and print what failed")
    parser.add_argument("--write", default=None, metavar="FILE", help="with --case: write the mutated file here")
    parser.add_argument("--failures", default=None, metavar="FILE", help="write every failure as JSON lines here")
    args = parser.parse_args()
    if args.case is not None:
        case = make_case(args.seed, args.case, seed_files())
        print(f"seed {args.seed} case {args.case}: {case.seed_name}{' + ' + case.companion if case.companion else ''}; {'; '.join(case.mutations)}")
        if args.write:
            Path(args.write).write_bytes(case.data)
            print(f"written: {args.write}")
        with tempfile.TemporaryDirectory(prefix="fuzz-sop-") as folder:
            failures = run_cases(args.seed, [args.case], Path(folder), args.timeout, 1, 1)
        print(reproducers(failures, args.seed) or "no failure")
        return 1 if failures else 0
    start = time.perf_counter()

    def progress(done: int, failures: list[Failure]) -> None:
        found = sum(counts(failures).values())
        print(f"{done} cases, {time.perf_counter() - start:.0f} s, {found} failing", file=sys.stderr, flush=True)

    failures = run(args.seed, args.cases, args.jobs, args.timeout, args.subprocess_every, args.site_every, progress=progress)
    failures.sort(key=lambda f: (f.counter, f.case))
    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as stream:
            for failure in failures:
                stream.write(json.dumps(failure.__dict__, ensure_ascii=False) + "\n")
    print(f"seed {args.seed}, {args.cases} cases, {time.perf_counter() - start:.0f} s")
    print(table(failures, args.cases))
    if failures:
        print(reproducers(failures, args.seed))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
