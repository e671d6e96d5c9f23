"""Printed step numbers: consecutive within a table, every row of a numbered table numbered.

A signed sheet that runs 7, 9 has lost step 8, or was renumbered by hand; a
row printed without a number between numbered ones cannot be referred to.
Numbers restart in each table of a multi-table SOP; a sub-step ("5a") keeps
its place without breaking the count.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

CLAUSE = PRAKTIK_UMUM + ": kegiatan pada lembar flowchart diberi nomor urut (bagian flowchart berisi nomor kegiatan)."


@rule("SOPAP-F09", "nomor-langkah-melompat", Severity.WARNING, tag="CP", clause=CLAUSE)
def nomor_langkah_melompat(sop: Sop, context: Context) -> Iterator[Finding]:
    """Nomor langkah yang tercetak berurutan dan setiap baris bernomor.

    Mengapa: nomor yang melompat (7 lalu 9) berarti ada langkah yang hilang
    atau penomoran diubah tanpa memperbaiki lembarnya; baris tanpa nomor di
    antara baris bernomor tidak dapat dirujuk. Perbaikan: periksa naskah
    aslinya, lalu tulis langkah yang hilang atau perbaiki nomornya.

    Contoh yang lolos::

        langkah:
          - {nomor: 1, kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - nomor: 2
            kegiatan: Memeriksa kelengkapan berkas
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 3}, {label: Tidak lengkap, ke: 1}]
          - {nomor: 3, kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - {nomor: 1, kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - nomor: 2
            kegiatan: Memeriksa kelengkapan berkas
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 4}, {label: Tidak lengkap, ke: 1}]
          - {nomor: 4, kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    tables: dict[str | None, list] = {}
    for step in sop.langkah:
        tables.setdefault(step.dalam_tabel, []).append(step)
    for steps in tables.values():
        numbered = [step for step in steps if step.label.strip().isdigit()]
        if len(numbered) < 2:
            continue  # a table the source does not number is not this rule's
        last = None
        for step in steps:
            label = step.label.strip()
            if not label and numbered[0].nomor < step.nomor < numbered[-1].nomor:
                yield step.location, f"{step.sebutan} tercetak tanpa nomor di antara langkah bernomor"
            elif label.isdigit():
                if last is not None and int(label) > last + 1:
                    yield step.location, f"nomor langkah melompat dari {last} ke {label}: periksa langkah yang hilang"
                last = int(label)
