"""Benchmark: how often the rules agree with an auditor, on the seeds and the transcribed real SOPs.

Usage: .venv/bin/python benchmarks/audit_precision.py [--verbose]

The reference is an auditor's reading of each SOP, written from the sources
before the rules were tuned: ``tests/rules/seeds_audit.yaml`` (the five seeds,
audited on its ``tanggal_audit``) and ``tests/rules/real_audit/*.yaml`` (one
file per transcribed real SOP in ``tests/real_sops/``). Each lists
``temuan`` (findings a rule is meant to catch: rule, node, why) and
``belum_ada_aturan`` (findings no rule covered when the list was written,
each under a name of its own, its ``jenis``).

A rule added later takes the auditor's name as its slug, so its findings are
matched against the entries of that ``jenis`` without rewriting the lists;
:data:`JENIS_OF_RULE` names the two older rules whose slugs differ from the
auditor's words. Entries whose ``jenis`` no rule has are counted as missed.

``sop check`` runs on each catalogue on its audit's date. A finding of the
tool (warning or error; information is not counted) agrees with the
auditor when the reference names the same rule at the same node, or at a
node containing it or contained in it (the auditor may point at a step where
the rule points at its sentence). Reported per rule and overall:

- precision: warnings and errors the auditor agrees with / all warnings and
  errors (noise there costs an auditor's attention). Target >= 0.9.
- recall: the auditor's findings the tool reports at any severity / all of
  them (those no rule covers yet count as missed). Target >= 0.8.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from katalog_sop.check import check
from katalog_sop.problem import Severity
from katalog_sop.rules import RULES

REPO = Path(__file__).resolve().parents[1]

JENIS_OF_RULE = {"SOPAP-D03": ("peraturan-diganti",), "SOPAP-K04": ("pelaksana-tidak-sesuai",)}
"""Auditor's names (``jenis``) that a rule covers though its slug differs: D03 reports a regulation the
registry knows was revoked, beside C04 ("peraturan-diganti"), which sees the newer one cited elsewhere
in the catalogue; K04 reports a step drawn in another column than the one whose pelaksana its text names."""


def rule_of_jenis() -> dict[str, frozenset[str]]:
    """``jenis`` of the reference lists -> the ids of the rules that report it (any one of them will do)."""
    names = {rule.slug: {rule.id} for rule in RULES.values()}
    for rule_id, jenis in JENIS_OF_RULE.items():
        for name in jenis:
            names.setdefault(name, set()).add(rule_id)
    return {name: frozenset(ids) for name, ids in names.items()}


def _steps(path: str) -> list[str]:
    """A JSON path's parts ("$.langkah[3].kegiatan" -> ["$", "langkah", "[3]", "kegiatan"])."""
    return path.replace("[", ".[").split(".")


def related(a: str, b: str) -> bool:
    """Whether one node is the other or contains it."""
    x, y = _steps(a), _steps(b)
    shorter = min(len(x), len(y))
    return x[:shorter] == y[:shorter]


def references() -> list[tuple[dict, Path, object]]:
    """(sop id -> entry, catalogue folder, audit date) for each reference set."""
    seeds = yaml.safe_load((REPO / "tests" / "rules" / "seeds_audit.yaml").read_text(encoding="utf-8"))
    sets = [(seeds["seeds"], REPO / "sops", seeds["tanggal_audit"])]
    real: dict[str, dict] = {}
    dates = set()
    for path in sorted((REPO / "tests" / "rules" / "real_audit").glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        real[entry["sop"]] = entry
        dates.add(entry["tanggal_audit"])
    if real:
        sets.append((real, REPO / "tests" / "real_sops", max(dates)))
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list each disagreement")
    args = parser.parse_args()
    agreed, reported, found, expected = Counter(), Counter(), Counter(), Counter()
    missed_new = Counter()
    lines = []
    named = rule_of_jenis()
    for entries, folder, today in references():
        result = check([str(folder)], today=today)
        ids = {f.source.display: f.sop.id for f in result.files if f.sop is not None}
        tool: dict[str, list[tuple[str, str]]] = {}  # warnings and errors: what precision counts
        said: dict[str, list[tuple[str, str]]] = {}  # and information too: reported, for recall
        for problem in result.problems:
            if problem.location.path not in ids:
                continue
            finding = (problem.code, problem.location.json_path or "$")
            said.setdefault(ids[problem.location.path], []).append(finding)
            if problem.severity in (Severity.WARNING, Severity.ERROR):
                tool.setdefault(ids[problem.location.path], []).append(finding)
        for sop_id, entry in entries.items():
            wanted = [(frozenset({item["rule"]}), at) for item in entry.get("temuan") or [] for at in item["at"]]
            wanted += [(named[item["jenis"]], at) for item in entry.get("belum_ada_aturan") or []
                       if item["jenis"] in named for at in item["at"]]
            mine = tool.get(sop_id, [])
            for rule, at in mine:
                reported[rule] += 1
                if any(rule in r and related(at, a) for r, a in wanted):
                    agreed[rule] += 1
                elif args.verbose:
                    lines.append(f"  {sop_id}: the auditor does not report {rule} at {at}")
            for rules, at in wanted:
                rule = min(rules)
                expected[rule] += 1
                if any(r in rules and related(at, a) for r, a in said.get(sop_id, [])):
                    found[rule] += 1
                elif args.verbose:
                    lines.append(f"  {sop_id}: the tool misses {'/'.join(sorted(rules))} at {at}")
            for item in entry.get("belum_ada_aturan") or []:
                if item["jenis"] not in named:
                    missed_new[item["jenis"]] += len(item["at"])
    print(f"{'rule':12} {'precision':>16} {'recall':>16}")
    for rule in sorted(set(reported) | set(expected)):
        precision = f"{agreed[rule]}/{reported[rule]}" if reported[rule] else "-"
        recall = f"{found[rule]}/{expected[rule]}" if expected[rule] else "-"
        print(f"{rule:12} {precision:>16} {recall:>16}")
    total_reported, total_agreed = sum(reported.values()), sum(agreed.values())
    total_expected = sum(expected.values()) + sum(missed_new.values())
    total_found = sum(found.values())
    precision = total_agreed / total_reported if total_reported else 1.0
    recall = total_found / total_expected if total_expected else 1.0
    print(f"no rule yet: {sum(missed_new.values())} findings ({', '.join(f'{k} {v}' for k, v in missed_new.most_common())})")
    print(f"precision {total_agreed}/{total_reported} = {precision:.2f} (target >= 0.9)")
    print(f"recall    {total_found}/{total_expected} = {recall:.2f} (target >= 0.8)")
    if args.verbose:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
