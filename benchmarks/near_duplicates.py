"""Benchmark: near-duplicate SOPs (SOPAP-C03) and `sop diff` step matching, the pairwise way and now.

Usage: .venv/bin/python benchmarks/near_duplicates.py [--count 5000] [--steps 2000] [--rounds 3] [--no-pairwise]

Two workloads, each timed with the algorithm that compared every pair (kept
here as the reference the tests compare against) and with the current one,
side by side, medians of ``--rounds``:

- SOPAP-C03 on ``--count`` SOPs that all share one verb sequence (the worst
  case for grouping by verbs): most describe their own procedure with the
  same verbs (Menerima, Memeriksa, ...) and the everyday nouns of
  administration, the rest are copies of another SOP adopted by another
  unit, with its name added and a word changed (:func:`near_duplicate_sops`).
  Both must give the same findings.
- ``match_steps`` on an SOP of ``--steps`` steps in which every step was
  reworded (a word replaced, or one added) (:func:`reworded_steps`). Both must
  give the same pairs; the most memory the current one holds is traced.

The SOPs are built once through the real pipeline (source, schema, build);
only the rule and the matching are timed, in this process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from katalog_sop.check import SourceFile, check_contents
from katalog_sop.diff.steps import ALIKE, StepPair, _alike, match_steps
from katalog_sop.model import Langkah, Sop, Text
from katalog_sop.problem import Location
from katalog_sop.rules import RULES
from katalog_sop.rules.base import Context
from katalog_sop.rules import kemiripan

VERBS = ("Menerima", "Memeriksa", "Mencatat", "Memverifikasi", "Menyusun", "Menandatangani", "Menyampaikan", "Mengarsipkan")
NOUNS = (
    "berkas", "dokumen", "surat", "data", "laporan", "konsep", "formulir", "register", "nota", "agenda",
    "daftar", "rekapitulasi", "lampiran", "naskah", "salinan", "bukti", "kuitansi", "disposisi", "usulan",
    "rencana", "jadwal", "anggaran", "notulen", "undangan", "telaahan", "kajian", "rekomendasi", "keputusan",
    "permohonan", "persyaratan", "kelengkapan", "identitas", "formasi", "tagihan", "faktur", "kontrak",
    "spesifikasi", "penawaran", "dokumentasi", "foto", "peta", "denah", "gambar", "sertifikat", "izin",
    "piagam", "perjanjian", "nota kesepahaman", "pengumuman", "hasil", "evaluasi", "verifikasi", "validasi",
    "pemeriksaan", "pengukuran", "survei", "wawancara", "observasi", "sampel", "contoh", "stok", "inventaris",
    "kartu", "buku", "catatan", "memo", "ringkasan", "matriks", "tabel", "grafik", "indikator", "target",
    "realisasi", "capaian", "kinerja", "profil", "akta", "kutipan", "pernyataan", "pengantar", "jawaban",
)
TOPICS = (
    "pajak", "retribusi", "bangunan", "usaha", "domisili", "kelahiran", "kematian", "pindah", "nikah", "tanah",
    "waris", "hibah", "bantuan", "sosial", "beasiswa", "kesehatan", "pendidikan", "pertanian", "perikanan",
    "pasar", "terminal", "parkir", "reklame", "keramaian", "penelitian", "magang", "cuti", "pensiun", "mutasi",
    "pangkat", "gaji", "aset", "barang", "kendaraan", "rapat", "perjalanan", "pelatihan", "pengaduan",
    "informasi", "arsip", "kepegawaian", "keuangan", "pengadaan", "pemeliharaan", "gedung", "jalan", "irigasi",
    "posyandu", "sekolah", "koperasi", "umkm", "investasi", "pariwisata", "kebudayaan", "olahraga", "pemuda",
    "bencana", "kebersihan", "lingkungan", "air", "listrik", "telekomunikasi", "perpustakaan", "statistik",
)
QUALIFIERS = (
    "", "", "", "", "", "", "dari pemohon", "kepada pimpinan", "sesuai ketentuan", "untuk ditindaklanjuti", "ke unit terkait",
    "secara elektronik", "dalam buku agenda", "kepada kepala dinas", "melalui aplikasi", "untuk diparaf",
)
PLACES = tuple(f"{kind} {name}" for kind in ("Desa", "Kelurahan", "Kecamatan") for name in (
    "Sukamaju", "Sukamulya", "Mekarsari", "Sindangsari", "Cibodas", "Tanjungsari", "Karangmulya", "Sidomulyo",
    "Margahayu", "Pasirjaya", "Tebing Tinggi", "Bojongsari", "Cikalong", "Sumberjaya", "Tegalrejo",
))


def near_duplicate_sops(count: int, seed: int = 35, copies: float = 0.2) -> dict[str, dict]:
    """``count`` SOPs (id -> data) sharing one verb sequence; a ``copies`` share copy another with small changes."""
    rng = random.Random(seed)
    sops: dict[str, dict] = {}
    originals: list[list[str]] = []
    for number in range(count):
        if originals and rng.random() < copies:
            steps = list(rng.choice(originals))
            place = rng.choice(PLACES)
            steps[0] = f"{steps[0]} di {place}"
            index = rng.randrange(len(steps))
            words = steps[index].split()
            words[rng.randrange(1, len(words))] = rng.choice(NOUNS).split()[0]
            steps[index] = " ".join(words)
        else:
            topic = " ".join(rng.sample(TOPICS, 2))
            steps = [
                " ".join(part for part in (verb, *rng.sample(NOUNS + TOPICS, 3), topic, rng.choice(QUALIFIERS)) if part)
                for verb in VERBS
            ]
            originals.append(steps)
        sops[f"unit-{number % 40:02d}/sop-{number:04d}"] = {
            "nama": f"Prosedur {number}",
            "pelaksana": ["Petugas", "Kepala Seksi"],
            "langkah": [{"kegiatan": text, "pelaksana": "Petugas"} for text in steps],
        }
    return sops


def build(sops: dict[str, dict]):
    """The SOPs through source, schema and build (no rules): the catalogue the rules see."""
    contents = [
        (SourceFile(Path(f"sops/{sop_id}.yaml"), f"sops/{sop_id}.yaml", sop_id),
         yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
        for sop_id, data in sops.items()
    ]
    result = check_contents(contents, rules=())
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise SystemExit(f"the generated SOPs do not build: {errors[0]}")
    return result.catalogue


# --- the pairwise algorithms, as they were ---------------------------------------------------------


def pairwise_clusters(variants: dict[tuple[str, ...], list[Sop]], threshold: float) -> list[list[Sop]]:
    """SOPAP-C03's clusters as first written: every pair of distinct texts of a group compared."""
    texts = list(variants)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        words_a, words_b = set(kemiripan._WORD.findall(" ".join(a))), set(kemiripan._WORD.findall(" ".join(b)))
        return len(words_a & words_b) >= threshold * len(words_a | words_b)

    for i, a in enumerate(texts):
        for j in range(i + 1, len(texts)):
            if root(i) != root(j) and similar(a, texts[j]):
                parent[root(j)] = root(i)
    clusters: dict[int, list[Sop]] = {}
    for i, text in enumerate(texts):
        clusters.setdefault(root(i), []).extend(variants[text])
    return list(clusters.values())


