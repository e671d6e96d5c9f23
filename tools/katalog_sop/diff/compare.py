"""Diff stage: what changed between two checked catalogues, in the SOP's own terms.

Takes the :class:`~katalog_sop.check.CheckResult` of each side and returns
one :class:`SopDiff` per SOP that changed: added, removed, renamed (a moved
file is the same SOP), changed, or only its findings changed (a catalogue-wide
rule now judges it differently). For a changed SOP it says which identity
fields changed, which items each section gained or lost, which steps were
added, removed, moved or changed (and in what: pelaksana, kegiatan,
kelengkapan, waktu with the difference, output, keterangan, branches), the
total time along the main path before and after, and the findings introduced
and resolved.

Pure: no I/O, no output formats (see :mod:`katalog_sop.diff.formats`).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from katalog_sop.build import SECTIONS
from katalog_sop.check import CheckResult, FileCheck
from katalog_sop.diff.findings import finding_changes
from katalog_sop.diff.steps import StepPair, match_steps
from katalog_sop.formulir import column_name
from katalog_sop.model import BERSAMAAN, Langkah, Sop, Text
from katalog_sop.problem import Problem
from katalog_sop.site.labels import FIELDS
from katalog_sop.waktu_total import SECONDS, total_waktu
from katalog_sop.waktu import Durasi, UNIT_LABELS, format_number

ADDED, REMOVED, RENAMED, CHANGED, FINDINGS = "ditambahkan", "dihapus", "dipindah", "diubah", "temuan"
"""Kinds of :class:`SopDiff` (and, but the last two, of :class:`StepChange`)."""

MOVED = "dipindah"
PROCESS = "(langkah proses, tanpa cabang)"
RENAME_ALIKE = 0.5
"""How alike (``difflib`` ratio of lines) a removed and an added file must be to be one SOP moved."""


@dataclass(frozen=True)
class FieldChange:
    label: str
    """The form's word for the field: "Nomor SOP", "pelaksana", "waktu" ..."""
    before: str | None
    after: str | None
    note: str = ""
    """What the change amounts to, where it can be said: the waktu difference ("-1 hari")."""


@dataclass(frozen=True)
class ItemsChange:
    label: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class StepChange:
    kind: str
    """ADDED, REMOVED, MOVED or CHANGED."""
    before: int | None
    """The step's number in the old SOP."""
    after: int | None
    """The step's number in the new SOP."""
    kegiatan: str
    """As the new SOP words it (the old one's for a removed step)."""
    changes: tuple[FieldChange, ...] = ()
    moved: bool = False
    label_before: str | None = None
    """The number printed for the step in the old SOP ("5a"; "" for an unnumbered row); ``None``: as ``before``."""
    label_after: str | None = None

    @property
    def shown_before(self) -> str:
        return _shown(self.label_before, self.before)

    @property
    def shown_after(self) -> str:
        return _shown(self.label_after, self.after)


def _shown(label: str | None, position: int | None) -> str:
    """How a message names the row: its printed number, or its place where it prints none."""
    if label:
        return f"langkah {label}"
    return f"baris ke-{position} (tanpa nomor)" if label == "" else f"langkah {position}"


@dataclass(frozen=True)
class SopDiff:
    kind: str
    sop_id: str
    """The new id (the old one for a removed SOP)."""
    nama: str
    path_before: str | None
    path_after: str | None
    sop_id_before: str | None = None
    """The old id, where the SOP had one (it differs from ``sop_id`` when the file moved)."""
    fields: tuple[FieldChange, ...] = ()
    sections: tuple[ItemsChange, ...] = ()
    steps: tuple[StepChange, ...] = ()
    total_before: str = ""
    total_after: str = ""
    introduced: tuple[Problem, ...] = ()
    resolved: tuple[Problem, ...] = ()
    unreadable: tuple[Problem, ...] = ()
    """Errors that keep the new (or, when removed, the old) file from being an SOP."""

    @property
    def steps_changed(self) -> bool:
        return bool(self.steps) or self.total_before != self.total_after


@dataclass(frozen=True)
class CatalogueDiff:
    before_label: str
    after_label: str
    sops: tuple[SopDiff, ...]
    unchanged: int
    """SOPs present on both sides with the same text and the same findings."""
    counts: dict = field(default_factory=dict)
    monitoring: tuple = ()
    """The monitoring records that changed (:class:`katalog_sop.diff.monitoring.RecordDiff`)."""


