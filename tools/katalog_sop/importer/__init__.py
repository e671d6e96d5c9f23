"""Import: an agency's signed SOP AP PDF read into a draft of our source format, every doubt marked.

Beside the pipeline (see the design): PDF → page geometry (:mod:`.page`) →
ruled cells (:mod:`.grid`) → identity block and sections (:mod:`.identity`)
→ step table, columns, rows and symbols (:mod:`.steps`) → a draft
(:class:`Draft`: the data of an SOP file, and what to check by hand) →
YAML text (:mod:`.draft`). Nothing is invented: what is not read is left out
or marked unknown (``tidak_terbaca``), and said in the draft's notes.

Needs the optional dependencies (``pip install katalog-sop[import]``);
nothing else in the tool imports this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from katalog_sop.formulir import STANDARD
from katalog_sop.importer.grid import Grid
from katalog_sop.importer.identity import read_identity
from katalog_sop.importer.steps import MUTU, Table, cell_items, cell_text, read_tables


class ImportError_(Exception):
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
    pages: int = 0
    text_pages: int = 0

    def check(self, path: tuple, reason: str) -> None:
        self.checks.append((path, reason))


def read_pdf(path) -> Draft:
    """Read one PDF into a draft; raises :class:`ImportError_` for a file that is not a readable PDF."""
    import pdfplumber  # the optional dependency, needed only here

    from katalog_sop.importer.page import read_page

    path = Path(path)
    draft = Draft(path.name)
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [read_page(number, page) for number, page in enumerate(pdf.pages)]
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise ImportError_(f"bukan PDF yang dapat dibaca ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else '-'})") from exc
    draft.pages = len(pages)
    draft.text_pages = sum(1 for p in pages if p.words)
    if not pages or not pages[0].words:
        draft.warnings.append("halaman 1 tidak memiliki lapisan teks (hasil pindai); teks belum dapat dibaca")
        return draft
    grids = [Grid(page) for page in pages]
    identity = read_identity(pages[0], grids[0])
    draft.data.update(_identity(identity.values))
    for key in ("nama", "nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh"):
        if key not in identity.values:
            draft.warnings.append(f"{STANDARD[key]} tidak ditemukan pada halaman 1")
    tables = read_tables(pages, grids, identity.bottom)
    if not tables:
        pictures = [p.number + 1 for p in pages if p.images and len(p.words) < 40]
        reason = (f"; halaman {', '.join(map(str, pictures))} berupa gambar tanpa lapisan teks" if pictures else "")
        draft.warnings.append("tabel flowchart tidak ditemukan" + reason + "; langkah belum dapat dibaca")
        return draft
    _tables(draft, tables)
    return draft


_IDENTITY_ORDER = ("nama", "nomor", "instansi", "unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
                   "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                   "peringatan", "pencatatan_pendataan")


def _identity(values: dict) -> dict:
    return {key: values[key] for key in _IDENTITY_ORDER if key in values}


def _plain(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def _formulir(table: Table) -> dict:
    labels: dict = {}
    for role, printed in table.header_labels.items():
        if role in STANDARD and _plain(printed).lower() != STANDARD[role].lower():
            labels[role] = _plain(printed)
    roles = {c.role for c in table.columns}
    for role in MUTU + ("keterangan",):
        if role not in roles:
            labels[role] = False
    if table.numbered_columns:
        labels["nomor_kolom"] = True
    return labels


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "pelaksana"


def _tables(draft: Draft, tables: list[Table]) -> None:
    formulir = _formulir(tables[0])
    if formulir:
        draft.data["formulir"] = formulir
    pelaksana: list = []
    known: dict[tuple, str] = {}  # (kelompok, name) -> what a step names it by
    names_all = [(_plain(c.kelompok or ""), _plain(c.label)) for t in tables for c in t.lanes]
    for table in tables:
        lane_name: dict[int, str] = {}
        for index, column in enumerate(table.lanes):
            name = _plain(column.label) or f"Kolom {index + 1}"
            group = _plain(column.kelompok or "")
            key = (group, name)
            if key not in known:
                shared = sum(1 for g, n in names_all if n == name and g != group) > 0
                if group or shared:
                    ident = _slug(f"{group} {name}")
                    entry = {"id": ident, "nama": name}
                    if group:
                        entry["kelompok"] = group
                    pelaksana.append(entry)
                    known[key] = ident
                else:
                    pelaksana.append(name)
                    known[key] = name
                if not _plain(column.label):
                    draft.check(("pelaksana", len(pelaksana) - 1), "judul kolom pelaksana tidak terbaca")
            lane_name[table.columns.index(column)] = known[key]
        table.lane_names = lane_name
    draft.data["pelaksana"] = pelaksana
    steps = []
    several = len(tables) > 1
    for table in tables:
        for number, row in enumerate(table.rows):
            step = _step(draft, table, row, len(steps), number, table.lane_names)
            if several and number == 0:
                tabel = {"judul": table.title} if table.title else {}
                tabel["pelaksana"] = [table.lane_names[table.columns.index(c)] for c in table.lanes]
                step = {"tabel": tabel, **step}
            steps.append(step)
    draft.data["langkah"] = steps


def _step(draft: Draft, table: Table, row, index: int, in_table: int, lane_name: dict) -> dict:
    step: dict = {}
    path = ("langkah", index)
    printed = cell_text(row.cells.get("no", [])).rstrip(".").strip()
    if printed:
        step["nomor"] = printed
    kegiatan = cell_text(row.cells.get("kegiatan", []))
    step["kegiatan"] = kegiatan or "?"
    if not kegiatan:
        draft.check(path + ("kegiatan",), "uraian kegiatan tidak terbaca")
    unknown = ["alur"]  # the arrows are not read yet: no flow is written that the sheet may not show
    symbols = []
    for lane, symbol in row.symbols:
        entry = {"pelaksana": lane_name[lane]}
        if symbol.kind == "terminator":
            entry["bentuk"] = "mulai" if in_table == 0 else "selesai"
            draft.check(path + ("simbol", len(symbols), "bentuk"), "kapsul: mulai atau selesai ditebak dari letaknya")
        elif symbol.kind == "keputusan":
            entry["bentuk"] = "keputusan"
        elif symbol.kind == "gambar":
            draft.check(path + ("simbol", len(symbols)), "simbol ditempel sebagai gambar; bentuknya tidak terbaca")
        if symbol.text:
            entry["teks"] = symbol.text
        symbols.append(entry)
    if not symbols:
        unknown[:0] = ["pelaksana", "simbol"]
        draft.check(path, "tidak ada simbol yang terbaca di kolom pelaksana baris ini")
    elif len(symbols) == 1 and set(symbols[0]) == {"pelaksana"}:
        step["pelaksana"] = symbols[0]["pelaksana"]
    else:
        step["simbol"] = symbols
        if len(symbols) > 1:
            draft.check(path + ("simbol",), "urutan simbol dalam baris belum dibaca dari anak panahnya (ditulis dari kiri ke kanan)")
    columns = {c.role: c for c in table.columns}
    for key in ("kelengkapan", "output"):
        if key in columns:
            items = cell_items(row.cells.get(key, []), columns[key])
            if items:
                step[key] = items[0] if len(items) == 1 else items
    waktu = cell_text(row.cells.get("waktu", []))
    if waktu:
        step["waktu"] = waktu
    keterangan = cell_text(row.cells.get("keterangan", []))
    if keterangan:
        step["keterangan"] = keterangan
    step["tidak_terbaca"] = unknown
    return step
