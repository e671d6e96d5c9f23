"""Pages stage, the Kepatuhan section for auditors: the dashboard, its lists, and its tables as CSV.

- :mod:`.ringkasan`: the dashboard page (``kepatuhan.md``), small at any size;
- :mod:`.daftar`: the lists that grow with the catalogue, in pages;
- :mod:`.ekspor`: every table as CSV, and the SOP list as data;
- :mod:`.tinjauan`: which SOPs are due for review, with their dates;
- :mod:`.sel` and :mod:`.letak`: shared cells and orders; paths.

All of it reads the same :class:`katalog_sop.site.scores.Scores` as the SOP
pages and ``compliance.json``. Pure: texts by path, never written here.
"""

from __future__ import annotations

import datetime as dt

from katalog_sop.site.indexes import unit_names
from katalog_sop.site.kepatuhan.daftar import review_pages, rule_pages, sop_list_pages
from katalog_sop.site.kepatuhan.ekspor import kepatuhan_files
from katalog_sop.site.kepatuhan.ringkasan import dashboard_page
from katalog_sop.site.kepatuhan.tinjauan import Due, due_reviews
from katalog_sop.site.scores import Scores
from katalog_sop.site.sop_page import PageContext

__all__ = ["kepatuhan_pages", "kepatuhan_files", "due_reviews", "names_of"]


def names_of(scores: Scores) -> dict[str, str]:
    return unit_names({unit: [s.sop for s in u.sops] for unit, u in scores.units.items()})


def kepatuhan_pages(scores: Scores, today: dt.date, due: list[Due], ctx: PageContext) -> dict[str, str]:
    """The dashboard and, when rules ran, its list pages, by source path."""
    names = names_of(scores)
    pages = {ctx.paths.KEPATUHAN: dashboard_page(scores, today, due, names, ctx)}
    if scores.rules:
        pages.update(sop_list_pages(scores, names, ctx))
        pages.update(rule_pages(scores, names, ctx))
        pages.update(review_pages(due, names, ctx))
    return pages
