"""Import stage, the identity page: the labelled fields, the approval, the kop and the six sections.

Fields are found by their printed labels, in the agency's wordings ("Tgl.
Pembuatan", "Judul SOP", "Tanggal Pengesahan"), wherever the form puts the
value: in the cell to the label's right, or after a colon in the label's own
cell. Sections are found by their titles; their items are the numbered
entries below the title (a line not starting a number continues the item
before it), or each printed line where nothing is numbered.

On a scan, OCR also reads the stamp, the signature and the logo as "words":
short or unsure ones (by their confidence) are left out of the labels' cells,
the approval and the kop, and a line there counts as print only with a word
read with confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from katalog_sop.importer.approval import approval as _approval
from katalog_sop.importer.grid import Cell, Grid, lines, text_of
from katalog_sop.importer.items import list_items, split_items
from katalog_sop.importer.page import Page, Word

__all__ = ["FIELDS", "SECTIONS", "Identity", "list_items", "read_identity", "split_items", "title_case"]

FIELDS = (
    ("nomor", r"(?:nomor|no\.?)\s*(?:urut\s*)?sop"),
    ("tanggal_pembuatan", r"(?:tanggal|tgl\.?)\s*pembuatan"),
    ("tanggal_revisi", r"(?:tanggal|tgl\.?)\s*revisi"),
    ("tanggal_efektif", r"(?:tanggal|tgl\.?)\s*(?:efektif|pengesahan)"),
    ("disahkan_oleh", r"disahkan\s*oleh"),
    ("nama", r"(?:nama|judul)\s*sop"),
)
SECTIONS = (
    ("dasar_hukum", r"dasar\s*hukum"),
    ("kualifikasi_pelaksana", r"(?:kualifikasi|kualitas)\s*pelaksana(?:an)?"),
    ("keterkaitan", r"keterkaitan"),
    ("peralatan_perlengkapan", r"peralatan\s*/?\s*perlengkapan"),
    ("peringatan", r"peringatan"),
    ("pencatatan_pendataan", r"pencatatan\s*(?:dan|&)\s*pe\w*"),  # pendataan, pendaftaran, a misprint
)
_FIELD = [(key, re.compile(rf"^\s*{pattern}\b\s*:?\s*", re.I)) for key, pattern in FIELDS]
_SECTION = [(key, re.compile(rf"^\s*{pattern}\s*:?\s*", re.I)) for key, pattern in SECTIONS]
_SECTION_HEAD = [(key, re.compile(rf"^\s*(?:{head})\b", re.I)) for key, head in (
    ("dasar_hukum", "dasar"), ("kualifikasi_pelaksana", "kualifikasi|kualitas"), ("keterkaitan", "keterkaitan"),
    ("peralatan_perlengkapan", "peralatan"), ("peringatan", "peringatan"), ("pencatatan_pendataan", "pencatatan"))]
"""Each section's title by its first word alone (OCR misreads the rest of a title: "Peralatan/pssiynapani")."""
_SMALL = {"dan", "di", "ke", "dari", "untuk", "atau", "yang", "pada", "dengan", "atas"}


@dataclass
class Identity:
    values: dict = field(default_factory=dict)
    """Schema keys -> values as printed (text, or {jabatan, nama, nip}, or lists of items)."""
    notes: list[str] = field(default_factory=list)
    """What could not be read, in Indonesian, for the draft's ``catatan_sumber``."""
    bottom: float = 0.0
    """The lowest edge of the identity block on its page (a step table below it starts further down)."""
    checks: list[tuple[tuple, str]] = field(default_factory=list)
    """(key path, reason) of values read but to be checked by hand."""


def _cells(grid: Grid, page: Page) -> dict[Cell, list[Word]]:
    cells: dict[Cell, list[Word]] = {}
    for word in page.words:
        cell = grid.cell_at(word.cx, word.cy)
        if cell is not None:
            cells.setdefault(cell, []).append(word)
    return cells


