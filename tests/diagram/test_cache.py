"""The sheet cache never decides what a reader sees, and never fails a build.

Whatever happened to the cache folder (a killed build, a full disk, a
restored CI cache from another branch, someone's hand), the sheets served
are the sheets the SOPs draw, free of live markup, and the build goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import time

import pytest

from katalog_sop.diagram import render
from katalog_sop.diagram.geometry import layout
from katalog_sop.diagram.render import render_sheets, render_sops

from conftest import REPO, check_structure
from diagram.test_hostile import assert_inert

SOPS = sorted((REPO / "sops").rglob("*.yaml"))[:2]
SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("xss")</script><a href="javascript:alert(1)"><text>x</text></a></svg>\n'


@pytest.fixture(scope="module")
def sops():
    return [check_structure([str(p)]).files[0].sop for p in SOPS]


@pytest.fixture(scope="module")
def fresh(sops):
    """The sheets as drawn with no cache at all."""
    return render_sops(sops)


def _entries(folder, suffix):
    found = sorted(p for p in folder.rglob(f"*{suffix}") if not p.name.startswith(".tmp-"))
    assert found, f"the cache holds no {suffix} entries"
    return found


def _framed(body: bytes) -> bytes:
    """An entry written by someone who knows how entries are checked."""
    return b"katalog-sop-cache sha256=" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _served(sops, folder):
    drawn = render_sops(sops, cache_dir=folder)
    for pages in drawn:
        for page in pages:
            assert_inert(page.svg)
    return drawn


def _flipped(data: bytes) -> bytes:
    """``data`` with its last character before the final line ending changed."""
    return data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]


DAMAGE = {
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "emptied": lambda path: path.write_bytes(b""),
    "replaced by a script": lambda path: path.write_text(SCRIPT, encoding="utf-8"),
    "replaced by a script with its hash": lambda path: path.write_bytes(_framed(SCRIPT.encode())),
    "one byte changed": lambda path: path.write_bytes(_flipped(path.read_bytes())),
    "not UTF-8": lambda path: path.write_bytes(_framed(b"<svg>\xff\xfe</svg>\n")),
    "a directory": lambda path: (path.unlink(), path.mkdir(), (path / "x").write_text("x")),
    "a FIFO": lambda path: (path.unlink(), os.mkfifo(path)),
    "a link to elsewhere": lambda path: (path.unlink(), path.symlink_to("/dev/zero")),
}


def _sheets(sops):
    return [layout(sop) for sop in sops]


def _served_sheets(sops, folder):
    drawn = render_sheets(_sheets(sops), folder)
    for pages in drawn:
        for page in pages:
            assert_inert(page.svg)
    return drawn


@pytest.fixture(scope="module")
def fresh_sheets(sops):
    """The pages ``render_sheets`` draws with no cache: the CLI's path, which keeps one entry per page."""
    return render_sheets(_sheets(sops))


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_page_entry_is_drawn_again(damage, sops, fresh_sheets, tmp_path):
    render_sheets(_sheets(sops), tmp_path)
    for path in _entries(tmp_path, ".svg"):
        DAMAGE[damage](path)
    assert _served_sheets(sops, tmp_path) == fresh_sheets
    assert _served_sheets(sops, tmp_path) == fresh_sheets, "and the entry is whole again for the next run"


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_sheet_entry_is_drawn_again(damage, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".sheet"):
        DAMAGE[damage](path)
    assert _served(sops, tmp_path) == fresh
    assert _served(sops, tmp_path) == fresh, "and the entry is whole again for the next build"


def _sheet_entry(path) -> tuple[dict, list[str]]:
    """A sheet entry's header and pages, as the cache wrote them."""
    head, rest = path.read_bytes().split(b"\n", 1)[1].split(b"\n", 1)
    header = json.loads(head)
    pages, start = [], 0
    for size in header["sizes"]:
        pages.append(rest[start:start + size].decode("utf-8"))
        start += size
    return header, pages


def _write_sheet_entry(path, header: dict, pages: list[str]) -> None:
    body = [page.encode("utf-8") for page in pages]
    header = {**header, "sizes": [len(b) for b in body]}
    path.write_bytes(_framed(json.dumps(header).encode("utf-8") + b"\n" + b"".join(body)))


