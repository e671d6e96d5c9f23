"""Flow of the flowchart: one start and an end; the graph every flow rule reads.

The terminator capsule "mendeskripsikan kegiatan mulai dan berakhir". In the
model the procedure starts at step 1, and an exit whose target is ``None``
(``selesai``, or the last step's fall-through) ends it. These are graph checks
derived from that (common practice of every SOP AP reader), so warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from katalog_sop.model import MULAI, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, per_sop, rule

CLAUSE = PRAKTIK_UMUM + (
    ": simbol kapsul/terminator mendeskripsikan kegiatan mulai dan berakhir; setiap kegiatan berada pada alur "
    "dari mulai sampai selesai."
)


@dataclass(frozen=True)
class Flow:
    """The flowchart as a graph of step numbers, read once per SOP for the flow rules."""

    entered: frozenset[int]
    """Steps that some arrow enters."""
    from_start: frozenset[int]
    """Steps that some path from step 1 reaches."""
    ending: frozenset[int]
    """Steps with an exit to ``selesai``."""
    finishing: frozenset[int]
    """Steps from which some path reaches ``selesai``."""
    starts: frozenset[int] = frozenset({1})
    """Step 1, every row holding a symbol drawn as a start (two actors may start independently), and the
    first row of every further table."""
    unknown: bool = False
    """Some row's arrows are not shown by the source: the graph is incomplete, so the flow rules stay silent."""
    sources: dict[int, list[int]] | None = None
    """Row -> the rows whose arrows enter it; ``None`` for a straight line (each row entered from the one before)."""


@per_sop
def flow(sop: Sop) -> Flow:
    count = len(sop.langkah)
    starts = frozenset({1} | {s.nomor for s in sop.langkah if s.tabel or any(y.bentuk == MULAI for y in s.simbol)})
    unknown = any(step.unknown("alur") for step in sop.langkah)
    if not unknown and all(
        not s.cabang and len(s.simbol) <= 1 and s.lanjut_ke == (s.nomor + 1 if s.nomor < count else None) for s in sop.langkah
    ):
        every = frozenset(range(1, count + 1))  # a straight line, the common case: nothing to search
        return Flow(every - {1}, every, frozenset({count}), every, starts)
    forward = {step.nomor: [target for _, target in step.exits if target is not None] for step in sop.langkah}
    ending = frozenset(step.nomor for step in sop.langkah if any(target is None for _, target in step.exits))
    backward: dict[int, list[int]] = {}
    for nomor, targets in forward.items():
        for target in targets:
            backward.setdefault(target, []).append(nomor)
    return Flow(frozenset(backward), _closure(forward, starts), ending, _closure(backward, ending), starts, unknown, backward)


def entered_from(sop: Sop) -> dict[int, tuple[int, ...]] | dict[int, list[int]]:
    """Row number -> the rows whose arrows enter it (a loop back to the row itself included)."""
    sources = flow(sop).sources
    if sources is None:
        return {nomor: (nomor - 1,) for nomor in range(2, len(sop.langkah) + 1)}
    return sources


def _closure(neighbours: dict[int, list[int]], start: set[int] | frozenset[int]) -> frozenset[int]:
    """Every node reachable from ``start`` through ``neighbours`` (``start`` included)."""
    seen, todo = set(start), list(start)
    while todo:
        for node in neighbours.get(todo.pop(), ()):
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return frozenset(seen)


@rule("SOPAP-F01", "satu-mulai", Severity.WARNING, tag="CP", clause=CLAUSE)
def satu_mulai(sop: Sop, context: Context) -> Iterator[Finding]:
    """Prosedur mempunyai satu titik mulai: selain langkah pertama, tidak ada langkah tanpa anak panah masuk.

    Titik mulai lain yang memang digambar (simbol ``bentuk: mulai``, misalnya
    dua pelaksana yang memulai sendiri-sendiri) bukan temuan. Bila sumber tidak
    menunjukkan anak panah suatu baris (``tidak_terbaca: [alur]``), aturan ini
    tidak menilai.

    Mengapa: langkah yang tidak dimasuki anak panah mana pun merupakan titik
    mulai kedua yang tidak ditunjukkan oleh simbol terminator. Perbaikan:
    arahkan salah satu jalan keluar dari langkah sebelumnya ke langkah tersebut
    (``lanjut_ke`` atau ``cabang``), atau hapus langkah itu.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas, lanjut_ke: 3,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Memperbaiki konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Konsep surat, waktu: 15 menit, output: Konsep surat}
          - kegiatan: Memeriksa dan menandatangani surat keterangan
            pelaksana: Camat
            kelengkapan: Konsep surat
            waktu: 30 menit
            output: Surat keterangan
            cabang: [{label: Setuju, ke: selesai}, {label: Tidak setuju, ke: 2}]

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas, lanjut_ke: 3,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Memperbaiki konsep surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Konsep surat, waktu: 15 menit, output: Konsep surat}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Konsep surat, waktu: 30 menit, output: Surat keterangan}
    """
    graph = flow(sop)
    if graph.unknown:
        return
    for step in sop.langkah[1:]:
        if step.nomor not in graph.entered and step.nomor not in graph.starts:
            yield step.location, f"tidak ada anak panah yang masuk ke {step.sebutan}; alur hanya boleh mulai di langkah 1"


@rule("SOPAP-F02", "ada-selesai", Severity.WARNING, tag="CP", clause=CLAUSE)
def ada_selesai(sop: Sop, context: Context) -> Iterator[Finding]:
    """Prosedur mempunyai akhir: sedikitnya satu jalan keluar menuju ``selesai``.

    Mengapa: tanpa akhir, prosedur tidak pernah selesai; lembar flowchart tidak
    mempunyai terminator penutup. Perbaikan: biarkan langkah terakhir
    mengakhiri prosedur (hapus ``lanjut_ke``-nya) atau arahkan salah satu jalan
    keluar ke ``selesai``.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan, lanjut_ke: 1,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    graph = flow(sop)
    if not graph.ending and not graph.unknown:
        yield sop.key_locations.get("langkah", sop.location), "tidak ada jalan keluar ke 'selesai'; prosedur tidak pernah berakhir"