def _match(patterns, text: str):
    for key, pattern in patterns:
        found = pattern.match(text)
        if found:
            return key, text[found.end():].strip()
    return None, None


def title_case(text: str) -> str:
    """An agency's name printed in capitals, as it is written in running text ("Badan Pusat Statistik")."""
    if text != text.upper():
        return text
    words = text.lower().split()
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def read_identity(page: Page, grid: Grid) -> Identity:
    """The identity block of ``page`` (the first page of an SOP AP document)."""
    out = Identity()
    cells = _cells(grid, page)
    scan = page.scanned
    label_cells: list[Cell] = []
    labels: dict[str, Cell] = {}
    for cell, words in sorted(cells.items(), key=lambda kv: (kv[0].top, kv[0].x0)):
        printed = lines([w for w in words if not _noise(w)])
        texts = [text_of(line) for line in printed]
        sure = [_print(line) or _dash(text_of(line)) for line in printed]
        whole_key, whole_rest = _match(_FIELD, " ".join(texts))
        if whole_key is not None and not whole_rest and len(texts) > 1:
            texts, sure = [" ".join(texts)], [True]  # a label set over two lines ("Tanggal" over "Pembuatan")
        index = 0
        while index < len(texts):
            key, rest = _match(_FIELD, texts[index])
            if key is None or key in out.values:
                index += 1
                continue
            label_cells.append(cell)
            labels.setdefault(key, cell)
            following = []
            index += 1
            while index < len(texts) and _match(_FIELD, texts[index])[0] is None:
                if sure[index]:  # on a scan, a stamp's edge or a speck read in the label's cell is no value
                    following.append(texts[index])
                index += 1
            if scan and rest and not _worded(rest):
                rest = ""
            value = ([rest] if rest else []) + following
            flags = None
            if not value:  # the value stands right of the label, in one cell or in several nested ones
                right = grid.cell_at(cell.x1 + 2, (cell.top + cell.bottom) / 2)
                low = cell.bottom
                if key == "disahkan_oleh" and right is not None:  # the approval's cell may be taller than its label's
                    low = max(low, right.bottom)
                beside = [w for w in page.words if w.x0 >= cell.x1 - 1 and cell.top - 1 <= w.cy <= low + 1 and not _noise(w)]
                if key == "disahkan_oleh" and scan:  # a mark alone in the approval is a stamp's or a signature's
                    beside = [w for w in beside if any(c.isalnum() for c in w.text)]
                read = [(text_of(line).lstrip(": ").strip(), _print(line)) for line in _rows(beside)]
                read = [(v, p) for v, p in read if v.strip(": ")]
                value, flags = [v for v, _ in read], [p for _, p in read]
            out.bottom = max(out.bottom, cell.bottom)
            if key == "disahkan_oleh":
                out.values[key] = _approval(value, flags if scan and flags is not None else None)
            elif value:
                out.values[key] = " ".join(value)
    _stray_nip(out)
    if label_cells:
        _kop(out, grid, cells, label_cells)
    _sections(out, cells)
    return out


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines; on a scan, a line OCR read apart from its neighbour (a stamp's
    ink made that one taller) joins the line it stands within, beside it."""
    out: list[list[Word]] = []
    for line in lines(words):
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        host = next((o for o in out if _confidence(line[0]) is not None and min(w.top for w in o) - 1 <= top
                     and bottom <= max(w.bottom for w in o) + 1 and not _overlap_x(o, line)), None)
        if host is None:
            out.append(line)
        else:
            host.extend(line)
            host.sort(key=lambda w: w.x0)
    return out


def _overlap_x(one: list[Word], other: list[Word]) -> bool:
    return any(a.x0 < b.x1 and b.x0 < a.x1 for a in one for b in other)


def _confidence(word: Word) -> float | None:
    """OCR's confidence in a scanned word (0-100); ``None`` for a word of a text layer."""
    return getattr(word, "confidence", None)


