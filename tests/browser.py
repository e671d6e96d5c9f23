"""Real-browser test harness for the catalogue site's tests.

Tests open built pages in Debian's ``chromium`` driven by Playwright (sync
API); no browser is ever downloaded (``playwright install`` is never run),
and no request may leave the machine, because the site is made for an
intranet with no internet:

- :func:`serve` serves a folder on 127.0.0.1 at a free port, in a thread;
- :func:`launch_chromium` starts headless Chromium with the project's flags;
- :class:`RequestRecorder` records every request of a page or context and
  aborts those to any other host, so a test never touches the network and
  can assert that a page asked for nothing outside;
- :func:`print_pdf` prints a page as the browser would, :func:`read_pdf`
  reads the PDF's page sizes and text back, :func:`assert_a4_landscape`
  checks the sizes.

Typical use (in tests, make the browser a module-scoped fixture and the
context a per-test one, as tests/test_browser_harness.py does)::

    with serve(site_dir) as base, launch_chromium() as browser:
        context = new_context(browser)
        recorder = RequestRecorder().attach(context)
        page = context.new_page()
        page.goto(base + "index.html")
        ...
        recorder.assert_only_local()
        context.close()

Pitfalls the site's tests must know:

- Playwright's sync API allows one running instance per thread: do not open
  :func:`launch_chromium` while another is open in the same thread (share one
  browser per module; launching costs about a second);
- a page opened from ``file://`` has the origin ``null``: ``fetch()`` of a
  sibling file, ``type="module"`` scripts and ``new Worker(...)`` are refused;
  classic ``<script src>`` and images load;
- a context's route turns the HTTP cache off, and serves requests one by one
  through Python, so keep pages small or wait with ``expect(...)`` rather
  than fixed sleeps;
- ``page.goto`` waits for ``load``; work started by scripts after that
  (search index, workers) needs an ``expect(...)`` that waits for its result.
"""

from __future__ import annotations

import functools
import io
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Route,
    WebSocketRoute,
    sync_playwright,
)
from pypdf import PdfReader

# The flags of DESIGN.md's Environment section; Playwright adds its own.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")

# Hosts a page may reach: this machine only.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Schemes that never leave the machine.
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})

# A4 in PostScript points (1/72 inch): 297 mm x 210 mm.
A4_LANDSCAPE = (842.0, 595.0)

# Playwright waits this long (ms) before failing; a local page needs far less.
DEFAULT_TIMEOUT_MS = 5_000


# --- serving a folder --------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging each request to stderr."""

    # Explicit types for what a built site holds, whatever /etc/mime.types says:
    # Chromium refuses module scripts and workers served with a wrong type.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file gets the site's own 404.html when it has one, as web servers are set up to."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _LocalServer(ThreadingHTTPServer):
    """A threading HTTP server that ignores clients hanging up mid-response."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: str | Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 at a free port.

    Yields the base URL, ending in ``/`` (``http://127.0.0.1:PORT/``). The
    server runs in a background thread and is shut down, its socket closed
    and its thread joined, when the block ends.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"cannot serve {folder}: not a folder")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _LocalServer(("127.0.0.1", 0), handler)
    # A short poll interval: shutdown() waits up to one interval (0.5 s by default).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"serve {folder.name}", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the browser -------------------------------------------------------------


def chromium_path() -> str:
    """Where Debian's ``chromium`` is; fail the test (never skip) if it is not installed."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(
            "chromium is not installed: browser tests need Debian's chromium package "
            "(run tools/bootstrap.sh, or apt-get install chromium); "
            "Playwright's own browser download is not used",
            pytrace=False,
        )
    return path


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Start headless Chromium through Playwright; close it and Playwright's driver afterwards."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser, **options) -> BrowserContext:
    """A fresh context with short timeouts and service workers blocked.

    Service workers are blocked because their requests would bypass the
    :class:`RequestRecorder`'s route.
    """
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


# --- requests ------------------------------------------------------------------


