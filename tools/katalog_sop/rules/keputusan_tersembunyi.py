"""A decision hidden in a process box: the step's words decide, the drawing does not.

"Jika setuju ... Jika tidak setuju ...", "koreksi dikembalikan kepada ...",
"untuk dimintakan persetujuan" with no decision after it: the text has a
rejection path the sheet does not draw (seeds 000, 001, 004). A heuristic on
the words, so a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Langkah, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.keputusan import DECISION_CLAUSE

_CUE = re.compile(r"bila|jika|kalau|kembali|setuju|dalam hal")
"""Cheap first look (lower case): only a text with one of these can match the patterns below."""
_CONDITION = re.compile(
    r"\b(?:jika|apabila|bila|bilamana|kalau)\s+(?:\S+\s+){0,2}?"
    r"(?:tidak|setuju|disetujui|menyetujui|lengkap|benar|sesuai|valid|ditolak|memenuhi|terdapat|dibutuhkan|diperlukan)\b",
    re.IGNORECASE,
)
_CONDITIONAL_STEP = re.compile(r"\W*(?:jika|apabila|bila|bilamana|kalau|dalam hal)\b", re.IGNORECASE)
"""A step that starts with its condition ("Jika surat dikirim via email, ...") is done only in some cases."""
_RETURN = re.compile(r"\b(?:dikembalikan|mengembalikan)\b", re.IGNORECASE)
_APPROVAL = re.compile(
    r"\b(?:dimintakan|meminta(?:kan)?|memohon(?:kan)?|mengajukan)\s+persetujuan\b|\buntuk\s+disetujui\b",
    re.IGNORECASE,
)


@rule("SOPAP-F07", "keputusan-tersembunyi", Severity.WARNING, tag="N", clause=DECISION_CLAUSE)
def keputusan_tersembunyi(sop: Sop, context: Context) -> Iterator[Finding]:
    """Langkah yang uraiannya menggambarkan keputusan digambar sebagai keputusan.

    Mengapa: rumusan "Jika setuju ... jika tidak ...", "dikembalikan untuk
    diperbaiki", atau permintaan persetujuan yang tidak diikuti keputusan
    menyembunyikan jalur penolakan dari lembar flowchart. Perbaikan: gambarkan
    langkah tersebut (atau langkah berikutnya dari pejabat yang memberi
    persetujuan) sebagai keputusan dengan ``cabang``.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Memeriksa berkas; jika tidak lengkap mengembalikan berkas kepada pemohon
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 3}, {label: Tidak lengkap, ke: 1}]
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Memeriksa berkas; jika tidak lengkap mengembalikan berkas kepada pemohon,
             pelaksana: Kasi Pemerintahan, kelengkapan: Berkas permohonan, waktu: 15 menit,
             output: Berkas lengkap}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    for step in sop.langkah:
        if not step.cabang:
            message = hidden_decision(step, sop)
            if message:
                yield step.kegiatan.location, message


def hidden_decision(step: Langkah, sop: Sop) -> str | None:
    """Why the process ``step`` reads as a decision, or ``None``."""
    text = step.kegiatan.value
    if not _CUE.search(text.lower()):
        return None
    if match := _CONDITION.search(text) or _RETURN.search(text) or _CONDITIONAL_STEP.match(text):
        return (
            f"uraian {step.sebutan} menyebut keputusan ('{match.group(0)}') tetapi digambar sebagai {_drawn(step)}; "
            "gambarkan sebagai keputusan dengan cabang"
        )
    if (match := _APPROVAL.search(text)) and not _next_is_decision(step, sop):
        return (
            f"{step.sebutan} meminta persetujuan ('{match.group(0)}') tetapi tidak diikuti keputusan; "
            "jalur bila tidak disetujui tidak tergambar"
        )
    return None


def _next_is_decision(step: Langkah, sop: Sop) -> bool:
    target = step.lanjut_ke
    return target is not None and sop.langkah[target - 1].is_keputusan


def _drawn(step) -> str:
    """What the row is drawn as, in the form's words: "proses", "kapsul mulai", "kapsul selesai"."""
    kinds = {symbol.bentuk for symbol in step.simbol} or {"proses"}
    if kinds == {"mulai"}:
        return "kapsul mulai"
    if kinds == {"selesai"}:
        return "kapsul selesai"
    return "proses"
