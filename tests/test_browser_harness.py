"""The real-browser harness (tests/browser.py) works: on a tiny static site built here.

The site has a search box filtered by a small script, a link to a second
page, an image on an outside host and a page that opens an outside
WebSocket; the tests open it over the local server and from ``file://``,
and print it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import (
    RequestRecorder,
    assert_a4_landscape,
    chromium_path,
    launch_chromium,
    new_context,
    print_pdf,
    read_pdf,
    serve,
)

OUTSIDE_IMAGE = "https://example.com/x.png"
OUTSIDE_SOCKET = "wss://example.com/socket"

INDEX = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Katalog SOP</title></head>
<body>
<h1>Katalog SOP Kecamatan Contoh</h1>
<input id="cari" type="search" placeholder="Cari SOP">
<p id="jumlah">3 SOP</p>
<ul id="daftar">
  <li>Penerbitan Surat Keterangan Domisili</li>
  <li>Penerbitan Izin Keramaian</li>
  <li>Pengumpulan Data Kinerja</li>
</ul>
<p><a href="kedua.html">Halaman kedua</a></p>
<p id="ambil">belum</p>
<img id="logo" src="{OUTSIDE_IMAGE}" alt="logo">
<script>
  const items = [...document.querySelectorAll("#daftar li")];
  document.getElementById("cari").addEventListener("input", (event) => {{
    const query = event.target.value.trim().toLowerCase();
    let shown = 0;
    for (const item of items) {{
      const match = item.textContent.toLowerCase().includes(query);
      item.hidden = !match;
      shown += match;
    }}
    document.getElementById("jumlah").textContent = shown + " SOP";
  }});
  const ambil = document.getElementById("ambil");
  fetch("kedua.html").then(
    (response) => {{ ambil.textContent = response.ok ? "boleh" : "gagal"; }},
    () => {{ ambil.textContent = "ditolak"; }},
  );
</script>
</body></html>
"""

SECOND = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kedua</title></head>
<body><h1>Halaman Kedua</h1><p>Tanpa permintaan ke luar.</p></body></html>
"""

SOCKET = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Soket</title></head>
<body><p id="status">membuka</p>
<script>
  const socket = new WebSocket("{OUTSIDE_SOCKET}");
  socket.onopen = () => {{ document.getElementById("status").textContent = "terbuka"; }};
  socket.onclose = () => {{ document.getElementById("status").textContent = "tertutup"; }};
</script></body></html>
"""

PORTRAIT = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Potret</title>
<style>@page { size: A4 portrait; }</style></head>
<body><p>Lembar tegak</p></body></html>
"""


@pytest.fixture
def site(tmp_path) -> Path:
    """The tiny static site, written fresh for each test."""
    folder = tmp_path / "site"
    folder.mkdir()
    pages = {"index.html": INDEX, "kedua.html": SECOND, "soket.html": SOCKET, "potret.html": PORTRAIT}
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def recorder(context) -> RequestRecorder:
    return RequestRecorder().attach(context)


@pytest.fixture
def page(context, recorder):
    return context.new_page()


def _get(url: str) -> bytes:
    """GET ``url`` directly, ignoring any proxy set in the environment."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=5) as response:
        return response.read()


# --- the server --------------------------------------------------------------------


def test_serve_gives_each_folder_its_own_free_local_port_and_stops(site, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("lain", encoding="utf-8")
    with serve(site) as base, serve(other) as other_base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        assert base != other_base
        assert _get(base + "kedua.html") == SECOND.encode()
        assert _get(other_base + "index.html") == b"lain"
        port = int(base.rstrip("/").rsplit(":", 1)[1])
    assert not [t for t in threading.enumerate() if t.name.startswith("serve ")]
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_serve_refuses_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError, match="missing"), serve(tmp_path / "missing"):
        pass


# --- pages over HTTP ------------------------------------------------------------------


def test_page_over_http_shows_its_text_and_its_script_runs(site, page):
    with serve(site) as base:
        page.goto(base + "index.html")
        expect(page.get_by_role("heading", level=1)).to_have_text("Katalog SOP Kecamatan Contoh")
        expect(page.locator("#daftar li:visible")).to_have_count(3)
        page.get_by_placeholder("Cari SOP").fill("izin")
        expect(page.locator("#jumlah")).to_have_text("1 SOP")
        expect(page.locator("#daftar li:visible")).to_have_text(["Penerbitan Izin Keramaian"])
        expect(page.locator("#ambil")).to_have_text("boleh")


def test_following_the_link_opens_the_second_page(site, page, recorder):
    with serve(site) as base:
        page.goto(base + "index.html")
        page.get_by_role("link", name="Halaman kedua").click()
        expect(page).to_have_url(base + "kedua.html")
        expect(page.get_by_role("heading", level=1)).to_have_text("Halaman Kedua")
    assert base + "kedua.html" in recorder.urls


