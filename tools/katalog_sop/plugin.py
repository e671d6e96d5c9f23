"""The MkDocs adapter: forwards MkDocs events to the core, and nothing else.

It checks the SOP folder when the configuration is loaded, before MkDocs
touches the site folder (a structural error stops the build, listing every
problem as ``file:line:col``, and leaves any earlier site as it was), adds one generated page per SOP, the index pages,
the Kepatuhan and Aturan pages, ``compliance.json`` and the site's assets with
``File.generated`` (``docs/`` keeps only hand-written pages), checks that every
``kop.logo`` names a file the site publishes from ``docs/`` (only the adapter
knows that folder: :mod:`katalog_sop.site.logo`; a missing one is a warning
and is left off the printed kop), draws the
flowchart sheets in batched Graphviz runs with the sheet cache, and puts
them into the SOP pages as each page is written, outside the search index.
Sheets and generated pages' HTML wait on disk in a scratch folder beside
the site (:mod:`katalog_sop.disk_texts`), so memory stays small. Every build
reads the SOP files' last commit dates from git afresh (two git calls; pages
are not cached, so a date is never stale after a rebuild).
``mkdocs serve`` watches the SOP folder and the monitoring records beside it; an unchanged SOP's sheet comes from
the cache without being laid out again.

A build is all-or-nothing (:mod:`katalog_sop.publish`): MkDocs writes into a
staging folder beside the site folder, which replaces the site only after
the last plugin has finished and ``--strict`` found no warning; a failed or
killed build leaves the previous site complete, also under ``mkdocs serve``.

Titles are HTML: the theme puts a page's title into ``<title>``, the header
and the navigation unchanged, so every page's title is set once, escaped,
from the text MkDocs read from its first heading (or its file name), and
every navigation section is named from the catalogue's data (a unit's
name) or its folder's name, escaped; nothing from a path reaches HTML raw.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section
from mkdocs.utils import CountHandler

from katalog_sop.check import CheckResult, UsageError, check
from katalog_sop.config import ConfigError
from katalog_sop.diagram.geometry import Options
from katalog_sop.keterkaitan import unit_of
from katalog_sop.problem import sort_problems
from katalog_sop import publish
from katalog_sop.reporters import format_line
from katalog_sop.reporters.escape import terminal
from katalog_sop.riwayat import read_history
from katalog_sop.disk_texts import DiskTexts
from katalog_sop.site import bundle
from katalog_sop.site.bundle import FAIL_ON, OPTIONS, PERMALINK_TITLE, SCRIPTS, STYLESHEET, THEME, WORKER_SHIM
from katalog_sop.site.build import PageCollision, site_data, site_pages, sop_pages
from katalog_sop.site.indexes import unit_names
from katalog_sop.site.logo import missing_logos
from katalog_sop.site.markup import html_title
from katalog_sop.site.nav import site_nav
from katalog_sop.site.paths import Paths
from katalog_sop.site.scores import compute_scores
from katalog_sop.site.sop_page import tab_title

log = get_plugin_logger(__name__)


class KatalogSopConfig(base.Config):
    sops = c.Type(str, default=OPTIONS["sops"])
    """The folder of SOP sources, relative to mkdocs.yml."""
    monitoring = c.Type(str, default=OPTIONS["monitoring"])
    """The folder of monitoring records (Tabel 7 rounds, evaluations), relative to mkdocs.yml; none there:
    the catalogue keeps no records."""
    cache = c.Type(str, default=OPTIONS["cache"])
    """Where drawn sheets are cached, relative to mkdocs.yml; empty: no cache."""
    max_rows = c.Optional(c.Type(int))
    """Steps per sheet page; unset: as many as fit A4 landscape."""
    config = c.Optional(c.Type(str))
    """The rules' configuration file, relative to mkdocs.yml; unset: katalog-sop.yml there, when it exists
    (the file `sop check` reads too). Not together with ``rules``/``profiles``/``kategori``."""
    sinonim = c.Optional(c.Type(str))
    """The agency's own search synonyms, a YAML file relative to mkdocs.yml (see katalog_sop.search.sinonim)."""
    rules = c.Type(dict, default={})
    """Per rule id: a severity (error/warning/info/off) or a mapping of severity and options."""
    profiles = c.Type(list, default=[])
    """Agency profiles: name, sops (id patterns), nomor (pattern), required (fields)."""
    kategori = c.Type(list, default=[])
    """The agency's kategori names (rule SOPAP-I14); empty: an SOP may name any kategori."""
    fail_on = c.Choice(FAIL_ON, default=OPTIONS["fail_on"])
    """What stops the build: structural errors only (an incomplete SOP is published with its
    findings), or also compliance errors, or also warnings."""


