"""Benchmark: how much of a signed SOP AP document the importer (``sop import``) reads right.

Usage: .venv/bin/python benchmarks/import_accuracy.py --corpus DIR --truth DIR [--limit N] [--verbose]
       .venv/bin/python benchmarks/import_accuracy.py --drafts DIR --truth DIR [--limit N] [--verbose]

The development set is the truth files under ``--truth`` (faithful
transcriptions, e.g. ``tests/real_sops/``). A truth file's source is the file
its ``catatan_sumber.sumber`` starts with (``SOP-0008.xlsx, …``), else, for a
truth named ``<NNN>-<slug>.yaml``, the first file under ``--corpus``
(searched recursively for PDFs, ``.xlsx`` and ``.docx``) whose name starts
with ``<NNN>.``. Each file is read once with
``katalog_sop.importer.read_document`` and timed; a file that raises is
counted as failed (its name and the exception's first line are printed) and
compared as an empty draft. A file holding several SOPs gives several drafts:
each truth is paired with the draft whose nama is nearest. With ``--drafts``
the importer is not run: the YAML drafts already written there are compared,
the draft of a truth being one whose file name or ``catatan_sumber.sumber``
holds ``<NNN>`` as a number of its own, or starts with the source's name.
``--limit N`` reads only the first N files (or drafts): those with a truth file
first, then the rest, each in name order.

The figures are given for each kind of source: PDFs with a text layer, scanned
PDFs (read by OCR; their targets are a text similarity of 0.9 for identity
fields and section items, the step count on 80 % of SOPs and the pelaksana of
80 % of steps), and Excel/Word files (the same targets as text-layer PDFs);
``--verbose`` also prints one line per SOP. The text-layer PDFs are then given
again without those whose flowchart or step table is a picture (the importer's
warnings say so), which are never silently left out of the first set:

- identity fields exact: nama, nomor, instansi, unit, the three tanggal and
  disahkan_oleh jabatan/nama/nip, as texts with whitespace collapsed; a field
  counts where the truth or the draft has it (both empty is not counted).
  Target >= 98 %.
- section items matched: an item of one of the six sections counts when the
  same text (whitespace collapsed) is in the draft's list, each draft item
  matching once. Target >= 98 %.
- step count right: SOPs whose draft has as many ``langkah`` rows. Target >= 95 %.
- kegiatan similarity: rows paired by position, ``difflib.SequenceMatcher``
  ratio of the texts, mean over the truth's rows (a row the draft lacks scores 0).
- pelaksana per step: rows paired by position, the set of column names of
  the row's symbols equal; ids are resolved with each file's own ``pelaksana``
  list, an ``{id, nama, kelompok}`` entry being named "kelompok / nama".
  Target >= 95 %.
- symbol kinds: rows paired by position, the sequence of the symbols'
  ``bentuk`` equal. Kept simple: an omitted ``bentuk`` is ``keputusan`` when
  the symbol has ``cabang``, else ``proses`` (the schema's capsules inferred
  for a table's first and last rows are not inferred here).
- decisions found: truth decisions whose row has a decision in the draft (the
  k-th decision of a row is paired with the k-th decision of the draft's row).
- decision targets exact: paired decisions whose exits, as the set of (label,
  target row position or "selesai"), are equal; over all truth decisions.
  Targets written as printed numbers, positions, row or symbol ids or
  ``selesai`` are resolved the same way on both sides (:class:`Rows`); a
  printed number that several tables repeat names the row of the decision's
  own table. Target >= 85 %.
- identity fields and section items >= 0.9 similar (the scans' figures).

``--as-scans FOLDER`` makes a scanned copy of each text-layer PDF that has a
truth (``benchmarks/scan_copies.py``: 150 or 200 dpi, turned with or without
the /Rotate flag, tilted, specks) and reads those instead: the same truths
score the OCR path. Scanned pages' rotations are checked against those made,
or for real scans against ``--rotations`` (each page's turn as seen).

Also: every SOP of a file of several found (its draft's nama at least 0.8
similar to the truth's).

Figures over every file of the corpus folder (or every draft), truth or not:
drafts giving a plausible step table (>= 2 rows, every row with kegiatan text;
target >= 90 %), share of steps naming a pelaksana, share of decisions with
at least two exits whose targets resolve, and seconds per page (per file for
Excel and Word; target: median <= 0.5 s for text-layer PDFs and Office files).
Nothing is asserted: the figures are printed beside their targets.
"""

