"""Pages stage, written out: the whole catalogue site as a ready folder, for generators that run no plugin.

``sop site --out DIR`` makes what the MkDocs plugin hands to a build
(:mod:`.bundle`), outside any site generator, and writes it to ``DIR``:

- ``docs/``: the hand-written pages and files of the site's ``docs_dir``, every
  generated page (each SOP page with its sheet inlined and its tab title as
  front matter), the data files (``compliance.json``, ``cari/``, CSV) and the
  assets;
- ``overrides/``: the template overrides (ours, then the site's own ``custom_dir`` over them);
- ``mkdocs.yml``: the site's, without the ``katalog-sop`` plugin, pointing at
  those folders, listing the assets and giving the navigation.

Zensical, which reads ``mkdocs.yml`` but runs no third-party plugin, builds
it as it is (``cd DIR && zensical build``). The same failure rules as the
plugin's: a problem that stops a build writes nothing. The folder is built
beside ``DIR`` and swapped in whole (:mod:`katalog_sop.publish`); ``DIR``
is only ever replaced when it is one this command made (it holds
:data:`MARKER`), and never when it holds the site's own sources.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from katalog_sop import publish
from katalog_sop.check import CheckResult, check
from katalog_sop.diagram.geometry import Options
from katalog_sop.problem import Problem, sort_problems
from katalog_sop.riwayat import read_history
from katalog_sop.site import bundle
from katalog_sop.site.build import PageCollision, site_data, site_pages, sop_pages
from katalog_sop.site.logo import missing_logos
from katalog_sop.site.markup import html_title
from katalog_sop.site.nav import site_nav
from katalog_sop.site.scores import compute_scores
from katalog_sop.site.sop_page import tab_title

PLUGIN = "katalog-sop"
MARKER = ".katalog-sop-situs"
"""A file in every folder this command writes: only such a folder is ever replaced."""
class Failed(bundle.SiteError):
    """Problems stop the site: ``problems`` are all of them, to report, ``failing`` those that stop it."""

    def __init__(self, message: str, problems: list[Problem], failing: list[Problem]):
        super().__init__(message)
        self.problems, self.failing = problems, failing


@dataclass(frozen=True)
class Written:
    out: Path
    pages: int
    problems: tuple[Problem, ...]
    """Every problem of the check (none of them stopped the site), to report."""


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: a ``!!python/...`` or ``!ENV`` tag is kept as its plain value, never run."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)))


def read_site_config(file: Path) -> dict:
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    except OSError as exc:
        raise bundle.SiteError(f"{file.as_posix()} tidak dapat dibaca: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise bundle.SiteError(f"{file.as_posix()} bukan YAML yang sah: {exc}") from None
    if not isinstance(data, dict):
        raise bundle.SiteError(f"{file.as_posix()} harus berupa pemetaan (kunci: nilai)")
    return data


def plugin_options(site: dict) -> dict:
    """The katalog-sop plugin's options in ``site`` (mkdocs.yml), with their defaults."""
    for entry in site.get("plugins") or []:
        if entry == PLUGIN:
            return dict(bundle.OPTIONS)
        if isinstance(entry, dict) and PLUGIN in entry:
            return {**bundle.OPTIONS, **(entry[PLUGIN] or {})}
    raise bundle.SiteError(f"plugin '{PLUGIN}' tidak ada di daftar plugins mkdocs.yml")


def write_folder(config_file: Path, out: Path, note: Callable[[str], None] = lambda _: None) -> Written:
    """Check the catalogue of the site ``config_file`` describes and write its whole site to ``out``."""
    root = config_file.resolve().parent
    site = read_site_config(config_file)
    options = plugin_options(site)
    docs = (root / site.get("docs_dir", "docs")).resolve()
    sops_dir = (root / options["sops"]).resolve()
    out = Path(os.path.abspath(out))
    _refuse(out, root, (docs, sops_dir, (root / options["monitoring"]).resolve()))
    shown = lambda p: os.path.relpath(p) if Path(p).is_relative_to(Path.cwd()) else str(p)  # noqa: E731
    config = bundle.rules_config(root, options, shown)
    result = check([shown(sops_dir)], config=config, monitoring=Path(shown(root / options["monitoring"])))
    present = lambda path: (docs / path).is_file()  # noqa: E731
    problems = sort_problems([*result.problems, *missing_logos(result.catalogue.sops.values(), present)])
    failing = [p for p in problems if bundle.fails(p, options["fail_on"])]
    if failing:
        raise Failed(f"{len(failing)} galat pada berkas SOP; situs tidak dibuat", problems, failing)
    texts = _texts(result, site, options, root, present, note)
    handwritten = [p for p in sorted(docs.rglob("*")) if p.is_file() and not _hidden(p.relative_to(docs))]
    for path in handwritten:
        if path.relative_to(docs).as_posix() in texts:
            raise bundle.SiteError(f"halaman {path.relative_to(docs).as_posix()} di docs/ bertabrakan dengan halaman "
                                   "yang dibuat dari SOP")
    pages = [p.relative_to(docs).as_posix() for p in handwritten if p.suffix == ".md"]
    staging = publish.staging_dir(out)
    try:
        for path in handwritten:
            target = staging / "docs" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        for src, text in texts.items():
            target = staging / "docs" / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _overrides(staging / "overrides", root, site)
        (staging / "mkdocs.yml").write_text(_site_yaml(site, result, pages), encoding="utf-8")
        (staging / MARKER).write_text("Dibuat oleh `sop site`; folder ini diganti utuh setiap kali dibuat.\n",
                                      encoding="utf-8")
        publish.swap_in(staging, out)
    except BaseException:
        publish.discard(staging)
        raise
    return Written(out, len(texts), tuple(problems))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _refuse(out: Path, root: Path, sources: tuple[Path, ...]) -> None:
    """Never replace the project or its sources (docs, SOPs, records), nor write among them, nor replace a
    folder this command did not make."""
    if root.is_relative_to(out):
        raise bundle.SiteError(f"folder keluaran {out.as_posix()} memuat proyek situs; pilih folder lain, misalnya build/zensical")
    for source in sources:
        if source.is_relative_to(out) or out.is_relative_to(source):
            raise bundle.SiteError(f"folder keluaran {out.as_posix()} memuat atau berada di dalam sumber situs "
                                   f"({source.as_posix()}); pilih folder lain, misalnya build/zensical")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise bundle.SiteError(f"{out.as_posix()} sudah ada dan bukan folder buatan 'sop site'; tidak ditimpa")