def near_duplicates(catalogue, clusters: Callable = kemiripan._clusters, **options) -> list:
    """SOPAP-C03's findings with ``clusters`` as its way of joining texts."""
    context = Context(dt.date(2026, 11, 20), {**RULES["SOPAP-C03"].options({}), **options})
    original = kemiripan._clusters
    kemiripan._clusters = clusters
    try:
        return list(RULES["SOPAP-C03"].check(catalogue, context))
    finally:
        kemiripan._clusters = original


def pairwise_candidates(before, after, free_before, free_after):
    """The step pairs ``match_steps`` scored as first written: every left-over old step with every new one."""
    scored = ((_alike(before[i], after[j]), i, j) for i in free_before for j in free_after)
    return [c for c in scored if c[0] >= ALIKE]


def pairwise_match_steps(before: Sequence[Langkah], after: Sequence[Langkah]) -> list[StepPair]:
    """``match_steps`` as first written."""
    return match_steps(before, after, candidates=pairwise_candidates)


# --- reworded steps --------------------------------------------------------------------------------

HERE = Location("sop.yaml")


def steps_of(texts: Sequence[str], pelaksana: Sequence[str]) -> tuple[Langkah, ...]:
    return tuple(
        Langkah(n, None, Text(text, HERE), (who,), (), None, (), None, (), None, HERE)
        for n, (text, who) in enumerate(zip(texts, pelaksana), start=1)
    )


def reworded_steps(count: int, seed: int = 35) -> tuple[tuple[Langkah, ...], tuple[Langkah, ...]]:
    """An SOP of ``count`` steps and the same SOP with every step reworded: a word replaced, or one added."""
    rng = random.Random(seed)
    lanes = ["Petugas", "Kepala Seksi", "Sekretaris", "Kepala Dinas"]
    old, new, who = [], [], []
    for _ in range(count):
        words = [rng.choice(VERBS), rng.choice(NOUNS), *rng.sample(TOPICS, 2), rng.choice(QUALIFIERS)]
        text = " ".join(word for word in words if word)
        changed = text.split()
        if rng.random() < 0.5:
            changed[rng.randrange(1, len(changed))] = rng.choice(NOUNS).split()[0]
        else:
            changed.insert(rng.randrange(1, len(changed) + 1), rng.choice(TOPICS))
        old.append(text)
        new.append(" ".join(changed))
        who.append(rng.choice(lanes))
    return steps_of(old, who), steps_of(new, who)


# --- the measurement -------------------------------------------------------------------------------


def timed(run: Callable[[], object], rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak(run: Callable, *args) -> float:
    """The most memory ``run(*args)`` held at once, in MB (Python allocations, traced)."""
    tracemalloc.start()
    try:
        run(*args)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-pairwise", action="store_true", help="time only the current algorithms")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}; medians of {args.rounds} rounds")

    print(f"building {args.count} SOPs that share one verb sequence ...", file=sys.stderr)
    catalogue = build(near_duplicate_sops(args.count))
    now, found = timed(lambda: near_duplicates(catalogue), args.rounds)
    flagged = len({where for where, _ in found})
    print(f"SOPAP-C03, {args.count} SOPs, one verb sequence: now {now:.3f} s ({len(found)} findings, {flagged} SOPs)")
    if not args.no_pairwise:
        before, old = timed(lambda: near_duplicates(catalogue, pairwise_clusters), 1)
        same = "same findings" if old == found else "FINDINGS DIFFER"
        print(f"  pairwise {before:.3f} s (one round); {before / now:.0f}x faster now; {same}")

    old_steps, new_steps = reworded_steps(args.steps)
    now, pairs = timed(lambda: match_steps(old_steps, new_steps), args.rounds)
    matched = sum(p.before is not None and p.after is not None for p in pairs)
    print(f"match_steps, {args.steps} reworded steps: now {now:.3f} s ({matched} matched, {peak(match_steps, old_steps, new_steps):.1f} MB at most)")
    if not args.no_pairwise:
        before, old = timed(lambda: pairwise_match_steps(old_steps, new_steps), 1)
        same = "same pairs" if old == pairs else "PAIRS DIFFER"
        print(f"  pairwise {before:.3f} s (one round); {before / now:.0f}x faster now; {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
