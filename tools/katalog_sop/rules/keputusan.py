"""Decisions (Simbol Belah Ketupat): real alternatives, two exits.

"Simbol belah ketupat / decision: mendeskripsikan kegiatan pengambilan
keputusan"; a branching flowchart serves decisions whose answers are
alternatives such as "ya/tidak", "lengkap/tidak", "benar/salah". Two exits is
what every SOP AP draws; more is allowed but unusual. A decision hidden in a
process box is :mod:`keputusan_tersembunyi`'s.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.model import KEPUTUSAN, Langkah, Simbol, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

DECISION_CLAUSE = (
    "Simbol belah ketupat (decision) mendeskripsikan kegiatan pengambilan keputusan; diagram alir bercabang "
    "dipakai untuk keputusan yang jawabannya berupa alternatif, seperti ya/tidak, lengkap/tidak, benar/salah."
)


def _label(text: str) -> str:
    return " ".join(text.casefold().split())


@rule("SOPAP-F05", "cabang-keputusan", Severity.ERROR, tag="N", clause=DECISION_CLAUSE)
def cabang_keputusan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Keputusan menawarkan alternatif yang nyata: label berbeda, dan tidak semua cabang menuju langkah yang sama.

    Mengapa: keputusan yang cabang-cabangnya berlabel sama, atau semuanya
    menuju langkah yang sama, tidak memutuskan apa pun. Perbaikan: beri setiap
    cabang label berupa jawabannya (Ya/Tidak, Lengkap/Tidak lengkap) dan
    arahkan masing-masing ke langkah yang sesuai dengan jawaban itu.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - kegiatan: Memeriksa kelengkapan berkas
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
          - kegiatan: Memeriksa kelengkapan berkas
            pelaksana: Kasi Pemerintahan
            kelengkapan: Berkas permohonan
            waktu: 15 menit
            output: Berkas lengkap
            cabang: [{label: Lengkap, ke: 3}, {label: lengkap, ke: 1}]
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas lengkap, waktu: 30 menit, output: Surat keterangan}
    """
    for step, symbol in _decisions(sop):
        # an exit printed without a label shares no label with another (whether exits need labels is another rule)
        labels = [_label(exit_.label) if exit_.label else None for exit_ in symbol.keluar]
        for exit_, label in zip(symbol.keluar, labels):
            if label is not None and labels.count(label) > 1:
                yield exit_.location, f"label cabang '{exit_.label}' dipakai lebih dari sekali pada {_named(step, symbol)}"
        if len(symbol.keluar) > 1 and len({exit_.ke for exit_ in symbol.keluar}) == 1:
            yield symbol.location if len(step.simbol) > 1 else step.location, (
                f"semua cabang keputusan {_named(step, symbol)} menuju tempat yang sama"
            )


def _decisions(sop: Sop) -> Iterator[tuple[Langkah, Simbol]]:
    """Every decision symbol with its row: a row may hold two."""
    for step in sop.langkah:
        for symbol in step.simbol:
            if symbol.bentuk == KEPUTUSAN and symbol.keluar:
                yield step, symbol


def _named(step: Langkah, symbol: Simbol) -> str:
    if len(step.simbol) == 1:
        return step.sebutan
    return f"{step.sebutan} (simbol ke-{symbol.urutan + 1})"


@rule(
    "SOPAP-F06", "cabang-lebih-dari-dua", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": simbol keputusan mempunyai dua jalan keluar (Ya/Tidak).",
)
def cabang_lebih_dari_dua(sop: Sop, context: Context) -> Iterator[Finding]:
    """Keputusan mempunyai dua cabang, tidak lebih.

    Mengapa: setiap formulir dan aplikasi penampil SOP AP menggambar keputusan
    dengan dua cabang; tiga cabang atau lebih sulit digambar dan dibaca.
    Perbaikan: pecah menjadi dua keputusan.

    Contoh yang lolos::

        langkah:
          - kegiatan: Memeriksa jenis permohonan
            pelaksana: petugas
            kelengkapan: Berkas permohonan
            waktu: 10 menit
            output: Berkas permohonan
            cabang: [{label: Domisili, ke: 2}, {label: Lainnya, ke: 3}]
          - {kegiatan: Menyusun konsep surat domisili, pelaksana: Kasi Pemerintahan, lanjut_ke: 3,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}

    Contoh yang gagal::

        langkah:
          - kegiatan: Memeriksa jenis permohonan
            pelaksana: petugas
            kelengkapan: Berkas permohonan
            waktu: 10 menit
            output: Berkas permohonan
            cabang: [{label: Domisili, ke: 2}, {label: Usaha, ke: 3}, {label: Lainnya, ke: selesai}]
          - {kegiatan: Menyusun konsep surat domisili, pelaksana: Kasi Pemerintahan, lanjut_ke: 3,
             kelengkapan: Berkas permohonan, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}
    """
    for step, symbol in _decisions(sop):
        if len(symbol.keluar) > 2:
            where = symbol.location if len(step.simbol) > 1 else step.location
            yield where, f"keputusan {_named(step, symbol)} mempunyai {len(symbol.keluar)} cabang; lazimnya dua"