from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from katalog_sop.build import SECTIONS

IDENTITY = (
    "nama",
    "nomor",
    "instansi",
    "unit",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh.jabatan",
    "disahkan_oleh.nama",
    "disahkan_oleh.nip",
)
STEP_FIGURES = ("steps", "kegiatan", "pelaksana", "bentuk", "decisions found", "decision targets")
NEAR = ("identity near", "sections near")
"""Identity fields and section items whose text is at least 0.9 similar (difflib ratio): the scans' target."""
FIGURES = tuple(f"identity:{name}" for name in IDENTITY) + tuple(f"section:{name}" for name in SECTIONS) + STEP_FIGURES + NEAR
SUFFIXES = (".pdf", ".xlsx", ".docx")
KINDS = ("text-layer PDF", "scanned PDF", "Excel/Word")
END = "selesai"
DECISION = "keputusan"
PICTURE = re.compile(r"gambar|hasil pindai")
"""How the importer's warnings say a flowchart, a step table or a page is a picture (the targets are for
documents with a text layer: both sets are reported)."""


# --- reading YAML as the project does (YAML 1.2 core schema) ------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader typing scalars by the YAML 1.2 core schema, as the project's own reader does:
    ``no``, ``Ya`` and ``on`` stay text, ``2024-10-08`` is not a date, ``067`` is not octal."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def load_yaml(path: Path) -> dict:
    """One YAML file as a dict ({} when its top level is not a mapping)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    return data if isinstance(data, dict) else {}


# --- small readers that tolerate whatever a draft holds -----------------------------------


def text(value) -> str:
    """A value as text with whitespace collapsed; '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return " ".join(str(value).split())


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def identity_value(data: dict, field_name: str) -> str:
    """An identity field (``disahkan_oleh.nip`` reaches into the mapping) as collapsed text."""
    value = data
    for key in field_name.split("."):
        value = as_dict(value).get(key)
    return text(value)


def steps(data: dict) -> list[dict]:
    return [as_dict(step) for step in as_list(data.get("langkah"))]


def symbols(step: dict) -> list[dict]:
    """The row's symbols: ``simbol`` as written, or for a one-symbol step one symbol per pelaksana
    name (the last carrying the step's ``cabang``)."""
    if "simbol" in step:
        return [as_dict(symbol) for symbol in as_list(step["simbol"])]
    written = step.get("pelaksana")
    found = [{"pelaksana": name} for name in (written if isinstance(written, list) else [written])] or [{}]
    if "cabang" in step:
        found[-1]["cabang"] = step["cabang"]
    return found


def bentuk(symbol: dict) -> str:
    """The symbol's kind as written; else keputusan when it has cabang, else proses (kept simple)."""
    return text(symbol.get("bentuk")) or (DECISION if symbol.get("cabang") else "proses")


def pelaksana_names(data: dict) -> dict[str, str]:
    """Every way a row may name a column (its id, its nama, a plain name) -> the column's name."""
    names: dict[str, str] = {}
    for entry in as_list(data.get("pelaksana")):
        if isinstance(entry, dict):
            nama, kelompok = text(entry.get("nama")), text(entry.get("kelompok"))
            name = f"{kelompok} / {nama}" if kelompok else nama
            for key in (text(entry.get("id")), nama):
                if key:
                    names.setdefault(key, name)
        elif text(entry):
            names.setdefault(text(entry), text(entry))
    return names