HEADERS = {
    "broken": lambda header, pages: (b"{", pages),
    "a list": lambda header, pages: (b"[]", pages),
    "wrong types": lambda header, pages: (json.dumps({**header, "title": 1}).encode(), pages),
    "a path as a key": lambda header, pages: (json.dumps({**header, "pages": ["../../../etc/passwd"] * len(pages)}).encode(), pages),
    "no pages": lambda header, pages: (json.dumps({**header, "pages": [], "sizes": []}).encode(), []),
    "sizes that do not add up": lambda header, pages: (json.dumps({**header, "sizes": [n + 1 for n in header["sizes"]]}).encode(), pages),
    "a page cut in two": lambda header, pages: (
        json.dumps({**header, "sizes": [header["sizes"][0] // 2, header["sizes"][0] - header["sizes"][0] // 2, *header["sizes"][1:]],
                    "pages": [header["pages"][0], *header["pages"]]}).encode(),
        pages,
    ),
    "a negative size": lambda header, pages: (json.dumps({**header, "sizes": [-1, header["sizes"][0] + 1, *header["sizes"][1:]],
                                                          "pages": [header["pages"][0], *header["pages"]]}).encode(), pages),
}


@pytest.mark.parametrize("kind", sorted(HEADERS))
def test_a_sheet_entry_whose_header_does_not_describe_it_is_a_miss(kind, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".sheet"):
        header, pages = _sheet_entry(path)
        head, pages = HEADERS[kind](header, pages)
        path.write_bytes(_framed(head + b"\n" + "".join(pages).encode("utf-8")))
    assert _served(sops, tmp_path) == fresh


def test_a_sheet_entry_is_served_without_laying_the_sheet_out_again(sops, fresh, tmp_path, monkeypatch):
    render_sops(sops, cache_dir=tmp_path)
    assert len(_entries(tmp_path, ".sheet")) == len(sops), "one file per sheet, whatever its pages"
    assert list(tmp_path.rglob("*.svg")) == [], "its pages are not kept a second time"
    monkeypatch.setattr(render, "layout", lambda *args: pytest.fail("laid out again"))
    assert _served(sops, tmp_path) == fresh


def test_a_cache_folder_that_cannot_be_made_means_drawing_without_cache_and_one_warning(sops, fresh, tmp_path):
    (tmp_path / "berkas").write_text("bukan folder")
    drawn = render_sops(sops, cache_dir=tmp_path / "berkas" / "lembar")
    assert drawn == fresh
    [warning] = drawn.warnings
    assert "cache" in warning and "tanpa cache" in warning


def test_a_read_only_cache_folder_never_fails_the_build(sops, fresh, tmp_path):
    render_sops(sops[:1], cache_dir=tmp_path)
    folders = [tmp_path, *(p for p in tmp_path.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        assert _served(sops, tmp_path) == fresh
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_temporary_files_left_by_killed_builds_are_removed(sops, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    subfolder = next(p for p in tmp_path.iterdir() if p.is_dir())
    hour_ago = time.time() - 3600
    stale = [tmp_path / ".tmp-1-2-x.svg", subfolder / ".tmp-123-456-abc.svg", subfolder / ".tmp-9-9-def.json"]
    for path in stale:
        path.write_text("<svg")
        os.utime(path, (hour_ago, hour_ago))
    running = subfolder / ".tmp-77-88-ghi.svg"  # another build writing right now
    running.write_text("<svg")
    render_sops(sops, cache_dir=tmp_path)
    assert [p for p in stale if p.exists()] == []
    assert running.exists()


def test_a_page_graphviz_cannot_draw_is_a_stand_in_with_a_warning_and_the_others_are_drawn(sops, fresh, monkeypatch):
    real = render.to_dot
    broken = {"count": 0}

    def one_broken(sheet, page, *args):
        dot = real(sheet, page, *args)
        if sheet.sop_id == sops[0].id and page.number == 1:
            broken["count"] += 1
            return dot.replace("digraph sheet {", "digraph sheet { x [label=\"", 1)  # an unclosed string
        return dot

    monkeypatch.setattr(render, "to_dot", one_broken)
    drawn = render_sops(sops)
    assert broken["count"] == 1
    assert drawn[1:] == fresh[1:] and drawn[0][1:] == fresh[0][1:]
    assert "tidak dapat digambar" in drawn[0][0].svg
    [warning] = drawn.warnings
    assert warning.startswith(f"{sops[0].id}: halaman 1 ") and "Graphviz" in warning


TRICKS = {
    "event handler": lambda svg: svg.replace("<g id=", '<g onload="alert(1)" id=', 1),
    "handler after a '>' in a value": lambda svg: svg.replace("<g id=", '<g class="x>" onload="alert(1)" id=', 1),
    "upper-case handler": lambda svg: svg.replace("<g id=", '<g ONCLICK = "alert(1)" id=', 1),
    "link": lambda svg: svg.replace("<title>", '<a xlink:href="javascript:alert(1)"><title>', 1),
    "script in a comment HTML ends early": lambda svg: svg.replace("<title>", "<!-- --!><script>alert(1)</script> --><title>", 1),
    "CDATA": lambda svg: svg.replace("<title>", "<![CDATA[<script>alert(1)</script>]]><title>", 1),
    "upper-case script": lambda svg: svg.replace("<title>", "<SCRIPT>alert(1)</SCRIPT><title>", 1),
    "prefixed script": lambda svg: svg.replace("<title>", '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script><title>', 1),
    "foreign object": lambda svg: svg.replace("<title>", "<foreignObject><iframe/></foreignObject><title>", 1),
    "style": lambda svg: svg.replace("<g id=", '<g style="background:url(https://contoh.invalid/)" id=', 1),
    "entity of its own": lambda svg: svg.replace("<!DOCTYPE svg", '<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]', 1),
    "animation that sets a link": lambda svg: svg.replace("<title>", '<set attributeName="href" to="javascript:alert(1)"/><title>', 1),
    "use of another document": lambda svg: svg.replace("<title>", '<use href="https://contoh.invalid/x.svg#a"/><title>', 1),
}


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_a_page_entry_with_live_markup_is_never_served_even_with_a_matching_hash(trick, sops, fresh_sheets, tmp_path):
    render_sheets(_sheets(sops), tmp_path)
    for path in _entries(tmp_path, ".svg"):
        svg = path.read_bytes().split(b"\n", 1)[1].decode("utf-8")
        tricked = TRICKS[trick](svg)
        assert tricked != svg
        path.write_bytes(_framed(tricked.encode("utf-8")))
    assert _served_sheets(sops, tmp_path) == fresh_sheets


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_a_sheet_entry_with_live_markup_is_never_served_even_with_a_matching_hash(trick, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".sheet"):
        header, pages = _sheet_entry(path)
        tricked = [pages[0], *pages[1:]]
        tricked[-1] = TRICKS[trick](pages[-1])  # the last page, so that every page before it is whole
        assert tricked != pages
        _write_sheet_entry(path, header, tricked)
    assert _served(sops, tmp_path) == fresh
