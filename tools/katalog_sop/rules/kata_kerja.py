"""Indonesian word heuristics for uraian kegiatan: active verb, nominalisation, subject.

Active verbs carry the prefix me- (Menerima, Memeriksa, Menyusun,
Mengkoordinir, Mensosialisasikan) or ber- (Berkoordinasi); nominalisations are
pe-/per-/ke- ... -an (Penandatanganan, Pembuatan, Pengarsipan); a subject is a
few words before the first active verb (Sekretaris menyampaikan, Kepala
Badan mengoreksi, Sekretaris bersama Tim menyusun). Only the first words of a
step are read. Pure functions; the word lists are tested on the seeds' real
sentences (tests/rules/test_kalimat.py).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_HEAD = 120
"""Characters read for the first words (a subject and its verb stand well within them)."""
_ACTIVE = re.compile(r"(?:me[a-z]{3,}|ber[a-z]{4,})\Z")
_NOMINAL = re.compile(r"(?:pe|ke)[a-z]{3,}an\Z")
_PASSIVE = re.compile(r"di[a-z]{3,}(?:kan|i)?\Z")
NOT_VERBS = frozenset({
    # me-/ber- words that are nouns or not verbs: "Menteri menandatangani" has a subject.
    "media", "meja", "mekanisme", "memo", "memori", "menteri", "menu", "merek", "mesin", "metode", "meter",
    "berkas", "berita", "beranda", "berikut", "bersama", "beserta", "berdasarkan",
})
NOT_PASSIVE = frozenset({"dinas", "direktur", "direktorat", "disposisi", "dokumen", "divisi"})
FUNCTION_WORDS = frozenset({
    "jika", "apabila", "bila", "setelah", "sebelum", "untuk", "dengan", "dan", "atau", "atas", "kepada",
    "dari", "dalam", "pada", "yang", "secara", "serta", "agar", "oleh",
})
SUGGESTIONS = {
    "penandatanganan": "Menandatangani", "pembuatan": "Membuat", "penggandaan": "Menggandakan",
    "pengarsipan": "Mengarsipkan", "penyusunan": "Menyusun", "pemeriksaan": "Memeriksa",
    "pengesahan": "Mengesahkan", "pengiriman": "Mengirim", "penyampaian": "Menyampaikan",
    "pengumpulan": "Mengumpulkan", "penerimaan": "Menerima", "pencatatan": "Mencatat",
    "upload": "Mengunggah", "update": "Memperbarui", "input": "Memasukkan", "download": "Mengunduh",
    "print": "Mencetak", "scan": "Memindai", "entry": "Memasukkan", "cek": "Memeriksa",
}
SUBJECT_SPAN = 4
"""A subject is at most this many words before the verb ("Sekretaris bersama Tim menyusun")."""

NOMINAL, SUBJECT, OTHER = "nominal", "subject", "other"


def is_active_verb(word: str) -> bool:
    return bool(_ACTIVE.match(word)) and word not in NOT_VERBS


def is_passive(word: str) -> bool:
    return bool(_PASSIVE.match(word)) and word not in NOT_PASSIVE


def suggestion(word: str) -> str | None:
    """The active verb to write instead of ``word`` ("Pembuatan" -> "Membuat"), where known."""
    return SUGGESTIONS.get(word.lower())


def classify(kegiatan: str, pelaksana_names: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """``None`` for a step that starts with an active verb; else (kind, first words).

    ``pelaksana_names`` are the SOP's pelaksana in lower case, longest first: a
    step that starts with one of them starts with its subject.
    """
    lowered = kegiatan.lower()
    first = _WORD.search(lowered)
    if first is None or is_active_verb(first.group(0)):
        return None
    named = next((name for name in pelaksana_names if lowered.startswith(name + " ")), None)
    if named:
        return SUBJECT, kegiatan[: len(named)]
    words = _WORD.findall(lowered[first.start() : first.start() + _HEAD])  # from the first word: never empty
    if _NOMINAL.match(words[0]):
        return NOMINAL, words[0]
    if words[0] in FUNCTION_WORDS:
        return OTHER, words[0]  # "Jika berkas lengkap, menyerahkan ...": a condition, not a subject
    for index, word in enumerate(words[1:SUBJECT_SPAN + 1], start=1):
        if word in FUNCTION_WORDS:
            break
        if is_active_verb(word):
            return SUBJECT, " ".join(kegiatan.split()[:index])
    return OTHER, words[0]
