"""Import: an agency's signed SOP AP PDF read into a draft of our source format, every doubt marked.

Beside the pipeline (see the design): PDF → page geometry (:mod:`.page`) →
ruled cells (:mod:`.grid`) → identity block and sections (:mod:`.identity`)
→ step table, columns and rows (:mod:`.steps`), symbols (:mod:`.symbols`),
arrows (:mod:`.arrows`, :mod:`.flow`) → a draft (:class:`Draft`, filled by
:mod:`.assemble`: the data of an SOP file, and what to check by hand) →
YAML text (:mod:`.draft`). Nothing is invented: what is not read is left out
or marked unknown (``tidak_terbaca``), and said in the draft's notes.

Needs the optional dependencies (``pip install katalog-sop[import]``);
nothing else in the tool imports this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from katalog_sop.formulir import STANDARD
from katalog_sop.importer.assemble import assemble
from katalog_sop.importer.grid import Grid
from katalog_sop.importer.identity import read_identity
from katalog_sop.importer.steps import read_tables


class UnreadablePdf(Exception):
    """A file that cannot be read as a PDF at all; the message says why, in Indonesian."""


@dataclass
class Draft:
    """What was read from one PDF.

    ``data``: an SOP source as plain data, keys in the schema's order.
    ``checks``: (JSON path, reason) of each value a person must check, shown as
    ``# PERIKSA`` comments; ``warnings``: what could not be read at all.
    """

    source: str
    data: dict = field(default_factory=dict)
    checks: list[tuple[tuple, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: list = field(default_factory=list)
    """What was read of the step tables (for the review pictures)."""
    scanned: list[int] = field(default_factory=list)
    """Numbers (from 1) of the pages with no text layer: scans or pictures, unread without OCR."""
    part: str | None = None
    """Where in a file of several SOPs this one stands (sheets, pages), for its notes."""
    pages: list[int] = field(default_factory=list)
    """The numbers (from 0) of the PDF pages it was read from."""
    scans: list = field(default_factory=list)
    """Its pages read as pictures (:class:`~katalog_sop.importer.scan.ScannedPage`): rotation, skew, image."""

    def check(self, path: tuple, reason: str) -> None:
        self.checks.append((path, reason))


def read_document(path) -> list[Draft]:
    """The drafts of the SOPs in one file: a PDF, an Excel workbook or a Word document.

    Raises :class:`UnreadablePdf` for a file that cannot be read at all (the
    message says why, in Indonesian).
    """
    path = Path(path)
    kind = office_kind(path)
    if kind is None:
        return read_pdf_sops(path)
    from katalog_sop.importer.office import UnreadableOffice, read_office

    try:
        return read_office(path, kind)
    except UnreadableOffice as exc:
        raise UnreadablePdf(str(exc)) from exc


def read_pdf(path) -> Draft:
    """The draft of the (first) SOP of one PDF; raises :class:`UnreadablePdf` for a file that is not a
    readable PDF."""
    return read_pdf_sops(path)[0]


KEY_FIELDS = ("nama", "nomor", "tanggal_pembuatan", "tanggal_efektif", "disahkan_oleh")
EXPECTED = ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh")


def starts_sop(values: dict) -> bool:
    """Two labelled identity fields or more: an SOP's own identity block (a page or a sheet that starts
    an SOP of a file holding several), not a stray word."""
    return sum(key in values for key in KEY_FIELDS) >= 2


def missing_fields(values: dict) -> list[str]:
    """The form's labels of the identity fields not read."""
    return [STANDARD[key] for key in EXPECTED if key not in values]


def read_pdf_sops(path) -> list[Draft]:
    """One draft per SOP of a PDF: a page with an identity block of its own (two labelled fields or
    more) starts an SOP, and the pages after it, to the next such page, are its step table."""
    import pdfplumber  # the optional dependency, needed only here

    from katalog_sop.importer.page import read_page

    path = Path(path)
    if office_kind(path) is not None:
        raise UnreadablePdf("berkas Office; bacalah dengan read_document")
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [read_page(number, page) for number, page in enumerate(pdf.pages)]
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise UnreadablePdf(f"bukan PDF yang dapat dibaca ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else '-'})") from exc
    pictured = [page.number for page in pages if _pictured(page)]
    scans = _read_scans(path, pictured, pages) if pictured else {}
    scanned = [n + 1 for n in pictured]
    if not pages or not pages[0].words:
        draft = Draft(path.name, scanned=scanned)
        draft.warnings.append(f"{_pages_text(scanned or [1])} tidak memiliki lapisan teks (hasil pindai); "
                              + (_NO_OCR if not scans else "tidak ada teks yang terbaca dengan OCR"))
        draft.warnings += _notes(scans.values())
        draft.scans = list(scans.values())
        return [draft]
    grids = [Grid(page) for page in pages]
    identities = [read_identity(page, grid) if page.words else None for page, grid in zip(pages, grids)]
    starts = [i for i, found in enumerate(identities) if found is not None and starts_sop(found.values)]
    starts = sorted(set([0] + starts))
    drafts = []
    for first, end in zip(starts, starts[1:] + [len(pages)]):
        draft = _read_sop(path.name, pages[first:end], grids[first:end], identities[first])
        draft.scanned = [n for n in scanned if first < n <= end]
        draft.pages = list(range(first, end))
        draft.scans = [scans[n] for n in draft.pages if n in scans]
        if draft.scans:
            from katalog_sop.importer.ocr_marks import mark_ocr

            draft.warnings += _notes(draft.scans)
            mark_ocr(draft, [scan.page for scan in draft.scans])
        elif draft.scanned:
            draft.warnings.append(f"{_pages_text(draft.scanned)} tidak memiliki lapisan teks (hasil pindai); {_NO_OCR}")
        if len(starts) > 1:
            draft.part = _pages_text([n + 1 for n in draft.pages])
        drafts.append(draft)
    return drafts


