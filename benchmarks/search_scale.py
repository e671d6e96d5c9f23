"""Benchmark: search at scale, in Chromium, ours and Material's side by side on the same catalogues.

Usage: .venv/bin/python benchmarks/search_scale.py [--counts 1000 5000 20000] [--keep FOLDER]

For each size, builds a generated catalogue (benchmarks/workload.py) twice:
with this project's search (mkdocs.yml as it is) and with Material's (the
``search`` plugin added back, as the catalogue had it before). Each site is
served on 127.0.0.1 and opened in a fresh browser context (cold cache); then:

- first results: from opening the home page to the first query's results on
  screen (target at 20,000 SOPs: <= 1.5 s);
- further query: the median time of five more queries (target <= 300 ms);
- transferred: every byte the session's responses carried, the home page
  included (target <= 1.5 MB);
- memory: what the site's renderer processes grew by from the page's load to
  the last query's results, the search's worker included (target <= 150 MB).

Times are medians of three sessions. ``--keep`` keeps the built sites there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

from browser import launch_chromium, new_context, serve  # noqa: E402
from workload import write_catalogue  # noqa: E402

QUERIES = ["laporan kinerja triwulan", "menyusun dokumen perencanaan", "kasubag umum", "uu 25/2009",
           "memverifikasi surat permohonan", "sekertaris"]

UI = {
    "ours": {"open": "#katalog-cari-kotak", "field": "#katalog-cari-kotak", "results": "a.katalog-cari__tautan"},
    "material": {"open": "input.md-search__input", "field": "input.md-search__input",
                 "results": "li.md-search-result__item a.md-search-result__link"},
}


def build(root: Path, count: int, engine: str) -> Path:
    project = root / engine
    shutil.copytree(root / "sops", project / "sops")
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if engine == "material":
        config = config.replace("plugins:\n", "plugins:\n  - search:\n      lang: en\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, check=True, env=env)
    print(f"  built {engine} site of {count} SOPs in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return project / "site"


def renderer_memory() -> int:
    """Resident bytes of every Chromium renderer process (the page, and a worker's, run there)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"--type=renderer" not in (entry / "cmdline").read_bytes():
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def wait_results(page, ui: dict, previous: list[str] | None, limit: float = 120.0) -> float:
    """Seconds until the result list shows, and differs from ``previous``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        hrefs = page.eval_on_selector_all(ui["results"], "links => links.map(a => a.href)")
        if hrefs and hrefs != previous:
            return time.perf_counter() - start
        page.wait_for_timeout(10)
    raise TimeoutError("no results")


def type_query(page, ui: dict, query: str) -> None:
    """Replace the field's text key by key: Material searches on key events only."""
    field = page.locator(ui["field"])
    field.press("Control+A")
    field.press_sequentially(query)


def session(browser, base: str, engine: str) -> dict:
    ui = UI[engine]
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    sizes: list[int] = []
    context.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page = context.new_page()
    page.set_default_timeout(120_000)
    start = time.perf_counter()
    page.goto(base + "index.html")
    loaded = renderer_memory()
    page.locator(ui["open"]).first.click()
    type_query(page, ui, QUERIES[0])
    wait_results(page, ui, None)
    first = time.perf_counter() - start
    further = []
    previous = page.eval_on_selector_all(ui["results"], "links => links.map(a => a.href)")
    for query in QUERIES[1:]:
        started = time.perf_counter()
        type_query(page, ui, query)
        wait_results(page, ui, previous)
        further.append(time.perf_counter() - started)
        previous = page.eval_on_selector_all(ui["results"], "links => links.map(a => a.href)")
    page.wait_for_timeout(300)
    result = {"first": first, "further": statistics.median(further), "bytes": sum(sizes), "memory": renderer_memory() - loaded}
    context.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in args.counts:
            root = (args.keep or Path(folder)) / str(count)
            root.mkdir(parents=True, exist_ok=True)
            if not (root / "sops").exists():
                write_catalogue(root, count)
            for engine in ("material", "ours"):
                site = root / engine / "site" if (root / engine / "site").exists() else build(root, count, engine)
                with serve(site) as base, launch_chromium() as browser:
                    runs = [session(browser, base, engine) for _ in range(args.sessions)]
                row = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                rows.append((count, engine, row))
                print(f"  {count} {engine}: {row}", file=sys.stderr)
            if not args.keep:
                shutil.rmtree(root)
    print("SOPs    search     first results  further query  transferred  memory of search")
    for count, engine, row in rows:
        print(f"{count:>6}  {engine:<9} {row['first']:>10.2f} s {row['further'] * 1000:>10.0f} ms"
              f" {row['bytes'] / 1e6:>9.2f} MB {row['memory'] / 1e6:>10.0f} MB")
    print("targets at 20,000 SOPs: first results <= 1.5 s, further query <= 300 ms, <= 1.5 MB, <= 150 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
