"""Build stage, the flowchart's rows: symbols, printed numbers and every arrow resolved.

A row (``langkah`` item) holds one or more symbols, each in one pelaksana
column. The one-symbol step is written as before (``pelaksana``, ``cabang``,
``lanjut_ke`` on the step); a row of several symbols lists them under
``simbol``. This module turns both into the same thing: each row's
:class:`~katalog_sop.model.Simbol` records with their arrows resolved to the
symbols they enter, so the rules, the sheet, the pages and the diff read one
flow and never re-derive it.

Targets name a row by the number printed in its No column where the SOP prints
numbers (``ke: "6"``, ``ke: 5a``), else by position; or a row or a symbol by
its ``id``; or ``selesai``. The defaults follow how agencies draw: inside a
row the symbols form a chain (first hands to second), or stand in parallel
(``alur: bersamaan``: the row before fans out to all of them and they join
into the next row); a row's last symbol goes on to the next row. What the
source does not show (``tidak_terbaca``) stays unknown: no arrow is invented
into or out of a row whose flow is unknown, and a symbol whose column is not
known has no pelaksana.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from katalog_sop import model as m
from katalog_sop.problem import error

END = "selesai"
UNKNOWN_PARTS = ("pelaksana", "simbol", "alur", "kegiatan", "kelengkapan", "waktu", "output", "keterangan")
"""What ``tidak_terbaca`` may name, in the schema's order."""
CODE_REFERENCE = "reference"


@dataclass
class _Spec:
    """One symbol as written (or implied by a one-symbol step), before its arrows are resolved."""

    path: tuple
    pelaksana: str | None
    bentuk: str | None
    teks: str | None
    id: str | None
    cabang: list = field(default_factory=list)
    lanjut: object = None
    """The ``lanjut_ke`` value as written; ``None``: the default."""
    lanjut_path: tuple = ()


def _judul(tabel) -> str:
    """A table's title as written: the whole ``tabel`` value, or its ``judul``."""
    return (tabel.get("judul") or "") if isinstance(tabel, dict) else (tabel or "")


