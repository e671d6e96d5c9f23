"""The MkDocs adapter: forwards MkDocs events to the core, and nothing else.

It checks the SOP folder when the configuration is loaded, before MkDocs
touches the site folder (a structural error stops the build, listing every
problem as ``file:line:col``, and leaves any earlier site as it was), adds one generated page per SOP, the index pages,
the Kepatuhan and Aturan pages, ``compliance.json`` and the site's assets with
``File.generated`` (``docs/`` keeps only hand-written pages), draws the
flowchart sheets in one batched Graphviz run with the sheet cache, and puts
them into the SOP pages after Markdown, outside the search index. Every build
reads the SOP files' last commit dates from git afresh (two git calls; pages
are not cached, so a date is never stale after a rebuild).
``mkdocs serve`` watches the SOP folder; an unchanged SOP's sheet comes from
the cache without being laid out again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from katalog_sop.check import CheckResult, UsageError, check
from katalog_sop.config import CONFIG_FILE, ConfigError, load_config, parse_config
from katalog_sop.diagram.geometry import Options
from katalog_sop.diagram.render import GraphvizError, render_sops
from katalog_sop.reporters import format_line
from katalog_sop.riwayat import read_history
from katalog_sop.rules import RULES
from katalog_sop.site.build import site_data, site_pages
from katalog_sop.site.markup import attr
from katalog_sop.site.sop_page import SHEET_MARK

log = get_plugin_logger(__name__)

_XML_PROLOGUE = re.compile(r"\A<\?xml[^>]*>\s*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*", re.S)


class KatalogSopConfig(base.Config):
    sops = c.Type(str, default="sops")
    """The folder of SOP sources, relative to mkdocs.yml."""
    cache = c.Type(str, default=".cache/katalog-sop/lembar")
    """Where drawn sheets are cached, relative to mkdocs.yml; empty: no cache."""
    max_rows = c.Optional(c.Type(int))
    """Steps per sheet page; unset: as many as fit A4 landscape."""
    config = c.Optional(c.Type(str))
    """The rules' configuration file, relative to mkdocs.yml; unset: katalog-sop.yml there, when it exists
    (the file `sop check` reads too). Not together with ``rules``/``profiles``."""
    rules = c.Type(dict, default={})
    """Per rule id: a severity (error/warning/info/off) or a mapping of severity and options."""
    profiles = c.Type(list, default=[])
    """Agency profiles: name, sops (id patterns), nomor (pattern), required (fields)."""
    fail_on = c.Choice(("structure", "error", "warning"), default="structure")
    """What stops the build: structural errors only (an incomplete SOP is published with its
    findings), or also compliance errors, or also warnings."""


ASSETS = Path(__file__).parent / "site" / "assets"
STYLESHEET = "assets/katalog-sop/katalog-sop.css"
WORKER_SHIM = "assets/katalog-sop/iframe-worker.js"
"""Lets search run from file:// with no request elsewhere; Material's offline
plugin adds a shim from a CDN unless an iframe-worker script is already listed."""
SCRIPT = "assets/katalog-sop/kepatuhan.js"
"""Sorts and filters the Kepatuhan page's tables; a classic script, so it also runs from file://."""


class KatalogSopPlugin(BasePlugin[KatalogSopConfig]):
    @event_priority(50)  # before Material's offline plugin looks for an iframe-worker shim
    def on_config(self, config):
        config.extra_css.append(STYLESHEET)
        if SCRIPT not in (str(script) for script in config.extra_javascript):
            config.extra_javascript.append(SCRIPT)
        polyfills = config.extra.setdefault("polyfills", [])
        if WORKER_SHIM not in polyfills:
            polyfills.insert(0, WORKER_SHIM)
        root = Path(config.config_file_path or ".").resolve().parent
        self.sops_dir = (root / self.config.sops).resolve()
        self.cache_dir = (root / self.config.cache).resolve() if self.config.cache else None
        self.options = Options(max_rows=self.config.max_rows)
        self.rules_config = self._rules_config(root)
        self.directory_urls = config.use_directory_urls
        self.result = self._check()  # before MkDocs cleans the site folder: a failed check leaves the old site
        return config

    def on_files(self, files: Files, config) -> Files:
        result = self.result
        self.sheets = self._draw(result)
        history = read_history(self.sops_dir, {sop.id: sop.path for sop in result.catalogue.sops.values()})
        generated = {**site_pages(result, self.directory_urls, history), **site_data(result, self.directory_urls)}
        for src, text in generated.items():  # site_data's compliance.json is no page: search never reads it
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"halaman {src} di docs/ bertabrakan dengan halaman yang dibuat dari SOP")
            files.append(File.generated(config, src, content=text))
        for name, uri in (("katalog-sop.css", STYLESHEET), ("iframe-worker.js", WORKER_SHIM), ("kepatuhan.js", SCRIPT)):
            files.append(File.generated(config, uri, content=(ASSETS / name).read_text(encoding="utf-8")))
        return files

    def _rules_config(self, root: Path):
        inline = bool(self.config.rules or self.config.profiles)
        try:
            if inline:
                if self.config.config:
                    raise ConfigError("pilih salah satu: 'config' (berkas) atau 'rules'/'profiles' di mkdocs.yml")
                return parse_config(
                    {"rules": self.config.rules, "profiles": self.config.profiles},
                    lambda path, at_key=False: "mkdocs.yml (plugins > katalog-sop > " + " > ".join(map(str, path)) + ")",
                    source="mkdocs.yml",
                )
            file = root / (self.config.config or CONFIG_FILE)
            if self.config.config or file.is_file():
                return load_config(os.path.relpath(file) if file.is_relative_to(Path.cwd()) else file)
            return parse_config(None)
        except ConfigError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None

    def _check(self) -> CheckResult:
        shown = os.path.relpath(self.sops_dir) if self.sops_dir.is_relative_to(Path.cwd()) else str(self.sops_dir)
        try:
            result = check([shown], config=self.rules_config)
        except UsageError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None
        failing = [p for p in result.problems if self._fails(p)]
        for problem in result.problems:
            (log.error if self._fails(problem) else log.info)(format_line(problem))
        if failing:
            raise PluginError(f"katalog-sop: {len(failing)} galat pada berkas SOP; situs tidak dibuat")
        return result

    def _fails(self, problem) -> bool:
        if not problem.counts:
            return False
        if self.config.fail_on == "warning" and problem.severity.value == "warning":
            return True
        return problem.is_error and (self.config.fail_on != "structure" or problem.code not in RULES)

    def _draw(self, result: CheckResult) -> dict[str, str]:
        sops = list(result.catalogue.sops.values())
        try:
            drawn = render_sops(sops, self.options, self.cache_dir)
        except GraphvizError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None
        sheets = {}
        for sop, pages in zip(sops, drawn):
            figures = "".join(
                f'<figure class="sop-lembar-halaman">{_XML_PROLOGUE.sub("", page.svg)}</figure>' for page in pages
            )
            sheets[sop.id] = f'<div class="sop-lembar" data-search-exclude>{figures}</div>'
        return sheets

    def on_page_content(self, html: str, page, config, files) -> str:
        src = page.file.src_uri
        if src.startswith("sop/") and src.endswith(".md"):
            sop_id = src[len("sop/") : -len(".md")]
            html = html.replace(SHEET_MARK.format(id=attr(sop_id)), self.sheets.get(sop_id, ""), 1)
        return html

    def on_serve(self, server, config, builder):
        server.watch(str(self.sops_dir))
        return server