def _noise(word: Word) -> bool:
    """Whether a scanned word is rather a speck, a stroke of a signature or a piece of a stamp or a logo
    than print: read with little confidence, or with some and short."""
    confidence = _confidence(word)
    if confidence is None:
        return False
    return confidence < 50 and sum(c.isalnum() for c in word.text) <= 3


def _print(line: list[Word]) -> bool:
    """Whether a line holds print: always on a text layer; on a scan, a word of three letters or more
    read with confidence (a stamp or a signature read as letters gives short words, or unsure ones)."""
    return any(_confidence(w) is None or (_confidence(w) >= 80 and sum(c.isalpha() for c in w.text) >= 3)
               for w in line)


def _worded(text: str) -> bool:
    """Whether a scanned label's rest of line is a value: a word of three letters or digits, or a dash."""
    return _dash(text) or any(sum(c.isalnum() for c in w) >= 3 for w in text.split())


def _dash(text: str) -> bool:
    """Whether ``text`` is the dash a form prints for "none" ("Tgl. Revisi: -")."""
    return text.strip(" :") in ("-", "\u2013", "\u2014")


def _stray_nip(out: Identity) -> None:
    """A NIP standing in another field's cell (the text layer puts it where no one sees it, often under
    the signature or the next field): taken out of that field, given to the approval, and said."""
    for key in ("nama", "nomor", "tanggal_efektif", "tanggal_revisi", "tanggal_pembuatan"):
        value = out.values.get(key)
        if not isinstance(value, str):
            continue
        found = re.search(r"\bNIP\.?\s*:?\s*([0-9][0-9 ]{12,}[0-9])\s*", value, re.I)
        if not found:
            continue
        out.values[key] = (value[:found.start()] + value[found.end():]).strip()
        approval = out.values.setdefault("disahkan_oleh", {})
        if isinstance(approval, dict) and "nip" not in approval:
            approval["nip"] = found.group(1).strip()
            out.notes.append(f"NIP pengesah terbaca pada lapisan teks di sel {key}, bukan di sel pengesahan; periksa apakah tercetak")


def _kop(out: Identity, grid: Grid, cells: dict[Cell, list[Word]], labels: list[Cell]) -> None:
    """The kop: the cell left of the first labelled field holds the agency's name, then its unit.

    Some forms give the unit a cell of its own, below the kop and beside the
    labels (left of "Nama SOP"), or stack several: then the last is the unit,
    the kop's first lines the agency, and what stands between them is kept as
    a mark to check. In one cell, the unit is the lines after the widest gap.
    On a scan, what OCR read from the logo is left out."""
    first = min(labels, key=lambda c: (c.top, c.x0))
    kop = None
    for step in (3.0, 6.0, 12.0):  # a rule of the label's row may reach a little past the label's cell
        kop = grid.cell_at(first.x0 - step, first.top + 3)
        if kop is None or kop in cells:
            break
    if kop is None or kop not in cells:
        return

    def inside(cell: Cell) -> list[Word]:  # with what a logo's frame, drawn inside the cell, sets apart
        return [w for w in grid.page.words if cell.holds(w)]

    stack = [kop]
    low = max(c.bottom for c in labels)
    while True:  # the cells below the kop in its column, beside the labels, that hold neither label nor title
        below = grid.cell_at((stack[-1].x0 + stack[-1].x1) / 2, stack[-1].bottom + 3)
        if below is None or below not in cells or below in stack or below.top >= low - 2 or below.top > stack[-1].bottom + 3:
            break
        text = " ".join(text_of(line) for line in _kop_lines(inside(below)))
        if not text or _match(_FIELD, text)[0] is not None or _match(_SECTION, text)[0] is not None:
            break
        stack.append(below)
    printed = _kop_lines(inside(kop))
    if len(stack) > 1:
        between = [text_of(line) for c in stack[1:-1] for line in _kop_lines(inside(c))]
        _kop_over_unit(out, printed, " ".join(text_of(line) for line in _kop_lines(inside(stack[-1]))), between)
        return
    if not printed:
        return
    gaps = [printed[i + 1][0].top - printed[i][0].top for i in range(len(printed) - 1)]
    if gaps and max(gaps) > min(gaps) * 1.3:
        split = gaps.index(max(gaps)) + 1
    else:
        split = len(printed) - 1 if len(printed) > 1 else len(printed)
    unit = " ".join(text_of(line) for line in printed[split:])
    if split >= 3 and unit:  # the agency over the levels between it and the unit
        _kop_over_unit(out, printed[:split], unit)
        return
    instansi = " ".join(text_of(line) for line in printed[:split])
    if instansi:
        out.values["instansi"] = title_case(instansi)
    if unit:
        out.values["unit"] = unit


