"""A column printed in one table of a multi-table SOP with no symbol in that table.

SOP 029 prints eight tables, one per budget account; the KPA column of the
first has nothing in it, although the KPA acts in others. SOPAP-P02 sees
only the SOP as a whole; an empty column is a fault of its own table.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule
from katalog_sop.rules.pelaksana import column_name


@rule(
    "SOPAP-P06", "kolom-kosong-dalam-tabel", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": setiap kolom pelaksana memuat sedikitnya satu simbol kegiatan.",
)
def kolom_kosong_dalam_tabel(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap kolom yang dicetak pada suatu tabel memuat sedikitnya satu simbol tabel itu.

    Mengapa: SOP yang terdiri atas beberapa tabel (satu per jenis belanja,
    misalnya) mencetak kolom pelaksananya pada setiap tabel; kolom yang kosong
    pada satu tabel adalah pejabat yang tidak terlibat di bagian itu, atau
    langkahnya hilang dari tabel itu. Perbaikan: gambarkan langkahnya, atau
    jangan cetak kolom itu pada tabel tersebut (``tabel: {pelaksana: [...]}``).

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas, tabel: {judul: Permohonan,
             pelaksana: [petugas, Kasi Pemerintahan]}, kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Mengirimkan berkas kepada Camat, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Berkas terkirim}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat, tabel: {judul: Penandatanganan,
             pelaksana: [Camat, Kasi Pemerintahan]}, kelengkapan: Berkas terkirim, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas, tabel: {judul: Permohonan,
             pelaksana: [petugas, Kasi Pemerintahan, Camat]}, kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Mengirimkan berkas kepada Camat, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Berkas terkirim}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat, tabel: {judul: Penandatanganan,
             pelaksana: [Camat, Kasi Pemerintahan]}, kelengkapan: Berkas terkirim, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    starts = [index for index, step in enumerate(sop.langkah) if step.tabel is not None and step.tabel.pelaksana]
    anywhere = {ident for step in sop.langkah for ident in step.pelaksana}  # a column used nowhere is SOPAP-P02's
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(sop.langkah)
        rows = sop.langkah[start:end]
        if not all(step.pelaksana for step in rows):
            continue  # a row the source does not place may be the empty column's
        used = {ident for step in rows for ident in step.pelaksana}
        first = sop.langkah[start]
        for ident in first.tabel.pelaksana:
            if ident not in used and ident in anywhere:
                yield first.location, (
                    f"kolom '{column_name(sop, ident)}' dicetak pada tabel '{first.tabel.judul or first.sebutan}' "
                    "tetapi tidak memuat satu simbol pun di tabel itu"
                )