def test_recorder_blocks_and_reports_a_request_to_an_outside_host(site, page, recorder):
    failures = []
    page.on("requestfailed", lambda request: failures.append((request.url, request.failure)))
    with serve(site) as base:
        page.goto(base + "index.html")
        expect(page.locator("#ambil")).to_have_text("boleh")
    assert recorder.urls[0] == base + "index.html"
    assert OUTSIDE_IMAGE in recorder.urls
    assert recorder.blocked == [OUTSIDE_IMAGE]
    assert recorder.outside() == [OUTSIDE_IMAGE]
    assert failures and failures[0][0] == OUTSIDE_IMAGE and "BLOCKED_BY_CLIENT" in failures[0][1]
    assert page.locator("#logo").evaluate("img => img.naturalWidth") == 0
    with pytest.raises(AssertionError, match="1 request.*\n  https://example.com/x.png"):
        recorder.assert_only_local()


def test_recorder_passes_a_page_that_asks_for_nothing_outside(site, page, recorder):
    with serve(site) as base:
        page.goto(base + "kedua.html")
        expect(page.get_by_role("heading", level=1)).to_have_text("Halaman Kedua")
    assert base + "kedua.html" in recorder.urls
    assert all(url.startswith(base) for url in recorder.urls), recorder.urls
    assert recorder.blocked == []
    recorder.assert_only_local()


def test_recorder_blocks_an_outside_websocket(site, page, recorder):
    with serve(site) as base:
        page.goto(base + "soket.html")
        expect(page.locator("#status")).to_have_text("tertutup")
    assert recorder.blocked == [OUTSIDE_SOCKET]
    with pytest.raises(AssertionError, match="wss://example.com/socket"):
        recorder.assert_only_local()


# --- pages from file:// ------------------------------------------------------------------


def test_page_from_file_url_runs_its_script_but_may_not_fetch(site, page, recorder):
    url = (site / "index.html").as_uri()
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog SOP Kecamatan Contoh")
    page.get_by_placeholder("Cari SOP").fill("data")
    expect(page.locator("#daftar li:visible")).to_have_text(["Pengumpulan Data Kinerja"])
    # Origin "null": the browser refuses fetch() of a sibling file, as a user's would.
    expect(page.locator("#ambil")).to_have_text("ditolak")
    assert recorder.urls[0] == url
    assert recorder.blocked == [OUTSIDE_IMAGE]


# --- printing -----------------------------------------------------------------------------


def test_printing_a_file_page_gives_a4_landscape_with_its_text(site, page, tmp_path):
    page.goto((site / "index.html").as_uri())
    pdf = tmp_path / "katalog.pdf"
    data = print_pdf(page, pdf)
    assert data.startswith(b"%PDF-") and pdf.read_bytes() == data
    pages = read_pdf(data)
    assert_a4_landscape(pages)
    assert "Katalog SOP Kecamatan Contoh" in pages[0].text
    assert "Penerbitan Izin Keramaian" in pages[0].text


def test_a_page_asking_for_portrait_is_printed_portrait_and_reported(site, page):
    with serve(site) as base:
        page.goto(base + "potret.html")
        pages = read_pdf(print_pdf(page))
    assert [(round(p.width), round(p.height)) for p in pages] == [(595, 842)]
    assert "Lembar tegak" in pages[0].text
    with pytest.raises(AssertionError, match=r"not A4 landscape .*page 1: 59\d\.\d x 84\d\.\d pt"):
        assert_a4_landscape(pages)


# --- the browser itself -------------------------------------------------------------------


def _process_state(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent id, or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent = stat.rsplit(")", 1)[1].split()[:2]
    return state, int(parent)


def _live_tree(root: int) -> set[int]:
    """The ids of the live (not zombie) processes below ``root``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        found = _process_state(int(entry.name)) if entry.name.isdigit() else None
        if found and found[0] != "Z":
            children.setdefault(found[1], []).append(int(entry.name))
    tree, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            tree.add(child)
            todo.append(child)
    return tree


def _still_running(pids: set[int], seconds: float = 3.0) -> set[int]:
    """Those of ``pids`` still alive (not gone, not zombie) after waiting up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        alive = {pid for pid in pids if (state := _process_state(pid)) and state[0] != "Z"}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def _launch_and_close(seen: dict) -> None:
    try:
        with launch_chromium() as browser:
            seen["version"] = browser.version
            seen["during"] = _live_tree(os.getpid())
    except Exception as error:  # noqa: BLE001 - reported by the test, from its own thread
        seen["error"] = error


def test_launching_and_closing_chromium_leaves_no_process_behind():
    # Playwright's sync API allows one instance per thread at a time, and this
    # module's browser is running: launch the second one in a thread of its own.
    # Only the processes this launch started are followed: the module's browser
    # (and other checkouts' tests on the same machine) come and go meanwhile.
    before = _live_tree(os.getpid())
    seen: dict = {}
    thread = threading.Thread(target=_launch_and_close, args=(seen,))
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive() and "error" not in seen, seen.get("error")
    assert seen["version"].split(".")[0].isdigit()
    started = seen["during"] - before
    assert len(started) >= 2, "the driver and Chromium should have run below this process"
    assert _still_running(started) == set()


def test_a_missing_chromium_fails_the_test_instead_of_skipping(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        chromium_path()