def row_pelaksana(step: dict, names: dict[str, str]) -> frozenset[str]:
    """The names of the columns the row's symbols stand in (an unknown reference as written)."""
    written = (text(symbol.get("pelaksana")) for symbol in symbols(step))
    return frozenset(names.get(name, name) for name in written if name)


# --- targets ---------------------------------------------------------------------------------


class Rows:
    """Resolves arrow targets of one SOP dict to row positions (1, 2, ...) or ``selesai``.

    As the project reads them: where the SOP prints numbers (``nomor``) a number names the row
    printing it, else its position; a row id or symbol id names that row; ``selesai`` ends. A
    number that several tables repeat names the row of the table the arrow starts in.
    """

    def __init__(self, data: dict):
        self.rows = steps(data)
        self.printed = any("nomor" in row for row in self.rows)
        self.labels: dict[str, list[int]] = {}
        self.ids: dict[str, int] = {}
        self.table: list[int] = []
        table = 0
        for position, row in enumerate(self.rows, 1):
            table += 1 if position > 1 and "tabel" in row else 0
            self.table.append(table)
            if "nomor" in row:
                self.labels.setdefault(text(row["nomor"]), []).append(position)
            for ident in [row.get("id")] + [symbol.get("id") for symbol in symbols(row)]:
                if text(ident):
                    self.ids.setdefault(text(ident), position)

    def resolve(self, value, origin: int):
        """The row position ``value`` names from row ``origin``; ``selesai``; or ``?value`` for nothing."""
        key = text(value)
        if isinstance(value, int) and not isinstance(value, bool) and not self.printed:
            return value if 1 <= value <= len(self.rows) else f"?{key}"
        if key == END:
            return END
        if key in self.labels:
            rows = self.labels[key]
            same = [row for row in rows if self.table[row - 1] == self.table[origin - 1]]
            return (same or rows)[0]
        if key in self.ids:
            return self.ids[key]
        if not self.printed and key.isdigit() and 1 <= int(key) <= len(self.rows):
            return int(key)
        return f"?{key}"

    def exits(self, symbol: dict, origin: int) -> frozenset[tuple[str, object]]:
        """A decision's exits: (label, target) for each target of each ``cabang`` item."""
        found = set()
        for branch in as_list(symbol.get("cabang")):
            branch = as_dict(branch)
            for target in as_list(branch.get("ke")):
                found.add((text(branch.get("label")), self.resolve(target, origin)))
        return frozenset(found)

    def decisions(self, position: int) -> list[frozenset]:
        """The exits of each decision in the row, in the row's order."""
        row = self.rows[position - 1]
        return [self.exits(symbol, position) for symbol in symbols(row) if bentuk(symbol) == DECISION]


# --- comparing one draft with its truth --------------------------------------------------------


@dataclass
class Score:
    """Right out of total; ``right`` sums similarity ratios for the kegiatan figure."""

    right: float = 0
    total: int = 0

    def add(self, right: float, total: int = 1) -> None:
        self.right += right
        self.total += total

    def merge(self, other: Score) -> None:
        self.add(other.right, other.total)


def compare_identity(truth: dict, draft: dict) -> dict[str, Score]:
    figures = {"identity near": Score()}
    for name in IDENTITY:
        expected, got = identity_value(truth, name), identity_value(draft, name)
        figures[f"identity:{name}"] = Score(int(expected == got), 1) if expected or got else Score()
        if expected or got:
            figures["identity near"].add(int(similarity(expected, got) >= 0.9))
    return figures


def compare_sections(truth: dict, draft: dict) -> dict[str, Score]:
    figures = {"sections near": Score()}
    for name in SECTIONS:
        left = [text(item) for item in as_list(draft.get(name))]
        near = list(left)
        score = Score()
        for item in (text(item) for item in as_list(truth.get(name))):
            score.add(int(item in left))
            if item in left:
                left.remove(item)
            best = max(near, key=lambda other: similarity(item, other), default=None)
            found = best is not None and similarity(item, best) >= 0.9
            figures["sections near"].add(int(found))
            if found:
                near.remove(best)
        figures[f"section:{name}"] = score
    return figures


