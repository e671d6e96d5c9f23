"""Import stage, the draft's data from what was read: columns as pelaksana, rows as steps, wires as exits.

Targets are named as the source format reads them: a row by its printed
number where that is unique, else by an id given to the row, or to the
symbol where the row holds several. A capsule nothing leaves is an end, one
nothing enters a start. Every guess and every gap becomes a check for the
draft (a ``# PERIKSA`` comment); nothing is written that was not read.
"""

from __future__ import annotations

import re

from katalog_sop.formulir import STANDARD
from katalog_sop.importer.broken import mended, vocabulary
from katalog_sop.importer.flow import entered, exits_of, flow_order
from katalog_sop.importer.steps import MUTU, Table, cell_items, cell_text


def assemble(draft, tables: list[Table], pages) -> None:
    """Fill ``draft`` (an :class:`~katalog_sop.importer.Draft`) with the steps of ``tables``."""
    draft.tables = tables
    _tables(draft, tables)
    for table in tables:
        for number in _pictured(pages, table):
            draft.warnings.append(
                f"lembar alur halaman {number + 1} ditempel sebagai gambar; simbol dan anak panah di sana belum terbaca"
            )


def _pictured(pages, table: Table) -> list[int]:
    """The pages where a picture covers most of the table's pelaksana columns and no symbol was read:
    the flowchart pasted as an image (OCR is a later step)."""
    found = []
    lanes = table.lanes
    if not lanes:
        return found
    x0, x1 = lanes[0].x0, lanes[-1].x1
    for page in pages:
        rows = [r for r in table.rows if r.page == page.number]
        if not rows or any(r.symbols for r in rows):
            continue
        top, bottom = rows[0].top, rows[-1].bottom
        for image in page.images:
            w = min(image.x1, x1) - max(image.x0, x0)
            h = min(image.bottom, bottom) - max(image.top, top)
            if w > 0 and h > 0 and w * h >= 0.3 * (x1 - x0) * (bottom - top):
                found.append(page.number)
                break
    return found


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


def _tables(draft, tables: list[Table]) -> None:
    formulir = _formulir(tables[0])
    if formulir:
        draft.data["formulir"] = formulir
    pelaksana: list = []
    known: dict[tuple, str] = {}  # (kelompok, name) -> what a step names it by
    words = vocabulary(cell_text(cell) for t in tables for row in t.rows for cell in row.cells.values())
    names_all = [(_plain(c.kelompok or ""), mended(_plain(c.label), words)) for t in tables for c in t.lanes]
    for table in tables:
        lane_name: dict[int, str] = {}
        seen: dict[tuple, int] = {}
        for index, column in enumerate(table.lanes):
            name = mended(_plain(column.label), words) or f"Kolom {index + 1}"
            group = _plain(column.kelompok or "")
            key = (group, name)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:  # one title over two columns of one table: each column its own pelaksana
                key = (group, f"{name} ({seen[key]})")
                name = key[1]
                draft.check(("pelaksana",), f"dua kolom berjudul sama '{_plain(column.label)}'; periksa judulnya")
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
    exits = exits_of(tables)
    into = entered(exits)
    rows = [(table, row, number) for table in tables for number, row in enumerate(table.rows)]
    for table, row, _ in rows:
        row.symbols = flow_order(row.symbols, exits)
    printed = [cell_text(row.cells.get("no", [])).rstrip(".").strip() for _, row, _ in rows]
    place = {id(symbol): (index, k) for index, (_, row, _) in enumerate(rows) for k, (_, symbol) in enumerate(row.symbols)}
    names = _Targets(rows, printed)
    steps = []
    several = len(tables) > 1
    for index, (table, row, number) in enumerate(rows):
        step = _step(draft, table, row, index, exits, into, place, names)
        if several and number == 0:
            tabel = {"judul": table.title} if table.title else {}
            tabel["pelaksana"] = [table.lane_names[table.columns.index(c)] for c in table.lanes]
            step = {"tabel": tabel, **step}
        steps.append(step)
    for index, k in names.symbol_ids:
        target = steps[index]
        if "simbol" in target:
            target["simbol"][k] = {**target["simbol"][k], "id": names.symbol_id(index, k)}
    for index in names.step_ids:  # a one-symbol row named by an id: the id goes on the row
        steps[index] = {"id": names.step_id(index), **steps[index]}
    draft.data["langkah"] = steps


class _Targets:
    """How an exit names its target: the row's printed number where it is unique, else an id; a symbol
    of a row of several by an id given to it."""

    def __init__(self, rows, printed: list[str]):
        self.rows, self.printed = rows, printed
        self.symbol_ids: set[tuple[int, int]] = set()
        self.step_ids: set[int] = set()
        self._spans: dict[int, list] = {}
        self._covered: set[int] = set()
        index = 0
        while index < len(rows):
            table, row, _ = rows[index]
            end = index
            while end + 1 < len(rows) and rows[end][1].waktu_with_next and rows[end + 1][0] is table:
                end += 1
            if end > index:
                self._spans[index] = [r for _, r, _ in rows[index:end + 1]]
                self._covered.update(range(index + 1, end + 1))
            index = end + 1

    def waktu_span(self, index: int):
        """(index, rows) where a merged Waktu cell starts at this row."""
        return (index, self._spans[index]) if index in self._spans else None

    def under_merged(self, index: int) -> bool:
        return index in self._covered

    def symbol_id(self, index: int, k: int) -> str:
        return f"b{index + 1}s{k + 1}"

    def step_id(self, index: int) -> str:
        return f"b{index + 1}"

    def name(self, index: int, k: int) -> str:
        _, row, _ = self.rows[index]
        if len(row.symbols) > 1:
            self.symbol_ids.add((index, k))
            return self.symbol_id(index, k)
        number = self.printed[index]
        if number and self.printed.count(number) == 1:
            return number
        if not any(self.printed):
            return str(index + 1)
        self.step_ids.add(index)
        return self.step_id(index)


