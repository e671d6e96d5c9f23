"""Pages stage, the hand-over: what a site generator is given, the same for the MkDocs plugin and `sop site`.

The generated pages and data files (:mod:`.build`), the assets, the sheets
drawn in batches, the rule that decides which problems stop a build, and the
rules' configuration as the site's options give it. The MkDocs plugin adds
these to a build through MkDocs' API; ``sop site`` (:mod:`.folder`) writes
them to a folder that any generator reading ``mkdocs.yml`` builds (Zensical
runs no third-party plugin). Never imports MkDocs; never prints: a note for
the build log goes to the ``note`` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from katalog_sop.check import CheckResult
from katalog_sop.config import CONFIG_FILE, Config, ConfigError, load_config, parse_config
from katalog_sop.diagram.geometry import Options
from katalog_sop.diagram.render import GraphvizError, render_sops
from katalog_sop.problem import Problem
from katalog_sop.reporters.escape import terminal
from katalog_sop.rules import RULES
from katalog_sop.search.sinonim import SynonymError, load_synonyms
from katalog_sop.site.lembar import sheet_html
from katalog_sop.site.markup import attr
from katalog_sop.site.sop_page import SHEET_MARK

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
"""Template overrides for Material: Indonesian where its own Indonesian table is not, a 404 page for readers."""
STYLESHEET = "assets/katalog-sop/katalog-sop.css"
WORKER_SHIM = "assets/katalog-sop/iframe-worker.js"
"""Runs Web Workers from file:// with no request elsewhere. The catalogue's own search uses no worker,
but Material's offline plugin (and its search, should a site add it) would otherwise list a shim
from a CDN: an iframe-worker script listed already keeps every page from asking another host."""
SEARCH_SCRIPT = "assets/katalog-sop/katalog-cari.js"
"""Search in the header, over the index under cari/ (katalog_sop.search); a classic script, for file://."""
STEMMER_SCRIPT = "assets/katalog-sop/stemmer-id.js"
"""The Indonesian stemmer the search script loads when a reader starts searching."""
PAGE_SCRIPT = "assets/katalog-sop/katalog-halaman.js"
"""An SOP page's tools: print, and the sheet's zoomable view, new tab and downloads; a classic script."""
SCRIPT = "assets/katalog-sop/kepatuhan.js"
"""Sorts and filters the Kepatuhan page's tables; a classic script, so it also runs from file://."""
SCRIPTS = (SCRIPT, SEARCH_SCRIPT, PAGE_SCRIPT)
"""The scripts every page lists (``extra_javascript``), in order."""
ASSET_FILES = (("katalog-sop.css", STYLESHEET), ("iframe-worker.js", WORKER_SHIM), ("kepatuhan.js", SCRIPT),
               ("katalog-cari.js", SEARCH_SCRIPT), ("vendor/stemmer-id.js", STEMMER_SCRIPT),
               ("katalog-halaman.js", PAGE_SCRIPT))
PERMALINK_TITLE = "Tautan ke bagian ini"
DRAW_BATCH = 500
"""SOPs drawn per Graphviz run: start-up is paid once per batch, and no batch's sheets need much memory."""
FAIL_ON = ("structure", "error", "warning")
OPTIONS = {"sops": "sops", "monitoring": "monitoring", "cache": ".cache/katalog-sop/lembar", "max_rows": None,
           "config": None, "sinonim": None, "rules": {}, "profiles": [], "kategori": [], "fail_on": "structure"}
"""The site's options (the plugin's in mkdocs.yml) and their defaults; the plugin's config class declares them
with these defaults, and ``sop site`` reads them from mkdocs.yml (:mod:`.folder`)."""


class SiteError(Exception):
    """The site cannot be made; the message (Indonesian) says why, for the build log or the terminal."""


def asset_texts() -> dict[str, str]:
    """Each asset's text by its path in the site."""
    return {uri: (ASSETS / name).read_text(encoding="utf-8") for name, uri in ASSET_FILES}


def fails(problem: Problem, fail_on: str) -> bool:
    """Whether ``problem`` stops the build: structural errors always; with ``fail_on`` "error" also
    compliance errors, with "warning" also warnings. A suppressed finding never does."""
    if not problem.counts:
        return False
    if fail_on == "warning" and problem.severity.value == "warning":
        return True
    return problem.is_error and (fail_on != "structure" or problem.code not in RULES)


def rules_config(root: Path, options: Mapping[str, Any], shown: Callable[[Path], Any] = str) -> Config:
    """The rules' configuration as the site's options give it: inline ``rules``/``profiles``/``kategori``,
    or the file ``config`` (default ``katalog-sop.yml`` beside the site's config, when it exists)."""
    inline = bool(options.get("rules") or options.get("profiles") or options.get("kategori"))
    if inline:
        if options.get("config"):
            raise ConfigError("pilih salah satu: 'config' (berkas) atau 'rules'/'profiles'/'kategori' di mkdocs.yml")
        return parse_config(
            {"rules": options.get("rules") or {}, "profiles": options.get("profiles") or [],
             "kategori": options.get("kategori") or []},
            lambda path, at_key=False: "mkdocs.yml (plugins > katalog-sop > " + " > ".join(map(str, path)) + ")",
            source="mkdocs.yml",
        )
    file = root / (options.get("config") or CONFIG_FILE)
    if options.get("config") or file.is_file():
        return load_config(shown(file))
    return parse_config(None)


def synonyms(root: Path, sinonim: str | None) -> list[list[str]]:
    """The agency's search synonyms from the file ``sinonim`` (relative to ``root``); none when unset."""
    if not sinonim:
        return []
    try:
        return load_synonyms(root / sinonim, sinonim)
    except SynonymError as exc:
        raise SiteError(f"sinonim pencarian: {exc}") from None


def draw_sheets(result: CheckResult, options: Options, cache_dir: Path | None, formulir, put,
                note: Callable[[str], None] = lambda _: None) -> None:
    """Draw every SOP's sheet in batches, handing each to ``put(sop id, sheet HTML)``; Graphviz that draws
    nothing at all is a :class:`SiteError` (stand-ins for every sheet would be worse than the old site)."""
    sops = list(result.catalogue.sops.values())
    for start in range(0, len(sops), DRAW_BATCH):
        batch = sops[start : start + DRAW_BATCH]
        try:
            drawn = render_sops(batch, options, cache_dir, formulir)
        except GraphvizError as exc:
            raise SiteError(str(exc)) from None
        if drawn.graphviz_broken:
            reason = terminal(drawn.warnings[-1]) if drawn.warnings else ""
            raise SiteError(f"Graphviz tidak dapat menggambar satu pun dari {drawn.attempted} halaman lembar; {reason}")
        for warning in drawn.warnings:  # a page drawn as a stand-in, a cache that cannot be written
            note(terminal(warning))
        for sop, pages in zip(batch, drawn):
            put(sop.id, sheet_html(sop.nama.value, [page.svg for page in pages]))
        if len(sops) > DRAW_BATCH:
            note(f"lembar flowchart: {min(start + DRAW_BATCH, len(sops))} dari {len(sops)} SOP")


def with_sheet(text: str, sop_id: str, sheet: str) -> str:
    """An SOP page (Markdown or HTML) with its sheet in place of the mark; the sheet's lines joined, so that in
    Markdown it stays one block of raw HTML (a blank line would end the block)."""
    return text.replace(SHEET_MARK.format(id=attr(sop_id)), "\n".join(filter(str.strip, sheet.splitlines())), 1)