def similarity(expected, got) -> float:
    return difflib.SequenceMatcher(None, text(expected), text(got)).ratio()


def kinds(step: dict) -> list[str]:
    return [bentuk(symbol) for symbol in symbols(step)]


def compare_steps(truth: dict, draft: dict) -> dict[str, Score]:
    """Step count, and per truth row (paired by position): kegiatan, pelaksana, kinds, decisions."""
    figures = {name: Score() for name in STEP_FIGURES}
    truth_rows, draft_rows = Rows(truth), Rows(draft)
    truth_names, draft_names = pelaksana_names(truth), pelaksana_names(draft)
    figures["steps"].add(int(len(truth_rows.rows) == len(draft_rows.rows)))
    for position, row in enumerate(truth_rows.rows, 1):
        expected = truth_rows.decisions(position)
        figures["decisions found"].total += len(expected)
        figures["decision targets"].total += len(expected)
        for name in ("kegiatan", "pelaksana", "bentuk"):
            figures[name].total += 1
        if position > len(draft_rows.rows):
            continue  # a row the draft lacks scores nothing
        other = draft_rows.rows[position - 1]
        figures["kegiatan"].right += similarity(row.get("kegiatan"), other.get("kegiatan"))
        figures["pelaksana"].right += int(row_pelaksana(row, truth_names) == row_pelaksana(other, draft_names))
        figures["bentuk"].right += int(kinds(row) == kinds(other))
        paired = list(zip(expected, draft_rows.decisions(position)))
        figures["decisions found"].right += len(paired)
        figures["decision targets"].right += sum(mine == theirs for mine, theirs in paired)
    return figures


def compare(truth: dict, draft: dict) -> dict[str, Score]:
    """Every figure of one draft against its truth, keyed as in ``FIGURES``."""
    return {**compare_identity(truth, draft), **compare_sections(truth, draft), **compare_steps(truth, draft)}


def corpus_figures(drafts: list[dict]) -> dict[str, Score]:
    """Truth-free figures over many drafts: plausible step tables, rows with a pelaksana, decisions
    with at least two resolved exits (two symbols of one row are one row position, so exits, not
    distinct positions, are counted)."""
    figures = {"plausible": Score(), "rows with pelaksana": Score(), "decisions with 2 targets": Score()}
    for data in drafts:
        rows = Rows(data)
        names = pelaksana_names(data)
        plausible = len(rows.rows) >= 2 and all(text(row.get("kegiatan")) for row in rows.rows)
        figures["plausible"].add(int(plausible))
        for position, row in enumerate(rows.rows, 1):
            figures["rows with pelaksana"].add(int(bool(row_pelaksana(row, names))))
            for exits in rows.decisions(position):
                resolved = [exit_ for exit_ in exits if not str(exit_[1]).startswith("?")]
                figures["decisions with 2 targets"].add(int(len(resolved) >= 2))
    return figures


# --- finding and reading sources ---------------------------------------------------------------


@dataclass
class Reading:
    """One source file (or draft) as read: the data of each SOP in it, warnings, seconds, pages and kind."""

    path: Path
    drafts: list[dict] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    """Per draft, its warnings (a list of lists, in the drafts' order)."""
    seconds: float | None = None
    error: str | None = None
    pages: int = 1
    kind: str = KINDS[0]
    rotations: dict = field(default_factory=dict)
    """Page number (from 0) -> the quarter turns the importer undid to stand the scanned page upright."""

    @property
    def data(self) -> dict:
        return self.drafts[0] if self.drafts else {}


@dataclass
class Truth:
    path: Path
    data: dict
    number: str | None = None
    """``<NNN>`` of a ``<NNN>-<slug>.yaml`` name: its PDF's name starts ``<NNN>.``."""
    source: str | None = None
    """The source's file name where ``catatan_sumber.sumber`` starts with one (``SOP-0008.xlsx, …``)."""

    @property
    def key(self) -> str:
        return self.path.stem


