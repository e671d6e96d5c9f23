"""The one place that runs Graphviz: DOT pages to SVG, batched and cached.

Starting a Graphviz process costs far more than drawing one pinned sheet, so
all pages that are not in the cache are drawn by a single ``neato -n2``
process. The cache is keyed by a hash of the DOT text and the Graphviz
version; entries are written atomically, so an interrupted build never leaves
a half-written SVG behind. After drawing, each SVG gets a ``<title>`` and a
``<desc>`` for screen readers.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from katalog_sop.diagram.dot import to_dot
from katalog_sop.diagram.shapes import Sheet

ENGINE = "neato"


class GraphvizError(Exception):
    """Graphviz is missing or failed; the message says what to do."""


@lru_cache(maxsize=1)
def graphviz_version() -> str:
    if shutil.which(ENGINE) is None:
        raise GraphvizError(
            "Graphviz tidak ditemukan (perintah 'neato'); pasang dengan 'sudo apt-get install graphviz'"
        )
    result = subprocess.run([ENGINE, "-V"], capture_output=True, text=True, check=False)
    return (result.stderr or result.stdout).strip()


def cache_key(dot: str) -> str:
    return hashlib.sha256(f"{graphviz_version()}\n{dot}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RenderedPage:
    number: int
    svg: str


def run_graphviz(dots: list[str], fmt: str = "svg", *options: str) -> list[bytes]:
    """Draw every DOT text with one Graphviz process; one output per input, in order."""
    if not dots:
        return []
    graphviz_version()
    result = subprocess.run(
        [ENGINE, "-n2", f"-T{fmt}", *options], input="".join(dots).encode("utf-8"), capture_output=True, check=False
    )
    if result.returncode != 0:
        raise GraphvizError(f"Graphviz gagal menggambar: {result.stderr.decode('utf-8', 'replace').strip()}")
    if fmt != "svg":
        if len(dots) != 1:
            raise ValueError("only SVG output can be batched")
        return [result.stdout]
    parts = [b"<?xml" + part for part in result.stdout.split(b"<?xml")[1:]]
    if len(parts) != len(dots):
        raise GraphvizError(f"Graphviz menghasilkan {len(parts)} gambar untuk {len(dots)} halaman")
    return parts


def render_dots(dots: list[str], cache_dir: Path | None) -> list[str]:
    """SVG text for every DOT text, from the cache where possible."""
    keys = [cache_key(dot) for dot in dots]
    found: dict[str, str] = {}
    if cache_dir is not None:
        for key in set(keys):
            path = cache_dir / key[:2] / f"{key}.svg"
            if path.is_file():
                found[key] = path.read_text(encoding="utf-8")
    missing = sorted({key: dot for key, dot in zip(keys, dots) if key not in found}.items())
    for (key, _), svg in zip(missing, run_graphviz([dot for _, dot in missing])):
        text = svg.decode("utf-8")
        found[key] = text
        if cache_dir is not None:
            write_atomically(cache_dir / key[:2] / f"{key}.svg", text)
    return [found[key] for key in keys]


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``path`` so that a reader sees the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_GRAPH_TITLE = re.compile(r"<title>sheet</title>")
_PAGE_PREFIX = re.compile(r'id="page\d+,\d+_')


def accessible(svg: str, title: str, description: str) -> str:
    """Put the sheet's own title and a description where Graphviz wrote the graph's name.

    Also drops the "pageN,M_" Graphviz puts before the graph's id, which is not a valid XML id.
    """
    text = f"<title>{escape(title)}</title>\n<desc>{escape(description)}</desc>"
    svg = _PAGE_PREFIX.sub('id="', svg, count=1)
    return _GRAPH_TITLE.sub(lambda _: text, svg, count=1)


def render_sheets(sheets: list[Sheet], cache_dir: Path | None = None) -> list[list[RenderedPage]]:
    """Every page of every sheet as SVG, drawn with as few Graphviz processes as possible."""
    jobs = [(sheet, page, to_dot(sheet, page)) for sheet in sheets for page in sheet.pages]
    svgs = iter(render_dots([dot for _, _, dot in jobs], cache_dir))
    out: list[list[RenderedPage]] = []
    for sheet in sheets:
        pages = []
        for page in sheet.pages:
            title = f"{sheet.title} — halaman {page.number} dari {len(sheet.pages)}"
            pages.append(RenderedPage(page.number, accessible(next(svgs), title, sheet.description)))
        out.append(pages)
    return out