def _kop_lines(words: list[Word]) -> list[list[Word]]:
    """The kop's printed lines (on a scan, without what OCR read from the logo)."""
    return [line for line in lines([w for w in words if not _noise(w)]) if _print(line)]


def _kop_over_unit(out: Identity, printed: list[list[Word]], unit: str, between: list[str] | None = None) -> None:
    """The kop's first group of lines (to its widest gap) is the agency; what follows it, a mark."""
    gaps = [printed[i + 1][0].top - printed[i][0].top for i in range(len(printed) - 1)]
    split = gaps.index(max(gaps)) + 1 if gaps and max(gaps) > min(gaps) * 1.3 else 1
    instansi = " ".join(text_of(line) for line in printed[:split])
    if instansi:
        out.values["instansi"] = title_case(instansi)
    out.values["unit"] = unit
    between = " ".join([text_of(line) for line in printed[split:]] + (between or []))
    if between:
        out.checks.append((("unit",), f"baris kop di antara instansi dan unit: '{between}'"))


def _sections(out: Identity, cells: dict[Cell, list[Word]]) -> None:
    titles: dict[str, tuple[Cell, list[Word]]] = {}
    for cell, words in cells.items():
        printed = lines(words)
        if not printed:
            continue
        first = text_of(printed[0])
        key, rest = _match(_SECTION, first)
        if key is None and _confidence(printed[0][0]) is not None and len(printed[0]) <= 3:
            key, rest = _match(_SECTION_HEAD, first)[0], ""  # on a scan: a short line that a title starts
        if key is None or key in titles:
            continue
        title_words = len(first.split()) - len(rest.split()) if rest else len(printed[0])
        body = printed[0][title_words:] + [w for line in printed[1:] for w in line]
        titles[key] = (cell, body)
    for key, (cell, body) in titles.items():
        area = cell
        if not body:  # the items stand in the cell(s) below the title (a stray short rule may split one)
            below = [c for c in cells if abs(c.top - cell.bottom) < 2 and c.x0 < cell.x1 - 2 and c.x1 > cell.x0 + 2
                     and c.x0 >= cell.x0 - 2 and (c.x1 <= cell.x1 + 2 or _blank_beside(cell, c.x1, cells))]
            if below:
                area = Cell(min(c.x0 for c in below), cell.bottom, max(c.x1 for c in below), max(c.bottom for c in below))
                body = [w for c in below for w in cells[c]]
        items = list_items(body, area)
        if items:
            out.values[key] = items


def _blank_beside(title: Cell, right: float, cells: dict[Cell, list[Word]]) -> bool:
    """Whether nothing is written right of a section's title, up to ``right`` on its row: then the
    items' cell below, wider than the title's, is still the title's (a stray rule cut the title's
    row short, the empty rest of it beside the title)."""
    middle = (title.top + title.bottom) / 2
    return not any(c.top <= middle <= c.bottom and c.x1 > title.x1 + 2 and c.x0 < right - 2 for c in cells)
