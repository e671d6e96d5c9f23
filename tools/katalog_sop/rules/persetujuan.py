"""An approval with no path for "not approved": the flow says yes before anyone has decided.

Real sheets draw "Pengesahan SK" or "Menyetujui ..." as a plain process box,
or end the procedure on a check ("Memeriksa bobot ... " as the end capsule):
what happens when the official does not approve, or the check fails, is
nowhere. An approval drawn right after a decision (the decision's "Ya"
branch) or right before one is not reported: the decision carries the
rejection path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import KEPUTUSAN, SELESAI, Langkah, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.alur import entered_from
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

_APPROVAL = re.compile(
    r"\W*(?:melakukan\s+|memberikan\s+)?(?:pengesahan|mengesahkan|menyetujui|persetujuan)\b", re.IGNORECASE
)
_CHECK = re.compile(r"\W*(?:memeriksa|pemeriksaan)\b", re.IGNORECASE)

CLAUSE = (
    PRAKTIK_UMUM + ": persetujuan atau pemeriksaan yang dapat berakhir 'tidak' digambar sebagai keputusan "
    "(belah ketupat) dengan cabang bila tidak disetujui."
)


@rule("SOPAP-F08", "persetujuan-tanpa-penolakan", Severity.WARNING, tag="CP", clause=CLAUSE)
def persetujuan_tanpa_penolakan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Persetujuan dan pemeriksaan akhir mempunyai jalur bila tidak disetujui.

    Mengapa: langkah "Pengesahan SK" atau "Menyetujui ..." yang digambar
    sebagai proses biasa, atau prosedur yang berakhir pada pemeriksaan
    ("Memeriksa ..." sebagai kapsul selesai), menganggap pejabat selalu
    setuju; apa yang terjadi bila tidak disetujui tidak tertulis di mana pun.
    Tidak dilaporkan bila langkah itu tepat sesudah atau sebelum sebuah
    keputusan (keputusan itulah yang memuat jalur penolakannya).
    Perbaikan: gambarkan persetujuan sebagai keputusan dengan ``cabang``
    (misalnya "Setuju" dan "Tidak setuju", yang kembali ke langkah perbaikan).

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - kegiatan: Menyetujui konsep surat keterangan
            pelaksana: Camat
            kelengkapan: Konsep surat
            waktu: 30 menit
            output: Konsep surat disetujui
            cabang: [{label: Setuju, ke: 3}, {label: Tidak setuju, ke: 1}]
          - {kegiatan: Menyerahkan surat keterangan kepada pemohon, pelaksana: petugas,
             kelengkapan: Surat keterangan, waktu: 5 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menyetujui konsep surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Konsep surat disetujui}
          - {kegiatan: Menyerahkan surat keterangan kepada pemohon, pelaksana: petugas,
             kelengkapan: Surat keterangan, waktu: 5 menit, output: Surat keterangan}
    """
    flagged = []
    for step in sop.langkah:
        text = step.kegiatan.value
        approval = _APPROVAL.match(text)
        if not (approval or (_CHECK.match(text) and _ends(step))):
            continue
        if not (step.is_keputusan or any(symbol.bentuk == KEPUTUSAN for symbol in step.simbol)):
            flagged.append((step, "persetujuan" if approval else "pemeriksaan terakhir"))
    if not flagged:
        return
    entered, rows = entered_from(sop), {step.nomor: step for step in sop.langkah}
    for step, what in flagged:
        if not _next_to_decision(step, rows, entered):
            yield step.kegiatan.location, (
                f"{step.sebutan} ('{_head(step.kegiatan.value)}') adalah {what} yang digambar sebagai {_drawn(step)}; "
                "tidak ada jalur bila tidak disetujui: gambarkan sebagai keputusan dengan cabang"
            )


def _ends(step: Langkah) -> bool:
    """The row ends the procedure: its exits lead nowhere (the end capsule, or no arrow out)."""
    return bool(step.exits) and all(target is None for _, target in step.exits)


def _next_to_decision(step: Langkah, rows: dict[int, Langkah], entered: dict[int, tuple[int, ...]]) -> bool:
    before = set(entered.get(step.nomor, ()))
    after = {target for _, target in step.exits if target is not None}
    return any(rows[n].is_keputusan for n in before | after if n in rows)


def _head(text: str) -> str:
    words = text.split()
    return " ".join(words[:6]) + (" ..." if len(words) > 6 else "")


def _drawn(step: Langkah) -> str:
    kinds = {symbol.bentuk for symbol in step.simbol}
    return "kapsul selesai" if SELESAI in kinds else "proses"
