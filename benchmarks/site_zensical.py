"""Benchmark: the same generated catalogue built with MkDocs (the plugin) and with Zensical, side by side.

Usage: .venv/bin/python benchmarks/site_zensical.py [--count 1000] [--keep FOLDER]

One catalogue of ``--count`` SOPs (benchmarks/workload.py, with its
monitoring records) is built two ways from the same mkdocs.yml:

- MkDocs: ``mkdocs build`` with the katalog-sop plugin, as ``make site`` does;
- Zensical: ``sop site --out build/zensical`` then ``zensical build`` in that
  folder, as ``make site-zensical`` does (each step timed on its own).

Each way is built with a cold sheet cache, then again with a warm one (the
cache under .cache/ is shared: it holds drawn sheets, which both ways draw
the same). Reported per build: seconds, peak memory (the largest resident
size of the build's processes, Graphviz included), the site's size (all
files, and without the generator's own theme files), pages and the largest
page. Then search in Chromium on each built site, served on 127.0.0.1 and
opened from disk (file://): seconds from opening the home page to the first
results of a query typed into "Cari SOP", whether another search box (the
generator's own) is on the page, and whether any request left the machine.
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

from browser import RequestRecorder, launch_chromium, new_context, serve  # noqa: E402
from workload import write_catalogue, write_monitoring  # noqa: E402

THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search.js", "search.json")
"""The generator's own files (theme bundles; Zensical's search index, written even with its search off)."""

MEASURE = """
import resource, subprocess, sys, time
for cwd, *command in (line.split("\\t") for line in sys.argv[1:]):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", *command], cwd=cwd, check=True, capture_output=True)
    print(f"{time.perf_counter() - start:.3f}")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs each step as a child, timing each; the children's peak resident size is the build's (Linux: in KB)."""


def measure(*steps: tuple[Path, list[str]]) -> tuple[list[float], float]:
    """Seconds of each ``python -m`` step (run in its folder) and the peak memory of them all, in MB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    lines = ["\t".join([str(cwd), *command]) for cwd, command in steps]
    done = subprocess.run([sys.executable, "-c", MEASURE, *lines], check=True, env=env, capture_output=True, text=True)
    numbers = done.stdout.split()
    return [float(n) for n in numbers[:-1]], int(numbers[-1]) / 1024


def build_mkdocs(project: Path) -> tuple[list[float], float]:
    return measure((project, ["mkdocs", "build", "--strict", "-q"]))


def build_zensical(project: Path) -> tuple[list[float], float]:
    return measure((project, ["katalog_sop", "site", "--out", "build/zensical"]),
                   (project / "build" / "zensical", ["zensical", "build", "--strict"]))


def site_size(site: Path) -> dict:
    files = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}
    pages = {name: size for name, size in files.items() if name.endswith(".html")}
    largest = max(pages, key=pages.get)
    return {"total": sum(files.values()), "ours": sum(s for n, s in files.items() if not n.startswith(THEME_ASSETS)),
            "files": len(files), "pages": len(pages), "largest": (largest, pages[largest])}


def search(browser, site: Path, query: str) -> dict:
    """Search from the home page, served and from disk: seconds to the first results, other boxes, requests."""
    found = {}
    with serve(site) as base:
        for how, url in (("http", base + "index.html"), ("file", (site / "index.html").as_uri())):
            context = new_context(browser, viewport={"width": 1280, "height": 900})
            recorder = RequestRecorder().attach(context)
            page = context.new_page()
            page.set_default_timeout(60_000)
            start = time.perf_counter()
            page.goto(url)
            page.get_by_role("searchbox", name="Cari SOP").fill(query)
            try:
                page.locator(".katalog-cari__info", has_text="ditemukan").wait_for()
                page.locator("a.katalog-cari__tautan").first.wait_for()
                seconds = time.perf_counter() - start
                results = page.locator(".katalog-cari__item").count()
            except Exception:  # noqa: BLE001 - reported, not raised: the table says "no"
                seconds, results = None, 0
            outside = [u for u in recorder.urls if not u.startswith(("file:", "data:", base))]
            found[how] = {"seconds": seconds, "results": results, "other_box": page.locator(".md-search").count() > 0,
                          "outside": outside}
            context.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="katalog-zensical-"))
    try:
        project = folder / "katalog"
        shutil.rmtree(project, ignore_errors=True)
        sops = write_catalogue(project, args.count)
        records = write_monitoring(project, args.count)
        shutil.copytree(REPO / "docs", project / "docs")
        shutil.copy(REPO / "mkdocs.yml", project)
        first = yaml.safe_load(sops[0].read_text(encoding="utf-8"))
        query = first["nama"]

        print(f"{args.count} SOP, {len(records)} monitoring records; building ...", file=sys.stderr)
        cache = project / ".cache"
        times = {}
        shutil.rmtree(cache, ignore_errors=True)
        times["mkdocs cold"] = build_mkdocs(project)
        shutil.rmtree(cache, ignore_errors=True)
        times["zensical cold"] = build_zensical(project)
        times["mkdocs warm"] = build_mkdocs(project)
        times["zensical warm"] = build_zensical(project)
        sites = {"mkdocs": project / "site", "zensical": project / "build" / "zensical" / "site"}
        sizes = {name: site_size(site) for name, site in sites.items()}
        print(f"searching for {query!r} in Chromium ...", file=sys.stderr)
        with launch_chromium() as browser:
            searched = {name: search(browser, site, query) for name, site in sites.items()}
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"{args.count} SOPs, one catalogue, two generators\n")
    print(f"{'build':<16}{'seconds':>9}   {'steps':<44}{'peak MB':>8}")
    for name, (steps, peak) in times.items():
        detail = "mkdocs build" if name.startswith("mkdocs") else f"sop site {steps[0]:.1f} s + zensical build {steps[1]:.1f} s"
        print(f"{name:<16}{sum(steps):>9.1f}   {detail:<44}{peak:>8.0f}")
    print(f"\n{'site':<10}{'total MB':>9}{'ours MB':>9}{'KB/SOP':>8}{'files':>7}{'pages':>7}   largest page")
    for name, size in sizes.items():
        largest, largest_size = size["largest"]
        print(f"{name:<10}{size['total'] / 2**20:>9.1f}{size['ours'] / 2**20:>9.1f}{size['total'] / args.count / 1024:>8.0f}"
              f"{size['files']:>7}{size['pages']:>7}   {largest_size / 1024:.0f} KB ({largest})")
    print("\n('ours': without the generator's own theme files and, for Zensical, its unused search.js/json)")
    print(f"\nsearch for {query!r}, from opening the home page to the first results")
    for name, ways in searched.items():
        for how, result in ways.items():
            works = f"{result['seconds']:.2f} s, {result['results']} results" if result["seconds"] else "NO RESULTS"
            print(f"{name:<10}{how:<6}{works:<24}other search box: {'yes' if result['other_box'] else 'no':<5}"
                  f"requests elsewhere: {len(result['outside'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