def _texts(result: CheckResult, site: dict, options: dict, root: Path, present, note) -> dict[str, str]:
    """Every generated page (sheets inlined, SOP tab titles as front matter), data file and asset, by path."""
    sheets: dict[str, str] = {}
    cache = (root / options["cache"]).resolve() if options["cache"] else None
    bundle.draw_sheets(result, Options(max_rows=options["max_rows"]), cache, result.formulir, sheets.__setitem__, note)
    history = read_history(root / options["sops"], {sop.id: sop.path for sop in result.catalogue.sops.values()})
    scores = compute_scores(result)
    directory_urls = bool(site.get("use_directory_urls", True))
    try:
        pages = site_pages(result, directory_urls, history, present, scores)
    except PageCollision as exc:
        raise bundle.SiteError(str(exc)) from None
    for src, sop_id in sop_pages(result).items():
        title = html_title(tab_title(result.catalogue.sops[sop_id]))
        pages[src] = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n" + bundle.with_sheet(
            pages[src], sop_id, sheets[sop_id])
    data = site_data(result, directory_urls, bundle.synonyms(root, options["sinonim"]), scores)
    return {**pages, **data, **bundle.asset_texts()}


def _overrides(target: Path, root: Path, site: dict) -> None:
    shutil.copytree(bundle.THEME, target)
    custom = (site.get("theme") or {}).get("custom_dir") if isinstance(site.get("theme"), dict) else None
    if custom:  # the site's own overrides win over ours, as in the plugin
        shutil.copytree(root / custom, target, dirs_exist_ok=True)


def _site_yaml(site: dict, result: CheckResult, pages: list[str]) -> str:
    """The site's mkdocs.yml for the written folder: no katalog-sop plugin, the folders, assets and navigation."""
    config = dict(site)
    kept = [p for p in site.get("plugins") or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    # Zensical's own search is on unless switched off: it would add a second search box, without Indonesian
    # stemming, synonyms or nomor, beside the catalogue's (katalog-cari.js, over docs/cari/).
    searched = any(p == "search" or (isinstance(p, dict) and "search" in p) for p in kept)
    config["plugins"] = kept if searched else [{"search": {"enabled": False}}, *kept]
    config["docs_dir"], config["site_dir"] = "docs", "site"
    theme = dict(site.get("theme") or {}) if isinstance(site.get("theme"), dict) else {"name": site.get("theme")}
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    config["extra_css"] = [*(site.get("extra_css") or []), bundle.STYLESHEET]
    config["extra_javascript"] = [*(site.get("extra_javascript") or []),
                                  *(s for s in bundle.SCRIPTS if s not in (site.get("extra_javascript") or []))]
    extra = dict(site.get("extra") or {})
    extra["polyfills"] = [bundle.WORKER_SHIM, *(p for p in extra.get("polyfills") or [] if p != bundle.WORKER_SHIM)]
    config["extra"] = extra
    config["markdown_extensions"] = [_toc(e) for e in site.get("markdown_extensions") or []]
    if "nav" not in site:
        handwritten = sorted(pages, key=lambda src: (src != "index.md", src))
        config["nav"] = site_nav(list(result.catalogue.sops.values()), handwritten)
    header = "# Dibuat oleh `sop site` dari mkdocs.yml situs ini; jangan diubah di sini (dibuat ulang setiap kali).\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _toc(extension):
    """The toc extension with the heading links' title in Indonesian, as the plugin sets it."""
    if isinstance(extension, dict) and "toc" in extension:
        settings = dict(extension["toc"] or {})
        if settings.get("permalink"):
            settings.setdefault("permalink_title", bundle.PERMALINK_TITLE)
        return {"toc": settings}
    return extension
