"""Hostile and unlucky text in every field and every path component of a catalogue, through every output.

The catalogue (:mod:`hostile.catalogue`) puts each payload of
:mod:`hostile.payloads` (HTML and Markdown injection, ``</title>``,
``</script>``, ``javascript:`` links, Jinja braces, DOT syntax with
backslashes, control characters including CR and NUL, bidi overrides,
U+2028, very long strings) into every field of an SOP and into its folder
and file name. It is built into a site with the real ``mkdocs build
--strict``, checked with ``sop check`` in every format and compared with an
edited version of itself with ``sop diff`` in every format.

Each output is read with a parser, as its reader does (a browser, Material's
search, a JSON or XML parser, a terminal, GitHub's runner and Markdown), and
must hold no markup, link, script or line that SOP text made, must keep its
structure, and must show the SOP text as written. One test function per
output kind, so a failure names the output; payload-specific checks are
parametrised by payload, so they name the payload.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import pytest

from conftest import REPO
from search_files import read_script
from hostile.catalogue import Entry, broken_sops, catalogue, texts, write
from hostile.html import NOT_TERMINAL, NOT_TEXT, Document, shown, squeeze
from hostile.payloads import MARK, PAYLOADS

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("NO_COLOR", None)  # colour must stay off because the output is not a terminal, not because we asked
SITE_NAME = "Katalog SOP"
THEME_CREDIT = "https://squidfunk.github.io/mkdocs-material/"
"""The only link out of the site: the theme's footer credit, from the theme's template."""

# --- building ------------------------------------------------------------------------------------


def _project(folder: Path, entries: list[Entry]) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", folder)
    (folder / "docs").mkdir()
    shutil.copy(REPO / "docs" / "index.md", folder / "docs")
    (folder / "sops").mkdir()
    write(entries, folder / "sops")
    return folder


def _mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, env=ENV, timeout=600)


def _sop(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "katalog_sop", *args], cwd=project,
                          capture_output=True, env=ENV, timeout=600)


def _tail(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "backslashreplace").splitlines()
             if line.startswith(("ERROR", "WARNING", "Traceback", "Aborted")) or re.match(r"\w*(Error|Exception)\b", line)]
    return "\n".join(lines[-4:])


@dataclass
class Site:
    folder: Path
    published: list[Entry]
    build: subprocess.CompletedProcess
    """The build of the whole hostile catalogue."""
    stopped_by: dict[str, str]
    """Payloads whose SOP alone stops a build, with the end of that build's log; the site holds the others."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The hostile catalogue, built. When the build fails, the SOPs that fail alone are left out, so every
    other output is still checked (and :func:`test_the_hostile_catalogue_builds_into_a_site` fails)."""
    entries = catalogue(1)
    base = tmp_path_factory.mktemp("hostile-site")
    build = _mkdocs_build(_project(base / "katalog", entries))
    if build.returncode == 0:
        return Site(base / "katalog" / "site", entries, build, {})
    stopped_by = {}
    for number, entry in enumerate(entries):
        alone = _mkdocs_build(_project(base / f"sendiri-{number}", [entry]))
        if alone.returncode != 0:
            stopped_by[entry.payload] = _tail(alone.stderr)
    published = [entry for entry in entries if entry.payload not in stopped_by]
    rest = _mkdocs_build(_project(base / "sisanya", published))
    assert rest.returncode == 0, _tail(rest.stderr)
    return Site(base / "sisanya" / "site", published, build, stopped_by)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Document]:
    return {p.relative_to(site.folder).as_posix(): Document(p.read_text(encoding="utf-8"))
            for p in sorted(site.folder.rglob("*.html")) if "assets" not in p.relative_to(site.folder).parts}


@pytest.fixture(scope="module")
def compliance(site) -> dict:
    return json.loads((site.folder / "compliance.json").read_bytes().decode("utf-8"))


_NAMED_ESCAPES = {"\n": "n", "\r": "r", "\t": "t", "\x0b": "v", "\x0c": "f", "\x07": "a", "\x08": "b", "\x1b": "e", "\x00": "0"}


def _char_pattern(c: str) -> str:
    """``c`` as written, or escaped in one of the visible ways that still say which character it was."""
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python reads a file name
        byte = code - 0xDC00
        return f"(?:\\\\x(?i:{byte:02x})|%(?i:{byte:02x})|\ufffd)"
    forms = [re.escape(c), f"\\\\u(?i:{code:04x})", f"\\\\U(?i:{code:08x})",
             "".join(f"%(?i:{b:02x})" for b in c.encode("utf-8"))]
    if code < 0x100:
        forms.append(f"\\\\x(?i:{code:02x})")
    if c in _NAMED_ESCAPES:
        forms.append("\\\\" + _NAMED_ESCAPES[c])
    if code < 0x20 or code == 0x7F:
        forms.append(re.escape(chr(0x2400 + code) if code < 0x20 else "\u2421"))
    if NOT_TEXT.match(c):
        forms.append("\ufffd")
    return "(?:" + "|".join(forms) + ")" if len(forms) > 1 and not c.isalnum() else re.escape(c)


@functools.lru_cache(maxsize=None)
def _path_regex(path: str) -> re.Pattern:
    return re.compile(_path_pattern(path))


def _path_pattern(path: str) -> str:
    """A regex for ``path`` as an output may show it: as written, or with characters escaped in any way
    that still says which character it was (``\\n``, ``\\x1b``, ``\\u202e``, ``%0A``, a control picture)."""
    return "".join(_char_pattern(c) for c in path)


def _shows(shown_path: str, path: str) -> bool:
    """Whether ``shown_path`` is ``path`` as written, or with only its characters that are not text escaped."""
    return shown_path == path or _path_regex(path).fullmatch(shown_path) is not None


def _compliance_sop(compliance: dict, entry: Entry) -> dict:
    """An SOP's record in compliance.json."""
    found = [sop for sop in compliance["sops"] if _shows(sop["id"], entry.sop_id)]
    assert len(found) == 1, f"compliance.json lists the SOP {entry.sop_id[:80]!r} {len(found)} times"
    return found[0]