def _exit(label, targets, place, names) -> dict:
    named = [names.name(*place[id(t)]) for t in targets if id(t) in place]
    exit_ = {"ke": named[0] if len(named) == 1 else named}
    if label:
        exit_ = {"label": label, **exit_}
    return exit_


def _arrow(label, targets, plain: bool, place, names):
    """A ``lanjut_ke`` value: the target alone, or ``{ke, label, panah}`` where there is more to say."""
    exit_ = _exit(label, targets, place, names)
    if plain:
        exit_["panah"] = "tanpa"
    return exit_ if len(exit_) > 1 else exit_["ke"]


def _step(draft, table: Table, row, index: int, exits, into, place, names) -> dict:
    step: dict = {}
    path = ("langkah", index)
    printed = cell_text(row.cells.get("no", [])).rstrip(".").strip()
    if printed:
        step["nomor"] = printed
    kegiatan = cell_text(row.cells.get("kegiatan", []))
    step["kegiatan"] = kegiatan or "?"
    if not kegiatan:
        draft.check(path + ("kegiatan",), "uraian kegiatan tidak terbaca")
    unknown: list[str] = []
    symbols = []
    for lane, symbol in row.symbols:
        entry: dict = {"pelaksana": table.lane_names[lane]}
        read = [(label, [t for t in targets if id(t) in place], plain) for label, targets, plain in exits.get(id(symbol), [])]
        read = [item for item in read if item[1]]
        found = [(label, targets) for label, targets, _ in read]
        plain = [p for _, _, p in read]
        if symbol.kind == "terminator":
            if not found:
                entry["bentuk"] = "selesai"
            elif id(symbol) in into:
                entry["bentuk"] = "kapsul"
            else:
                entry["bentuk"] = "mulai"
        elif symbol.kind == "keputusan":
            entry["bentuk"] = "keputusan"
        elif symbol.kind == "gambar":
            draft.check(path + ("simbol", len(symbols)), "simbol ditempel sebagai gambar; bentuknya tidak terbaca")
        if symbol.text:
            entry["teks"] = symbol.text
        if symbol.kind == "keputusan" and len(found) >= 2:
            entry["cabang"] = [_exit(label, targets, place, names) for label, targets in found]
        elif len(found) == 1:
            if symbol.kind == "keputusan":
                draft.check(path + ("simbol", len(symbols), "lanjut_ke"), "hanya satu jalan keluar keputusan yang terbaca")
            entry["lanjut_ke"] = _arrow(*found[0], plain[0], place, names)
        elif found:
            entry["lanjut_ke"] = [_arrow(label, targets, line, place, names) for (label, targets), line in zip(found, plain)]
        elif not (symbol.kind == "terminator" and entry.get("bentuk") == "selesai"):
            # what was read: no arrow leaves it (as some sheets draw); said so, to be checked
            entry["lanjut_ke"] = []
            draft.check(path + ("simbol", len(symbols), "lanjut_ke"), "tidak ada anak panah keluar yang terbaca dari simbol ini")
        if any(plain):
            draft.check(path + ("simbol", len(symbols), "lanjut_ke"),
                        "garis tanpa kepala panah: arahnya ditebak dari urutan baris")
        symbols.append(entry)
    if not symbols:
        unknown = ["pelaksana", "simbol", "alur"]
        draft.check(path, "tidak ada simbol yang terbaca di kolom pelaksana baris ini")
    elif len(symbols) == 1 and set(symbols[0]) - {"lanjut_ke", "cabang"} == {"pelaksana"}:
        step["pelaksana"] = symbols[0]["pelaksana"]
        for key in ("cabang", "lanjut_ke"):
            if key in symbols[0]:
                step[key] = symbols[0][key]
    else:
        step["simbol"] = symbols
    columns = {c.role: c for c in table.columns}
    for key in ("kelengkapan", "output"):
        if key in columns:
            items = cell_items(row.cells.get(key, []), columns[key])
            if items:
                step[key] = items[0] if len(items) == 1 else items
    span = names.waktu_span(index)
    if span is not None:  # the first row of a merged Waktu cell holds its text for all of its rows
        _, rows = span
        waktu = " ".join(filter(None, (cell_text(r.cells.get("waktu", [])) for r in rows)))
        if waktu:
            step["waktu"] = waktu
        step["waktu_gabung"] = len(rows)
    elif not names.under_merged(index):
        waktu = cell_text(row.cells.get("waktu", []))
        if waktu:
            step["waktu"] = waktu
    keterangan = cell_text(row.cells.get("keterangan", []))
    if keterangan:
        step["keterangan"] = keterangan
    if unknown:
        step["tidak_terbaca"] = unknown
    return step