_SOURCE = re.compile(r"^\s*(.+?\.(?:pdf|xlsx|docx))(?:\s*[,(]|\s*$)", re.I)


def truth_files(folder: Path) -> list[Truth]:
    """Every truth file under ``folder``: named ``<NNN>-<slug>.yaml``, or naming its source file."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        data = load_yaml(path)
        number = re.match(r"(\d+)-", path.name)
        source = _SOURCE.match(text(as_dict(data.get("catatan_sumber")).get("sumber")))
        if source or number:
            found.append(Truth(path, data, number.group(1) if number and not source else None,
                               source.group(1).strip() if source else None))
    return found


def holds(number: str, value: str) -> bool:
    return re.search(rf"(?<!\d){re.escape(number)}(?!\d)", value) is not None


def sources_of(corpus: Path, truths: list[Truth]) -> tuple[dict[str, Path], list[Path]]:
    """Truth key -> its source (the file it names, else the file whose name starts ``<NNN>.``), and
    every PDF, workbook and document of the corpus."""
    files = sorted((p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                    and not p.name.startswith("~$")), key=lambda p: (p.name, p))
    matched = {}
    for truth in truths:
        if truth.source:
            found = next((p for p in files if p.name == truth.source), None)
        else:
            found = next((p for p in files if p.name.startswith(f"{truth.number}.")), None)
        if found is not None:
            matched[truth.key] = found
    return matched, files


def draft_sources(folder: Path, truths: list[Truth]) -> tuple[dict[str, Path], list[Path]]:
    """Truth key -> a draft (file name or ``catatan_sumber.sumber`` holding its number, or starting with
    the file it names, the nearest by nama where a file gave several), and every draft."""
    drafts = sorted(folder.rglob("*.yaml"), key=lambda p: (p.name, p))
    sources, names = {}, {}
    for path in drafts:
        try:
            data = load_yaml(path)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = {}
        sources[path] = text(as_dict(data.get("catatan_sumber")).get("sumber"))
        names[path] = text(data.get("nama"))
    matched = {}
    for truth in truths:
        if truth.source:
            mine = [p for p in drafts if sources[p].startswith(truth.source)]
            found = max(mine, key=lambda p: similarity(names[p], truth.data.get("nama")), default=None)
        else:
            found = next((p for p in drafts if holds(truth.number, p.name) or holds(truth.number, sources[p])), None)
        if found is not None:
            matched[truth.key] = found
    return matched, drafts


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _pages(path: Path) -> int:
    try:
        import pypdfium2

        return len(pypdfium2.PdfDocument(str(path)))
    except Exception:  # noqa: BLE001 - a count for the figures only
        return 1


def read_sources(paths: list[Path]) -> list[Reading]:
    from katalog_sop.importer import office_kind, read_document  # only here: the rest needs no importer

    readings = []
    for number, path in enumerate(paths, start=1):
        reading = Reading(path)
        print(f"[{number}/{len(paths)}] {path.name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            drafts = read_document(path)
            reading.drafts = [as_dict(d.data) for d in drafts]
            reading.warnings = [list(d.warnings or []) for d in drafts]
            scanned = any(d.scanned for d in drafts)
            reading.rotations = {scan.page.number: scan.rotation for d in drafts for scan in d.scans}
        except Exception as exc:  # noqa: BLE001 - a file that raises is counted, never stops the run
            reading.error = first_line(exc)
            scanned = False
        reading.seconds = time.perf_counter() - start
        if office_kind(path) is not None:
            reading.kind = KINDS[2]
        else:
            reading.pages = _pages(path)
            reading.kind = KINDS[1] if scanned else KINDS[0]
        readings.append(reading)
        if reading.error:
            print(f"failed: {path.name}: {reading.error}")
    return readings


def read_drafts(paths: list[Path]) -> list[Reading]:
    readings = []
    for path in paths:
        reading = Reading(path)
        try:
            reading.drafts = [load_yaml(path)]
            reading.warnings = [[]]
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            reading.error = first_line(exc)
            print(f"failed: {path.name}: {reading.error}")
        readings.append(reading)
    return readings


def pair(truth: Truth, reading: Reading, taken: set) -> tuple[dict, list]:
    """The draft of ``reading`` that is ``truth``'s SOP: the one with the nearest nama not yet taken."""
    free = [i for i in range(len(reading.drafts)) if (reading.path, i) not in taken]
    if not free:
        return {}, []
    best = max(free, key=lambda i: similarity(reading.drafts[i].get("nama"), truth.data.get("nama")))
    taken.add((reading.path, best))
    return reading.drafts[best], reading.warnings[best] if best < len(reading.warnings) else []