SECTION_TITLES = {"sop": "SOP", "unit": "Unit", "pelaksana": "Pelaksana", "dasar-hukum": "Dasar Hukum", "a-z": "A–Z",
                  "kategori": "Kategori"}
"""Navigation names of the generated folders."""


class KatalogSopPlugin(BasePlugin[KatalogSopConfig]):
    staging: Path | None = None
    sheets: DiskTexts | None = None
    held: DiskTexts | None = None
    generated_pages: frozenset[str] = frozenset()
    scratch: Path | None = None
    own_nav = False
    site_dir: Path | None = None

    @event_priority(50)  # before Material's offline plugin looks for an iframe-worker shim
    def on_config(self, config):
        config.extra_css.append(STYLESHEET)
        for script in SCRIPTS:
            if script not in (str(listed) for listed in config.extra_javascript):
                config.extra_javascript.append(script)
        self._theme(config)
        polyfills = config.extra.setdefault("polyfills", [])
        if WORKER_SHIM not in polyfills:
            polyfills.insert(0, WORKER_SHIM)
        root = Path(config.config_file_path or ".").resolve().parent
        self.sops_dir = (root / self.config.sops).resolve()
        self.monitoring_dir = (root / self.config.monitoring).resolve()
        self.cache_dir = (root / self.config.cache).resolve() if self.config.cache else None
        self.options = Options(max_rows=self.config.max_rows)
        self.rules_config = self._rules_config(root)
        self.directory_urls = config.use_directory_urls
        self.synonyms = self._synonyms(root)
        self.result = self._check()  # before MkDocs cleans the site folder: a failed check leaves the old site
        self._stage(config)
        return config

    @staticmethod
    def _theme(config) -> None:
        """The theme's words in Indonesian (404 page, footer, ARIA names, heading links); a site's own
        ``custom_dir`` still wins over ours."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        toc = config.mdx_configs.setdefault("toc", {})
        if toc.get("permalink") and "permalink_title" not in toc:
            toc["permalink_title"] = PERMALINK_TITLE

    def _stage(self, config) -> None:
        """Point MkDocs at a new staging folder; the site folder is only touched by :meth:`on_post_build`."""
        publish.discard(self.staging)  # a staging folder of an earlier build in this process (serve)
        self.site_dir = Path(config.site_dir)
        try:
            self.staging = publish.staging_dir(self.site_dir)
        except OSError as exc:
            raise PluginError(f"katalog-sop: folder sementara untuk situs tidak dapat dibuat di {self.site_dir.parent}: {exc.strerror or exc}") from None
        config.site_dir = str(self.staging)

    @event_priority(-100)  # after every other plugin wrote its files (search index, offline assets)
    def on_post_build(self, config) -> None:
        self._drop_scratch()  # every page is written
        if config.strict and _warnings_logged():
            return  # MkDocs aborts right after this event; on_build_error discards the staging folder
        staging, self.staging = self.staging, None
        try:
            publish.swap_in(staging, self.site_dir)
        except publish.PublishError as exc:
            publish.discard(staging)
            raise PluginError(f"katalog-sop: {exc}") from None
        config.site_dir = str(self.site_dir)
        log.info(f"situs lengkap dipasang di {terminal(str(self.site_dir))}")  # MkDocs named the staging folder

    def on_build_error(self, error) -> None:
        publish.discard(self.staging)
        self.staging = None
        self._drop_scratch()

    def on_shutdown(self) -> None:
        publish.discard(self.staging)
        self.staging = None
        self._drop_scratch()

    def _drop_scratch(self) -> None:
        for store in (self.sheets, self.held):
            if store is not None:
                store.close()
        self.sheets = self.held = None
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def on_files(self, files: Files, config) -> Files:
        result = self.result
        self._drop_scratch()  # an earlier build's, under mkdocs serve
        published = _published(files)
        if missing := missing_logos(result.catalogue.sops.values(), published):  # only the docs folder can tell
            if failing := self._log(missing):
                raise PluginError(f"katalog-sop: {len(failing)} berkas logo tidak ada di folder docs/; situs tidak dibuat")
            result = dataclasses.replace(result, problems=tuple(sort_problems([*result.problems, *missing])))
        self.scratch = publish.scratch_dir(self.site_dir)
        self.sheets = self._draw(result)
        self.held = DiskTexts(self.scratch / "halaman")
        history = read_history(self.sops_dir, {sop.id: sop.path for sop in result.catalogue.sops.values()})
        scores = compute_scores(result)  # once, for the pages and the data files
        try:
            pages = site_pages(result, self.directory_urls, history, published, scores)
        except PageCollision as exc:
            raise PluginError(f"katalog-sop: {exc}") from None
        self.generated_pages = frozenset(pages)
        generated = {**pages, **site_data(result, self.directory_urls, self.synonyms, scores)}
        del pages
        self.sop_pages = sop_pages(result)
        for src, text in generated.items():  # site_data's compliance.json is no page: search never reads it
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"halaman {src} di docs/ bertabrakan dengan halaman yang dibuat dari SOP")
            files.append(File.generated(config, src, content=text))
        self.own_nav = config.nav is None
        if self.own_nav:  # a site's own nav in mkdocs.yml wins
            handwritten = sorted((f.src_uri for f in files.documentation_pages() if not f.generated_by),
                                 key=lambda src: (src != "index.md", src))
            config.nav = site_nav(list(result.catalogue.sops.values()), handwritten)
        for uri, text in bundle.asset_texts().items():
            files.append(File.generated(config, uri, content=text))
        return files

    def _synonyms(self, root: Path) -> list[list[str]]:
        try:
            return bundle.synonyms(root, self.config.sinonim)
        except bundle.SiteError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None

    def _rules_config(self, root: Path):
        shown = lambda file: os.path.relpath(file) if file.is_relative_to(Path.cwd()) else file  # noqa: E731
        try:
            return bundle.rules_config(root, self.config, shown)
        except ConfigError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None

    def _check(self) -> CheckResult:
        shown, records = (os.path.relpath(p) if p.is_relative_to(Path.cwd()) else str(p)
                          for p in (self.sops_dir, self.monitoring_dir))
        try:
            result = check([shown], config=self.rules_config, monitoring=Path(records))
        except UsageError as exc:
            raise PluginError(f"katalog-sop: {exc}") from None
        if failing := self._log(result.problems):
            raise PluginError(f"katalog-sop: {len(failing)} galat pada berkas SOP; situs tidak dibuat")
        return result

    def _log(self, problems) -> list:
        """Log each problem as `sop check` writes it: an error when it stops the build, else info; the failing ones."""
        for problem in problems:
            (log.error if self._fails(problem) else log.info)(format_line(problem))
        return [p for p in problems if self._fails(p)]

    def _fails(self, problem) -> bool:
        return bundle.fails(problem, self.config.fail_on)

    def _draw(self, result: CheckResult) -> DiskTexts:
        """Every SOP's sheet, drawn in batches and kept on disk (:mod:`katalog_sop.disk_texts`), so that
        neither the drawing nor the waiting pages hold every sheet in memory at once."""
        store = DiskTexts(self.scratch / "lembar")
        try:
            bundle.draw_sheets(result, self.options, self.cache_dir, self.rules_config.formulir, store.put, log.info)
        except bundle.SiteError as exc:
            store.close()
            raise PluginError(f"katalog-sop: {exc}") from None
        except BaseException:
            store.close()
            raise
        return store

    def on_nav(self, nav, config, files):
        """With a site's own nav, or none: name every section, generated folders by our labels, a unit's
        folder by the unit's name, escaped (our nav, :mod:`katalog_sop.site.nav`, names its own)."""
        if self.own_nav:
            return nav
        paths, units = Paths(), {}
        for sop in self.result.catalogue.sops.values():
            units.setdefault(unit_of(sop), []).append(sop)
        names = unit_names(units)
        folders = {paths.unit_folder(unit_id): names[unit_id] for unit_id in units if unit_id}

        def name(items, parent: str) -> None:
            for item in items:
                if isinstance(item, Section):
                    folder = _section_folder(item) or ""
                    if folder in folders:
                        item.title = html_title(folders[folder])
                    elif parent == "" and folder in SECTION_TITLES:
                        item.title = SECTION_TITLES[folder]
                    else:
                        item.title = html_title(item.title)
                    name(item.children, folder)

        name(nav.items, "")
        return nav

    @event_priority(-100)  # after every plugin that could set the title
    def on_page_content(self, html: str, page, config, files) -> str:
        sop_id = self.sop_pages.get(page.file.src_uri)
        if sop_id is not None:  # the tab and the header tell same-named SOPs of different units apart
            page.meta["title"] = html_title(tab_title(self.result.catalogue.sops[sop_id]))
        elif "title" not in page.meta:
            # MkDocs keeps a heading's entities (HTML), but a title from the file's
            # name is plain text; the theme decodes entities of a title it strips
            # tags from, and puts a title given in the metadata into <title> as it is.
            from_heading = getattr(page, "_title_from_render", None)
            page.meta["title"] = from_heading if from_heading else html_title(page.title or "")
        if self.held is not None and page.file.src_uri in self.generated_pages:
            # Nothing reads a generated page's source or HTML until the theme renders it: both wait on disk
            # (see katalog_sop.disk_texts), so memory does not grow with every page read.
            self.held.put(page.file.src_uri, html)
            page.markdown = None
            page.file.content_string = ""
            return ""
        return html

    @event_priority(100)  # before any plugin that reads the page's HTML to render or index it
    def on_page_context(self, context, page, config, nav):
        if self.held is not None and page.file.src_uri in self.held:
            page.content = self.held.take(page.file.src_uri)
        return context

    @event_priority(100)  # before any plugin that reads the written page (the offline plugin)
    def on_post_page(self, output: str, page, config) -> str:
        """The sheet goes in as the page is written, outside the search index; then the page lets go of its
        HTML, so that memory does not grow with every page written (nothing reads it after this)."""
        sop_id = self.sop_pages.get(page.file.src_uri)
        if sop_id is not None and self.sheets is not None:
            output = bundle.with_sheet(output, sop_id, self.sheets.get(sop_id))
        page.content = None
        return output

    def on_serve(self, server, config, builder):
        server.watch(str(self.sops_dir))
        if self.monitoring_dir.is_dir():
            server.watch(str(self.monitoring_dir))
        rebuild = server.builder

        def keep_serving(*args, **kwargs):
            # MkDocs holds every page request until a rebuild succeeds; the site
            # folder still holds the last complete site, so it is served instead.
            try:
                rebuild(*args, **kwargs)
            except Exception as exc:
                log.error(f"situs tidak dibangun ulang ({exc}); situs lengkap terakhir tetap disajikan")

        server.builder = keep_serving
        return server


def _warnings_logged() -> bool:
    """Whether MkDocs counted a warning in this build (``--strict`` then aborts after ``on_post_build``)."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def _published(files: Files):
    """Whether the site publishes the docs file at a path relative to docs/ (an excluded or draft file it does not)."""
    def present(path: str) -> bool:
        file = files.get_file_from_path(path)
        return file is not None and not file.inclusion.is_excluded()
    return present


def _section_folder(section: Section) -> str | None:
    """The docs folder a section of MkDocs' automatic navigation stands for: its pages' common folder."""
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None:
            return file.src_uri.rsplit("/", 1)[0] if "/" in file.src_uri else ""
        if isinstance(child, Section):
            inner = _section_folder(child)
            if inner is not None:
                return inner.rsplit("/", 1)[0] if "/" in inner else ""
    return None
