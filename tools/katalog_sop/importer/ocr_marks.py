"""Import stage, the marks of what OCR read: every value of a draft taken from a scanned page gets a
``# PERIKSA`` comment saying where on the page it stands and how sure the OCR was.

A value is found again among the page's words by its first words (the words
that made it, in reading order); its place is that first word's, in points
from the straightened page's top left, and its sureness the mean of those
words' confidences. A value that cannot be found again is still marked, with
its page only: nothing read by OCR goes unmarked.
"""

from __future__ import annotations

import re

SECTIONS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
            "pencatatan_pendataan")
IDENTITY = ("nama", "nomor", "instansi", "unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
STEP_TEXTS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")
LOW = 60.0
"""Below this mean confidence (0-100) a value is said to be doubtful."""


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"\s+", text.strip()) if t]


def locate(value: str, pages: list, within: tuple | None = None) -> tuple[int, float, float, float] | None:
    """(page number from 1, x, y, mean confidence) of the words that begin ``value``, or None;
    ``within`` (page number from 0, top, bottom) keeps to one step's row, where the same text (a
    Kelengkapan repeated down the table) stands in many."""
    wanted = [t.lower() for t in _tokens(value)[:4]]
    if not wanted:
        return None
    for page in pages:
        words = page.words
        if within is not None:
            if page.number != within[0]:
                continue
            words = [w for w in words if within[1] - 2 <= w.cy <= within[2] + 2]
        for index in range(len(words) - len(wanted) + 1):
            if all(words[index + k].text.lower() == wanted[k] for k in range(len(wanted))):
                run = [w for w in words[index:] if w.top <= words[index].top + 40][: len(_tokens(value))]
                sure = [getattr(w, "confidence", -1.0) for w in run]
                sure = [c for c in sure if c >= 0]
                confidence = sum(sure) / len(sure) if sure else -1.0
                return page.number + 1, words[index].x0, words[index].top, confidence
    return None


def _reason(value: str, pages: list, within: tuple | None = None) -> str:
    found = locate(value, pages, within)
    if found is None:
        numbers = ", ".join(str(p.number + 1) for p in pages)
        return f"dibaca dengan OCR dari halaman {numbers}; bandingkan dengan pindaiannya"
    number, x, y, confidence = found
    sure = f", keyakinan {confidence:.0f} %" if confidence >= 0 else ""
    doubt = " (rendah)" if 0 <= confidence < LOW else ""
    return f"dibaca dengan OCR, halaman {number} (x {x:.0f} pt, y {y:.0f} pt{sure}{doubt})"


def mark_ocr(draft, pages: list) -> int:
    """Mark every text value of ``draft`` read from ``pages`` (the scanned ones); the number marked."""
    data, marked = draft.data, 0
    for key in IDENTITY:
        if isinstance(data.get(key), str):
            draft.check((key,), _reason(data[key], pages))
            marked += 1
    approval = data.get("disahkan_oleh")
    if isinstance(approval, dict):
        for key in ("jabatan", "nama", "nip"):
            if isinstance(approval.get(key), str):
                draft.check(("disahkan_oleh", key), _reason(approval[key], pages))
                marked += 1
    for key in SECTIONS:
        for index, item in enumerate(data.get(key) or []):
            if isinstance(item, str):
                draft.check((key, index), _reason(item, pages))
                marked += 1
    for index, name in enumerate(data.get("pelaksana") or []):
        text = name.get("nama") if isinstance(name, dict) else name
        if isinstance(text, str):
            draft.check(("pelaksana", index), _reason(text, pages))
            marked += 1
    rows = [(row.page, row.top, row.bottom) for table in getattr(draft, "tables", []) for row in table.rows]
    for index, step in enumerate(data.get("langkah") or []):
        within = rows[index] if index < len(rows) else None
        for key in STEP_TEXTS:
            value = step.get(key)
            values = value if isinstance(value, list) else [value]
            for k, item in enumerate(values):
                if isinstance(item, str) and item != "?":
                    path = ("langkah", index, key) + ((k,) if isinstance(value, list) else ())
                    draft.check(path, _reason(item, pages, within))
                    marked += 1
    return marked
