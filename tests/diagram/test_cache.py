"""The sheet cache never decides what a reader sees, and never fails a build.

Whatever happened to the cache folder (a killed build, a full disk, a
restored CI cache from another branch, someone's hand), the sheets served
are the sheets the SOPs draw, free of live markup, and the build goes on.
"""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from katalog_sop.diagram import render
from katalog_sop.diagram.render import render_sops

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


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_page_entry_is_drawn_again(damage, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".svg"):
        DAMAGE[damage](path)
    assert _served(sops, tmp_path) == fresh
    assert _served(sops, tmp_path) == fresh, "and the entry is whole again for the next build"


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_entry_is_a_miss(damage, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".json"):
        DAMAGE[damage](path)
    assert _served(sops, tmp_path) == fresh


@pytest.mark.parametrize(
    "index",
    [b"{", b"[]", b'{"title": 1}', b'{"title": "t", "description": "d", "pages": ["../../../etc/passwd"]}', b'{"title": "t", "description": "d", "pages": []}'],
    ids=["broken", "a list", "wrong types", "a path as a key", "no pages"],
)
def test_an_index_entry_that_is_not_an_index_is_a_miss(index, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".json"):
        path.write_bytes(_framed(index))
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
def test_an_entry_with_live_markup_is_never_served_even_with_a_matching_hash(trick, sops, fresh, tmp_path):
    render_sops(sops, cache_dir=tmp_path)
    for path in _entries(tmp_path, ".svg"):
        svg = path.read_bytes().split(b"\n", 1)[1].decode("utf-8")
        tricked = TRICKS[trick](svg)
        assert tricked != svg
        path.write_bytes(_framed(tricked.encode("utf-8")))
    assert _served(sops, tmp_path) == fresh