def _entry_page(site: Site, compliance: dict, entry: Entry) -> str:
    """The site path of an SOP's page, as compliance.json lists it."""
    return unquote(_compliance_sop(compliance, entry)["page"])


PAYLOAD_NAMES = [entry.payload for entry in catalogue(1)]


def _published(site: Site, payload: str) -> Entry:
    if payload in site.stopped_by:
        pytest.fail(f"the SOP of payload {payload!r} stops the site build:\n{site.stopped_by[payload]}")
    return next(entry for entry in site.published if entry.payload == payload)


# --- the build -----------------------------------------------------------------------------------


def test_the_hostile_catalogue_builds_into_a_site(site):
    stderr = site.build.stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr, _tail(site.build.stderr)
    assert site.stopped_by == {}, "SOPs that stop the build on their own:\n" + "\n\n".join(
        f"[{payload}]\n{log}" for payload, log in site.stopped_by.items())
    assert site.build.returncode == 0, _tail(site.build.stderr)


def test_the_build_log_keeps_one_line_per_message(site):
    """A terminal shows the log: no SOP text may colour it, move the cursor or start a line of its own."""
    log = site.build.stderr.decode("utf-8", "backslashreplace")
    raw = sorted({repr(c) for c in NOT_TERMINAL.findall(log)})
    assert raw == [], f"control characters reach the terminal: {raw}"
    strays = [line for line in log.splitlines()
              if line and not re.match(r"(INFO|WARNING|ERROR|DEBUG) +- ", line) and not line.startswith(("Aborted", " "))]
    assert strays == [], "lines that SOP text started:\n" + "\n".join(s[:200] for s in strays[:10])


# --- every HTML page -----------------------------------------------------------------------------

HTML_TAGS = {
    "a", "article", "body", "br", "button", "code", "dd", "details", "div", "dl", "dt", "em", "figure", "footer", "form",
    "h1", "h2", "h3", "head", "header", "hr", "html", "input", "label", "li", "link", "main", "meta", "nav", "ol",
    "option", "p", "pre", "script", "section", "select", "span", "strong", "table", "tbody", "td", "th", "thead",
    "summary", "title", "tr", "ul", "svg",
}
"""What the theme's and the tool's templates write."""
SVG_TAGS = {"svg", "g", "title", "desc", "text", "path", "polygon", "polyline", "ellipse", "rect", "line"}
"""What Graphviz and the theme's icons draw with: shapes and text, never links, scripts or foreign content."""
ATTRIBUTES = {
    "autocapitalize", "autocomplete", "autocorrect", "charset", "checked", "class", "content", "cx", "cy", "d", "dir", "download",
    "fill", "font-family", "font-size", "for", "height", "hidden", "href", "id", "lang", "name", "placeholder",
    "points", "required", "role", "rel", "rowspan", "colspan", "rx", "ry", "scope", "spellcheck", "src", "stroke",
    "stroke-dasharray", "stroke-width",
    "tabindex", "target", "text-anchor", "title", "transform", "type", "value", "viewbox", "width", "x", "y",
    "xmlns", "xmlns:xlink",
}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background", "srcset"}
_URL_TEXT = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def _link_problem(site: Path, page: str, url: str) -> str | None:
    """Why ``url`` on ``page`` is not a link to a file of the site (``None`` when it is)."""
    if url == THEME_CREDIT:
        return None
    if not _URL_TEXT.fullmatch(url):
        return "not percent-encoded"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return "leaves the site"
    if not parts.path:
        return None  # "#anchor" or "?x" on the page itself
    if parts.path.startswith("/") and page != "404.html":  # the 404 page is served from any depth
        return "root-relative"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path).lstrip("/")))
    if joined == ".." or joined.startswith("../"):
        return "points above the site"
    target = site / joined
    if not (target.is_file() or (target / "index.html").is_file()):
        return "points to nothing"
    return None


