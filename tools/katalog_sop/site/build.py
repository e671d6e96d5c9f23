"""All generated pages of the catalogue site, from one check result."""

from __future__ import annotations

from katalog_sop.check import CheckResult
from katalog_sop.site.indexes import index_pages
from katalog_sop.keterkaitan import resolve_links
from katalog_sop.site.markup import Urls
from katalog_sop.site.paths import Paths
from katalog_sop.site.sop_page import PageContext, sop_page


def site_pages(result: CheckResult, directory_urls: bool = False) -> dict[str, str]:
    """Markdown text by source path (``sop/<id>.md``, ``unit/...``) for every generated page."""
    ctx = PageContext(result.catalogue, Paths(), Urls(directory_urls), resolve_links(result.catalogue))
    problems = {f.sop.id: list(f.problems) for f in result.files if f.sop is not None}
    pages = {ctx.paths.sop(sop.id): sop_page(sop, problems.get(sop.id, []), ctx) for sop in result.catalogue.sops.values()}
    pages.update(index_pages(ctx))
    return pages
