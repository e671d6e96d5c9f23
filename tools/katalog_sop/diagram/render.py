"""The one place that runs Graphviz: DOT pages to SVG, batched, checked and cached.

Starting a Graphviz process costs far more than drawing one pinned sheet, so
all pages that are not in the cache are drawn by a single ``neato -n2``
process. After drawing, each SVG gets a ``<title>`` and a ``<desc>`` for
screen readers.

The page a reader's browser inlines must never carry live markup, whatever
Graphviz, the cache or an SOP holds: every SVG, fresh or cached, must pass
:func:`is_inert` (only the elements a sheet is drawn with, no link, script,
foreign content, style or event handler). No SOP takes the build down: a page
Graphviz cannot draw, or draws with live markup, is replaced by a plain page
saying so, and the result carries a warning naming the SOP and the page.
Only a missing Graphviz raises (:class:`GraphvizError`).

The cache holds whole sheets, keyed by what decides them (the SOP's source
text or model, the form labels, the options, the code and the Graphviz
version), one file per sheet; and, for single pages drawn outside a build
(``sop render``, ``sop diff``), pages keyed by their DOT text. It never
fails a build: each entry starts with the SHA-256 of its content, checked on
every read, so a truncated, replaced or undecodable entry, an unreadable one,
a directory or anything but a regular file where an entry should be, or an
entry whose parts do not add up is a miss and is drawn again; a cache folder
that cannot be written means drawing without caching, with one warning.
Entries are written atomically; temporary files older than ``STALE_SECONDS``
(left by killed builds) are removed when a cache is opened. Nothing here
prints: warnings are returned with the pages (:class:`Rendered`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

from katalog_sop.diagram.compact import compact_svg
from katalog_sop.diagram.dot import to_dot
from katalog_sop.diagram.geometry import Options, layout
from katalog_sop.diagram.shapes import Sheet
from katalog_sop.diagram.text import FONT_FAMILY, visible
from katalog_sop.model import Sop, source_digest

ENGINE = "neato"
STALE_SECONDS = 600
"""A temporary file this old was left by a killed build: writing an entry takes milliseconds."""
MAX_ENTRY = 64 << 20
"""No sheet page is this large; a bigger file in the cache is not ours."""


class GraphvizError(Exception):
    """Graphviz is missing; the message says what to do."""


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


class Rendered(list):
    """What was drawn, in order, with the warnings a build log should show (an empty tuple: none).

    ``failures``: the positions of the items drawn as the stand-in page, with the reason.
    ``attempted`` and ``failed``: how many distinct pages Graphviz was given
    (the rest came from the cache) and how many of them it could not draw;
    when it could draw none of several, Graphviz itself is broken, not a page.
    """

    def __init__(self, items: Iterable = (), warnings: Iterable[str] = (), failures: dict[int, str] | None = None,
                 attempted: int = 0, failed: int = 0):
        super().__init__(items)
        self.warnings = tuple(warnings)
        self.failures = failures or {}
        self.attempted, self.failed = attempted, failed

    @property
    def graphviz_broken(self) -> bool:
        return self.attempted > 1 and self.failed == self.attempted


def page_warning(sop_id: str, number: int, reason: str) -> str:
    """The warning for a sheet page drawn as the stand-in page."""
    return f"{sop_id}: halaman {number} lembar tidak dapat digambar ({reason}); halaman pengganti dipakai"


def draw_image(dot: str, fmt: str, *options: str) -> bytes:
    """One DOT text drawn as an image (e.g. PNG for a quick look); SVG goes through the batch and cache.

    Raises :class:`GraphvizError` when Graphviz cannot draw it.
    """
    graphviz_version()
    result = subprocess.run([ENGINE, "-n2", f"-T{fmt}", *options], input=dot.encode("utf-8"), capture_output=True, check=False)
    if result.returncode != 0:
        raise GraphvizError(f"Graphviz gagal menggambar: {_first_line(result.stderr)}")
    return result.stdout


def _first_line(errors: bytes) -> str:
    lines = errors.decode("utf-8", "replace").strip().splitlines()
    return visible(lines[0])[:300] if lines else "tanpa pesan"


_ELEMENTS = ("svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "text")
"""Everything a sheet is drawn with; no a, script, foreignObject, style, image, use, animate or set."""
_ATTRIBUTES = (
    "xmlns:xlink", "xmlns", "width", "height", "viewBox", "id", "class", "transform",
    "fill-opacity", "fill", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke",
    "points", "d", "cx", "cy", "rx", "ry", "r", "x", "y",
    "text-anchor", "font-family", "font-size", "font-weight", "font-style",
)
"""Graphviz's presentation attributes; no href, style, src, xml:base or on* handler."""
# An SVG a browser may inline is text and these, nothing else. Possessive: a refusal never backtracks.
_DOCUMENT = re.compile(
    rf"""(?:[^<]++|<(?:
        !--(?:[^<>-]|-(?!-))*+-->                    # a comment, with nothing an HTML parser reads differently
      | !DOCTYPE[^<>\[\]]*+>                         # no internal subset: no entities of its own
      | \?xml\s[^<>?]*+\?>
      | /(?:{"|".join(_ELEMENTS)})\s*+>
      | (?:{"|".join(_ELEMENTS)})(?:\s++(?:{"|".join(_ATTRIBUTES)})\s*+=\s*+(?:"[^"<]*+"|'[^'<]*+'))*+\s*+/?>
    ))*+""",
    re.X,
)