def is_local(url: str) -> bool:
    """Whether a request to ``url`` stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.hostname in LOCAL_HOSTS


class RequestRecorder:
    """Record every request of a page or context, and block those that would leave the machine.

    ``urls`` holds every request URL in the order the browser made them
    (blocked ones included); ``blocked`` the ones aborted.
    """

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.blocked: list[str] = []

    def attach(self, target: Page | BrowserContext) -> RequestRecorder:
        """Start recording ``target``'s requests (attach before navigating); return self."""
        target.on("request", lambda request: self.urls.append(request.url))
        target.route("**/*", self._route)
        target.route_web_socket("**/*", self._route_web_socket)
        return self

    def _route(self, route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.fallback()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _route_web_socket(self, ws: WebSocketRoute) -> None:
        # WebSockets fire no "request" event and bypass route(): record them here.
        # An outside one is never connected to its server, so it stays off the network.
        self.urls.append(ws.url)
        if is_local(ws.url):
            ws.connect_to_server()
        else:
            self.blocked.append(ws.url)
            ws.close()

    def outside(self) -> list[str]:
        """The recorded URLs that were for another host."""
        return [url for url in self.urls if not is_local(url)]

    def assert_only_local(self) -> None:
        """Fail if any recorded request was for a host other than this machine."""
        outside = self.outside()
        if outside:
            listed = "\n  ".join(dict.fromkeys(outside))
            raise AssertionError(f"{len(outside)} request(s) to an outside host:\n  {listed}")


# --- printing ------------------------------------------------------------------


@contextmanager
def home_page(site: Path, browser: Browser, how: str) -> Iterator[tuple[Page, RequestRecorder]]:
    """The home page of the built ``site``, served over http (``how="http"``) or opened from disk (``"file"``),
    and the recorder of its requests; on leaving, every request stayed on this machine (from disk: files only)."""
    recorder = RequestRecorder()
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    recorder.attach(context)
    page = context.new_page()
    try:
        if how == "http":
            with serve(site) as base:
                page.goto(base + "index.html")
                yield page, recorder
        else:
            page.goto((Path(site) / "index.html").as_uri())
            yield page, recorder
            assert all(url.startswith(("file://", "data:")) for url in recorder.urls), "from disk, only files are read"
        recorder.assert_only_local()
    finally:
        context.close()


@dataclass(frozen=True)
class PdfPage:
    """One printed page: its size in points as displayed, and its text."""

    width: float
    height: float
    text: str


def print_pdf(page: Page, path: str | Path | None = None) -> bytes:
    """Print ``page`` as Chromium does: A4 landscape unless the page's ``@page`` CSS says otherwise."""
    return page.pdf(
        path=path,
        format="A4",
        landscape=True,
        prefer_css_page_size=True,
        print_background=True,
    )


def read_pdf(data: bytes) -> list[PdfPage]:
    """The pages of a PDF: size (rotation applied) and extracted text."""
    reader = PdfReader(io.BytesIO(data))
    return [_read_page(page) for page in reader.pages]


def _read_page(page) -> PdfPage:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if page.rotation % 180:
        width, height = height, width
    return PdfPage(width=width, height=height, text=page.extract_text() or "")


def assert_a4_landscape(pages: list[PdfPage], tolerance: float = 2.0) -> None:
    """Fail unless there is at least one page and every page is A4 landscape (842 x 595 pt)."""
    assert pages, "the PDF has no pages"
    want_w, want_h = A4_LANDSCAPE
    wrong = [
        f"page {number}: {page.width:.1f} x {page.height:.1f} pt"
        for number, page in enumerate(pages, start=1)
        if abs(page.width - want_w) > tolerance or abs(page.height - want_h) > tolerance
    ]
    assert not wrong, f"not A4 landscape ({want_w:.0f} x {want_h:.0f} pt): " + "; ".join(wrong)


# --- accessibility -------------------------------------------------------------

AXE_SCRIPT = Path(__file__).resolve().parent.parent / ".venv" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from the npm registry, installed by tools/bootstrap.sh (pinned there)."""


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run axe-core on ``page`` as it is now; one line per violation of the given impacts and each node it
    found, with the rule, its help text and the element's selector, ready for an assertion message."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT}: run tools/bootstrap.sh (it needs npm)")
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['impact']} {violation['id']} ({violation['help']}): {' '.join(node['target'][-1:])}"
        f" {node.get('failureSummary', '').splitlines()[-1].strip() if node.get('failureSummary') else ''}"
        for violation in result["violations"] if violation["impact"] in impacts
        for node in violation["nodes"]
    ]