def _elements(site: Site, pages: dict[str, Document]) -> list[str]:
    found = []
    for src, doc in pages.items():
        for e in doc.elements:
            in_svg = "svg" in e.ancestors
            if in_svg and e.tag not in SVG_TAGS - {"svg"}:
                found.append(f"{src}:{e.line}: <{e.tag}> inside a drawing")
            elif not in_svg and e.tag not in HTML_TAGS:
                found.append(f"{src}:{e.line}: <{e.tag}>")
            for name, value in e.attrs:
                if name.startswith("on") or not (name in ATTRIBUTES or name.startswith(("data-", "aria-"))):
                    found.append(f"{src}:{e.line}: <{e.tag} {name}={value!r:.80}>")
    return found


def _links(site: Site, pages: dict[str, Document]) -> list[str]:
    found = []
    for src, doc in pages.items():
        for e in doc.elements:
            for name, value in e.attrs:
                if name in URL_ATTRIBUTES and value is not None:
                    problem = _link_problem(site.folder, src, value)
                    if problem:
                        found.append(f"{src}:{e.line}: <{e.tag} {name}={value!r:.120}>: {problem}")
    return found


def _scripts(site: Site, pages: dict[str, Document]) -> list[str]:
    found = []
    for src, doc in pages.items():
        for e in doc.elements:
            if e.tag != "script":
                continue
            source = e.attr("src")
            if source is not None:
                relative = unquote(source).lstrip("/") if src == "404.html" else unquote(source)  # served from any depth
                target = posixpath.normpath(posixpath.join(posixpath.dirname(src), relative))
                if not target.startswith("assets/"):
                    found.append(f"{src}:{e.line}: <script src={source!r:.120}> is not one of the site's assets")
            elif MARK in e.text.lower() or "alert(" in e.text:
                found.append(f"{src}:{e.line}: inline script made from SOP text: {e.text[:120]!r}")
            elif e.attr("type") == "application/json":
                try:
                    json.loads(e.text)
                except ValueError as exc:
                    found.append(f"{src}:{e.line}: the inline JSON no longer parses: {exc}")
    return found


def _drawings(site: Site, pages: dict[str, Document]) -> list[str]:
    found = []
    for src, doc in pages.items():
        for e in doc.elements:
            if "svg" in e.ancestors and (e.tag in ("a", "script", "foreignobject", "image", "use", "iframe", "style",
                                                   "animate", "set", "svg") or any(n.startswith("on") or n.endswith("href")
                                                                                   for n, _ in e.attrs)):
                found.append(f"{src}:{e.line}: <{e.tag} {e.attrs!r:.120}> in a drawing")
    return found


def _characters(site: Site, pages: dict[str, Document]) -> list[str]:
    found = []
    for path in sorted(site.folder.rglob("*.html")):
        if "assets" in path.relative_to(site.folder).parts:
            continue
        text = path.read_text(encoding="utf-8")
        chars = Counter(NOT_TEXT.findall(text))
        if chars:
            found.append(f"{path.relative_to(site.folder)}: {dict(chars)!r:.200}")
    return found


_GRAPHVIZ_COMMENT = re.compile(r" [\w&#;-]+ ")
"""Graphviz names each node and edge in a comment, by the ids the tool gave them."""


def _comments(site: Site, pages: dict[str, Document]) -> list[str]:
    """The templates write no comments but Graphviz's, and no declaration but the doctype: any other is SOP text gone live."""
    found = []
    for src, doc in pages.items():
        found += [f"{src}: <!--{c[:80]!r}" for c in doc.comments
                  if not (c in doc.svg_comments and _GRAPHVIZ_COMMENT.fullmatch(c))]
        found += [f"{src}: <!{d[:80]!r}>" for d in doc.declarations if d.lower() != "doctype html"]
    return found


PAGE_CHECKS = {
    "elements": _elements, "links": _links, "scripts": _scripts, "drawings": _drawings, "characters": _characters,
    "comments": _comments,
}


