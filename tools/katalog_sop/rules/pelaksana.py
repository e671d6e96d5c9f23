"""Pelaksana: more than one official, every column used, every step carried out by someone.

"SOP AP mendeskripsikan prosedur administratif, yaitu kegiatan-kegiatan yang
dilaksanakan oleh lebih dari satu pelaksana jabatan", and the Bagian Flowchart
holds "Pelaksana yang merupakan pelaku (aktor) kegiatan": each step is drawn
in the column of the official who carries it out.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.formulir import column_name
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule


@rule(
    "SOPAP-P01", "pelaksana-minimal", Severity.WARNING, tag="N",
    clause="SOP AP mendeskripsikan prosedur administratif, yaitu kegiatan yang dilaksanakan oleh lebih dari "
    "satu pelaksana jabatan.",
)
def pelaksana_minimal(sop: Sop, context: Context) -> Iterator[Finding]:
    """SOP menyebutkan sedikitnya dua pelaksana.

    Mengapa: prosedur yang dilaksanakan oleh satu pejabat saja merupakan SOP
    teknis, bukan SOP AP (atau lembar flowchart-nya kehilangan satu kolom).
    Hanya peringatan: SOP tersebut mungkin salah digolongkan, bukan salah
    isinya. Perbaikan: tambahkan kolom pelaksana yang hilang, atau golongkan
    SOP tersebut sebagai SOP teknis.

    Contoh yang lolos::

        pelaksana: [Petugas Pelayanan, Camat]
        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: Petugas Pelayanan,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        pelaksana: [Petugas Pelayanan]
        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: Petugas Pelayanan,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menyusun surat keterangan, pelaksana: Petugas Pelayanan,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
    """
    if len(sop.pelaksana) < 2:
        yield sop.key_locations.get("pelaksana", sop.location), (
            f"hanya {len(sop.pelaksana)} pelaksana; SOP AP dilaksanakan oleh lebih dari satu pelaksana jabatan"
        )


@rule(
    "SOPAP-P02", "pelaksana-tidak-dipakai", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": setiap kolom pelaksana memuat sedikitnya satu simbol kegiatan.",
)
def pelaksana_tidak_dipakai(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap pelaksana yang disebutkan melaksanakan sedikitnya satu langkah.

    Mengapa: kolom kosong pada lembar flowchart adalah pejabat yang disebut
    dalam prosedur tetapi tidak pernah dilibatkan. Tidak dinilai selama masih
    ada langkah tanpa pelaksana (kolom itu mungkin milik langkah tersebut).
    Perbaikan: tetapkan pelaksana untuk langkah-langkahnya, atau hapus kolom
    tersebut.

    Contoh yang lolos::

        pelaksana: [{id: petugas, nama: Petugas Pelayanan}, Kasi Pemerintahan, Camat]

    Contoh yang gagal::

        pelaksana: [{id: petugas, nama: Petugas Pelayanan}, Kasi Pemerintahan, Camat, Sekretaris Camat]
    """
    if not all(step.pelaksana for step in sop.langkah):
        return
    used = {ident for step in sop.langkah for ident in step.pelaksana}
    for pelaksana in sop.pelaksana:
        if pelaksana.id not in used:
            yield pelaksana.location, f"pelaksana '{column_name(sop, pelaksana.id)}' tidak melaksanakan satu langkah pun"


ACTOR_CLAUSE = (
    "Bagian flowchart berisi nomor kegiatan, uraian kegiatan, pelaksana yang merupakan pelaku (aktor) "
    "kegiatan, dan mutu baku."
)


@rule(
    "SOPAP-P03", "langkah-tanpa-pelaksana", Severity.ERROR, tag="N",
    clause=ACTOR_CLAUSE,
)
def langkah_tanpa_pelaksana(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap langkah menyebutkan pelaksananya.

    Mengapa: simbol suatu langkah digambar pada kolom pelaksananya; langkah
    tanpa pelaksana tidak mempunyai pelaku (aktor) dan tidak mempunyai tempat
    pada lembar flowchart. Perbaikan: sebutkan pejabatnya (atau para
    pejabatnya, untuk langkah yang dikerjakan bersama) pada ``pelaksana``.
    Bila dokumen sumber tidak menunjukkan pelaksananya, tulis
    ``tidak_terbaca: [pelaksana]``: langkah itu lalu dilaporkan sebagai
    informasi transkripsi (SOPAP-T01), bukan sebagai kesalahan.

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
          - {kegiatan: Memeriksa berkas permohonan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Berkas lengkap}
          - {kegiatan: Menandatangani surat keterangan,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    for step in sop.langkah:
        if step.unknown("pelaksana"):
            continue  # the source does not show it: information about the copy (SOPAP-T01), not the agency's fault
        if not step.pelaksana:
            yield step.location, f"{step.sebutan} tidak menyebut pelaksana"
        elif len(step.simbol) > 1:
            for symbol in step.simbol:
                if symbol.pelaksana is None:
                    yield symbol.location, f"simbol ke-{symbol.urutan + 1} {step.sebutan} tidak menyebut pelaksana"
