"""Escaping and small HTML builders for generated pages.

SOP text is data: ``esc`` turns it into HTML text that Markdown also leaves
alone (Markdown's own specials become character references), so "*", "_",
"<b>", "[a](b)" or "{: .x}" in an SOP show exactly as written. Before that,
:func:`katalog_sop.visible.visible` settles the characters that are not
text (line endings, control and bidi characters), so no SOP text can reorder
what follows it on screen, end a Markdown line early or make the page
invalid UTF-8. URLs of generated pages are percent-encoded (:class:`Urls`).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote

from katalog_sop.visible import one_line, visible

_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'`*_[]{}()#+-.!|\\~^=:$@"}
_TABLE = str.maketrans(_SPECIAL)


def esc(text: str) -> str:
    """``text`` as HTML text, inert under Markdown; line endings become line breaks."""
    return "<br>".join(line.translate(_TABLE) for line in visible(text).split("\n"))


def esc_line(text: str) -> str:
    """``text`` as HTML text on one line, inert under Markdown: for headings."""
    return one_line(text).translate(_TABLE)


_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def attr(text: str) -> str:
    """``text`` for a double-quoted HTML attribute (raw HTML blocks are not read as Markdown)."""
    return one_line(text).translate(_ATTR)


def html_title(text: str) -> str:
    """``text`` as the HTML a theme puts unchanged into ``<title>``, the header and the navigation."""
    return one_line(text).translate(_ATTR)


def slug(text: str) -> str:
    """A lowercase ASCII slug for file names: ``Kasubag Umum`` -> ``kasubag-umum``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


class Urls:
    """Links between generated pages, relative like MkDocs writes them."""

    def __init__(self, directory_urls: bool = False):
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """The site path of the page made from ``src`` (``sop/a/b.md``)."""
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")] + ("" if self.directory_urls else "index.html")
        return stem + "/" if self.directory_urls else stem + ".html"

    def quoted(self, src: str) -> str:
        """:meth:`url`, percent-encoded: for data files that list pages (``compliance.json``)."""
        return quote(self.url(src))

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """The relative link from the page of ``from_src`` to the page of ``to_src``."""
        here = self.url(from_src)
        base = here.rstrip("/") if self.directory_urls else posixpath.dirname(here)
        target = self.url(to_src)
        relative = posixpath.relpath(target or ".", base or ".")
        if (not target or target.endswith("/")) and not relative.endswith("/"):
            relative += "/"
        return attr(quote(relative) + (f"#{quote(anchor)}" if anchor else ""))

    def href_file(self, from_src: str, target: str) -> str:
        """The relative link from the page of ``from_src`` to a file of the site (``compliance.json``)."""
        here = self.url(from_src)
        base = here.rstrip("/") if self.directory_urls else posixpath.dirname(here)
        return attr(quote(posixpath.relpath(target, base or ".")))


def link(href: str, text: str) -> str:
    return f'<a href="{href}">{esc(text)}</a>'


def code_block(text: str, language: str = "yaml") -> str:
    """``text`` as a ``<pre>`` block on one source line: blank lines in it cannot end the HTML block."""
    lines = (line.translate(_TABLE) for line in visible(text).rstrip("\n").split("\n"))
    return f'<pre><code class="language-{attr(language)}">' + "&#10;".join(lines) + "</code></pre>"


_CODE_SPAN = re.compile(r"``(.+?)``", re.S)


def inline(text: str) -> str:
    """Like :func:`esc` on one line of docstring text, but double-backtick spans become ``<code>``."""
    pieces = _CODE_SPAN.split(" ".join(str(text).split()))  # text, code, text, code, ...
    return "".join(f"<code>{esc(p)}</code>" if i % 2 else esc(p) for i, p in enumerate(pieces))


def prose(text: str) -> str:
    """Plain docstring prose as paragraphs: blank lines part them, double-backtick spans become ``<code>``."""
    return "".join(f"<p>{inline(part)}</p>" for part in re.split(r"\n\s*\n", str(text)) if part.strip())


def items(values, render=esc, empty: str = "<p class=\"sop-kosong\">Tidak diisi.</p>") -> str:
    """A list of values as ``<ul>``, or a note that the section is empty."""
    values = list(values)
    if not values:
        return empty
    return "<ul>" + "".join(f"<li>{render(v)}</li>" for v in values) + "</ul>"


def pager(current: int, count: int, href_of) -> str:
    """"Halaman: 1 2 3" with the current page marked; nothing when there is one page. ``href_of(n)``: a page's link."""
    if count <= 1:
        return ""
    links = []
    for n in range(1, count + 1):
        if n == current:
            links.append(f'<a aria-current="page">{n}</a>')
        else:
            links.append(f'<a href="{href_of(n)}">{n}</a>')
    return f'<nav class="sop-halaman" aria-label="Halaman daftar">Halaman: {" ".join(links)}</nav>'