@pytest.mark.parametrize("check", PAGE_CHECKS)
def test_every_page_holds_only_the_templates_markup(site, pages, check):
    assert pages, "no page was built"
    found = PAGE_CHECKS[check](site, pages)
    assert found == [], f"{len(found)} found; the first:\n" + "\n".join(found[:25])


def _line(text: str) -> str:
    """SOP text on one line as a title, heading or navigation label shows it."""
    return squeeze(shown(text).replace("\n", " "))


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_titles_headings_and_navigation_show_sop_text_as_text(site, pages, compliance, payload):
    entry = _published(site, payload)
    page = pages[_entry_page(site, compliance, entry)]
    problems = []
    if squeeze(page.title) != f"{_line(entry.nama)} · {_line(entry.data['unit'])} - {SITE_NAME}":
        problems.append(f"<title> {squeeze(page.title)[:200]!r}")
    if [squeeze(h) for h in page.headings("h1")] != [_line(entry.nama)]:
        problems.append(f"<h1> {[squeeze(h)[:200] for h in page.headings('h1')]!r}")
    labels = {squeeze(label) for label in page.nav_labels}
    in_unit_folder = "/" in entry.relative
    # The navigation lists instansi and units (SOP pages are reached from their unit's page), by their names.
    for what, text in (("instansi", entry.data["instansi"]), ("unit", entry.data["unit"])) if in_unit_folder else ():
        if _line(text) not in labels:
            problems.append(f"navigation has no label {what} {_line(text)[:120]!r}; it has {sorted(labels)!r:.600}")
    titles = {squeeze(p.title) for p in pages.values()}
    for expected in (entry.data["unit"], *(f"Pelaksana: {p if isinstance(p, str) else p['nama']}"
                                          for p in entry.data["pelaksana"])):
        if f"{_line(expected)} - {SITE_NAME}" not in titles:
            problems.append(f"no page is titled {_line(expected)[:120]!r}")
    assert problems == []


def _field_texts(entry: Entry) -> list[str]:
    """Every text the author wrote that a page must show (an exemption's reason only shows with its finding)."""
    data = {key: value for key, value in entry.data.items() if key != "pengecualian"}
    marker = entry.nama
    return [t for t in texts(data) if marker in t]


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_an_sop_page_shows_every_field_as_written(site, pages, compliance, payload):
    entry = _published(site, payload)
    page_text = squeeze(pages[_entry_page(site, compliance, entry)].text)
    missing = [squeeze(shown(t))[:160] for t in _field_texts(entry) if squeeze(shown(t)) not in page_text]
    assert missing == [], f"{len(missing)} field texts not shown as written, e.g. {missing[:3]!r}"