# --- printing --------------------------------------------------------------------------------------


def share(score: Score) -> float | None:
    return score.right / score.total if score.total else None


def percent(score: Score) -> str:
    value = share(score)
    return f"{score.right:g}/{score.total}  {value * 100:5.1f} %" if value is not None else f"{score.right:g}/{score.total}      -"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else "met" if ok else "NOT MET"


def at_least(score: Score, target: float) -> str:
    value = share(score)
    return verdict(None if value is None else value >= target)


def line(label: str, figure: str, target: str = "", met: str = "") -> None:
    print(f"{label:<36}{figure:<26}{target:<16}{met}".rstrip())


def total_of(figures: dict[str, Score], prefix: str) -> Score:
    score = Score()
    for name, value in figures.items():
        if name.startswith(prefix):
            score.merge(value)
    return score


def print_development(figures: dict[str, Score], compared: int, failed: int, title: str, scanned: bool = False) -> None:
    """The figures of one set beside their targets (a scan's: text 0.9 similar, 80 % of steps and lanes)."""
    print(f"{title}: {compared} SOP with truth and a source ({failed} failed)")
    line("figure", "result", "target")
    for name in IDENTITY:
        line(f"  identity {name}", percent(figures[f"identity:{name}"]))
    identity = total_of(figures, "identity:")
    line("identity fields exact", percent(identity), "" if scanned else ">= 98 %", "" if scanned else at_least(identity, 0.98))
    near = figures["identity near"]
    line("identity fields >= 0.9 similar", percent(near), ">= 90 %" if scanned else "", at_least(near, 0.90) if scanned else "")
    for name in SECTIONS:
        line(f"  section {name}", percent(figures[f"section:{name}"]))
    sections = total_of(figures, "section:")
    line("section items matched", percent(sections), "" if scanned else ">= 98 %", "" if scanned else at_least(sections, 0.98))
    near = figures["sections near"]
    line("section items >= 0.9 similar", percent(near), ">= 90 %" if scanned else "", at_least(near, 0.90) if scanned else "")
    steps, lanes = (0.80, 0.80) if scanned else (0.95, 0.95)
    line("step count right (SOPs)", percent(figures["steps"]), f">= {steps:.0%}", at_least(figures["steps"], steps))
    kegiatan = figures["kegiatan"]
    mean = f"{share(kegiatan):.3f} over {kegiatan.total} rows" if kegiatan.total else "-"
    line("kegiatan similarity (mean ratio)", mean)
    line("pelaksana per step", percent(figures["pelaksana"]), f">= {lanes:.0%}", at_least(figures["pelaksana"], lanes))
    line("symbol kinds per step", percent(figures["bentuk"]))
    line("decisions found", percent(figures["decisions found"]))
    targets = figures["decision targets"]
    line("decision targets exact", percent(targets), "" if scanned else ">= 85 %", "" if scanned else at_least(targets, 0.85))


