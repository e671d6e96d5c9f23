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
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape

from katalog_sop.diagram.dot import to_dot
from katalog_sop.diagram.geometry import Options, layout
from katalog_sop.diagram.shapes import Sheet
from katalog_sop.model import Sop

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


def draw_image(dot: str, fmt: str, *options: str) -> bytes:
    """One DOT text drawn as an image (e.g. PNG for a quick look); SVG goes through the batch and cache."""
    graphviz_version()
    result = subprocess.run([ENGINE, "-n2", f"-T{fmt}", *options], input=dot.encode("utf-8"), capture_output=True, check=False)
    if result.returncode != 0:
        raise GraphvizError(f"Graphviz gagal menggambar: {result.stderr.decode('utf-8', 'replace').strip()}")
    return result.stdout


class _Batch:
    """One ``neato -n2 -Tsvg`` process fed page by page while Python goes on.

    Graphviz draws each graph as soon as it has read it, so on a machine with
    two cores the drawing overlaps the layout of the next sheets. Its output
    goes to a temporary file, not a pipe: a pipe would fill while Python holds
    the interpreter, and Graphviz would stall waiting for it to be read.
    :meth:`drawn` picks up the pages finished so far from that file.
    """

    def __init__(self) -> None:
        self.count = 0
        self.process: subprocess.Popen | None = None
        self.done: list[str] = []
        self._pending = b""
        self._read = 0

    def submit(self, dot: str) -> int:
        if self.process is None:
            graphviz_version()
            self.output = tempfile.TemporaryFile()
            self.errors = tempfile.TemporaryFile()
            self.process = subprocess.Popen(
                [ENGINE, "-n2", "-Tsvg"], stdin=subprocess.PIPE, stdout=self.output, stderr=self.errors
            )
        try:
            self.process.stdin.write(dot.encode("utf-8"))
        except BrokenPipeError:
            pass  # Graphviz stopped; finish() reports why
        self.count += 1
        return self.count - 1

    def drawn(self) -> list[tuple[int, str]]:
        """Pages finished since the last call, with their positions."""
        if self.process is None:
            return []
        chunk = os.pread(self.output.fileno(), 1 << 24, self._read)
        while chunk:
            self._read += len(chunk)
            self._pending += chunk
            chunk = os.pread(self.output.fileno(), 1 << 24, self._read)
        *complete, self._pending = self._pending.split(SVG_END)
        start = len(self.done)
        for part in complete:
            self.done.append(part.decode("utf-8").lstrip() + SVG_END.decode())
        return list(enumerate(self.done[start:], start))

    def finish(self) -> list[tuple[int, str]]:
        """Wait for Graphviz; the pages not yet picked up by :meth:`drawn`."""
        if self.process is None:
            return []
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        status = self.process.wait()
        with self.errors:
            self.errors.seek(0)
            errors = self.errors.read().decode("utf-8", "replace").strip()
        rest = self.drawn()
        self.output.close()
        if status != 0:
            raise GraphvizError(f"Graphviz gagal menggambar: {errors}")
        if len(self.done) != self.count or self._pending.strip():
            raise GraphvizError(f"Graphviz menghasilkan {len(self.done)} gambar untuk {self.count} halaman")
        return rest


SVG_END = b"</svg>\n"


