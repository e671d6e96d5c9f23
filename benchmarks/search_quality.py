"""Benchmark: how well the site's search finds the SOPs staff ask for (recall@5 and MRR).

Usage: .venv/bin/python benchmarks/search_quality.py [--site FOLDER] [--verbose]

Builds the test catalogue of ``tests/search/queries.yaml`` (the example SOPs,
the transcribed real SOPs and generated SOPs as noise) with the repository's
mkdocs.yml, serves it on 127.0.0.1, and types every query into the search box
of the built site in Chromium, as a reader does. For each query it reads the
result list in order and reports, per kind of query and overall:

- recall@5: the share of the SOPs a query must find that are among its first
  five results (targets: >= 0.95);
- MRR: the mean over queries of 1 / the rank of the first result that is one
  of the SOPs it must find (0 when none is listed; target >= 0.85).

Every result counts for its rank, pages that are no SOP included: an index
page listed above the SOP costs it a place, as it costs the reader one.
``--site`` measures an already built site (of the same catalogue) instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

from browser import launch_chromium, new_context, serve  # noqa: E402
from workload import write_catalogue  # noqa: E402

QUERIES = REPO / "tests" / "search" / "queries.yaml"

# Material's search UI: type into the header's field, then read the result links in order.
MATERIAL_RESULTS = "ol.md-search-result__list > li.md-search-result__item > a.md-search-result__link"


def build_catalogue(root: Path, generated: dict) -> Path:
    """The test catalogue's project folder (sops/, docs/, mkdocs.yml), built into ``root / 'site'``."""
    write_catalogue(root, generated["count"], seed=generated["seed"])
    for unit in sorted((REPO / "sops").iterdir()):
        if unit.is_dir():
            shutil.copytree(unit, root / "sops" / unit.name)
    shutil.copytree(REPO / "tests" / "real_sops" / "bps-bengkulu", root / "sops" / "bps-bengkulu")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=root, check=True, env=env)
    return root / "site"


def sop_of(href: str, base: str) -> str:
    """The SOP id a result links to (``sop/<id>.html``), else the page's path (no SOP)."""
    path = unquote(urlsplit(href).path)
    path = path[len(urlsplit(base).path):] if path.startswith(urlsplit(base).path) else path.lstrip("/")
    if path.startswith("sop/") and path.endswith(".html"):
        return path[len("sop/"):-len(".html")]
    return "(halaman) " + path


OURS = {"field": "#katalog-cari-kotak", "meta": ".katalog-cari__info", "results": "a.katalog-cari__tautan",
        "done": ("ditemukan", "Tidak ada")}
MATERIAL = {"field": "input.md-search__input", "meta": ".md-search-result__meta", "results": MATERIAL_RESULTS,
            "done": ("ditemukan", "Tidak ada")}


def ask(page, query: str, base: str) -> list[str]:
    """The results of one query, in order, as SOP ids (or page paths)."""
    ui = OURS if page.locator(OURS["field"]).count() else MATERIAL
    field = page.locator(ui["field"])
    field.click()
    field.press("Control+A")
    field.press_sequentially(query)  # key by key, as a reader types
    # The count, then the list, are written as the index answers: read both until they stop changing.
    read = (f"() => [(document.querySelector('{ui['meta']}') || {{}}).textContent || '', "
            f"Array.from(document.querySelectorAll('{ui['results']}')).map(a => a.href)]")
    last, steady = None, 0
    for _ in range(300):
        page.wait_for_timeout(50)
        meta, hrefs = page.evaluate(read)
        done = any(word in meta for word in ui["done"])
        steady = steady + 1 if (meta, hrefs) == last and done else 0
        last = (meta, hrefs)
        if steady >= 4:
            break
    ranked: list[str] = []
    for href in hrefs:
        found = sop_of(href, base)
        if found not in ranked:
            ranked.append(found)
    return ranked


def score(queries: list[dict], answers: dict[str, list[str]]) -> tuple[dict, list[str]]:
    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    misses = []
    for query in queries:
        ranked = answers[query["q"]]
        must = query["harus"]
        found = sum(1 for sop in must if sop in ranked[:5])
        first = next((rank for rank, sop in enumerate(ranked, start=1) if sop in must), None)
        pair = (found / len(must), 1 / first if first else 0.0)
        per_kind[query["jenis"]].append(pair)
        per_kind["semua"].append(pair)
        if pair[0] < 1:
            misses.append(f"  {query['q']!r}: {found}/{len(must)} in top 5; got {ranked[:5]}")
    return per_kind, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site of the test catalogue")
    parser.add_argument("--verbose", action="store_true", help="list every query whose SOPs were not all found")
    args = parser.parse_args()
    spec = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    queries = spec["queries"]
    with tempfile.TemporaryDirectory() as folder:
        if args.site:
            site = args.site
        else:
            print("building the test catalogue ...", file=sys.stderr)
            site = build_catalogue(Path(folder), spec["generated"])
        answers = {}
        with serve(site) as base, launch_chromium() as browser:
            context = new_context(browser)
            page = context.new_page()
            page.goto(base + "index.html")
            for number, query in enumerate(queries, start=1):
                answers[query["q"]] = ask(page, query["q"], base)
                if number % 20 == 0:
                    print(f"{number}/{len(queries)} queries", file=sys.stderr)
            context.close()
    per_kind, misses = score(queries, answers)
    print(f"{len(queries)} queries; recall@5 (target >= 0.95), MRR (target >= 0.85)")
    for kind, pairs in sorted(per_kind.items(), key=lambda item: (item[0] == "semua", item[0])):
        recall = sum(r for r, _ in pairs) / len(pairs)
        mrr = sum(m for _, m in pairs) / len(pairs)
        print(f"  {kind:<12} {len(pairs):3d} queries  recall@5 {recall:.2f}  MRR {mrr:.2f}")
    if args.verbose:
        print("not all found:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
