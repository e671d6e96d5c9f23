"""Pages stage, ``compliance.json``: the Kepatuhan page's numbers as data for programs.

The same scores (:mod:`katalog_sop.site.scores`) as the Kepatuhan page and
the SOP pages, so that a program reading this file and a person reading the
page see one truth. Keys are English like the ``json`` reporter's; texts
(messages, reasons, clauses) are the SOPs' and the rules' own, unescaped.
Only rule findings are listed; structural problems are the ``json``
reporter's business. Pure: returns the text, never writes it.

Shape::

    {"generated": "2026-11-21",            # the date the check was made for
     "definition": "...",                   # how "passed" is decided (Indonesian)
     "totals": {"sops", "checks", "passed", "error", "warning", "info", "suppressed"},
     "rules": [{"id", "slug", "severity", "default_severity", "tag", "scope", "clause"}],
     "sops": [{"id", "path", "page", "nama", "unit", "unit_name", "checks", "passed",
               "failed": [rule ids], "counts": {"error", "warning", "info", "suppressed"},
               "findings": [{"rule", "severity", "message", "json_path", "line", "column", "suppressed"}]}],
     "units": [{"id", "name", "sops", "checks", "passed", "counts"}],
     "per_rule": [{"id", "severity", "sops_failing", "findings", "suppressed"}]}
"""

from __future__ import annotations

import datetime as dt
import json

from katalog_sop.rules import RULES
from katalog_sop.site.indexes import unit_names
from katalog_sop.site.markup import Urls
from katalog_sop.site.paths import Paths
from katalog_sop.site.scores import ORDER, Scores

DEFINITION = (
    "Pemeriksaan suatu SOP adalah aturan yang dijalankan; pemeriksaan lolos bila aturan itu tidak menemukan "
    "galat atau peringatan yang dihitung (tidak dikecualikan) pada berkas SOP tersebut. Temuan info tidak "
    "menggagalkan pemeriksaan. Unit: jumlah lolos dibagi jumlah pemeriksaan semua SOP-nya."
)


def _counts(score) -> dict[str, int]:
    counts = {s.value: score.count(s) for s in ORDER}
    counts["suppressed"] = len(score.exempted)
    return counts


def compliance_data(scores: Scores, today: dt.date, directory_urls: bool = False) -> dict:
    paths, urls = Paths(), Urls(directory_urls)
    names = unit_names({unit: [s.sop for s in u.sops] for unit, u in scores.units.items()})
    sops = []
    for score in scores.sops.values():
        sop = score.sop
        sops.append({
            "id": sop.id,
            "path": sop.path,
            "page": urls.quoted(paths.sop(sop.id)),
            "nama": sop.nama.value,
            "unit": score.unit,
            "unit_name": names[score.unit],
            "checks": score.checks,
            "passed": score.passed,
            "failed": sorted(score.failed),
            "counts": _counts(score),
            "findings": [
                {
                    "rule": p.code,
                    "severity": p.severity.value,
                    "message": p.message,
                    "json_path": p.location.json_path,
                    "line": p.location.line,
                    "column": p.location.column,
                    "suppressed": p.suppressed,
                }
                for p in score.findings
            ],
        })
    return {
        "generated": today.isoformat(),
        "definition": DEFINITION,
        "totals": {
            "sops": len(scores.sops),
            "checks": scores.checks,
            "passed": scores.passed,
            **{s.value: sum(x.count(s) for x in scores.sops.values()) for s in ORDER},
            "suppressed": sum(len(x.exempted) for x in scores.sops.values()),
        },
        "rules": [
            {
                "id": r.rule.id,
                "slug": r.rule.slug,
                "severity": r.rule.severity.value,
                "default_severity": RULES[r.rule.id].severity.value if r.rule.id in RULES else r.rule.severity.value,
                "tag": r.rule.tag,
                "scope": r.rule.scope,
                "clause": r.rule.clause,
            }
            for r in scores.rules
        ],
        "sops": sops,
        "units": [
            {"id": unit, "name": names[unit], "sops": len(u.sops), "checks": u.checks, "passed": u.passed, "counts": _counts(u)}
            for unit, u in scores.units.items()
        ],
        "per_rule": [
            {
                "id": r.rule.id,
                "severity": r.rule.severity.value,
                "sops_failing": r.total.failing,
                "findings": r.total.findings,
                "suppressed": r.total.exempted,
            }
            for r in scores.rules
        ],
    }


def compliance_json(scores: Scores, today: dt.date, directory_urls: bool = False) -> str:
    return json.dumps(compliance_data(scores, today, directory_urls), ensure_ascii=False, separators=(",", ":")) + "\n"
