"""Benchmark: building the catalogue site for a generated catalogue of 1,000 SOPs.

Usage: .venv/bin/python benchmarks/site_build.py [--count 1000] [--ours-only]

Measured side by side in one run, each as a whole `mkdocs build` process:
the catalogue (with its monitoring records: two Tabel 7 rounds and an
evaluation per unit, unless ``--no-monitoring``) with a cold sheet cache, the
same with a warm cache, and, as
the baseline, `mkdocs build` of as many plain Markdown pages of similar size
(the same SOP text as headings, lists and a table) with the same theme and
plugins. Reports the ratios, each build's peak memory (the largest resident
size of the build process, Graphviz's children included), the largest page
and the site's size per SOP. ``--ours-only`` skips the baseline and the warm
build, for the largest catalogues where only time and memory are asked.
Targets: ratio <= 1.5 cold and <= 1.25 warm; no page over 200 KB; <= 80 KB
per SOP; 20,000 SOPs within 3 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import write_catalogue, write_monitoring  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def plain_page(sop: dict) -> str:
    """An SOP written as ordinary Markdown, about as much text as its generated page."""
    lines = [f"# {sop['nama']}", "", f"Nomor: {sop['nomor']}", "", "## Dasar Hukum", ""]
    lines += [f"- {item}" for item in sop["dasar_hukum"]]
    lines += ["", "## Pelaksana", ""] + [f"- {p['nama'] if isinstance(p, dict) else p}" for p in sop["pelaksana"]]
    lines += ["", "## Langkah", "", "| No | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output |", "|---|---|---|---|---|---|"]
    for number, step in enumerate(sop["langkah"], start=1):
        written = step.get("pelaksana") or [symbol["pelaksana"] for symbol in step.get("simbol", ())] or ["?"]
        pelaksana = written if isinstance(written, str) else ", ".join(map(str, written))
        lines.append(f"| {number} | {step['kegiatan']} | {pelaksana} | {step['kelengkapan']} | {step['waktu']} | {step['output']} |")
    return "\n".join(lines) + "\n"


def write_plain(ours: Path, plain: Path) -> None:
    """The baseline: the same SOPs as plain Markdown pages, built with the same theme and no catalogue plugin."""
    (plain / "docs").mkdir(parents=True)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "katalog-sop" in p)]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (plain / "docs" / "index.md").write_text("# Katalog\n", encoding="utf-8")
    for source in sorted((ours / "sops").rglob("*.yaml")):
        target = plain / "docs" / source.relative_to(ours / "sops").with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_page(yaml.safe_load(source.read_text(encoding="utf-8"))), encoding="utf-8")


MEASURE = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs the build as its only child, so the children's peak resident size is the build's (Linux: in KB)."""


def build(project: Path) -> tuple[float, float]:
    """Seconds and peak memory in MB of one ``mkdocs build`` of ``project``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE], cwd=project, check=True, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.split()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--ours-only", action="store_true", help="no baseline and no warm build")
    parser.add_argument("--no-monitoring", action="store_true", help="no monitoring records beside the catalogue")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        ours = root / "katalog"
        write_catalogue(ours, args.count)
        records = [] if args.no_monitoring else write_monitoring(ours, args.count)
        shutil.copytree(REPO / "docs", ours / "docs")
        shutil.copy(REPO / "mkdocs.yml", ours)

        plain = root / "polos"
        if not args.ours_only:
            write_plain(ours, plain)

        print(f"{args.count} SOP, {len(records)} monitoring records; building ...", file=sys.stderr)
        if args.ours_only:
            cold, cold_mb = build(ours)
        else:
            baseline, baseline_mb = build(plain)
            cold, cold_mb = build(ours)
            warm, warm_mb = build(ours)
            baseline_again, _ = build(plain)
            baseline = min(baseline, baseline_again)
        pages = {p.relative_to(ours / "site").as_posix(): p.stat().st_size for p in (ours / "site").rglob("*.html")}
        largest = max(pages, key=pages.get)
        total = sum(p.stat().st_size for p in (ours / "site").rglob("*") if p.is_file())

    if args.ours_only:
        print(f"ours, cold sheet cache                      {cold:7.1f} s   peak {cold_mb:6.0f} MB")
    else:
        print(f"mkdocs build, {args.count} plain pages (baseline) {baseline:7.1f} s   peak {baseline_mb:6.0f} MB")
        print(f"ours, cold sheet cache                      {cold:7.1f} s   peak {cold_mb:6.0f} MB   ratio {cold / baseline:.2f} (target <= 1.5)")
        print(f"ours, warm sheet cache                      {warm:7.1f} s   peak {warm_mb:6.0f} MB   ratio {warm / baseline:.2f} (target <= 1.25)")
    print(f"largest page {pages[largest] / 1024:.0f} KB ({largest}; target <= 200 KB)")
    print(f"site size per SOP {total / args.count / 1024:.0f} KB ({len(pages)} pages; target <= 80 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
