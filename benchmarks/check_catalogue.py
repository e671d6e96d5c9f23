"""Benchmark: `sop check` on a generated catalogue of 5,000 SOPs, and on one file as a pre-commit hook.

Usage: .venv/bin/python benchmarks/check_catalogue.py [--count 5000] [--rounds 3]

Each measurement is a whole `sop check` process, start-up included, as a user
or a CI job runs it: schema, every rule, the catalogue-wide rules, the report
(JSON, written to a pipe). Measured side by side in each round:

- floor: one process that only reads and parses every file with libyaml
  (``yaml.CSafeLoader``), the least any checker of YAML files must do;
- catalogue: ``sop check --format json sops``, with the catalogue's
  monitoring records (two Tabel 7 rounds and one evaluation per unit) in
  ``monitoring/`` beside it, unless ``--no-monitoring``;
- one file: ``sop check sops/<unit>/<sop>.yaml``, as a pre-commit hook runs it
  on a changed file.

Reports the medians: SOPs per second end to end (target: >= 1,500), the ratio
to the floor, and the one-file time (target: < 0.5 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import write_catalogue, write_monitoring  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def timed(command: list[str], cwd: Path, ok=(0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-monitoring", action="store_true", help="no monitoring records beside the catalogue")
    args = parser.parse_args()
    python = sys.executable
    env_note = f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"writing {args.count} SOPs ...", file=sys.stderr)
        paths = write_catalogue(root, args.count)
        records = [] if args.no_monitoring else write_monitoring(root, args.count)
        one = paths[len(paths) // 2].relative_to(root).as_posix()
        commands = {
            "floor": [python, "-c", FLOOR, "sops"] + (["monitoring"] if records else []),
            "catalogue": [python, "-m", "katalog_sop", "check", "--format", "json", "sops"],
            "one file": [python, "-m", "katalog_sop", "check", one],
        }
        for command in commands.values():  # warm the page cache and the bytecode
            timed(command, root)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for number in range(1, args.rounds + 1):
            for name, command in commands.items():
                times[name].append(timed(command, root))
            print(f"round {number}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()), file=sys.stderr)
    floor = statistics.median(times["floor"])
    catalogue = statistics.median(times["catalogue"])
    single = statistics.median(times["one file"])
    kept = f"{len(records)} monitoring records" if records else "no monitoring records"
    print(f"{args.count} SOPs, {kept}, {args.rounds} rounds, median; {env_note}")
    print(f"  floor (parse only):   {floor:6.2f} s  {args.count / floor:7.0f} SOPs/s")
    print(f"  sop check catalogue:  {catalogue:6.2f} s  {args.count / catalogue:7.0f} SOPs/s"
          f"  (target >= 1500)  ratio to floor {catalogue / floor:.2f}")
    print(f"  sop check one file:   {single:6.3f} s  (target < 0.5 s)")
    spread = max(times["catalogue"]) - min(times["catalogue"])
    print(f"  spread of catalogue rounds: {spread:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
