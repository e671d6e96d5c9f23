"""Import stage, the identity page: the labelled fields, the approval, the kop and the six sections.

Fields are found by their printed labels, in the agency's wordings ("Tgl.
Pembuatan", "Judul SOP", "Tanggal Pengesahan"), wherever the form puts the
value: in the cell to the label's right, or after a colon in the label's own
cell. Sections are found by their titles; their items are the numbered
entries below the title (a line not starting a number continues the item
before it), or each printed line where nothing is numbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from katalog_sop.importer.grid import Cell, Grid, join_line, lines, text_of
from katalog_sop.importer.page import Page, Word

FIELDS = (
    ("nomor", r"(?:nomor|no\.?)\s*sop"),
    ("tanggal_pembuatan", r"(?:tanggal|tgl\.?)\s*pembuatan"),
    ("tanggal_revisi", r"(?:tanggal|tgl\.?)\s*revisi"),
    ("tanggal_efektif", r"(?:tanggal|tgl\.?)\s*(?:efektif|pengesahan)"),
    ("disahkan_oleh", r"disahkan\s*oleh"),
    ("nama", r"(?:nama|judul)\s*sop"),
)
SECTIONS = (
    ("dasar_hukum", r"dasar\s*hukum"),
    ("kualifikasi_pelaksana", r"kualifikasi\s*pelaksana(?:an)?"),
    ("keterkaitan", r"keterkaitan"),
    ("peralatan_perlengkapan", r"peralatan\s*/?\s*perlengkapan"),
    ("peringatan", r"peringatan"),
    ("pencatatan_pendataan", r"pencatatan\s*(?:dan|&)\s*(?:pendataan|pendaftaran)"),
)
_FIELD = [(key, re.compile(rf"^\s*{pattern}\b\s*:?\s*", re.I)) for key, pattern in FIELDS]
_SECTION = [(key, re.compile(rf"^\s*{pattern}\s*:?\s*", re.I)) for key, pattern in SECTIONS]
_NIP = re.compile(r"^\s*NIP\.?\s*:?\s*([0-9][0-9 .]*[0-9])\s*$", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s+|^\s*\d{1,2}\s*,\s+|^\s*[-\u2022\u25cf\u2013\u00b7]\s*")
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
    label_cells: list[Cell] = []
    labels: dict[str, Cell] = {}
    for cell, words in sorted(cells.items(), key=lambda kv: (kv[0].top, kv[0].x0)):
        texts = [text_of(line) for line in lines(words)]
        whole_key, whole_rest = _match(_FIELD, " ".join(texts))
        if whole_key is not None and not whole_rest and len(texts) > 1:
            texts = [" ".join(texts)]  # a label set over two lines ("Tanggal" over "Pembuatan")
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
                following.append(texts[index])
                index += 1
            value = ([rest] if rest else []) + following
            if not value:  # the value stands right of the label, in one cell or in several nested ones
                right = grid.cell_at(cell.x1 + 2, (cell.top + cell.bottom) / 2)
                low = cell.bottom
                if key == "disahkan_oleh" and right is not None:  # the approval's cell may be taller than its label's
                    low = max(low, right.bottom)
                beside = [w for w in page.words if w.x0 >= cell.x1 - 1 and cell.top - 1 <= w.cy <= low + 1]
                value = [text_of(line) for line in lines(beside)]
                value = [v.lstrip(": ").strip() for v in value if v.strip(": ")]
            out.bottom = max(out.bottom, cell.bottom)
            if key == "disahkan_oleh":
                out.values[key] = _approval(value)
            elif value:
                out.values[key] = " ".join(value)
    _stray_nip(out)
    if label_cells:
        _kop(out, grid, cells, min(label_cells, key=lambda c: (c.top, c.x0)), labels.get("nama"))
    _sections(out, cells)
    return out


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


def _approval(value: list[str]) -> dict:
    """Jabatan, nama and NIP from the approval cell's lines (the signature between them is a picture)."""
    lines_ = []
    for v in (v for v in value if v):  # "NIP." on one line and its number on the next
        if lines_ and re.fullmatch(r"NIP\.?\s*:?", lines_[-1], re.I) and re.fullmatch(r"[0-9][0-9 ]*", v):
            lines_[-1] = f"{lines_[-1]} {v}"
        else:
            lines_.append(v)
    nip = None
    for index, line in enumerate(lines_):
        found = _NIP.match(line)
        if found:
            nip = found.group(1).strip()
            lines_ = lines_[:index] + lines_[index + 1:]
            break
    approval: dict = {}
    if len(lines_) >= 2:
        approval["jabatan"] = " ".join(lines_[:-1])
        approval["nama"] = lines_[-1]
    elif lines_:
        approval["jabatan"] = lines_[0]
    if nip:
        approval["nip"] = nip
    return approval


