"""Generate realistic SOP catalogues for benchmarks (deterministic for a seed).

Each SOP of 40 units has 3–7 pelaksana and 6–20 langkah with Indonesian
wording, mutu baku, some joint steps, decisions whose "Tidak" exit loops
back, legal bases in several spellings, and keterkaitan naming other SOPs of
the catalogue (and now and then one that is missing); and the constructs of
real signed sheets (see :func:`generate_sop`).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

JABATAN = [
    "Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kasubag Umum", "Kasubag Program",
    "Kepala Seksi", "Analis Kebijakan", "Pengelola Data", "Staf Pelaksana", "Bendahara",
]
KERJA = ["Menerima", "Memeriksa", "Menyusun", "Mengoreksi", "Menyampaikan", "Mengarsipkan", "Memverifikasi", "Mendisposisikan"]
BENDA = ["surat permohonan", "dokumen perencanaan", "laporan kinerja triwulan", "konsep keputusan", "data capaian kinerja", "berkas administrasi"]
DASAR_HUKUM = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "UU No. 25/2009",
    "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Permenpan RB No. 35 Tahun 2012",
    "Permendagri No. 52/2011",
    "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
]
WAKTU = ["10 menit", "15 Menit", "1 jam", "2 Jam", "1 hari", "2 hari kerja", "1 - 3 hari kerja", "satu hari"]


def generate_sop(rng: random.Random, number: int, count_hint: int = 1000, real: bool = True) -> dict:
    """One SOP; with ``real``, also the constructs of real signed sheets: printed numbers, rows of
    several symbols (hand-off chains, parallel columns, a decision among them), text in symbols,
    labelled arrows, unreadable parts, agency labels and a two-level pelaksana header."""
    lanes = rng.sample(JABATAN, rng.randint(3, 7))
    count = rng.randint(6, 20)
    printed = real and rng.random() < 0.5
    name = (lambda index: str(index + 1)) if printed else (lambda index: index + 1)
    steps = []
    for index in range(count):
        step = {
            "kegiatan": f"{rng.choice(KERJA)} {rng.choice(BENDA)} {rng.choice(['', 'untuk diteruskan kepada pimpinan', 'sesuai ketentuan yang berlaku'])}".strip(),
            "pelaksana": rng.choice(lanes) if rng.random() > 0.1 else rng.sample(lanes, 2),
            "kelengkapan": rng.choice(BENDA).capitalize(),
            "waktu": rng.choice(WAKTU + (["2 menit/berkas", "30 menit - 3 Jam", "Menyesuaikan"] if real else [])),
            "output": rng.choice(BENDA).capitalize(),
        }
        if printed:
            step = {"nomor": str(index + 1), **step}
        decision = 1 < index < count - 1 and rng.random() < 0.2
        exits = [{"label": "Ya", "ke": name(index + 1)}, {"label": "Tidak", "ke": name(rng.randint(max(1, index - 3), index) - 1)}] if decision else None
        roll = rng.random() if real else 1.0
        if roll < 0.25:  # a hand-off chain inside the row, the last symbol deciding where there is a decision
            chain = [{"pelaksana": lane} for lane in rng.sample(lanes, rng.randint(2, min(3, len(lanes))))]
            if exits:
                chain[-1].update(teks="Setuju?", cabang=exits)
            del step["pelaksana"]
            step["simbol"] = chain
        elif roll < 0.35 and not exits:  # the same activity in parallel columns
            del step["pelaksana"]
            step["alur"] = "bersamaan"
            step["simbol"] = [{"pelaksana": lane} for lane in rng.sample(lanes, 2)]
        elif exits:
            step["cabang"] = exits
        elif real and roll < 0.4 and index < count - 1:
            step["lanjut_ke"] = {"ke": name(index + 1), "label": "Dokumen lengkap"}
        if real and rng.random() < 0.03:
            step["tidak_terbaca"] = ["waktu"] if "simbol" in step else ["pelaksana"]
            if "pelaksana" in step and step["tidak_terbaca"] == ["pelaksana"]:
                del step["pelaksana"]
        steps.append(step)
    sop = {
        "nama": f"Prosedur Uji {number}",
        "nomor": f"800/{number:04d}/UJI",
        "unit": f"Unit Kerja {number % 40:02d}",
        "dasar_hukum": rng.sample(DASAR_HUKUM, rng.randint(1, 3)),
        "keterkaitan": [f"SOP Prosedur Uji {rng.randrange(count_hint)}" for _ in range(rng.randint(0, 2))]
        + (["SOP Yang Belum Disusun"] if rng.random() < 0.1 else []),
        "pelaksana": lanes,
        "langkah": steps,
    }
    if real:  # dates from a generator of their own, so the rest of the catalogue is the same with or without them
        dates = random.Random(number)
        made = dt.date(2023, 1, 2) + dt.timedelta(days=dates.randrange(0, 1400))
        sop["tanggal_pembuatan"] = _tanggal(made)
        sop["tanggal_efektif"] = _tanggal(made + dt.timedelta(days=dates.randrange(1, 30)))
    if real and rng.random() < 0.2:
        sop["formulir"] = {"kegiatan": "Uraian Prosedur", "kelengkapan": "Persyaratan/Kelengkapan", "keterangan": "Ket."}
    if real and rng.random() < 0.1:
        half = len(lanes) // 2
        sop["pelaksana"] = [{"id": f"p{i}", "nama": lane, "kelompok": "Satker Penerima" if i < half else "Satker Pengirim"} for i, lane in enumerate(lanes)]
        ids = {lane: f"p{i}" for i, lane in enumerate(lanes)}
        for step in steps:
            if isinstance(step.get("pelaksana"), str):
                step["pelaksana"] = ids[step["pelaksana"]]
            elif isinstance(step.get("pelaksana"), list):
                step["pelaksana"] = [ids[p] for p in step["pelaksana"]]
            for symbol in step.get("simbol", ()):
                symbol["pelaksana"] = ids[symbol["pelaksana"]]
    return sop


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it: writing 20,000 SOPs with the pure one takes minutes."""

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def _tanggal(date: dt.date) -> str:
    return f"{date.day} {BULAN[date.month - 1]} {date.year}"


