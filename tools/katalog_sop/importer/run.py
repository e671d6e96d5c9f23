"""Import stage, the files: PDFs, Excel workbooks and Word documents found under the paths given,
each read into its drafts (a file may hold several SOPs) and each draft written where it belongs,
never over a file that exists (unless asked, and then only once the draft is whole).

Nothing here prints; the command reports each :class:`Outcome` as it comes.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from katalog_sop.importer import Draft, UnreadablePdf, read_document
from katalog_sop.importer.draft import valid_yaml

WRITTEN, SKIPPED, FAILED = "ditulis", "dilewati", "gagal"


@dataclass
class Outcome:
    source: str
    status: str
    output: str | None = None
    reason: str | None = None
    steps: int = 0
    checks: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    scanned: list[int] = field(default_factory=list)
    """Pages (from 1) with no text layer, which only OCR could read."""
    part: str | None = None
    """Where in a file of several SOPs this one stands (its sheets or pages)."""
    ocr: bool = False
    """Its scanned pages were read by OCR (every value read so is marked to check)."""

    def as_json(self) -> dict:
        return {"sumber": self.source, "status": self.status, "berkas": self.output, "alasan": self.reason,
                "langkah": self.steps, "periksa": self.checks, "tidak_terbaca": self.warnings,
                "halaman_pindaian": self.scanned, "ocr": self.ocr, "bagian": self.part, "detik": round(self.seconds, 3)}


SUFFIXES = (".pdf", ".xlsx", ".docx")
"""What a folder is searched for (a file named on its own is read whatever its name)."""


def pdf_files(paths: Iterable[str]) -> Iterator[Path]:
    """The files named, and the PDF, Excel and Word files under the folders named, in name order
    (Office's own lock files, ``~$name.docx``, left out); a missing path raises."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                              and not p.name.startswith("~$"))
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(raw)


def _slug(text: str, most: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:most].rstrip("-") or "sop"


def target_for(draft: Draft, pdf: Path, root: Path) -> Path:
    """``root/<unit>/<slug>.yaml``: the unit from the kop, the slug from the file's number and the SOP's name."""
    unit = _slug(str(draft.data.get("unit") or "tanpa-unit"), 40)
    number = re.match(r"\s*(\d+)", pdf.name)
    name = _slug(str(draft.data.get("nama") or pdf.stem))
    name = re.sub(r"^(standar-operasional-prosedur|sop)-", "", name) or name
    return root / unit / f"{number.group(1) + '-' if number else ''}{name}.yaml"


def _schema_ref(target: Path) -> str:
    schema = Path("schema/sop.schema.json").resolve()
    try:
        return Path(os.path.relpath(schema, target.parent.resolve())).as_posix()
    except ValueError:  # another drive
        return schema.as_posix()


def import_one(pdf: Path, root: Path, replace: bool, taken: set | None = None) -> list[tuple[Outcome, Draft | None]]:
    """Each SOP of the file ``pdf`` (a PDF, a workbook or a document) as its outcome and draft."""
    started = time.perf_counter()
    try:
        drafts = read_document(pdf)
    except UnreadablePdf as exc:
        return [(Outcome(pdf.as_posix(), FAILED, reason=str(exc), seconds=time.perf_counter() - started), None)]
    taken = set() if taken is None else taken
    out = []
    for draft in drafts:
        out.append(_write(draft, pdf, root, replace, taken, started))
        started = time.perf_counter()
    return out


def _write(draft: Draft, pdf: Path, root: Path, replace: bool, taken: set, started: float) -> tuple[Outcome, Draft]:
    target = target_for(draft, pdf, root)
    if target in taken:  # two PDFs of one run with the same unit and name: neither overwrites the other
        stem, number = target.stem, 2
        while target.with_name(f"{stem}-{number}.yaml") in taken:
            number += 1
        target = target.with_name(f"{stem}-{number}.yaml")
    taken.add(target)
    outcome = Outcome(pdf.as_posix(), WRITTEN, target.as_posix(), steps=len(draft.data.get("langkah", [])),
                      warnings=list(draft.warnings), scanned=list(draft.scanned), part=draft.part,
                      ocr=any(getattr(scan, "read_text", False) for scan in draft.scans))
    if not draft.data.get("nama"):
        draft.data = {"nama": pdf.stem, **draft.data}
        draft.check(("nama",), "nama SOP tidak ditemukan; diambil dari nama berkas")
    if "langkah" not in draft.data:
        draft.data["pelaksana"] = draft.data.get("pelaksana") or ["Pelaksana"]
        draft.data["langkah"] = [{"kegiatan": "?", "tidak_terbaca": ["pelaksana", "simbol", "alur", "kegiatan"]}]
        draft.check(("langkah",), "langkah tidak terbaca dari berkas ini; tulis dari dokumen aslinya")
    outcome.checks = len(draft.checks)  # with the marks just added: the count the draft shows
    notes: list[str] = []
    where = f", {draft.part}" if draft.part else ""
    draft.data["catatan_sumber"] = {"sumber": f"{pdf.name}{where} (dibaca dengan sop import)"}
    text = valid_yaml(draft.data, draft.checks, notes, _schema_ref(target), target.name)
    unread = draft.warnings + notes
    if unread or draft.checks:
        source = draft.data["catatan_sumber"]
        if unread:
            source["tidak_terbaca"] = unread
        if draft.checks:
            source["catatan"] = [f"{_where(path)}: {reason}" for path, reason in draft.checks]
        text = valid_yaml(draft.data, draft.checks, notes, _schema_ref(target), target.name)
    if target.exists() and not replace:
        outcome.status, outcome.reason = SKIPPED, "berkas sudah ada; pakai --replace untuk menggantinya"
    else:
        from katalog_sop.diagram.render import write_atomically

        try:
            write_atomically(target, text)
        except OSError as exc:
            outcome.status, outcome.reason = FAILED, f"tidak dapat menulis {target.as_posix()}: {exc.strerror or exc}"
    outcome.seconds = time.perf_counter() - started
    return outcome, draft


def _where(path: tuple) -> str:
    if len(path) >= 2 and path[0] == "langkah" and isinstance(path[1], int):
        return f"baris ke-{path[1] + 1}" + ("".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in path[2:]))
    return ".".join(str(p) for p in path)


def import_files(paths: Iterable[str], root: Path, replace: bool = False,
                 each: Callable[[int, int, Outcome, Draft | None], None] | None = None) -> list[Outcome]:
    files = list(pdf_files(paths))
    outcomes = []
    taken: set = set()
    for number, pdf in enumerate(files, start=1):
        for outcome, draft in import_one(pdf, root, replace, taken):
            outcomes.append(outcome)
            if each is not None:
                each(number, len(files), outcome, draft)
    return outcomes