def _kop(out: Identity, grid: Grid, cells: dict[Cell, list[Word]], first_label: Cell, nama: Cell | None) -> None:
    """The kop: the cell left of the first labelled field holds the agency's name, then its unit.

    Some forms give the unit a cell of its own, left of the "Nama SOP" label,
    below the kop: then that is the unit, the kop's first lines the agency,
    and a line between them is kept as a mark to check."""
    kop = grid.cell_at(first_label.x0 - 3, first_label.top + 3)
    if kop is None or kop not in cells:
        return
    beside = grid.cell_at(nama.x0 - 3, (nama.top + nama.bottom) / 2) if nama is not None else None
    if beside is not None and beside != kop and beside in cells and beside.top >= kop.bottom - 2:
        unit = " ".join(text_of(line) for line in lines(cells[beside]))
        if unit and _match(_FIELD, unit)[0] is None and _match(_SECTION, unit)[0] is None:
            _kop_over_unit(out, lines(cells[kop]), unit)
            return
    printed = lines(cells[kop])
    if not printed:
        return
    gaps = [printed[i + 1][0].top - printed[i][0].top for i in range(len(printed) - 1)]
    if gaps and max(gaps) > min(gaps) * 1.3:
        split = gaps.index(max(gaps)) + 1
    else:
        split = len(printed) - 1 if len(printed) > 1 else len(printed)
    instansi = " ".join(text_of(line) for line in printed[:split])
    unit = " ".join(text_of(line) for line in printed[split:])
    if instansi:
        out.values["instansi"] = title_case(instansi)
    if unit:
        out.values["unit"] = unit


def _kop_over_unit(out: Identity, printed: list[list[Word]], unit: str) -> None:
    """The kop's first group of lines (to its widest gap) is the agency; what follows it, a mark."""
    gaps = [printed[i + 1][0].top - printed[i][0].top for i in range(len(printed) - 1)]
    split = gaps.index(max(gaps)) + 1 if gaps and max(gaps) > min(gaps) * 1.3 else 1
    instansi = " ".join(text_of(line) for line in printed[:split])
    if instansi:
        out.values["instansi"] = title_case(instansi)
    out.values["unit"] = unit
    between = " ".join(text_of(line) for line in printed[split:])
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
        if key is None or key in titles:
            continue
        title_words = len(first.split()) - len(rest.split()) if rest else len(printed[0])
        body = printed[0][title_words:] + [w for line in printed[1:] for w in line]
        titles[key] = (cell, body)
    for key, (cell, body) in titles.items():
        area = cell
        if not body:  # the items stand in the cell(s) below the title (a stray short rule may split one)
            below = [c for c in cells if abs(c.top - cell.bottom) < 2 and c.x0 < cell.x1 - 2 and c.x1 > cell.x0 + 2
                     and c.x0 >= cell.x0 - 2 and c.x1 <= cell.x1 + 2]
            if below:
                area = Cell(min(c.x0 for c in below), cell.bottom, max(c.x1 for c in below), max(c.bottom for c in below))
                body = [w for c in below for w in cells[c]]
        items = list_items(body, area)
        if items:
            out.values[key] = items


_NUMBER_WORD = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.),]$|^[-\u2022\u25cf\u2013\u00b7]$")