def is_inert(svg: str) -> bool:
    """Whether ``svg`` is only a drawing: text, and the sheet's elements with Graphviz's presentation attributes."""
    return _DOCUMENT.fullmatch(svg) is not None


def _stand_in() -> str:
    """The page shown where a sheet page could not be drawn safely."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<svg width="360pt" height="40pt" viewBox="0.00 0.00 360.00 40.00" xmlns="http://www.w3.org/2000/svg">\n'
        '<g id="graph0" class="graph">\n<title>sheet</title>\n'
        '<polygon fill="white" stroke="#555555" points="0.5,0.5 359.5,0.5 359.5,39.5 0.5,39.5 0.5,0.5"/>\n'
        f'<text text-anchor="start" x="10" y="24" font-family="{FONT_FAMILY}" font-size="10.00">'
        "Halaman lembar ini tidak dapat digambar; lihat tabel langkah.</text>\n"
        "</g>\n</svg>\n"
    )


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
            _widen(self.process.stdin)
        try:
            self.process.stdin.write(dot.encode("utf-8"))
        except BrokenPipeError:
            pass  # Graphviz stopped; finish() tells
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
            self.done.append(part.decode("utf-8", "replace").lstrip() + SVG_END.decode())
        return list(enumerate(self.done[start:], start))

    def finish(self) -> tuple[list[tuple[int, str]], str | None]:
        """Wait for Graphviz: the pages not yet picked up by :meth:`drawn`, and why it stopped early (or ``None``).

        Graphviz draws the graphs in the order it reads them, so when it fails
        the pages it finished are the first ones.
        """
        if self.process is None:
            return [], None
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        status = self.process.wait()
        with self.errors:
            self.errors.seek(0)
            errors = self.errors.read()
        rest = self.drawn()
        self.output.close()
        if status != 0 or len(self.done) != self.count:
            return rest, f"Graphviz gagal menggambar: {_first_line(errors)}"
        return rest, None


def _widen(pipe) -> None:
    """Let the pipe to Graphviz hold many pages (where the system allows), so that laying out
    never waits for Graphviz to read, and Graphviz never waits for the next page: each goes at
    its own pace on its own core. A default pipe holds about four pages."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setting is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), setting, PIPE_BYTES)
    except OSError:
        pass  # a smaller limit: the default size works, only in closer step


PIPE_BYTES = 1 << 20
SVG_END = b"</svg>\n"
_KEY = re.compile(r"[0-9a-f]{64}")


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file of sane size at ``path``; ``None`` for anything else or any error."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None  # a FIFO or a device would block or never end
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(MAX_ENTRY + 1)
        return data if len(data) <= MAX_ENTRY else None
    except OSError:
        return None
    finally:
        os.close(handle)