def compare(
    before: CheckResult,
    after: CheckResult,
    texts_before: dict[str, bytes],
    texts_after: dict[str, bytes],
    *,
    before_label: str,
    after_label: str,
) -> CatalogueDiff:
    """Compare two checked catalogues; ``texts_*`` are each file's bytes by its path as shown."""
    old = {f.source.sop_id: f for f in before.files}
    new = {f.source.sop_id: f for f in after.files}
    problems_before, problems_after = _by_path(before.problems), _by_path(after.problems)
    pairs = [(old[i], new[i]) for i in sorted(old.keys() & new.keys())]
    removed = [old[i] for i in sorted(old.keys() - new.keys())]
    added = [new[i] for i in sorted(new.keys() - old.keys())]
    renamed = _renames(removed, added, texts_before, texts_after)
    renamed_old = {id(a) for a, _ in renamed}
    renamed_new = {id(b) for _, b in renamed}
    diffs: list[SopDiff] = []
    unchanged = 0
    for a, b in pairs + renamed:
        same_text = texts_before.get(a.source.display) == texts_after.get(b.source.display)
        found_a, found_b = problems_before.get(a.source.display, ()), problems_after.get(b.source.display, ())
        if same_text and a.source.sop_id == b.source.sop_id and finding_changes(found_a, found_b, None) == ((), ()):
            unchanged += 1
            continue
        kind = RENAMED if a.source.sop_id != b.source.sop_id else CHANGED if not same_text else FINDINGS
        diffs.append(_changed(kind, a, b, found_a, found_b))
    for a in removed:
        if id(a) not in renamed_old:
            diffs.append(_one_side(REMOVED, a, problems_before.get(a.source.display, ())))
    for b in added:
        if id(b) not in renamed_new:
            diffs.append(_one_side(ADDED, b, problems_after.get(b.source.display, ())))
    diffs.sort(key=lambda d: d.sop_id)
    counts = Counter(d.kind for d in diffs)
    return CatalogueDiff(before_label, after_label, tuple(diffs), unchanged, dict(counts))


