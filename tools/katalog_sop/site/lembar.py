"""Pages stage, an SOP page's flowchart sheet as the page shows it: drawn pages in scrolling frames.

Each drawn page (an SVG from :mod:`katalog_sop.diagram.render`, which names it
for assistive technology) is shown at its own size, legible, in a frame that
scrolls sideways when the content column is narrower, so the page itself
never pans sideways on a phone. The page's script (``katalog-halaman.js``)
adds the tools: a zoomable view, open in a tab of its own, download as SVG,
print as PDF; without JavaScript the sheet is still shown and printed whole.
On paper each drawn page fills a printed page (``katalog-sop.css``).
Pure: the SVG texts come in as drawn; the SOP's name is escaped here.
"""

from __future__ import annotations

import re

from katalog_sop.site.markup import attr, slug

_XML_PROLOGUE = re.compile(r"\A<\?xml[^>]*>\s*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*", re.S)


def sheet_html(name: str, svgs: list[str]) -> str:
    """The sheet of the SOP called ``name`` from its drawn pages, in order."""
    total = len(svgs)
    figures = "".join(
        f'<figure class="sop-lembar-halaman" id="lembar-{number}">'
        f'<div class="sop-lembar-gulir" tabindex="0" role="region" '
        f'aria-label="Lembar flowchart halaman {number} dari {total}">{_XML_PROLOGUE.sub("", svg)}</div></figure>'
        for number, svg in enumerate(svgs, start=1)
    )
    return (f'<div class="sop-lembar" data-search-exclude data-nama="{attr(name)}" '
            f'data-berkas="{attr(slug(name)[:60])}">{figures}</div>')