def write_catalogue(folder: Path, count: int, seed: int = 35) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / "sops" / f"unit-{number % 40:02d}" / f"sop-{number:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        sop = generate_sop(rng, number, count)
        path.write_text(yaml.dump(sop, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def write_monitoring(folder: Path, count: int, seed: int = 35, today: dt.date | None = None) -> list[Path]:
    """Monitoring records for the catalogue :func:`write_catalogue` writes: per unit, two Tabel 7 rounds
    (eleven and five months before ``today``) listing each of its SOPs, and one evaluation."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    units: dict[str, list[str]] = {}
    for number in range(count):
        units.setdefault(f"unit-{number % 40:02d}", []).append(f"sop-{number:04d}")
    choices = ["berjalan_baik"] * 6 + ["kurang_baik", "tidak_berjalan_baik"]
    paths = []
    for unit, sops in units.items():
        for months in (11, 5):
            date = today - dt.timedelta(days=30 * months)
            rows = [{"sop": sop, "penilaian": rng.choice(choices), "catatan": "Berjalan sesuai SOP.",
                     "tindakan": "Pertahankan."} for sop in sops]
            record = {"jenis": "monitoring", "tanggal": _tanggal(date), "metode": ["observasi"], "hasil": rows}
            paths.append(_write(folder / "monitoring" / unit / f"{date.year}-{date.month:02d}.yaml", record))
        date = today - dt.timedelta(days=60)
        rows = [{"sop": sop, "jawaban": {"S1": "ya", "P4": "sebagian"}, "kesimpulan": "tetap"} for sop in sops]
        paths.append(_write(folder / "monitoring" / unit / f"evaluasi-{date.year}.yaml",
                            {"jenis": "evaluasi", "tanggal": _tanggal(date), "hasil": rows}))
    return paths


def _write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