class _Cache:
    """SVGs by the hash of their DOT text and the Graphviz version; ``None``: no cache.

    An entry is ``katalog-sop-cache sha256=<hex>`` on its first line, then
    the content whose hash that is. Entries are written as they are made, in
    this thread: we measured a writer thread falling behind, as it waits for
    the interpreter after each system call while the layout holds it, so the
    build ended waiting for it; a direct write costs well under a tenth of a
    millisecond. A write that fails stops caching for the rest of the build,
    with one warning.
    """

    MAGIC = b"katalog-sop-cache sha256="

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.warnings: list[str] = []
        self._broken = False
        self._present: set[str] | None = None
        if folder is not None:
            self._present = _subfolders(Path(folder))
            _remove_stale_temporaries(Path(folder))

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str = ".svg") -> bytes | None:
        """The entry's content if it is whole and unchanged; ``None`` otherwise."""
        if self.folder is None or (self._present is not None and key[:2] not in self._present):
            return None  # a cold cache: no file to try opening
        data = _read_regular(self._path(key, suffix))
        if data is None:
            return None
        head, newline, body = data.partition(b"\n")
        if not newline or head != self.MAGIC + hashlib.sha256(body).hexdigest().encode("ascii"):
            return None
        return body

    def get_svg(self, key: str) -> str | None:
        return _svg(self.get(key))

    def get_sheet(self, key: str) -> tuple[str, str, dict[str, str]] | None:
        """A whole sheet's entry: its title, description and SVG pages by their keys, in order."""
        body = self.get(key, ".sheet")
        if body is None:
            return None
        head, newline, rest = body.partition(b"\n")
        try:
            entry = json.loads(head)
        except ValueError:
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not isinstance(entry.get("description"), str):
            return None
        keys, sizes = entry.get("pages"), entry.get("sizes")
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and _KEY.fullmatch(k) for k in keys):
            return None
        if not isinstance(sizes, list) or len(sizes) != len(keys) or not all(type(n) is int and n > 0 for n in sizes):
            return None
        if not newline or sum(sizes) != len(rest):
            return None
        pages, start = {}, 0
        for page_key, size in zip(keys, sizes):
            svg = _svg(rest[start:start + size])
            if svg is None:
                return None
            pages[page_key] = svg
            start += size
        return entry["title"], entry["description"], pages

    def put_sheet(self, key: str, title: str, description: str, pages: list[tuple[str, str]]) -> None:
        """Store a whole sheet, its pages (key, SVG) in order, as one entry: one file to make, not one per page."""
        svgs = [svg.encode("utf-8") for _, svg in pages]
        head = json.dumps({"title": title, "description": description, "pages": [k for k, _ in pages], "sizes": [len(b) for b in svgs]})
        self.put(key, head.encode("utf-8") + b"\n" + b"".join(svgs), ".sheet")

    def put(self, key: str, content: str | bytes, suffix: str = ".svg") -> None:
        """Store an entry; a failure is a warning (:attr:`warnings`), never an error."""
        if self.folder is None or self._broken:
            return
        path = self._path(key, suffix)
        body = content.encode("utf-8") if isinstance(content, str) else content
        data = self.MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
        try:
            try:
                write_atomically(path, data)
            except IsADirectoryError:
                if path.is_symlink():
                    raise
                shutil.rmtree(path)  # a directory where an entry belongs is damage, not data
                write_atomically(path, data)
        except OSError as exc:
            self._broken = True
            self.warnings.append(
                f"cache lembar {self.folder} tidak dapat ditulis ({exc.strerror or exc}); lembar digambar tanpa cache"
            )


def _svg(data: bytes | None) -> str | None:
    """``data`` as a sheet page's SVG, if it is one and only a drawing (:func:`is_inert`)."""
    if data is None:
        return None
    try:
        svg = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return svg if svg.endswith(SVG_END.decode()) and is_inert(svg) else None