_NO_OCR = "teksnya belum dapat dibaca tanpa OCR (pasang numpy dan Tesseract; lihat README)"


def _pictured(page) -> bool:
    """A page with no text layer, or one whose text layer is a few words over a picture of the page
    (a step table pasted as an image)."""
    if not page.words:
        return True
    covered = sum(image.w * image.h for image in page.images)
    return len(page.words) < 40 and covered >= 0.5 * page.width * page.height


def _read_scans(path: Path, numbers: list[int], pages: list) -> dict:
    """Page number -> its scan read (:class:`~katalog_sop.importer.scan.ScannedPage`), each page put in
    ``pages`` in place of its empty text layer; none where the scan reader cannot run (no numpy)."""
    try:
        from katalog_sop.importer.scan import read_scanned_page
    except ModuleNotFoundError as exc:  # numpy is optional; any other failure to import is a fault, not said away
        if exc.name != "numpy":
            raise
        return {}
    found = {}
    for number in numbers:
        try:
            scan = read_scanned_page(path, number)
        except Exception as exc:  # noqa: BLE001 - a picture that cannot be drawn is one page unread, said
            note = f"halaman {number + 1} tidak dapat dibaca sebagai gambar ({type(exc).__name__})"
            found[number] = _Unread(pages[number], [note])
            continue
        pages[number] = scan.page
        found[number] = scan
    return found


class _Unread:
    """A picture page the scan reader could not draw: its empty page and why."""

    def __init__(self, page, notes: list[str]):
        self.page, self.notes, self.rotation = page, notes, None


def _notes(scans) -> list[str]:
    """What the scan reader could not do, each said once, for the draft's warnings."""
    out: list[str] = []
    for scan in scans:
        for note in scan.notes:
            if note not in out:
                out.append(note)
    return out


def _read_sop(name: str, pages: list, grids: list, identity) -> Draft:
    """The draft of one SOP from its pages: the identity block on the first, the step table after it."""
    draft = Draft(name)
    draft.data.update(ordered_identity(identity.values))
    draft.warnings += identity.notes
    if identity.notes and "disahkan_oleh" in draft.data:
        draft.check(("disahkan_oleh", "nip"), identity.notes[0])
    for path, reason in identity.checks:
        draft.check(path, reason)
    draft.warnings += [f"{label} tidak ditemukan pada halaman {pages[0].number + 1}" for label in missing_fields(identity.values)]
    tables = read_tables(pages, grids, identity.bottom)
    if not tables:
        pictures = [p.number + 1 for p in pages if p.images and len(p.words) < 40]
        reason = (f"; halaman {', '.join(map(str, pictures))} berupa gambar tanpa lapisan teks" if pictures else "")
        draft.warnings.append("tabel flowchart tidak ditemukan" + reason + "; langkah belum dapat dibaca")
        return draft
    assemble(draft, tables, pages)
    return draft


def _pages_text(numbers: list[int]) -> str:
    """"halaman 1", "halaman 1–3", "halaman 1, 3 dan 5"."""
    if len(numbers) == 1:
        return f"halaman {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"halaman {numbers[0]}–{numbers[-1]}"
    return f"halaman {', '.join(map(str, numbers[:-1]))} dan {numbers[-1]}"


def office_kind(path: Path) -> str | None:
    """"xlsx" or "docx" for an Office file (a zip holding a workbook or a document), else None."""
    import zipfile

    try:
        with open(path, "rb") as file:
            if file.read(4) != b"PK\x03\x04":
                return None
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


_IDENTITY_ORDER = ("nama", "nomor", "instansi", "unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
                   "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                   "peringatan", "pencatatan_pendataan")


def ordered_identity(values: dict) -> dict:
    """The identity values read, in the schema's order."""
    return {key: values[key] for key in _IDENTITY_ORDER if key in values}


