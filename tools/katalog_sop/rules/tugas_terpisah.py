"""Segregation of duties: the pelaksana who prepares a document is not the one who checks or approves it.

"PJK Wilkerstat" writes the report (step 9) and evaluates it (step 10); a
team validates and then approves its own validation. A check made by the one
who did the work is no check: an auditor writes it up. A check counts when
its kegiatan starts with a checking or approving act (active or nominal),
and the work checked is the row it comes from, a row that makes something
("Menyusun", "Pembuatan", "Merekap"; receiving a file makes nothing), done by
exactly the same pelaksana.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.alur import entered_from
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

_CHECK = re.compile(
    r"\W*(?:melakukan\s+)?(?:memeriksa|pemeriksaan|memverifikasi|verifikasi|memvalidasi|validasi|menilai|penilaian|"
    r"mengevaluasi|evaluasi|mereviu|reviu|review|mengoreksi|koreksi|menyetujui|persetujuan|mengesahkan|pengesahan)\b",
    re.IGNORECASE,
)

_WORK = re.compile(
    r"\W*(?:melakukan\s+)?(?:menyusun|penyusunan|membuat|pembuatan|mengisi|pengisian|menyiapkan|penyiapan|menginput|"
    r"penginputan|input|merekap|rekapitulasi|mengolah|pengolahan|menulis|penulisan|mengerjakan|melaksanakan|pelaksanaan|"
    r"mendata|pendataan|mengumpulkan|pengumpulan|merancang|perancangan|memperbaiki|perbaikan|mencatat|pencatatan|"
    r"menghitung|penghitungan|menganalisis|analisis|mendigitasi|digitasi|mengentri|entri)\b",
    re.IGNORECASE,
)
"""Rows that make something a check could be of; receiving ("Menerima berkas") or sending makes nothing."""

CLAUSE = PRAKTIK_UMUM + ": pemeriksaan dan persetujuan dilakukan oleh pihak lain dari yang mengerjakan (pemisahan tugas)."


@rule("SOPAP-P04", "menilai-pekerjaan-sendiri", Severity.WARNING, tag="CP", clause=CLAUSE)
def menilai_pekerjaan_sendiri(sop: Sop, context: Context) -> Iterator[Finding]:
    """Pemeriksaan atau persetujuan dilakukan oleh pelaksana lain dari yang mengerjakan langkah sebelumnya.

    Mengapa: pelaksana yang memeriksa, memvalidasi, atau menyetujui hasil
    kerjanya sendiri tidak memberikan pemeriksaan apa pun (pemisahan tugas,
    salah satu unsur pengendalian intern). Perbaikan: serahkan pemeriksaan
    kepada atasan atau pejabat lain, dan gambarkan langkahnya di kolom pejabat
    tersebut.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Memeriksa konsep surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Menyerahkan surat keterangan kepada pemohon, pelaksana: petugas,
             kelengkapan: Surat keterangan, waktu: 5 menit, output: Tanda terima}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menyusun konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Memeriksa konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Konsep surat diperiksa}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat diperiksa, waktu: 10 menit, output: Surat keterangan}
    """
    rows = {step.nomor: step for step in sop.langkah}
    checks = [step for step in sop.langkah
              if step.pelaksana and _CHECK.match(step.kegiatan.value)
              and (before := rows.get(step.nomor - 1)) is not None and _own_work(before, step)]
    if not checks:  # the row just before a check is where its work comes from, in all but loops: look there first
        return
    entered = entered_from(sop)
    names = {p.id: p.nama for p in sop.pelaksana}
    for step in checks:
        sources = [rows[n] for n in entered.get(step.nomor, ()) if n < step.nomor]
        if sources and all(_own_work(before, step) for before in sources):
            who = ", ".join(names.get(p, p) for p in step.pelaksana)
            yield step.kegiatan.location, (
                f"{step.sebutan} memeriksa atau menyetujui hasil {sources[0].sebutan}, yang dikerjakan {who} sendiri; "
                "serahkan pemeriksaan kepada pejabat lain"
            )


def _own_work(before, step) -> bool:
    """``before`` is work (not itself a check or a decision) of exactly ``step``'s pelaksana."""
    return (set(before.pelaksana) == set(step.pelaksana) and not before.is_keputusan
            and bool(_WORK.match(before.kegiatan.value)))
