"""Model stage, derived: the procedure's total time along its main path, in units a reader expects.

Pure; the SOP pages show it, and ``sop diff`` compares it before and after.

The main path starts at step 1 and follows each step's way on: a process
step's next step, a decision's first exit that goes forward (the first exit
when none does), until the procedure ends or a step comes round again.
Minutes, hours and seconds add up into hours and minutes; days, working
days, weeks, months and years are kept apart, since an agency's "hari" and
"jam" do not convert (a working day is not 24 hours).
"""

from __future__ import annotations

from dataclasses import dataclass

from katalog_sop.model import Langkah, Sop
from katalog_sop.waktu import PER_UNIT, UNIT_LABELS, format_number

SECONDS = {"detik": 1, "menit": 60, "jam": 3600}
_LONG_UNITS = ("tahun", "bulan", "minggu", "hari", "hari_kerja")


@dataclass(frozen=True)
class TotalWaktu:
    text: str
    """e.g. "2 hari + 3 jam 30 menit"; empty when no step on the path has a waktu."""
    steps: tuple[int, ...]
    """The main path's step numbers."""
    without_waktu: tuple[int, ...]
    """Steps on the path whose waktu is missing or unreadable."""
    unmeasured: tuple[int, ...] = ()
    """Steps on the path whose waktu is written as words with no amount ("Menyesuaikan", "-"): kept, not missing."""
    per_item: tuple[int, ...] = ()
    """Steps on the path whose waktu is per item ("2 menit/berkas"): counted once, as written."""


def main_path(sop: Sop) -> list[Langkah]:
    steps = {step.nomor: step for step in sop.langkah}
    path: list[Langkah] = []
    number: int | None = 1 if steps else None
    while number is not None and number in steps and all(s.nomor != number for s in path):
        step = steps[number]
        path.append(step)
        targets = [target for _, target in step.exits]
        if not targets:
            break  # the source does not show where this row goes
        forward = [t for t in targets if t is None or t > number]
        number = forward[0] if forward else targets[0]
    return path


def total_waktu(sop: Sop) -> TotalWaktu:
    path = main_path(sop)
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    missing, unmeasured, per_item = [], [], []
    for step in path:
        if step.waktu_dari is not None:
            continue  # under a merged Waktu cell: its time is the covering row's, counted there
        durasi = step.waktu.durasi if step.waktu is not None else None
        if durasi is None:
            (unmeasured if step.waktu is not None and str(step.waktu.raw).strip() else missing).append(step.nomor)
            continue
        if PER_UNIT.search(str(step.waktu.raw).lower()):
            per_item.append(step.nomor)
        unit, factor = ("detik", SECONDS[durasi.satuan]) if durasi.satuan in SECONDS else (durasi.satuan, 1)
        low[unit] = low.get(unit, 0) + durasi.minimum * factor
        high[unit] = high.get(unit, 0) + durasi.maximum * factor
    parts = []
    for unit in _LONG_UNITS:
        if unit in low:
            parts.append(_range(_number(low[unit]), _number(high[unit]), UNIT_LABELS[unit]))
    if "detik" in low:
        parts.append(_range(_clock(low["detik"]), _clock(high["detik"]), ""))
    return TotalWaktu(" + ".join(parts), tuple(s.nomor for s in path), tuple(missing), tuple(unmeasured), tuple(per_item))


def _range(low: str, high: str, label: str) -> str:
    text = low if low == high else f"{low}\u2013{high}"
    return f"{text} {label}".strip()


def _number(value: float) -> str:
    return format_number(value)  # never an exponent: 300 steps of 3,650 days are "1095000 hari"


def _clock(seconds: float) -> str:
    """4500 -> "1 jam 15 menit"; under a minute in seconds."""
    if seconds < 60:
        return f"{_number(seconds)} detik"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} jam"] if hours else []
    if minutes:
        parts.append(f"{minutes} menit")
    return " ".join(parts)
