"""What a transcription could not read: information about the copy, never a finding against the agency.

A transcribed or imported SOP names, per row, what its source does not show
(``tidak_terbaca``: the pelaksana, the symbol, the arrows, a cell). The sheet
draws those parts as unknown (dashed, "?"), the rules that would judge them
stay silent, and this rule lists them, so that an auditor sees what to check
against the signed original and a maintainer sees what is left to fill in.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

PARTS = {
    "pelaksana": "pelaksananya",
    "simbol": "bentuk simbolnya",
    "alur": "anak panahnya",
    "kegiatan": "uraian kegiatannya",
    "kelengkapan": "kelengkapannya",
    "waktu": "waktunya",
    "output": "output-nya",
    "keterangan": "keterangannya",
}


@rule(
    "SOPAP-T01", "tidak-terbaca", Severity.INFO, tag="CP",
    clause=PRAKTIK_UMUM + ": salinan SOP mencatat bagian sumber yang tidak terbaca, bukan menebaknya.",
)
def tidak_terbaca(sop: Sop, context: Context) -> Iterator[Finding]:
    """Bagian baris yang tidak terbaca pada dokumen sumber (informasi transkripsi).

    Mengapa: SOP yang disalin dari PDF atau hasil pindai kadang tidak
    menunjukkan pelaksana, simbol atau anak panah suatu baris. Bagian itu
    digambar sebagai tidak diketahui dan tidak dinilai sebagai kesalahan
    instansi. Perbaikan: cocokkan dengan dokumen asli yang ditandatangani,
    isi bagian tersebut, lalu hapus dari ``tidak_terbaca``.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Memeriksa berkas permohonan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Berkas lengkap}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, tidak_terbaca: [pelaksana],
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
    """
    for step in sop.langkah:
        if step.tidak_terbaca:
            parts = [PARTS[part] for part in PARTS if part in step.tidak_terbaca]
            listed = ", ".join(parts[:-1]) + " dan " + parts[-1] if len(parts) > 1 else parts[0]
            yield step.location, f"{step.sebutan}: {listed} tidak terbaca pada sumber (informasi transkripsi, bukan temuan)"