def _drawn(text: str) -> str:
    """Text as a drawing may wrap it: no whitespace, no hyphens (a long word is split with one)."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", shown(text))


ELLIPSIS = "\u2026"
"""Ends a cell or label the sheet clips (the step table on the page shows the text whole)."""


def _drawn_as_written(text: str, sheet: str) -> bool:
    """Whether the sheet shows ``text`` whole, or its beginning (at least a line's worth) clipped with an ellipsis."""
    wanted = _drawn(text)
    if wanted in sheet:
        return True
    least = min(len(wanted), 20)
    for end in (m.start() for m in re.finditer(ELLIPSIS, sheet)):
        if any(sheet.endswith(wanted[:k], 0, end) for k in range(len(wanted), least - 1, -1)):
            return True
    return False


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_the_flowchart_sheet_shows_step_text_as_written(site, pages, compliance, payload):
    """DOT escapes (``\\N``, ``\\G``, ``\\l``), quotes, braces and blank lines in SOP text are drawn as themselves."""
    entry = _published(site, payload)
    page = pages[_entry_page(site, compliance, entry)]
    sheet = "".join(_drawn("".join(pieces)) for pieces in page.svg_text)
    assert sheet, "the page has no flowchart sheet"
    steps = entry.data["langkah"]
    wanted = [step["kegiatan"] for step in steps] + [c["label"] for c in steps[1]["cabang"]] + [
        steps[0]["kelengkapan"][0], steps[0]["output"], steps[0]["keterangan"], steps[2]["output"]]
    missing = [text[:120] for text in wanted if not _drawn_as_written(text, sheet)]
    assert missing == [], f"step texts not drawn as written: {missing!r}"


# --- the search index ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_files(site) -> dict[str, object]:
    """Every search file, read back: :func:`search_files.read_script` fails on anything but one
    ``KatalogCari.terima`` call with a JSON name and a JSON value, in ASCII."""
    return {path.relative_to(site.folder).as_posix(): read_script(path)
            for path in sorted((site.folder / "cari").rglob("*.js"))}


def test_the_search_files_are_data_that_no_sop_text_can_end(site, search_files):
    assert len(search_files) > len(site.published), "a manifest, the roots, shards, and a record per SOP"
    names = {name for name, _ in search_files.values()}
    assert {"manifest", "akar"} <= names and len(names) == len(search_files)


def test_the_search_records_link_to_pages_of_the_site(site, search_files):
    records = [data for name, data in search_files.values() if name.startswith("d/")]
    found = [f"{record['url']!r:.160}: {problem}" for record in records
             if (problem := _link_problem(site.folder, "index.html", record["url"]))]
    assert found == [], f"{len(found)} found; the first:\n" + "\n".join(found[:25])


@pytest.mark.parametrize("payload", PAYLOAD_NAMES)
def test_the_search_record_of_an_sop_holds_its_name_as_written(site, search_files, compliance, payload):
    # Data, not markup: the search script sets it as text (tests/search/test_browser_search.py shows it).
    entry = _published(site, payload)
    location = _compliance_sop(compliance, entry)["page"]
    records = [data for name, data in search_files.values()
               if name.startswith("d/") and unquote(data["url"]) == unquote(location)]
    assert [record["nama"] for record in records] == [entry.nama]


# --- data files ----------------------------------------------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _not_unicode(value) -> list[str]:
    """Strings a strict JSON reader refuses: lone surrogates cannot be UTF-8."""
    bad = []
    for text in _strings(value):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            bad.append(text[:120])
    return bad


def test_compliance_json_parses_and_links_into_the_site(site):
    raw = (site.folder / "compliance.json").read_bytes()
    data = json.loads(raw.decode("utf-8"), parse_constant=lambda name: pytest.fail(f"not JSON: {name}"))
    assert _not_unicode(data) == []
    found = [f"{sop['page']!r:.160}: {problem}" for sop in data["sops"]
             if (problem := _link_problem(site.folder, "compliance.json", sop["page"]))]
    assert found == []
    changed = [(entry.payload, _compliance_sop(data, entry)["nama"][:80])
               for entry in site.published if _compliance_sop(data, entry)["nama"] != entry.nama]
    assert changed == [], "compliance.json is data: every SOP's nama exactly as written"


def test_the_kepatuhan_csv_files_hold_every_name_as_the_pages_show_it_and_run_nothing(site, compliance):
    import csv
    import io
    files = sorted((site.folder / "kepatuhan").rglob("*.csv"))
    assert files, "the Kepatuhan tables have CSV files"
    problems = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        if not text.startswith("\ufeff"):
            problems.append(f"{file.name}: no byte-order mark")
        for row in csv.reader(io.StringIO(text[1:], newline="")):
            for value in row:
                if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not value.lstrip("-").isdigit():
                    problems.append(f"{file.name}: a cell a spreadsheet would run: {value[:80]!r}")
                if NOT_TEXT.search(value.replace("\n", "")):
                    problems.append(f"{file.name}: a character that is not text: {value[:80]!r}")
    assert problems == []
    with (site.folder / "kepatuhan" / "sop.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = {}
        for row in csv.DictReader(handle):  # a cell a spreadsheet would run starts with an apostrophe, ids too
            names[row["id"]] = names[row["id"][1:] if row["id"][:2] in ("'=", "'+", "'-", "'@") else row["id"]] = row["nama"]
    ids = {entry.payload: shown(_compliance_sop(compliance, entry)["id"]) for entry in site.published}  # ids too as shown
    changed = [(entry.payload, names.get(ids[entry.payload], "")[:80]) for entry in site.published
               if names.get(ids[entry.payload], "").removeprefix("'") != shown(entry.nama)]
    assert changed == [], "each SOP's nama as its page shows it"


def test_the_sitemap_is_well_formed_xml(site):
    for name in ("sitemap.xml",):
        ET.fromstring((site.folder / name).read_bytes())


# --- sop check -----------------------------------------------------------------------------------

CHECK_FORMATS = ("text", "json", "sarif", "junit", "github")


@dataclass
class Checked:
    project: Path
    files: list[str]
    """Every SOP file checked, as a path relative to the project (surrogate escapes for bytes that are not UTF-8)."""
    outputs: dict[str, subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> Checked:
    """The hostile catalogue with files that break structure as well, checked in every format."""
    project = tmp_path_factory.mktemp("hostile-check")
    write(catalogue(1), project / "sops")
    broken_sops(project / "sops")
    files = sorted(os.path.relpath(os.path.join(folder, name), project)
                   for folder, _, names in os.walk(project / "sops") for name in names)
    outputs = {fmt: _sop(project, "check", "sops", "--format", fmt) for fmt in CHECK_FORMATS}
    return Checked(project, files, outputs)


def _run_problems(run: subprocess.CompletedProcess, exit_codes: tuple[int, ...]) -> tuple[str, list[str]]:
    """The output as text, and what is wrong with how the run ended: a traceback, an unexpected exit code,
    control characters on standard error, an output that is not UTF-8."""
    found = []
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    if "Traceback" in stderr:
        found.append("a traceback: " + " | ".join(stderr.strip().splitlines()[-3:])[:400])
    if run.returncode not in exit_codes:
        found.append(f"exit code {run.returncode}")
    if raw := sorted({repr(c) for c in NOT_TERMINAL.findall(stderr)}):
        found.append(f"characters that are not text on standard error: {raw}")
    try:
        return run.stdout.decode("utf-8"), found
    except UnicodeDecodeError as exc:
        found.append(f"the output is not UTF-8: {exc.reason} at {run.stdout[max(0, exc.start - 60):exc.end + 10]!r}")
        return run.stdout.decode("utf-8", "surrogateescape"), found


def _problem_lines(text: str, files: list[str]) -> tuple[list[tuple[str, int, int, str]], list[str]]:
    """Problem lines of the text format as (file, line, column, code), and the lines that are neither
    a problem, a file header nor blank."""
    problems, strays = [], []
    patterns = [(file, _path_regex(file)) for file in sorted(files, key=len, reverse=True)]
    for line in text.split("\n"):
        if not line:
            continue
        for file, pattern in patterns:
            match = pattern.match(line)
            if not match:
                continue
            rest = line[match.end():]
            problem = re.match(r":(\d+):(\d+): (?:error|warning|info)\[([A-Za-z0-9-]+)\] ", rest)
            if problem:
                problems.append((file, int(problem[1]), int(problem[2]), problem[3]))
                break
            if re.fullmatch(r" \((?:\d+ (?:galat|peringatan|info|dikecualikan)(?:, |(?=\))))+\)", rest) \
                    or rest == " (tidak ada yang dihitung)":
                break
        else:
            strays.append(line[:200])
    return problems, strays


@pytest.fixture(scope="module")
def reference(checked) -> list[dict]:
    """What the check found, from its JSON output (the other formats must say the same)."""
    return json.loads(checked.outputs["json"].stdout.decode("utf-8", "surrogateescape"))


def _text_report(output: str, checked: Checked, reference: list[dict]) -> list[str]:
    problems, strays = _problem_lines(output, checked.files)
    found = ["a line no problem or file header made: " + line for line in strays[:10]]
    if Counter((line, col, code) for _, line, col, code in problems) != Counter(
            (p["line"], p["column"], p["code"]) for p in reference):
        found.append(f"{len(problems)} problem lines for {len(reference)} problems")
    return found


def _json_report(output: str, checked: Checked, reference: list[dict]) -> list[str]:
    data = json.loads(output)
    found = [f"not Unicode: {text!r}" for text in _not_unicode(data)[:5]]
    found += [f"an internal error: {p['message'][:200]}" for p in data if p["code"] == "internal"]
    found += [f"a path that names no file checked: {p['path'][:160]!r}" for p in data
              if not any(_shows(p["path"], f) for f in checked.files)][:5]
    return found


def _sarif_report(output: str, checked: Checked, reference: list[dict]) -> list[str]:
    data = json.loads(output)
    found = [f"not Unicode: {text!r}" for text in _not_unicode(data)[:5]]
    results = data["runs"][0]["results"]
    if len(results) != len(reference):
        found.append(f"{len(results)} results for {len(reference)} problems")
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        if not _URL_TEXT.fullmatch(uri) or "?" in uri or "#" in uri:
            found.append(f"a URI that is not percent-encoded: {uri[:160]!r}")
        elif not (checked.project / os.fsdecode(unquote_to_bytes(uri))).is_file():
            found.append(f"a URI that names no file checked: {uri[:160]!r}")
    return list(dict.fromkeys(found))


def _junit_report(output: str, checked: Checked, reference: list[dict]) -> list[str]:
    try:
        suite = ET.fromstring(output.encode("utf-8", "surrogateescape"))
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    failing = {(c.get("classname"), c.get("name")) for c in suite.iter("testcase") if c.find("failure") is not None}
    expected = {(p["path"], p["code"]) for p in reference if p["suppressed"] is None and p["severity"] != "info"}
    failures = sum(int(s.get("failures", 0)) for s in suite.iter("testsuite"))
    if not failures == len(failing) == len(expected):
        return [f"{failures} failures in {len(failing)} test cases for {len(expected)} failing (file, rule) pairs"]
    return []


_ANNOTATION = re.compile(r"::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),title=([A-Za-z0-9-]+)::(.*)")


def _github_report(output: str, checked: Checked, reference: list[dict]) -> list[str]:
    found, annotations = [], []
    for line in output.split("\n"):
        match = _ANNOTATION.fullmatch(line)
        if match:
            annotations.append(match)
        elif line.startswith("::") or "\r" in line:
            found.append(f"a workflow command no problem made: {line[:200]!r}")
    counting = [p for p in reference if p["suppressed"] is None]
    if len(annotations) != len(counting):
        found.append(f"{len(annotations)} annotations for {len(counting)} problems that count")
    for match in annotations:
        file = os.fsdecode(unquote_to_bytes(match[2].replace("%3A", ":").replace("%2C", ",")))
        if not any(_shows(file, f) for f in checked.files):
            found.append(f"an annotation on a file not checked: {match[2][:160]!r}")
    return list(dict.fromkeys(found))[:25]


CHECK_READERS = {"text": _text_report, "json": _json_report, "sarif": _sarif_report, "junit": _junit_report,
                 "github": _github_report}


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_sop_check_output_keeps_its_structure(checked, reference, fmt):
    output, found = _run_problems(checked.outputs[fmt], (1,))
    if fmt in ("text", "github"):  # read in a terminal or a log; JSON and XML escape for themselves
        if raw := sorted({repr(c) for c in NOT_TERMINAL.findall(output)}):
            found.append(f"characters that are not text: {raw}")
    try:
        found += CHECK_READERS[fmt](output, checked, reference)
    except (ValueError, KeyError, IndexError) as exc:
        found.append(f"unreadable: {exc!r:.300}")
    assert found == [], "\n".join(found)


def test_a_hostile_logo_is_refused_by_the_schema(checked, reference):
    logo_files = [f for f in checked.files if f.startswith("sops/rusak-bad-logo/")]
    assert len(logo_files) == len(PAYLOADS)
    refused = {p["path"] for p in reference if p["code"] == "schema" and p["json_path"] == "$.kop.logo"}
    assert len(refused) == len(logo_files), "every payload as kop.logo is a schema error at $.kop.logo"
    assert all(path.startswith("sops/rusak-bad-logo/") for path in refused)


# --- sop diff ------------------------------------------------------------------------------------

DIFF_FORMATS = ("text", "markdown", "json")
KINDS = ("diubah", "dipindah", "ditambahkan", "dihapus", "temuan")


@dataclass
class Diffed:
    before: list[Entry]
    after: list[Entry]
    outputs: dict[str, subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def diffed(tmp_path_factory) -> Diffed:
    """Two versions of the hostile catalogue (every SOP's payload changed, one renamed, one removed, one
    added, files with structural errors added) compared in every format."""
    project = tmp_path_factory.mktemp("hostile-diff")
    before, after = catalogue(1), catalogue(2)
    write(before, project / "sebelum")
    write(after, project / "sesudah")
    broken_sops(project / "sesudah", ("unknown-key", "yaml-error"))
    outputs = {fmt: _sop(project, "diff", "sebelum", "sesudah", "--format", fmt) for fmt in DIFF_FORMATS}
    return Diffed(before, after, outputs)


def _diff_json(diffed: Diffed) -> dict:
    return json.loads(diffed.outputs["json"].stdout.decode("utf-8", "surrogateescape"))


MARKDOWN_TAGS = {"details", "summary", "b", "br"}


def _markdown_report(text: str, sops: int) -> list[str]:
    found = []
    if len(text) > 65_536:
        found.append(f"{len(text)} characters: GitHub refuses a comment over 65,536")
    if "\r" in text:
        found.append("a raw CR")
    for number, line in enumerate(text.split("\n"), 1):
        where = f"line {number}: {line[:120]!r}"
        if re.match(r" {0,3}(```|~~~)", line) or line.startswith("    "):
            found.append(f"a code block SOP text opened, {where}")
        if re.search(r"(?:^|[^\w&`])@[A-Za-z0-9]", line):
            found.append(f"an @mention, {where}")
        if re.search(r"(?:^|[^\w&])(?:[\w.-]+/[\w.-]+)?#\d", line):
            found.append(f"an issue reference, {where}")
        if re.search(r"\]\(|!\[|<https?:|<javascript:|\]\[|^\[.*\]:", line):
            found.append(f"a Markdown link, {where}")
        if "<!--" in line:
            found.append(f"an HTML comment, {where}")
        if line.startswith("|") and line.count("|") != 6:
            found.append(f"a table row of {line.count('|') - 1} cells, {where}")
        if line.startswith(("#", ">", "=", "---", "***", "___", "<")) and not line.startswith(
                ("## Perubahan SOP", "<details>", "</details>", "<summary>")):
            found.append(f"a block SOP text started, {where}")
    if "`" in text.replace("`sop diff`", ""):
        found.append("a backtick from SOP text")
    fragment = Document(text)
    for e in fragment.elements:
        if e.tag not in MARKDOWN_TAGS or e.attrs:
            found.append(f"<{e.tag} {e.attrs!r:.80}> on line {e.line}")
    opened, closed = text.count("<details>"), text.count("</details>")
    if not (opened == closed == len([e for e in fragment.elements if e.tag == "details"])) or opened > sops:
        found.append(f"<details> opened {opened} times and closed {closed} times for {sops} SOPs")
    return found


def _diff_text_report(text: str, sops: int) -> list[str]:
    found = []
    if raw := sorted({repr(c) for c in NOT_TERMINAL.findall(text)}):
        found.append(f"characters that are not text reach the terminal: {raw}")
    lines = text.split("\n")
    if not (lines[0].startswith("Perbandingan: ") and lines[-1] == ""):
        found.append(f"the output does not start with the comparison: {lines[0][:120]!r}")
    headers = [line for line in lines[2:] if re.match(rf"({'|'.join(KINDS)}): ", line)]
    found += [f"a line no SOP header made: {line[:200]!r}" for line in lines[2:]
              if line and not line.startswith("  ") and line not in headers][:10]
    if len(headers) != sops:
        found.append(f"{len(headers)} SOP headers for {sops} SOPs")
    return found


@pytest.mark.parametrize("fmt", DIFF_FORMATS)
def test_sop_diff_output_keeps_its_structure(diffed, fmt):
    output, found = _run_problems(diffed.outputs[fmt], (0, 1))
    sops = len(_diff_json(diffed)["sops"])
    if fmt == "text":
        found += _diff_text_report(output, sops)
    elif fmt == "markdown":
        found += _markdown_report(output, sops)
    elif fmt == "json":
        found += [f"not Unicode: {text!r}" for text in _not_unicode(json.loads(output))[:5]]
    assert found == [], f"{len(found)} found; the first:\n" + "\n".join(found[:25])


def test_sop_diff_json_keeps_every_name_as_written(diffed):
    """JSON is data for programs: each SOP's nama is as written, in the version it comes from."""
    data = _diff_json(diffed)
    entries = diffed.before + diffed.after
    changed = []
    for sop in data["sops"]:
        named = {entry.nama for entry in entries if _shows(sop["id"], entry.sop_id)}
        if named and sop["nama"] not in named:
            changed.append((sop["id"][:60], sop["nama"][:100]))
    assert len(data["sops"]) >= len(diffed.after) - 1 and changed == []


# --- the checks themselves -----------------------------------------------------------------------

LIVE_PAGE = """<!doctype html><html><head><title>x</title><script>alert("xss")</script></head><body>
<img src=x onerror=alert(1)><a href="javascript:alert(1)">k</a><a href="../../etc/passwd">p</a>
<svg><a xlink:href="#x"><text>t</text></a><foreignObject></foreignObject></svg><!-- komentar -->\x1b</body></html>"""


def test_each_page_check_finds_what_it_is_for(tmp_path):
    """Every page check can fail: each finds its kind of live markup in a page made to hold it."""
    (tmp_path / "index.html").write_text(LIVE_PAGE, encoding="utf-8")
    site = Site(tmp_path, [], subprocess.CompletedProcess([], 0), {})
    pages = {"index.html": Document(LIVE_PAGE)}
    assert {name: bool(check(site, pages)) for name, check in PAGE_CHECKS.items()} == dict.fromkeys(PAGE_CHECKS, True)


def test_the_output_checks_find_forged_lines_and_markup():
    files = ["sops/a.yaml"]
    reference = [{"line": 1, "column": 1, "code": "schema", "path": "sops/a.yaml", "suppressed": None, "severity": "error"}]
    checked = Checked(Path("."), files, {})
    forged = "sops/a.yaml:1:1: error[schema] pesan\nsops/a.yaml:2:1: error[schema] palsu\n::error::palsu\n"
    assert _text_report(forged, checked, reference) == [
        "a line no problem or file header made: ::error::palsu", "2 problem lines for 1 problems"]
    assert _text_report("sops/a.yaml:1:1: error[schema] pesan\npalsu\n", checked, reference)
    assert _github_report("::error file=sops/a.yaml,line=1,col=1,title=schema::x\n::error::palsu\n", checked, reference)
    markdown = "## Perubahan SOP\n\n| a | b |\n```\n@admin #12 [a](javascript:x) <img src=x>\n</details>\n"
    assert len(_markdown_report(markdown, 1)) >= 7
    assert _diff_text_report("Perbandingan: a → b\nringkasan\n\ndiubah: x — y\n  ubah\npalsu\n", 1)