def _subfolders(folder: Path) -> set[str] | None:
    """The names of the cache's two-letter folders when it is opened; ``None`` if they cannot be listed.

    Entries written during this build are never read back in it, so a folder
    missing now holds nothing to read.
    """
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if len(e.name) == 2 and e.is_dir()}
    except FileNotFoundError:
        return set()
    except OSError:
        return None


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files killed builds left in the cache; best effort, never an error."""
    cutoff = time.time() - STALE_SECONDS
    folders = [folder]
    try:
        with os.scandir(folder) as entries:
            folders += [Path(e.path) for e in entries if len(e.name) == 2 and e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for each in folders:
        try:
            with os.scandir(each) as entries:
                for entry in entries:
                    if entry.name.startswith(".tmp-") and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)
        except OSError:
            continue


class _Drawing:
    """SVG pages by DOT key: from the cache, or drawn by one batched Graphviz process.

    With ``page_entries``, each page is looked up in the cache by itself, and
    pages Graphviz has finished are stored there while the next sheets are
    still being laid out; without, the caller stores whole sheets. A page
    Graphviz cannot draw, or draws with live markup, gets the stand-in page,
    and its reason in ``failed``.
    """

    COLLECT_EVERY = 32

    def __init__(self, cache: _Cache, page_entries: bool = True):
        self.cache, self.batch = cache, _Batch()
        self.page_entries = page_entries
        self.svgs: dict[str, str] = {}
        self.failed: dict[str, str] = {}
        self.queue: list[tuple[str, str]] = []  # (key, DOT) of each page in the current batch, in its order
        self.fresh_keys: set[str] = set()

    def need(self, dot: str) -> str:
        key = cache_key(dot)
        if key not in self.svgs and key not in self.fresh_keys:
            cached = self.cache.get_svg(key) if self.page_entries else None
            if cached is not None:
                self.svgs[key] = cached
            else:
                self.fresh_keys.add(key)
                self._submit(key, dot)
                if self.batch.count % self.COLLECT_EVERY == 0:
                    self._store(self.batch.drawn())
        return key

    def _submit(self, key: str, dot: str) -> None:
        self.batch.submit(dot)
        self.queue.append((key, dot))

    def _store(self, drawn: list[tuple[int, str]]) -> None:
        for position, svg in drawn:
            self._keep(self.queue[position][0], svg)

    def _keep(self, key: str, svg: str) -> None:
        if is_inert(svg):
            svg = self.svgs[key] = compact_svg(svg)
            if self.page_entries:
                self.cache.put(key, svg)
        else:
            self.svgs[key] = _stand_in()
            self.failed[key] = "SVG dari Graphviz memuat tautan, skrip atau gaya"

    def finish(self) -> dict[str, str]:
        drawn, error = self.batch.finish()
        self._store(drawn)
        while error is not None and len(self.batch.done) < len(self.queue):
            # The batch stopped at its first page not drawn: draw that page alone, then the rest in a new batch.
            stopped = len(self.batch.done)
            key, dot = self.queue[stopped]
            rest = self.queue[stopped + 1:]
            try:
                self._keep(key, draw_image(dot, "svg").decode("utf-8", "replace"))
            except GraphvizError as exc:
                self.svgs[key], self.failed[key] = _stand_in(), str(exc)
            self.batch, self.queue = _Batch(), []
            for each in rest:
                self._submit(*each)
            drawn, error = self.batch.finish()
            self._store(drawn)
        return self.svgs


def render_dots(dots: Iterable[str], cache_dir: Path | None) -> Rendered:
    """SVG text for every DOT text, from the cache where possible.

    The result's ``failures`` maps the position of each page drawn as the
    stand-in page to the reason.
    """
    cache = _Cache(cache_dir)
    drawing = _Drawing(cache)
    keys = [drawing.need(dot) for dot in dots]
    svgs = drawing.finish()
    failures = {index: drawing.failed[key] for index, key in enumerate(keys) if key in drawing.failed}
    return Rendered((svgs[key] for key in keys), cache.warnings, failures)


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``path`` so that a reader sees the old file or the whole new one, never a part.

    The temporary file is named for this process and thread, so writers never
    share one; it goes next to ``path`` so that the final rename is atomic. It
    is created anew (never through a link left in its place), and removed if
    the write fails.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{path.name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temporary, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, flags, 0o644)
    except FileExistsError:  # left by a killed process that had this id
        temporary.unlink()
        handle = os.open(temporary, flags, 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_GRAPH_TITLE = re.compile(r"<title>sheet</title>")
_PART_TITLE = re.compile(r"<title>(?!sheet</title>)[^<]*</title>\n?")
"""Graphviz names each node and edge in a ``<title>`` ("n1", "n1->n2"): tooltips that mean nothing to a reader."""
_PAGE_PREFIX = re.compile(r'id="page\d+,\d+_')
_SVG_OPEN = re.compile(r"<svg\b")


def _page_title(title: str, number: int, total: int) -> str:
    return f"{title} — halaman {number} dari {total}"


def accessible(svg: str, title: str, description: str) -> str:
    """Put the sheet's own title and a description where Graphviz wrote the graph's name.

    Both are shown as the sheet's texts are (:func:`~katalog_sop.diagram.text.visible`), then escaped.
    Also drops the "pageN,M_" Graphviz puts before the graph's id, which is not a valid XML id, and the
    internal names Graphviz gives every symbol and arrow as tooltips, and writes the texts' font once
    (:func:`~katalog_sop.diagram.compact.compact_svg`).
    """
    text = f"<title>{escape(visible(title))}</title>\n<desc>{escape(visible(description))}</desc>"
    svg = _PART_TITLE.sub("", _PAGE_PREFIX.sub('id="', svg, count=1))
    # One image to assistive technology, named by the page's title (a <title> alone is not read everywhere).
    label = escape(visible(title), {'"': "&quot;"})
    svg = _SVG_OPEN.sub(lambda m: f'{m.group(0)} role="img" aria-label="{label}"', svg, count=1)
    return compact_svg(_GRAPH_TITLE.sub(lambda _: text, svg, count=1))


def _failure_warnings(sop_id: str, keys: list[str], failed: dict[str, str]) -> list[str]:
    return [page_warning(sop_id, number, failed[key]) for number, key in enumerate(keys, start=1) if key in failed]


def render_sheets(sheets: Iterable[Sheet], cache_dir: Path | None = None) -> Rendered:
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

    drawn = render_dots(dots(), cache_dir)
    svgs = iter(drawn)
    out: list[list[RenderedPage]] = []
    warnings = list(drawn.warnings)
    position = 0
    for sheet in laid_out:
        pages = []
        for page in sheet.pages:
            title = _page_title(sheet.title, page.number, len(sheet.pages))
            pages.append(RenderedPage(page.number, accessible(next(svgs), title, sheet.description)))
            if position in drawn.failures:
                warnings.append(page_warning(sheet.sop_id, page.number, drawn.failures[position]))
            position += 1
        out.append(pages)
    return Rendered(out, warnings)


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the package's code and Graphviz's version, so a changed tool never reuses old sheets.

    All of the package, not only the drawing: an SOP's sheet is found in the cache by
    its source text (:func:`_fingerprint`), which the rest of the code turns into the model.
    """
    digest = hashlib.sha256(graphviz_version().encode("utf-8"))
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fingerprint(sop: Sop) -> str:
    """What decides an SOP's sheet: its id and source text when it was built from one, else the whole model."""
    digest = source_digest(sop)
    return repr(sop) if digest is None else f"{sop.id}\n{sop.path}\n{digest}"


