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
    """Mark every text value of ``draft`` read from ``pages`` (the scanned ones); the number marked.
    In a PDF of text-layer and scanned pages, a value from a text-layer page is left unmarked: the
    identity block and sections stand on the draft's first page, a step on its row's page."""
    scanned = {page.number for page in pages}
    rows = [(row.page, row.top, row.bottom) for table in getattr(draft, "tables", []) for row in table.rows]
    marks: list[tuple[tuple, str, tuple | None]] = []
    if not getattr(draft, "pages", None) or draft.pages[0] in scanned:
        marks += _identity_values(draft.data)
    if not rows or rows[0][0] in scanned:
        marks += [(("pelaksana", i), name.get("nama") if isinstance(name, dict) else name, None)
                  for i, name in enumerate(draft.data.get("pelaksana") or [])]
    for index, step in enumerate(draft.data.get("langkah") or []):
        within = rows[index] if index < len(rows) else None
        if within is None or within[0] in scanned:
            marks += [(path, text, within) for path, text in _step_values(index, step)]
    marked = 0
    for path, text, within in marks:
        if isinstance(text, str) and text != "?":
            draft.check(path, _reason(text, pages, within))
            marked += 1
    return marked


def _identity_values(data: dict) -> list[tuple[tuple, object, None]]:
    out = [((key,), data.get(key), None) for key in IDENTITY]
    approval = data.get("disahkan_oleh")
    if isinstance(approval, dict):
        out += [(("disahkan_oleh", key), approval.get(key), None) for key in ("jabatan", "nama", "nip")]
    out += [((key, index), item, None) for key in SECTIONS for index, item in enumerate(data.get(key) or [])]
    return out


def _step_values(index: int, step: dict) -> list[tuple[tuple, object]]:
    out = []
    for key in STEP_TEXTS:
        value = step.get(key)
        if isinstance(value, list):
            out += [(("langkah", index, key, k), item) for k, item in enumerate(value)]
        else:
            out.append((("langkah", index, key), value))
    return out