def print_corpus(figures: dict[str, Score], readings: list[Reading], everything: int) -> None:
    failed = sum(1 for r in readings if r.error)
    limited = f" of {everything}" if len(readings) < everything else ""
    print(f"Whole folder: {len(readings)}{limited} files read ({failed} failed), "
          f"{sum(len(r.drafts) for r in readings)} drafts")
    plausible = figures["plausible"]
    line("plausible step table", percent(plausible), ">= 90 %", at_least(plausible, 0.90))
    line("steps with a pelaksana", percent(figures["rows with pelaksana"]))
    line("decisions with >= 2 targets", percent(figures["decisions with 2 targets"]))
    for kind in KINDS:
        mine = [r for r in readings if r.kind == kind and r.seconds is not None]
        if not mine:
            continue
        per_page = [r.seconds / max(r.pages, 1) for r in mine]
        unit = "file" if kind == KINDS[2] else "page"
        pages = f", {sum(r.pages for r in mine)} pages" if unit == "page" else ""
        line(f"{kind}: {len(mine)} files{pages}", "")
        target = {KINDS[0]: ("<= 0.5 s", 0.5), KINDS[1]: ("", None), KINDS[2]: ("<= 0.5 s", 0.5)}[kind]
        median = statistics.median(per_page)
        line(f"  seconds per {unit}, median", f"{median:.3f} s", target[0], verdict(median <= target[1]) if target[1] else "")
        line(f"  seconds per {unit}, slowest", f"{max(per_page):.3f} s")
    seconds = [r.seconds for r in readings if r.seconds is not None]
    if seconds:
        line("seconds, whole folder", f"{sum(seconds):.1f} s")


def sop_line(key: str, figures: dict[str, Score], reading: Reading, warnings: list) -> str:
    def short(score: Score) -> str:
        return f"{score.right:g}/{score.total}"

    seconds = f" {reading.seconds:.2f} s" if reading.seconds is not None else ""
    status = f" FAILED ({reading.error})" if reading.error else ""
    kegiatan = figures["kegiatan"]
    return (
        f"{key} ({reading.path.name}):{seconds}{status} identity {short(total_of(figures, 'identity:'))}"
        f" (near {short(figures['identity near'])}), sections {short(total_of(figures, 'section:'))}"
        f" (near {short(figures['sections near'])}), steps {'right' if figures['steps'].right else 'wrong'},"
        f" kegiatan {share(kegiatan) or 0:.2f}, pelaksana {short(figures['pelaksana'])},"
        f" kinds {short(figures['bentuk'])}, decisions {short(figures['decisions found'])},"
        f" targets {short(figures['decision targets'])}, warnings {len(warnings)}"
    )


