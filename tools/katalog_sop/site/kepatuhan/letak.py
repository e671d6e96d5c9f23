"""Where the Kepatuhan section's pages and files live in the site.

The dashboard itself stays at ``kepatuhan.md`` (SOP pages and the Aturan page
link to it). Everything that grows with the catalogue is split into pages of
at most :data:`PAGE_SIZE` rows under ``kepatuhan/``, so that no page grows
with the catalogue: the SOP list, the list of SOPs failing each rule, and the
SOPs due for review. Rule ids are plain (``SOPAP-M02``), so their pages need
no hashing; ``halaman-<n>`` and ``<id>-<n>`` cannot meet an id.
"""

from __future__ import annotations

from katalog_sop.site.paths import Paths

PAGE_SIZE = 200
"""Rows on one list page: at 5,000 SOPs a page of the SOP list stays near 100 KB."""

MAIN = Paths.KEPATUHAN
RULES_BY_UNIT = "kepatuhan/aturan-unit.js"
"""Each rule's counts per unit, for the dashboard's unit filter (units times rules would weigh on the page)."""
SOP_DATA = "kepatuhan/sop/data.js"
"""The SOP list as data, for the list pages' filters (a classic script: it also loads from file://)."""


def pages_for(rows: int) -> int:
    return max(1, -(-rows // PAGE_SIZE))


def sop_list(page: int = 1) -> str:
    return "kepatuhan/sop/index.md" if page == 1 else f"kepatuhan/sop/halaman-{page}.md"


def rule(rule_id: str, page: int = 1) -> str:
    name = rule_id.lower()
    return f"kepatuhan/aturan/{name}.md" if page == 1 else f"kepatuhan/aturan/{name}-{page}.md"


def reviews(page: int = 1) -> str:
    return "kepatuhan/tinjauan/index.md" if page == 1 else f"kepatuhan/tinjauan/halaman-{page}.md"


CSV_SOP = "kepatuhan/sop.csv"
CSV_UNIT = "kepatuhan/unit.csv"
CSV_RULES = "kepatuhan/aturan.csv"
CSV_REVIEWS = "kepatuhan/tinjauan.csv"


def rule_csv(rule_id: str) -> str:
    return f"kepatuhan/aturan/{rule_id.lower()}.csv"
