"""Benchmark: drawing flowchart sheets for a generated catalogue.

Usage: .venv/bin/python benchmarks/render_sheets.py [--count 500]

Reports amortised milliseconds per sheet, measured side by side in one run:
our renderer with a cold cache and a warm cache, one Graphviz process per
sheet, and one bare batched Graphviz run over the same DOT text (the floor).
Targets: cold within 1.5x of the floor; warm at least 20x faster than one
process per sheet. Also times wrapping one pasted word of ``--word`` characters
(a URL, 1 MiB by default) into a kegiatan cell: target well under a second.

The floor, cold and warm runs are repeated in rounds, each round measuring
them side by side, and the median of each round's ratio is reported: on a
shared two-core machine one busy neighbour can slow the two-process cold run
more than the one-process floor. A warm-up round runs first and is not
counted. One process per sheet is slow, so it runs once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import write_catalogue  # noqa: E402

from katalog_sop.check import check  # noqa: E402
from katalog_sop.diagram.dot import _line_tail, _text_tail, to_dot  # noqa: E402
from katalog_sop.diagram.geometry import layout  # noqa: E402
from katalog_sop.diagram.render import ENGINE, render_sops  # noqa: E402
from katalog_sop.diagram.text import text_width, wrap  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted")
    parser.add_argument("--word", type=int, default=1 << 20, help="characters of the pasted word to wrap")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_catalogue(root, args.count)
        result = check([str(root / "sops")])
        sops = list(result.catalogue.sops.values())
        assert len(sops) == args.count, result.problems[:3]
        sheets = [layout(sop) for sop in sops]
        dots = [to_dot(sheet, page) for sheet in sheets for page in sheet.pages]
        pages = len(dots)
        print(f"{args.count} SOP, {pages} halaman lembar", file=sys.stderr)

        batch = "".join(dots).encode()
        per_process = timed(lambda: [subprocess.run([ENGINE, "-n2", "-Tsvg"], input=d.encode(), capture_output=True, check=True) for d in dots])
        rounds = []
        for number in range(args.warmup + args.rounds):
            floor = timed(lambda: subprocess.run([ENGINE, "-n2", "-Tsvg"], input=batch, capture_output=True, check=True))
            cache = root / f"cache-{number}"
            text_width.cache_clear()  # cold means nothing measured before, in memory or on disk
            _text_tail.cache_clear()
            _line_tail.cache_clear()
            cold = timed(lambda: render_sops(sops, cache_dir=cache))
            warm = timed(lambda: render_sops(sops, cache_dir=cache))
            if number >= args.warmup:
                rounds.append((cold / floor, floor, cold, warm))

    def ms(seconds: float) -> str:
        return f"{seconds * 1000 / args.count:8.2f} ms/sheet"

    ratio, floor, cold, warm = sorted(rounds)[len(rounds) // 2]
    print(f"cold / floor in each round: {', '.join(f'{r[0]:.2f}' for r in rounds)}; the median round:")
    print(f"bare batched Graphviz (floor) {ms(floor)}")
    print(f"one Graphviz process per sheet {ms(per_process)}")
    print(f"ours, cold cache              {ms(cold)}   cold / floor = {ratio:.2f} (target <= 1.5)")
    print(f"ours, warm cache              {ms(warm)}   per-process / warm = {per_process / warm:.1f} (target >= 20)")
    word = "https://contoh.invalid/" + "a" * max(0, args.word - 23)
    text_width.cache_clear()
    seconds = timed(lambda: wrap(word, 162.0, 8.0))
    print(f"wrapping one {len(word):,}-character word  {seconds:8.3f} s        (target well under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
