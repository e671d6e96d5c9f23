"""Import, Office files: an SOP kept in Excel (.xlsx) or Word (.docx) read into drafts, as a PDF is.

Each file is read with the standard library alone (zip and XML): cells and
tables into :class:`~.sheet.CellSheet`\\ s (:mod:`.xlsx`, :mod:`.docx`), the
identity block from labelled cells (:mod:`.cover`), the step table and its
drawn symbols and connectors (:mod:`.flowsheet`), then the same assembly as
for a PDF. A file may hold several SOPs: each identity block starts one, and
the step table after it (on its sheet or the next) is its flowchart.
"""

from __future__ import annotations

from pathlib import Path

from katalog_sop.importer import Draft, missing_fields, ordered_identity, starts_sop
from katalog_sop.importer.assemble import assemble
from katalog_sop.importer.office.cover import read_cover
from katalog_sop.importer.office.flowsheet import read_flow
from katalog_sop.importer.office.package import Package, UnreadableOffice
from katalog_sop.importer.office.sheet import CellSheet

__all__ = ["UnreadableOffice", "read_office"]


def read_office(path: Path, kind: str) -> list[Draft]:
    """The drafts of the SOPs in the Office file ``path`` (``kind`` "xlsx" or "docx")."""
    sheets = sheets_of(path, kind)
    drafts: list[Draft] = []
    current: Draft | None = None
    for sheet in sheets:
        notes: list[str] = []
        values, cover_notes = read_cover(sheet)
        if starts_sop(values):
            current = Draft(path.name)
            current.part = sheet.name
            drafts.append(current)
            _identity(current, values, cover_notes)
        table = read_flow(sheet, notes)
        if table is None:
            continue
        if current is None or "langkah" in current.data:
            current = Draft(path.name)  # a step table with no identity block of its own
            current.part = sheet.name
            current.warnings.append(f"blok identitas tidak ditemukan sebelum tabel langkah lembar {sheet.name}")
            drafts.append(current)
        elif sheet.name != current.part:
            current.part = f"{current.part} dan {sheet.name}"
        current.warnings += notes
        assemble(current, [table], [])
    what = "lembar" if kind == "xlsx" else "tabel"
    if not drafts:
        raise UnreadableOffice(f"tidak ada blok identitas SOP AP maupun tabel langkah pada {what} mana pun")
    for draft in drafts:
        draft.part = f"{what} {draft.part}"
    return drafts


def _identity(draft, values: dict, notes: list[str]) -> None:
    draft.data.update(ordered_identity(values))
    for note in notes:
        draft.check(("unit",) if "unit" in draft.data else ("instansi",), note)
    draft.warnings += [f"{label} tidak ditemukan pada blok identitas" for label in missing_fields(values)]


def sheets_of(path: Path, kind: str) -> list[CellSheet]:
    """The cell sheets of an Office file: a workbook's visible sheets, a document's tables."""
    with Package(path) as package:
        if kind == "xlsx":
            from katalog_sop.importer.office.xlsx import read_workbook

            return read_workbook(package)
        from katalog_sop.importer.office.docx import read_document

        return read_document(package)