def list_items(words: list[Word], cell: Cell) -> list[str]:
    """The items of a printed list.

    Numbers standing in a column of their own (left of the text) mark the
    items: each text line goes to the number beside it, or (where numbers are
    centred on their items) the nearest one. Otherwise numbered lines start
    items and other lines continue them; where nothing is numbered, a line
    continues the one before when that one runs to the cell's edge without
    ending a sentence, or itself starts in lower case.
    """
    printed = lines(words)
    if not printed:
        return []
    columns = _two_columns(printed)
    if columns is not None:  # a list set in two columns: the left one's items, then the right one's
        return list_items(columns[0], cell) + list_items(columns[1], cell)
    text_x = min((line[1].x0 for line in printed if _NUMBER_WORD.match(line[0].text) and len(line) > 1), default=None)
    # the numbers: words like "1." or "10." that start a line at the list's left edge, left of its text
    left = min(line[0].x0 for line in printed)
    column = [line[0] for line in printed if _NUMBER_WORD.match(line[0].text) and line[0].x0 <= left + 6
              and text_x is not None and line[0].x0 < text_x]
    if len(column) >= 2 and all(w.x0 < text_x for w in column):
        return _by_number_column(printed, column)
    return split_items([text_of(line) for line in printed], [line[-1].x1 for line in printed], cell)


def _two_columns(printed: list[list[Word]]) -> tuple[list[Word], list[Word]] | None:
    """The words left and right of a wide gap that, on two lines or more, opens before a number."""
    splits = []
    for line in printed:
        for before, after in zip(line, line[1:]):
            if after.x0 - before.x1 > 15 and _NUMBER_WORD.match(after.text):
                splits.append(after.x0)
                break
    if len(splits) < 2:
        return None
    edge = min(splits) - 1
    left = [w for line in printed for w in line if w.x0 < edge]
    right = [w for line in printed for w in line if w.x0 >= edge]
    return (left, right) if left and right else None


def _by_number_column(printed: list[list[Word]], column: list[Word]) -> list[str]:
    column = sorted(column, key=lambda w: w.top)
    texts = [[w for w in line if w not in column] for line in printed]
    texts = [line for line in texts if line]
    # numbers are printed beside an item's first line, or centred on its lines (each item a row of its
    # own): one number standing between two text lines says which
    tops = [line[0].top for line in texts]
    top_aligned = all(any(abs(mark.top - top) <= 2.0 for top in tops) for mark in column)
    items: list[list[str]] = [[] for _ in column]
    if top_aligned:
        for line in texts:
            owners = [i for i, mark in enumerate(column) if mark.top <= line[0].top + 1.2]
            items[owners[-1] if owners else 0].append(text_of(line))
    else:  # centred: an item takes lines until their middle reaches its number's
        rest = list(texts)
        for index, mark in enumerate(column):
            taken: list[list[Word]] = []
            while rest and (index == len(column) - 1 or not taken
                            or sum(line[0].top for line in taken) / len(taken) < mark.top - 1.0):
                taken.append(rest.pop(0))
            items[index] = [text_of(line) for line in taken]
    out = []
    for parts in items:
        text = ""
        for part in parts:
            text = join_line(text, part)
        if text:
            out.append(text)
    return out


def split_items(texts: list[str], ends: list[float] | None = None, cell: Cell | None = None) -> list[str]:
    """Printed lines as list items: numbered (1. a. - •) items with their wrapped lines, else by wrapping."""
    kept = [(t.strip(), e) for t, e in zip(texts, ends or [0.0] * len(texts)) if t.strip() and t.strip() not in ("-", ":")]
    if not kept:
        return []
    if any(_NUMBERED.match(t) for t, _ in kept):
        items: list[str] = []
        for text, _ in kept:
            found = _NUMBERED.match(text)
            if found or not items:
                items.append(text[found.end():].strip() if found else text)
            else:
                items[-1] = join_line(items[-1], text)
        return [item for item in items if item]
    items = [kept[0][0]]
    for (before, end), (text, _) in zip(kept, kept[1:]):
        full = cell is not None and end >= cell.x1 - (cell.x1 - cell.x0) * 0.2
        if text[:1].islower() or (full and not before.rstrip().endswith((".", ";", ":"))):
            items[-1] = join_line(items[-1], text)
        else:
            items.append(text)
    return items
