"""Pages stage, entry point: all generated pages and data files of the catalogue site, from one check result.

Computes the compliance scores once per call and hands every page the same
numbers; the SOP pages get the git history the plugin read once per build,
as data (nothing here runs git). Returns texts by their path in the site;
never writes a file and never imports MkDocs (the plugin adds the texts with
``File.generated``).
"""

from __future__ import annotations

from katalog_sop.check import CheckResult
from katalog_sop.keterkaitan import resolve_links
from katalog_sop.riwayat import NO_HISTORY, GitHistory
from katalog_sop.rules import RULES
from katalog_sop.search.index import build_index, index_files
from katalog_sop.search.records import search_record
from katalog_sop.site.compliance_json import compliance_json
from katalog_sop.site.indexes import index_pages
from katalog_sop.site.kepatuhan import due_reviews, kepatuhan_files, kepatuhan_pages, names_of
from katalog_sop.site.kepatuhan.tinjauan import review_months
from katalog_sop.site.logo import Present
from katalog_sop.site.markup import Urls
from katalog_sop.site.monitoring.dasbor import list_pages as monitoring_lists
from katalog_sop.site.monitoring.ekspor import monitoring_csv
from katalog_sop.site.monitoring.letak import CSV as MONITORING_CSV
from katalog_sop.site.monitoring.halaman import monitoring_pages
from katalog_sop.site.monitoring.keadaan import monitoring_view
from katalog_sop.site.paths import Paths
from katalog_sop.site.rules_page import rules_page
from katalog_sop.site.scores import Scores, compute_scores
from katalog_sop.site.sop_page import PageContext, sop_page


def site_pages(result: CheckResult, directory_urls: bool = False, history: GitHistory = NO_HISTORY,
               site_file: Present | None = None, scores: Scores | None = None) -> dict[str, str]:
    """Markdown text by source path (``sop/<id>.md``, ``unit/...``, ``kepatuhan.md``) for every generated page.

    ``history``: what git says about the SOP files, by SOP id (:func:`katalog_sop.riwayat.read_history`).
    ``site_file``: whether the site's docs folder has a file (a logo the site lacks is left out of the
    printed kop: :mod:`katalog_sop.site.logo`); ``None``: not known, every logo named is printed.
    ``scores``: :func:`compute_scores` of ``result`` when the caller has them (the plugin computes them once
    for the pages and the data files).
    """
    scores = compute_scores(result) if scores is None else scores
    links = resolve_links(result.catalogue)
    view = monitoring_view(result)
    ctx = PageContext(result.catalogue, Paths(), Urls(directory_urls), links, scores, history, result.formulir,
                      site_file, view)
    structural: dict[str, list] = {}
    for problem in result.problems:
        if problem.code not in RULES:
            structural.setdefault(problem.location.path, []).append(problem)
    pages: dict[str, str] = {}
    claimed: dict[str, str] = {}

    def add(src: str, text: str, source: str) -> None:
        if src in pages:  # only a hash collision can get here (see site.paths); never overwrite a page
            raise PageCollision(f"halaman {src} dibuat dua kali: dari {claimed[src]} dan dari {source}")
        pages[src], claimed[src] = text, source

    for sop in result.catalogue.sops.values():
        add(ctx.paths.sop(sop.id), sop_page(sop, structural.get(sop.path, []), ctx), sop.path)
    for src, text in index_pages(ctx).items():
        add(src, text, "indeks")
    due = due_reviews(scores, result.today, review_months(result))
    for src, text in kepatuhan_pages(scores, result.today, due, ctx).items():
        add(src, text, "halaman Kepatuhan")
    add(ctx.paths.ATURAN, rules_page(result, ctx), "halaman Aturan")
    if view is not None:
        names = names_of(scores)
        for src, text in {**monitoring_pages(view, names, ctx), **monitoring_lists(view, names, ctx)}.items():
            add(src, text, "halaman Monitoring")
    return pages


class PageCollision(Exception):
    """Two sources claim one page path; the message names both (in Indonesian, for the build log)."""


def sop_pages(result: CheckResult) -> dict[str, str]:
    """The SOP id of each SOP page, by the page's source path."""
    paths = Paths()
    return {paths.sop(sop.id): sop.id for sop in result.catalogue.sops.values()}


def site_data(result: CheckResult, directory_urls: bool = False, synonyms: list[list[str]] = (),
              scores: Scores | None = None) -> dict[str, str]:
    """Generated files that are not pages, by their path in the site: ``compliance.json``, the Kepatuhan tables
    as CSV (``kepatuhan/``) and search's ``cari/``
    (``synonyms``: the agency's own, see :mod:`katalog_sop.search.sinonim`)."""
    paths, urls = Paths(), Urls(directory_urls)
    records = [search_record(sop, urls.quoted(paths.sop(sop.id))) for sop in result.catalogue.sops.values()]
    scores = compute_scores(result) if scores is None else scores
    files = {Paths.COMPLIANCE_JSON: compliance_json(scores, result.today, directory_urls)}
    if scores.rules:
        due = due_reviews(scores, result.today, review_months(result))
        files.update(kepatuhan_files(scores, due, names_of(scores), directory_urls))
    if (view := monitoring_view(result)) is not None:
        files[MONITORING_CSV] = monitoring_csv(view, names_of(scores))
    return {**files, **index_files(build_index(records), synonyms)}