# --- main --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="folder of PDFs, workbooks and documents, searched recursively")
    source.add_argument("--drafts", type=Path, help="folder of YAML drafts already written (e.g. by sop import)")
    parser.add_argument("--truth", type=Path, required=True, help="folder of truth files (searched recursively)")
    parser.add_argument("--limit", type=int, help="read only the first N files or drafts (those with truth first)")
    parser.add_argument("--verbose", action="store_true", help="one line of figures per SOP")
    parser.add_argument("--as-scans", metavar="FOLDER", type=Path,
                        help="read scanned copies (made in FOLDER) of the text-layer PDFs that have a truth, instead")
    parser.add_argument("--rotations", type=Path, default=Path(__file__).with_name("scan_rotations.yaml"),
                        help="file name -> each page's rotation, as seen (default: benchmarks/scan_rotations.yaml)")
    args = parser.parse_args()

    truths = truth_files(args.truth)
    if args.drafts is not None:
        matched, everything = draft_sources(args.drafts, truths)
    else:
        matched, everything = sources_of(args.corpus, truths)
    expected = as_dict(load_yaml(args.rotations)) if args.rotations.is_file() else {}
    if args.as_scans is not None:
        matched, everything, expected = scanned_copies(matched, args.as_scans, args.limit)
    ordered = list(dict.fromkeys(list(matched.values()) + everything))[: args.limit]
    if args.drafts is not None:
        readings = read_drafts(ordered)
    else:
        try:
            readings = read_sources(ordered)
        except ImportError as exc:
            print(f"the importer cannot be imported: {first_line(exc)}", file=sys.stderr)
            return 2
    by_path = {reading.path: reading for reading in readings}

    sets = {kind: {name: Score() for name in FIGURES} for kind in KINDS}
    drawn = {name: Score() for name in FIGURES}  # text-layer PDFs whose drawing is no picture
    counted = {kind: [0, 0] for kind in KINDS}  # compared, failed
    pictured = 0
    taken: set = set()
    several: dict[Path, list[bool]] = {}
    for truth in truths:
        reading = by_path.get(matched.get(truth.key))
        if reading is None:
            continue  # no source, or left out by --limit
        data, warnings = pair(truth, reading, taken)
        figures = compare(truth.data, data)
        for name, score in figures.items():
            sets[reading.kind][name].merge(score)
        counted[reading.kind][0] += 1
        counted[reading.kind][1] += bool(reading.error)
        if reading.kind == KINDS[0]:
            if any(PICTURE.search(str(warning)) for warning in warnings):
                pictured += 1
            else:
                for name, score in figures.items():
                    drawn[name].merge(score)
        if sum(1 for t in truths if matched.get(t.key) == reading.path) > 1:
            several.setdefault(reading.path, []).append(bool(data) and similarity(data.get("nama"), truth.data.get("nama")) >= 0.8)
        if args.verbose:
            print(sop_line(truth.key, figures, reading, warnings))
    print(f"{len(truths)} truth files, {len(matched)} with a {'draft' if args.drafts else 'source'}")
    for kind in KINDS:
        if counted[kind][0]:
            print()
            print_development(sets[kind], *counted[kind], f"Development set, {kind}", scanned=kind == KINDS[1])
    if counted[KINDS[0]][0]:
        print()
        print_development(drawn, counted[KINDS[0]][0] - pictured, counted[KINDS[0]][1],
                          f"Of the text-layer PDFs, drawn with a text layer (leaving out {pictured} the importer says are pictures)")
    if several:
        found = sum(sum(v) for v in several.values())
        total = sum(len(v) for v in several.values())
        print()
        line(f"SOPs found in files of several ({len(several)} files)", f"{found}/{total}", "every one", verdict(found == total))
    print_rotations(readings, expected)
    print()
    print_corpus(corpus_figures([d for r in readings for d in r.drafts]), readings, len(everything))
    return 0


def scanned_copies(matched: dict[str, Path], folder: Path, limit: int | None):
    """The text-layer PDFs with a truth replaced by scanned copies made in ``folder`` (see
    :mod:`scan_copies`), and each copy's expected rotations."""
    from scan_copies import scan_copy

    sources = sorted({p for p in matched.values() if p.suffix.lower() == ".pdf"})[:limit]
    copies, expected = {}, {}
    for number, pdf in enumerate(sources, start=1):
        print(f"scanning [{number}/{len(sources)}] {pdf.name}", file=sys.stderr, flush=True)
        copy = folder / pdf.name
        specs = scan_copy(pdf, copy, number)
        copies[pdf], expected[copy.name] = copy, [spec.shown for spec in specs]
    return {key: copies[p] for key, p in matched.items() if p in copies}, list(copies.values()), expected


def print_rotations(readings: list[Reading], expected: dict) -> None:
    """Scanned pages stood upright: the quarter turns found against those seen (or made)."""
    right = total = 0
    wrong = []
    for reading in readings:
        seen = expected.get(reading.path.name)
        if not isinstance(seen, list):
            continue
        for page, turn in enumerate(seen):
            if page in reading.rotations:
                total += 1
                right += reading.rotations[page] == turn
                if reading.rotations[page] != turn:
                    wrong.append(f"{reading.path.name} p{page + 1}: {reading.rotations[page]} for {turn}")
    if total:
        print()
        line("scanned pages stood upright", f"{right}/{total}", "every page", verdict(right == total))
        for item in wrong:
            print(f"  wrong: {item}")


if __name__ == "__main__":
    sys.exit(main())