def _by_path(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.counts:
            grouped.setdefault(problem.location.path, []).append(problem)
    return grouped


# --- renames ----------------------------------------------------------------------------------


def _renames(removed: list[FileCheck], added: list[FileCheck], old: dict, new: dict) -> list[tuple[FileCheck, FileCheck]]:
    """Removed and added files that are one SOP moved: most alike first, like git's rename detection."""
    candidates = []
    for a in removed:
        lines_a = old.get(a.source.display, b"").decode("utf-8", "replace").splitlines()
        for b in added:
            lines_b = new.get(b.source.display, b"").decode("utf-8", "replace").splitlines()
            matcher = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False)
            if matcher.quick_ratio() >= RENAME_ALIKE:
                score = matcher.ratio()
                if score >= RENAME_ALIKE:
                    candidates.append((score, a.source.display, b.source.display, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    pairs = []
    for _, _, _, a, b in candidates:
        if id(a) not in taken_a and id(b) not in taken_b:
            taken_a.add(id(a))
            taken_b.add(id(b))
            pairs.append((a, b))
    return pairs


# --- one SOP ----------------------------------------------------------------------------------


def _name(check: FileCheck) -> str:
    return check.sop.nama.value if check.sop is not None else check.source.sop_id


def _one_side(kind: str, check: FileCheck, problems: Sequence[Problem]) -> SopDiff:
    sop = check.sop
    unreadable = tuple(p for p in problems if p.is_error) if sop is None else ()
    found = tuple(problems)
    return SopDiff(
        kind, check.source.sop_id, _name(check),
        path_before=check.source.display if kind == REMOVED else None,
        path_after=check.source.display if kind == ADDED else None,
        sop_id_before=check.source.sop_id if kind == REMOVED else None,
        steps=tuple(
            StepChange(
                kind, step.nomor if kind == REMOVED else None, step.nomor if kind == ADDED else None, step.kegiatan.value,
                label_before=step.label if kind == REMOVED else None, label_after=step.label if kind == ADDED else None,
            )
            for step in (sop.langkah if sop is not None else ())
        ),
        total_before=total_waktu(sop).text if sop is not None and kind == REMOVED else "",
        total_after=total_waktu(sop).text if sop is not None and kind == ADDED else "",
        introduced=found if kind == ADDED else (),
        resolved=found if kind == REMOVED else (),
        unreadable=unreadable,
    )


def _changed(kind: str, a: FileCheck, b: FileCheck, found_a: Sequence[Problem], found_b: Sequence[Problem]) -> SopDiff:
    old, new = a.sop, b.sop
    pairs = match_steps(old.langkah, new.langkah) if old is not None and new is not None else []
    step_map = {p.before: p.after for p in pairs if p.before is not None}
    introduced, resolved = finding_changes(found_a, found_b, step_map)
    common = dict(
        sop_id=b.source.sop_id, nama=_name(b), path_before=a.source.display, path_after=b.source.display,
        sop_id_before=a.source.sop_id, introduced=introduced, resolved=resolved,
    )
    if new is None:  # not an SOP any more: say why; its old findings are not resolved by that
        common.update(introduced=(), resolved=())
        return SopDiff(kind, unreadable=tuple(p for p in found_b if p.is_error), **common)
    if old is None:  # an SOP again: the errors that kept it from being one are resolved, its findings are new
        common.update(introduced=tuple(found_b), resolved=tuple(found_a))
        return SopDiff(kind, **common)
    return SopDiff(
        kind,
        fields=tuple(_field_changes(old, new)),
        sections=tuple(_section_changes(old, new)),
        steps=tuple(_step_changes(old, new, pairs, step_map)),
        total_before=total_waktu(old).text,
        total_after=total_waktu(new).text,
        **common,
    )


def _text(value: Text | None) -> str | None:
    return None if value is None else value.value


def _identity(sop: Sop) -> dict[str, str | None]:
    pengesahan = sop.disahkan_oleh
    return {
        FIELDS["nama"]: sop.nama.value,
        FIELDS["nomor"]: _text(sop.nomor),
        FIELDS["instansi"]: _text(sop.instansi),
        FIELDS["unit"]: _text(sop.unit),
        FIELDS["kategori"]: _text(sop.kategori),
        FIELDS["tanggal_pembuatan"]: sop.tanggal_pembuatan.raw if sop.tanggal_pembuatan else None,
        FIELDS["tanggal_revisi"]: sop.tanggal_revisi.raw if sop.tanggal_revisi else None,
        FIELDS["tanggal_efektif"]: sop.tanggal_efektif.raw if sop.tanggal_efektif else None,
        "Disahkan oleh, jabatan": _text(pengesahan.jabatan) if pengesahan else None,
        "Disahkan oleh, nama": _text(pengesahan.nama) if pengesahan else None,
        "Disahkan oleh, NIP": pengesahan.nip.raw if pengesahan and pengesahan.nip else None,
        FIELDS["satuan_waktu"]: sop.satuan_waktu,
    }


def _field_changes(old: Sop, new: Sop) -> Iterable[FieldChange]:
    before, after = _identity(old), _identity(new)
    for label, value in after.items():
        if before[label] != value:
            yield FieldChange(label, before[label], value)


def _items_change(label: str, old: Iterable[str], new: Iterable[str]) -> ItemsChange | None:
    a, b = Counter(old), Counter(new)
    added, removed = tuple((b - a).elements()), tuple((a - b).elements())
    return ItemsChange(label, added, removed) if added or removed else None


def _section_changes(old: Sop, new: Sop) -> Iterable[ItemsChange]:
    changes = [_items_change(FIELDS["pelaksana"], (p.nama for p in old.pelaksana), (p.nama for p in new.pelaksana))]
    for name in SECTIONS:
        changes.append(
            _items_change(FIELDS[name], (t.value for t in getattr(old, name)), (t.value for t in getattr(new, name)))
        )
    return [change for change in changes if change is not None]


# --- steps ------------------------------------------------------------------------------------


def _step_changes(old: Sop, new: Sop, pairs: list[StepPair], step_map: dict) -> Iterable[StepChange]:
    for pair in pairs:
        if pair.before is None:
            step = new.langkah[pair.after]
            yield StepChange(ADDED, None, step.nomor, step.kegiatan.value, tuple(_new_step_fields(new, step)), label_after=step.label)
            continue
        if pair.after is None:
            step = old.langkah[pair.before]
            yield StepChange(REMOVED, step.nomor, None, step.kegiatan.value, label_before=step.label)
            continue
        a, b = old.langkah[pair.before], new.langkah[pair.after]
        changes = tuple(_step_fields(old, new, a, b, step_map))
        renumbered = a.label != b.label and not (a.label == str(a.nomor) and b.label == str(b.nomor))
        if changes or pair.moved or renumbered:  # a printed number that changed; positions shift on any insert
            yield StepChange(
                CHANGED if changes else MOVED, a.nomor, b.nomor, b.kegiatan.value, changes, pair.moved, a.label, b.label
            )


def _names(sop: Sop, step: Langkah) -> str:
    """The row's columns: "A" ; "A → B" for a hand-off inside the row; "A, B (bersamaan)" in parallel."""
    names = [column_name(sop, s.pelaksana) if s.pelaksana else "?" for s in step.simbol]
    if len(names) > 1:
        return " → ".join(names) if step.alur != BERSAMAAN else ", ".join(names) + " (bersamaan)"
    return ", ".join(column_name(sop, p) for p in step.pelaksana)


def _shape_changed(a: Langkah, b: Langkah) -> bool:
    """Whether the row's symbols changed in kind or printed text, beyond what the pelaksana and the
    exits already say (a process becoming a decision is said by its new exits)."""
    shape = lambda step: [(s.bentuk if s.bentuk not in ("proses", "keputusan") else "", s.teks) for s in step.simbol]
    return shape(a) != shape(b)


def _symbols(sop: Sop, step: Langkah) -> str:
    """Each symbol's kind and printed text: "Staf: proses; Kasubag: keputusan «Lengkap?»"."""
    parts = []
    for symbol in step.simbol:
        who = column_name(sop, symbol.pelaksana) if symbol.pelaksana else "?"
        text = f" \u00ab{symbol.teks}\u00bb" if symbol.teks else ""
        parts.append(f"{who}: {symbol.bentuk}{text}")
    return "; ".join(parts)


def _table(sop: Sop, step: Langkah) -> str | None:
    """The table a row starts, as its title, columns and notes: "Belanja Barang; kolom: A, B; catatan: …"."""
    tabel = step.tabel
    if tabel is None:
        return None
    parts = [tabel.judul or "(tanpa judul)"]
    if tabel.pelaksana:
        parts.append("kolom: " + ", ".join(column_name(sop, ident) for ident in tabel.pelaksana))
    if tabel.catatan:
        parts.append("catatan: " + " / ".join(t.value for t in tabel.catatan))
    return "; ".join(parts)


def _texts(values: Sequence[Text]) -> str:
    return "; ".join(t.value for t in values)


def _new_step_fields(sop: Sop, step: Langkah) -> Iterable[FieldChange]:
    yield FieldChange(FIELDS["pelaksana"], None, _names(sop, step))
    if step.waktu is not None:
        yield FieldChange(FIELDS["waktu"], None, step.waktu.text)
    arrows = _arrows(sop, step, _named(sop))
    if arrows:
        yield FieldChange(FIELDS["cabang"] if step.cabang else FIELDS["lanjut_ke"], None, arrows)


def _step_fields(old: Sop, new: Sop, a: Langkah, b: Langkah, step_map: dict) -> Iterable[FieldChange]:
    if _names(old, a) != _names(new, b):
        yield FieldChange(FIELDS["pelaksana"], _names(old, a), _names(new, b))
    if a.kegiatan.value != b.kegiatan.value:
        yield FieldChange(FIELDS["kegiatan"], a.kegiatan.value, b.kegiatan.value)
    if _texts(a.kelengkapan) != _texts(b.kelengkapan):
        yield FieldChange(FIELDS["kelengkapan"], _texts(a.kelengkapan), _texts(b.kelengkapan))
    waktu_a = a.waktu.raw if a.waktu else None
    waktu_b = b.waktu.raw if b.waktu else None
    if waktu_a != waktu_b:
        yield FieldChange(
            FIELDS["waktu"], a.waktu.text if a.waktu else None, b.waktu.text if b.waktu else None,
            _difference(a.waktu.durasi if a.waktu else None, b.waktu.durasi if b.waktu else None),
        )
    if _texts(a.output) != _texts(b.output):
        yield FieldChange(FIELDS["output"], _texts(a.output), _texts(b.output))
    if _text(a.keterangan) != _text(b.keterangan):
        yield FieldChange(FIELDS["keterangan"], _text(a.keterangan), _text(b.keterangan))
    if _shape_changed(a, b):
        yield FieldChange(FIELDS["simbol"], _symbols(old, a), _symbols(new, b))
    if _table(old, a) != _table(new, b):
        yield FieldChange(FIELDS["tabel"], _table(old, a), _table(new, b))
    if a.tidak_terbaca != b.tidak_terbaca:
        unknown = lambda step: ", ".join(sorted(step.tidak_terbaca)) or None
        yield FieldChange(FIELDS["tidak_terbaca"], unknown(a), unknown(b))
    # The old arrows in the new numbering: a step inserted before a target renumbers it, which is no
    # change of the arrow. Arrows name their target's column, so a move to another symbol of the row shows.
    if _arrows(old, a, _renumbered(old, step_map)) != _arrows(new, b, _same(new)):
        field = FIELDS["cabang"] if a.cabang or b.cabang else FIELDS["lanjut_ke"]
        yield FieldChange(
            field, _arrows(old, a, _named(old)) or _plain(a), _arrows(new, b, _named(new)) or _plain(b)
        )


def _plain(step: Langkah) -> str:
    return PROCESS if step.cabang or not step.simbol or len(step.simbol) == 1 else "(ke baris berikutnya)"


def _named(sop: Sop):
    """Targets as the reader names them: by the numbers this SOP prints."""
    return lambda row: sop.langkah[row - 1].sebutan


def _same(sop: Sop):
    """Targets by their position in the new SOP (to compare with the old SOP's, renumbered)."""
    return lambda row: f"langkah {row}"


def _renumbered(sop: Sop, step_map: dict):
    """The old SOP's targets by the position their step has in the new SOP."""
    index = {step.nomor: i for i, step in enumerate(sop.langkah)}
    def name(row: int) -> str:
        mapped = step_map.get(index.get(row))
        return "langkah yang dihapus" if mapped is None else f"langkah {mapped + 1}"
    return name


def _arrows(sop: Sop, step: Langkah, name) -> str:
    """Every arrow the row draws beyond "on to the next row", as "Ya: ke langkah 5 (Kepala); Tidak: selesai".

    ``name(row)`` names a target row. An arrow into a row as any arrow enters it (its first symbol, or
    all of a parallel row) names the row; one into particular symbols of a row of several also names
    their columns, so an arrow moved to another symbol of a row reads as a change.
    """
    parts = []
    for symbol in step.simbol:
        decision = symbol.bentuk == "keputusan"
        for keluar in symbol.keluar:
            label = keluar.label or ("(tanpa label)" if decision else "lanjut")
            if not keluar.ke:
                parts.append(f"{label}: selesai")
                continue
            rows: dict[int, list[int]] = {}
            for row, index in keluar.ke:
                if row != step.nomor:  # a hand-on inside the row: the simbol field says the row's order
                    rows.setdefault(row, []).append(index)
            where = []
            for row, indices in rows.items():
                target = sop.langkah[row - 1]
                if tuple(sorted(indices)) == target.masuk:
                    where.append(f"ke {name(row)}")
                else:
                    columns = [column_name(sop, target.simbol[i].pelaksana) if target.simbol[i].pelaksana else "?" for i in indices]
                    where.append(f"ke {name(row)} ({', '.join(columns)})")
            plain = not decision and keluar.label is None and list(rows) == [step.nomor + 1] and "(" not in where[0]
            if where and not plain:
                parts.append(f"{label}: {', '.join(where)}")
    return "; ".join(parts)


def _difference(a: Durasi | None, b: Durasi | None) -> str:
    """The change of a step's time, where the two can be compared: "-1 hari", "+30 menit"."""
    if a is None or b is None:
        return ""
    if a.satuan == b.satuan:
        low, high, label = b.minimum - a.minimum, b.maximum - a.maximum, UNIT_LABELS[a.satuan]
    elif a.satuan in SECONDS and b.satuan in SECONDS:
        low = (b.minimum * SECONDS[b.satuan] - a.minimum * SECONDS[a.satuan]) / 60
        high = (b.maximum * SECONDS[b.satuan] - a.maximum * SECONDS[a.satuan]) / 60
        label = UNIT_LABELS["menit"]
    else:
        return ""  # "hari" and "jam" do not convert (a working day is not 24 hours)
    if low == high == 0:
        return ""
    text = _signed(low) if low == high else f"{_signed(low)}\u2026{_signed(high)}"
    return f"{text} {label}"


def _signed(value: float) -> str:
    number = format_number(abs(value))
    return ("+" if value > 0 else "\u2212" if value < 0 else "") + number