def _suggest(name: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; mungkin maksudnya '{guess[0]}'?" if guess else ""


class Rows:
    """Reads ``langkah`` for a builder (``at``, ``problems`` and the value readers are the builder's)."""

    def __init__(self, builder, names: dict[str, str], shared: set[str] = frozenset()):
        self.b = builder
        self.names = names
        self.shared = shared
        """Role names standing under two header groups: a row must name such a column by its id."""
        self.steps: list[dict] = builder.data["langkah"]
        self.specs: list[list[_Spec]] = []
        self.labels: dict[str, int] = {}
        self.ids: dict[str, tuple[int, int | None]] = {}
        self.printed = any("nomor" in step for step in self.steps)
        self.repeated: set[str] = set()

    def error(self, path, message: str) -> None:
        self.b.problems.append(error(self.b.at(*path), CODE_REFERENCE, message))

    # --- numbers, ids, symbols as written -------------------------------------------

    def build(self) -> tuple[m.Langkah, ...]:
        for index, step in enumerate(self.steps):
            self._number(index, step)
            self.specs.append(self._specs(index, step))
        self._ids()
        self.parallel = [self._is_parallel(step) for step in self.steps]  # read about six times per row
        self._entries: dict[tuple[int, bool], tuple[tuple[int, int], ...]] = {}
        unknown_flow = {i + 1 for i, step in enumerate(self.steps) if "alur" in step.get("tidak_terbaca", ())}
        self.unknown_flow = unknown_flow
        self.merged = self._merged_waktu()
        self.table_of: dict[int, str] = {}
        if sum(1 for index, step in enumerate(self.steps) if index and "tabel" in step):  # several tables
            title = _judul(self.steps[0].get("tabel"))
            for index, step in enumerate(self.steps):
                title = _judul(step["tabel"]) if "tabel" in step else title
                self.table_of[index + 1] = title
        return tuple(self._row(index, step) for index, step in enumerate(self.steps))

    def _merged_waktu(self) -> dict[int, int]:
        """Rows under a merged Waktu cell -> the row whose cell it is; a merge that overruns the table,
        or covers a row writing its own waktu, is reported."""
        covered: dict[int, int] = {}
        for index, step in enumerate(self.steps):
            span = step.get("waktu_gabung")
            if span is None:
                continue
            where = ("langkah", index, "waktu_gabung")
            if index + span > len(self.steps):
                self.error(where, f"sel waktu mencakup {span} baris, tetapi hanya ada {len(self.steps) - index} baris sampai akhir tabel")
                continue
            for below in range(index + 1, index + span):
                if "waktu" in self.steps[below] or below + 1 in covered or "waktu_gabung" in self.steps[below]:
                    self.error(where, f"sel waktu yang digabung menimpa waktu {self._name(below + 1)}")
                    break
                covered[below + 1] = index + 1
        return covered

    def _number(self, index: int, step: dict) -> None:
        if "nomor" not in step:
            return
        label = str(step["nomor"]).strip()
        if label == END:
            self.error(("langkah", index, "nomor"), f"'{END}' tidak boleh dipakai sebagai nomor langkah")
        elif label in self.labels:
            self.repeated.add(label)  # a form of several tables numbers each from 1: only a target may not use it
        else:
            self.labels[label] = index + 1

    def _specs(self, index: int, step: dict) -> list[_Spec]:
        path = ("langkah", index)
        if "simbol" not in step:
            pelaksana = step.get("pelaksana")
            written = [pelaksana] if isinstance(pelaksana, str) else list(pelaksana or [None])
            specs = [
                _Spec(path + (("pelaksana", i) if isinstance(pelaksana, list) else ("pelaksana",)), name, None, None, None)
                for i, name in enumerate(written)
            ]
            last = specs[-1]
            last.cabang = step.get("cabang", [])
            last.lanjut, last.lanjut_path = step.get("lanjut_ke"), path + ("lanjut_ke",)
            return specs
        for key in ("pelaksana", "cabang", "lanjut_ke"):
            if key in step:
                self.error(path + (key,), f"'{key}' ditulis pada setiap simbol bila baris memakai 'simbol'")
        return [
            _Spec(
                path + ("simbol", i),
                item.get("pelaksana"),
                item.get("bentuk"),
                item.get("teks"),
                item.get("id"),
                item.get("cabang", []),
                item.get("lanjut_ke"),
                path + ("simbol", i, "lanjut_ke"),
            )
            for i, item in enumerate(step["simbol"])
        ]

    def _ids(self) -> None:
        for index, step in enumerate(self.steps):
            named = [(step.get("id"), None, ("langkah", index, "id"))]
            named += [(spec.id, i, spec.path + ("id",)) for i, spec in enumerate(self.specs[index])]
            for ident, symbol, where in named:
                if ident is None:
                    continue
                what = "id langkah" if symbol is None else "id simbol"
                if ident == END:
                    self.error(where, f"'{END}' tidak boleh dipakai sebagai {what}")
                elif ident in self.ids:
                    self.error(where, f"{what} '{ident}' sudah dipakai {self._name(self.ids[ident][0])}")
                else:
                    self.ids[ident] = (index + 1, symbol)

    def _name(self, position: int) -> str:
        step = self.steps[position - 1]
        if "nomor" in step:
            return f"langkah {str(step['nomor']).strip()}"
        return f"baris ke-{position} (tanpa nomor)" if self.printed else f"langkah {position}"

    # --- arrows -----------------------------------------------------------------------

    def _parallel(self, position: int) -> bool:
        return self.parallel[position - 1]

    def _is_parallel(self, step: dict) -> bool:
        return step.get("alur") == m.BERSAMAAN or ("simbol" not in step and isinstance(step.get("pelaksana"), list))

    def entries(self, position: int, named: bool = True) -> tuple[tuple[int, int], ...]:
        """The symbols an arrow into the row enters: its first (a chain), or all (parallel); never a start,
        unless the arrow names a row of starts only (``named``)."""
        key = (position, named)  # asked for about three times per row: every arrow into it, and its own
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = self._find_entries(position, named)
        return found

    def _find_entries(self, position: int, named: bool) -> tuple[tuple[int, int], ...]:
        specs = self.specs[position - 1]
        open_ = [i for i, spec in enumerate(specs) if spec.bentuk != m.MULAI]
        if not open_:
            if not named:
                return ()
            open_ = [0]
        if not self._parallel(position):
            open_ = open_[:1]
        elif "simbol" not in self.steps[position - 1] and self.steps[position - 1].get("cabang"):
            open_ = open_[:-1] or open_  # a joint decision: the others join into the deciding symbol
        return tuple((position, i) for i in open_)

    def resolve(self, value, path) -> tuple[tuple[int, int], ...] | None:
        """The symbols a target names; ``()`` for ``selesai``; ``None`` (reported) when it names nothing."""
        count = len(self.steps)
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int):
            if self.printed:
                value = str(value)
            elif 1 <= value <= count:
                return self.entries(value)
            else:
                self.error(path, f"langkah {value} tidak ada; SOP ini punya {count} langkah")
                return None
        value = value.strip()
        if value == END:
            return ()
        if value in self.repeated:
            self.error(path, f"nomor '{value}' dipakai lebih dari satu baris; rujuk baris atau simbolnya dengan id")
            return None
        if value in self.labels:
            return self.entries(self.labels[value])
        if value in self.ids:
            row, symbol = self.ids[value]
            return self.entries(row) if symbol is None else ((row, symbol),)
        if not self.printed and value.isdigit():  # a position written in quotes
            if 1 <= int(value) <= count:
                return self.entries(int(value))
            self.error(path, f"langkah {int(value)} tidak ada; SOP ini punya {count} langkah")
            return None
        hint = _suggest(value, list(self.labels) + list(self.ids) + [END])
        if self.printed:
            self.error(path, f"tidak ada langkah bernomor '{value}' dan tidak ada langkah atau simbol dengan id itu{hint}")
        else:
            self.error(path, f"tidak ada langkah dengan id '{value}'{hint}")
        return None

    def _targets(self, value, path) -> tuple[tuple[tuple[int, int], ...], bool] | None:
        """The symbols a target (or a list of them) enters, and whether it also ends the procedure
        (``selesai`` among them); ``None`` (reported) when one names nothing."""
        values = value if isinstance(value, list) else [value]
        found: list[tuple[int, int]] = []
        ends = False
        for i, item in enumerate(values):
            keys = self.resolve(item, path + ((i,) if isinstance(value, list) else ()))
            if keys is None:
                return None
            ends = ends or keys == ()
            found.extend(key for key in keys if key not in found)
        return tuple(found), ends

    def _default(self, position: int, index: int) -> tuple[tuple[int, int], ...] | None:
        """Where a symbol's unlabelled arrow goes when nothing says otherwise; ``None``: unknown."""
        specs = self.specs[position - 1]
        if position in self.unknown_flow:
            return None
        parallel = self._parallel(position)
        if parallel and "simbol" not in self.steps[position - 1] and self.steps[position - 1].get("cabang"):
            return ((position, len(specs) - 1),)  # a joint decision: join into the deciding symbol
        if not parallel and index + 1 < len(specs):
            return ((position, index + 1),)
        following = position + 1  # rows holding only starts are passed over: no arrow enters a start
        while (
            following <= len(self.steps) and following not in self.unknown_flow and not self._new_table(following)
            and not self.entries(following, False)
        ):
            following += 1
        if following > len(self.steps) or self._new_table(following):
            return ()  # the table ends here: the next one is a procedure of its own
        if following in self.unknown_flow:
            return None
        targets = self.entries(following)
        if parallel and self._parallel(following) and following == position + 1:
            own = specs[index].pelaksana
            same = [key for key in targets if self.specs[following - 1][key[1]].pelaksana == own]
            targets = tuple(same) or targets
        return targets

    def _exits(self, position: int, index: int, spec: _Spec) -> tuple[tuple[m.Keluar, ...], bool]:
        """The symbol's arrows, and whether it ends the procedure."""
        keluar: list[m.Keluar] = []
        for number, exit_ in enumerate(spec.cabang):
            where = (spec.path if "simbol" in spec.path else ("langkah", position - 1)) + ("cabang", number)
            found = self._targets(exit_["ke"], where + ("ke",))
            keys, end = found if found is not None else ((), False)
            if keys or found is None:
                keluar.append(m.Keluar(exit_.get("label"), keys, self.b.at(*where)))
            if end:  # one exit may both go on and end ("ke: [3, selesai]")
                keluar.append(m.Keluar(exit_.get("label"), (), self.b.at(*where)))
        if spec.cabang:
            return tuple(keluar), any(not k.ke for k in keluar)
        if spec.lanjut is None:
            if spec.bentuk == m.SELESAI:
                return (), True
            keys = self._default(position, index)
            if keys is None:
                return (), False
            return ((m.Keluar(None, keys, self.b.at(*spec.path)),) if keys else ()), not keys
        values = spec.lanjut if isinstance(spec.lanjut, list) else [spec.lanjut]
        ends = False  # lanjut_ke: [] is a symbol the sheet draws with no arrow out: no end, no arrow
        for i, item in enumerate(values):
            where = spec.lanjut_path + ((i,) if isinstance(spec.lanjut, list) else ())
            label, target = (item.get("label"), item["ke"]) if isinstance(item, dict) else (None, item)
            heads = item.get("panah") if isinstance(item, dict) else None
            found = self._targets(target, where + (("ke",) if isinstance(item, dict) else ()))
            if found is None:
                continue
            keys, end = found
            if end and label is None and not keys:
                ends = True  # a labelled arrow to the end is drawn to an end capsule of its own
            if keys:
                keluar.append(m.Keluar(label, keys, self.b.at(*where), heads))
            if end:  # an end is a way out too: the rules read the procedure as finishing here
                keluar.append(m.Keluar(label, (), self.b.at(*where), heads))
        return tuple(keluar), ends

    # --- the row ----------------------------------------------------------------------

    def _pelaksana(self, name: str | None, where: tuple) -> str | None:
        if name is None:
            return None
        if name in self.shared:
            self.error(where, f"pelaksana '{name}' ada pada lebih dari satu kelompok; sebut dengan id-nya")
            return None
        if name not in self.names:
            self.error(where, f"pelaksana '{name}' tidak ada dalam daftar pelaksana{_suggest(name, list(self.names))}")
            return None
        return self.names[name]

    def _row(self, index: int, step: dict) -> m.Langkah:
        position = index + 1
        written = step.get("tidak_terbaca", ())
        unknown = tuple(part for part in UNKNOWN_PARTS if part in written)  # one order, whatever was written
        symbols: list[m.Simbol] = []
        seen: dict[str, int] = {}
        for i, spec in enumerate(self.specs[index]):
            where = spec.path + (("pelaksana",) if "simbol" in spec.path else ())
            ident = self._pelaksana(spec.pelaksana, where)
            if ident is not None and ident in seen and "simbol" not in spec.path:
                self.error(where, f"pelaksana '{spec.pelaksana}' disebut dua kali pada langkah ini")
            elif ident is not None:
                seen[ident] = i  # two symbols of a row in one column are drawn side by side in it
            keluar, ends = self._exits(position, i, spec)
            bentuk = spec.bentuk or self._infer(position, i, spec, ends)
            teks = spec.teks
            symbols.append(m.Simbol(position, i, spec.id, ident, bentuk, teks, keluar, self.b.at(*spec.path)))
        return self._langkah(index, step, tuple(symbols), unknown)

    def _tabel(self, index: int) -> m.Tabel | None:
        """The table a row starts, its columns resolved to ids; a symbol of the table standing in a
        column the table does not list is reported."""
        written = self.steps[index].get("tabel")
        if written is None:
            return None
        path = ("langkah", index, "tabel")
        if not isinstance(written, dict):
            return m.Tabel(written)
        columns = tuple(
            ident for i, name in enumerate(written.get("pelaksana", ()))
            if (ident := self._pelaksana(name, path + ("pelaksana", i))) is not None
        )
        if "pelaksana" in written:
            end = next((j for j in range(index + 1, len(self.steps)) if "tabel" in self.steps[j]), len(self.steps))
            for j in range(index, end):
                for spec in self.specs[j]:
                    ident = self.names.get(spec.pelaksana) if spec.pelaksana is not None else None
                    if ident is not None and ident not in columns and spec.pelaksana not in self.shared:
                        where = spec.path + (("pelaksana",) if "simbol" in spec.path else ())
                        self.error(where, f"pelaksana '{spec.pelaksana}' bukan kolom tabel ini (tabel.pelaksana pada baris {index + 1})")
        return m.Tabel(written.get("judul"), columns, self.b.texts(written.get("catatan"), *path, "catatan"))

    def _new_table(self, position: int) -> bool:
        """Whether the row starts a table after the first (``tabel``)."""
        return position > 1 and "tabel" in self.steps[position - 1]

    def _infer(self, position: int, index: int, spec: _Spec, ends: bool) -> str:
        if spec.cabang:
            return m.KEPUTUSAN
        first = position == 1 or self._new_table(position)  # the first row of each table starts it
        if first and (index == 0 or self._parallel(position)) and not self.steps[position - 1].get("cabang"):
            return m.MULAI
        return m.SELESAI if ends else m.PROSES

    @staticmethod
    def _next_row(position: int, symbols: tuple[m.Simbol, ...]) -> int | None:
        """The first other row an arrow of the row enters."""
        for symbol in symbols:
            for keluar in symbol.keluar:
                for row, _ in keluar.ke:
                    if row != position:
                        return row
        return None

    def _langkah(self, index: int, step: dict, symbols: tuple[m.Simbol, ...], unknown: tuple[str, ...]) -> m.Langkah:
        position, path, b = index + 1, ("langkah", index), self.b
        cabang = tuple(
            m.Cabang(k.label, k.ke[0][0] if k.ke else None, k.location)
            for s in symbols if s.bentuk == m.KEPUTUSAN for k in s.keluar
        )
        lanjut = None if position in self.unknown_flow else self._next_row(position, symbols)
        if "nomor" in step:
            label = str(step["nomor"])  # as printed; matched without its surrounding spaces
        else:
            label = "" if self.printed else str(position)
        pelaksana = tuple(dict.fromkeys(s.pelaksana for s in symbols if s.pelaksana is not None))
        return m.Langkah(
            nomor=position,
            id=step.get("id"),
            kegiatan=b.text(step["kegiatan"], *path, "kegiatan"),
            pelaksana=pelaksana,
            kelengkapan=b.texts(step.get("kelengkapan"), *path, "kelengkapan"),
            waktu=b.waktu(step.get("waktu"), *path, "waktu"),
            output=b.texts(step.get("output"), *path, "output"),
            keterangan=b.text(step.get("keterangan"), *path, "keterangan"),
            cabang=cabang,
            lanjut_ke=None if cabang else lanjut,
            location=b.at(*path),
            label=label,
            simbol=symbols,
            alur=m.BERSAMAAN if self._parallel(position) else m.BERANTAI,
            tidak_terbaca=unknown,
            waktu_baris=step.get("waktu_gabung", 1),
            pelaksana_gabung=bool(step.get("pelaksana_gabung")),
            masuk=tuple(index for _, index in self.entries(position)),
            tabel=self._tabel(index),
            dalam_tabel=self.table_of.get(position) or None,
            waktu_dari=self.merged.get(position),
        )