class _Cache:
    """SVGs by the hash of their DOT text and the Graphviz version; ``None``: no cache.

    Entries are written by a background thread: creating files is slow on
    some disks, and the thread waits on the disk while Python lays out the
    next sheets. :meth:`close` waits for every write and raises the first
    error.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list = []

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str = ".svg") -> str | None:
        if self.folder is None:
            return None
        try:
            return self._path(key, suffix).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None

    def put(self, key: str, text: str, suffix: str = ".svg") -> None:
        if self.folder is None:
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="katalog-sop-cache")
        self._writes.append(self._writer.submit(write_atomically, self._path(key, suffix), text))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
            writes, self._writes = self._writes, []
            for write in writes:
                write.result()


class _Drawing:
    """SVG pages by DOT key: from the cache, or drawn by one batched Graphviz process.

    Pages Graphviz has finished are stored in the cache while the next
    sheets are still being laid out.
    """

    COLLECT_EVERY = 32

    def __init__(self, cache: _Cache):
        self.cache, self.batch = cache, _Batch()
        self.svgs: dict[str, str] = {}
        self.fresh: dict[int, str] = {}  # position in the batch -> key
        self.fresh_keys: set[str] = set()

    def need(self, dot: str) -> str:
        key = cache_key(dot)
        if key not in self.svgs and key not in self.fresh_keys:
            cached = self.cache.get(key)
            if cached is not None:
                self.svgs[key] = cached
            else:
                self.fresh[self.batch.submit(dot)] = key
                self.fresh_keys.add(key)
                if self.batch.count % self.COLLECT_EVERY == 0:
                    self._store(self.batch.drawn())
        return key

    def _store(self, drawn: list[tuple[int, str]]) -> None:
        for position, svg in drawn:
            key = self.fresh[position]
            self.svgs[key] = svg
            self.cache.put(key, svg)

    def finish(self) -> dict[str, str]:
        self._store(self.batch.finish())
        return self.svgs


def render_dots(dots: Iterable[str], cache_dir: Path | None) -> list[str]:
    """SVG text for every DOT text, from the cache where possible."""
    cache = _Cache(cache_dir)
    try:
        drawing = _Drawing(cache)
        keys = [drawing.need(dot) for dot in dots]
        svgs = drawing.finish()
    finally:
        cache.close()
    return [svgs[key] for key in keys]


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``path`` so that a reader sees the old file or the whole new one, never a part.

    The temporary file is named for this process and thread, so writers never
    share one; it goes next to ``path`` so that the final rename is atomic.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{path.name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temporary, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, flags, 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_GRAPH_TITLE = re.compile(r"<title>sheet</title>")
_PAGE_PREFIX = re.compile(r'id="page\d+,\d+_')


def _page_title(title: str, number: int, total: int) -> str:
    return f"{title} — halaman {number} dari {total}"


def accessible(svg: str, title: str, description: str) -> str:
    """Put the sheet's own title and a description where Graphviz wrote the graph's name.

    Also drops the "pageN,M_" Graphviz puts before the graph's id, which is not a valid XML id.
    """
    text = f"<title>{escape(title)}</title>\n<desc>{escape(description)}</desc>"
    svg = _PAGE_PREFIX.sub('id="', svg, count=1)
    return _GRAPH_TITLE.sub(lambda _: text, svg, count=1)


def render_sheets(sheets: Iterable[Sheet], cache_dir: Path | None = None) -> list[list[RenderedPage]]:
    """Every page of every sheet as SVG, drawn with as few Graphviz processes as possible.

    ``sheets`` may be a generator: pages are handed to Graphviz while the next
    sheets are still being laid out.
    """
    laid_out: list[Sheet] = []

    def dots():
        for sheet in sheets:
            laid_out.append(sheet)
            for page in sheet.pages:
                yield to_dot(sheet, page)

    svgs = iter(render_dots(dots(), cache_dir))
    out: list[list[RenderedPage]] = []
    for sheet in laid_out:
        pages = []
        for page in sheet.pages:
            title = _page_title(sheet.title, page.number, len(sheet.pages))
            pages.append(RenderedPage(page.number, accessible(next(svgs), title, sheet.description)))
        out.append(pages)
    return out


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of everything that turns a model into DOT, so a changed layout never reuses old sheets."""
    digest = hashlib.sha256(graphviz_version().encode("utf-8"))
    folder = Path(__file__).parent
    for name in sorted(p.name for p in folder.iterdir() if p.suffix in (".py", ".json")):
        digest.update(name.encode("utf-8") + (folder / name).read_bytes())
    return digest.hexdigest()


def _plan_and_draw(sops: Iterable[Sop], options: Options, cache: _Cache):
    drawing = _Drawing(cache)
    plans: list[tuple[str, str, list[str], bool]] = []  # title, description, page keys, index to write
    index_keys: list[str] = []
    for sop in sops:
        index_key = hashlib.sha256(f"{_code_version()}\n{options!r}\n{sop!r}".encode("utf-8")).hexdigest()
        index_keys.append(index_key)
        index = cache.get(index_key, ".json")
        if index is not None:
            entry = json.loads(index)
            pages = {key: cache.get(key) for key in entry["pages"]}
            if all(svg is not None for svg in pages.values()):
                drawing.svgs.update(pages)
                plans.append((entry["title"], entry["description"], entry["pages"], False))
                continue
        sheet = layout(sop, options)
        keys = [drawing.need(to_dot(sheet, page)) for page in sheet.pages]
        plans.append((sheet.title, sheet.description, keys, True))
    return plans, index_keys, drawing.finish()


def render_sops(sops: Iterable[Sop], options: Options = Options(), cache_dir: Path | None = None) -> list[list[RenderedPage]]:
    """Every SOP's sheet as SVG pages.

    With a cache, an SOP drawn before with the same model, options and code is
    not laid out again: an index keyed by those inputs names its pages, which
    stay keyed by their DOT text and the Graphviz version. Every other SOP is
    laid out, and its new pages are handed to one Graphviz process as it goes.
    """
    cache = _Cache(cache_dir)
    try:
        plans, index_keys, svgs = _plan_and_draw(sops, options, cache)
        for index_key, (title, description, keys, write_index) in zip(index_keys, plans):
            if write_index:  # after its pages: the one writer thread keeps this order
                cache.put(index_key, json.dumps({"title": title, "description": description, "pages": keys}), ".json")
        out = [
            [
                RenderedPage(number, accessible(svgs[key], _page_title(title, number, len(keys)), description))
                for number, key in enumerate(keys, start=1)
            ]
            for title, description, keys, _ in plans
        ]
    finally:
        cache.close()  # while the last entries are written, the pages above were made
    return out
