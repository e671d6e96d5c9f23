"""Pages stage, lists of SOPs on the index pages: each SOP with what tells it apart, in pages that stay small.

A pelaksana such as "Kepala Dinas" or a regulation such as Permen PANRB
35/2012 is named by most SOPs of a catalogue, so its page would grow with
the catalogue (1,600 SOPs, 400 KB, at 5,000). :func:`paged` splits a list
into pages of :data:`LIST_PAGE` SOPs, in natural order, each linking to
every other. The first page keeps its path; the next are
``<path>--halaman-<n>``: two hyphens, which no plain page name has and no
hashed one ends in (:mod:`katalog_sop.site.paths`), so they meet no other page.
"""

from __future__ import annotations

import re
from typing import Iterable

from katalog_sop.model import Sop
from katalog_sop.site.markup import esc_line, esc, items, link, pager
from katalog_sop.site.sop_page import PageContext

LIST_PAGE = 200
"""SOPs on one index page at most (about 60 KB of HTML)."""


def natural_key(text: str) -> tuple:
    """Sort key that reads numbers as numbers ("Bagian 2" before "Bagian 10"), case-insensitively."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text.casefold()) if part)


def _order(sops: Iterable[Sop]) -> list[Sop]:
    return sorted(sops, key=lambda s: (natural_key(s.nama.value), s.id))


def sop_list(sops: Iterable[Sop], src: str, ctx: PageContext, extra=lambda sop: "", show_unit: bool = True) -> str:
    """Each SOP linked by its name, with what tells same-named SOPs apart (unit, nomor) and its status."""
    def render(sop: Sop) -> str:
        facts = [esc(sop.unit.value)] if show_unit and sop.unit is not None else []
        if sop.nomor is not None:
            facts.append(esc(sop.nomor.value))
        score = ctx.scores.sops.get(sop.id) if ctx.scores is not None else None
        if score is not None and score.checks:
            facts.append(f"{score.passed}/{score.checks} pemeriksaan lolos")
        about = f' <span class="sop-nomor">{" · ".join(facts)}</span>' if facts else ""
        return link(ctx.urls.href(src, ctx.paths.sop(sop.id)), sop.nama.value) + about + extra(sop)
    return items(_order(sops), render)


def part_path(src: str, number: int) -> str:
    """The source path of page ``number`` of the list whose first page is ``src``."""
    return src if number == 1 else f"{src[: -len('.md')]}--halaman-{number}.md"


def paged(src: str, title: str, lead: str, caption: str, sops: Iterable[Sop], ctx: PageContext,
          show_unit: bool = True) -> dict[str, str]:
    """A list page of ``sops`` by source path: ``# title``, then ``lead`` (Markdown, first page only), then
    ``caption`` and the SOPs, :data:`LIST_PAGE` a page. ``title`` is escaped here; ``lead`` and ``caption`` are
    the caller's, escaped already."""
    return paged_entries(src, title, lead, caption, _order(sops), "SOP",
                         lambda part, here: sop_list(part, here, ctx, show_unit=show_unit), ctx)


def paged_entries(src: str, title: str, lead: str, caption: str, entries: list, noun: str, render, ctx: PageContext) -> dict[str, str]:
    """:func:`paged` for any entries: ``render(part, here)`` writes one page's part of the list (at ``here``);
    ``noun`` names an entry in the "Halaman 2 dari 3: SOP 201–400 dari 512" line."""
    count = max(1, -(-len(entries) // LIST_PAGE))
    pages = {}
    for number in range(1, count + 1):
        here = part_path(src, number)
        part = entries[(number - 1) * LIST_PAGE : number * LIST_PAGE]
        nav = pager(number, count, lambda k: ctx.urls.href(here, part_path(src, k)))
        heading = esc_line(title) if number == 1 else f"{esc_line(title)} (halaman {number})"
        body = [f"# {heading}", ""]
        if number == 1 and lead:
            body += [lead, ""]
        if count > 1:
            first = (number - 1) * LIST_PAGE + 1
            body += [f"<p>Halaman {number} dari {count}: {noun} {first}–{first + len(part) - 1} dari {len(entries)}.</p>",
                     "", nav, ""]
        body += [caption, "", render(part, here), ""]
        if count > 1:
            body += [nav, ""]
        pages[here] = "\n".join(body)
    return pages