def _plan_and_draw(sops: Iterable[Sop], options: Options, cache: _Cache, formulir=None):
    drawing = _Drawing(cache, page_entries=False)
    plans: list[tuple[str, str, str, list[str], bool]] = []  # SOP id, title, description, page keys, entry to write
    sheet_keys: list[str] = []
    for sop in sops:
        labels = dict(formulir(sop.id)) if formulir else {}
        sheet_key = hashlib.sha256(f"{_code_version()}\n{options!r}\n{labels!r}\n{_fingerprint(sop)}".encode("utf-8", "replace")).hexdigest()
        sheet_keys.append(sheet_key)
        entry = cache.get_sheet(sheet_key)
        if entry is not None:
            title, description, pages = entry
            drawing.svgs.update(pages)
            plans.append((sop.id, title, description, list(pages), False))
            continue
        sheet = layout(sop, options, labels)
        keys = [drawing.need(to_dot(sheet, page)) for page in sheet.pages]
        plans.append((sop.id, sheet.title, sheet.description, keys, True))
    return plans, sheet_keys, drawing


def render_sops(sops: Iterable[Sop], options: Options = Options(), cache_dir: Path | None = None, formulir=None) -> Rendered:
    """Every SOP's sheet as SVG pages, with the warnings of the drawing and the cache.

    With a cache, an SOP drawn before with the same source (or model), form
    labels, options and code is not laid out again: its whole sheet is one
    entry keyed by those inputs. Making files is the dearest part of a cold
    build on some disks, so a sheet's pages share its one file.
    ``formulir`` gives the agency profile's form labels for an SOP id. Every
    other SOP is laid out, and its new pages are handed to one Graphviz
    process as it goes.
    """
    cache = _Cache(cache_dir)
    # Laying out sheets makes many small objects and no cycles; the catalogue read before is large and
    # lives on. Freezing it keeps the collector from scanning it again and again while sheets are made.
    gc.freeze()
    try:
        plans, sheet_keys, drawing = _plan_and_draw(sops, options, cache, formulir)
        svgs = drawing.finish()
        warnings: list[str] = []
        for sheet_key, (sop_id, title, description, keys, write_entry) in zip(sheet_keys, plans):
            failures = _failure_warnings(sop_id, keys, drawing.failed)
            warnings += failures
            if write_entry and not failures:  # a stand-in page is never kept
                cache.put_sheet(sheet_key, title, description, [(key, svgs[key]) for key in keys])
        out = [
            [
                RenderedPage(number, accessible(svgs[key], _page_title(title, number, len(keys)), description))
                for number, key in enumerate(keys, start=1)
            ]
            for _, title, description, keys, _ in plans
        ]
    finally:
        gc.unfreeze()
    failed = sum(1 for key in drawing.failed if key in drawing.fresh_keys)
    return Rendered(out, cache.warnings + warnings, attempted=len(drawing.fresh_keys), failed=failed)
