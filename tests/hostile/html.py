"""Reading generated HTML as a browser would meet it, and what a reader should see of SOP text.

:class:`Document` parses a page with :mod:`html.parser` into the parts the
checks ask about (elements with their ancestors, the head's title, headings,
navigation labels, inline scripts, the text outside scripts and drawings);
:func:`shown` says how SOP text must look on a page, independently of the
tool's own escaping code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_LINE_ENDS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_HIDDEN = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\n\f\r]+")


def shown(text: str) -> str:
    """What a reader must see of SOP ``text``: line endings as line ends, control characters as
    their control pictures (NUL as "␀"), and bidi overrides, C1 controls and noncharacters as "�"
    (they would reorder or hide what follows). Everything else exactly as written."""
    text = _LINE_ENDS.sub("\n", text)
    text = _HIDDEN.sub("\ufffd", text)
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c != "\n" else "\u2421" if c == "\x7f" else c for c in text)


def squeeze(text: str) -> str:
    """Whitespace as a browser collapses it (ASCII whitespace only), trimmed."""
    return _SPACE.sub(" ", text).strip()


NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Characters no generated page may hold raw: controls (but tab and line feed), bidi overrides and
isolates, surrogates and noncharacters."""

NOT_TERMINAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters no line for a terminal or a CI log may hold raw: they move the cursor, colour, hide or
reorder what follows (a tab is let through nowhere either: it is never in the tool's own lines)."""


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    ancestors: tuple[str, ...]
    line: int
    text: str = ""
    """Its text content (for title, headings, nav links, script)."""
    classes: tuple[str, ...] = field(default=())

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


class Document(HTMLParser):
    """One page: every element, with its ancestors and (for some) its text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.body_text: list[str] = []
        self.svg_text: list[list[str]] = []
        self.comments: list[str] = []
        self.svg_comments: list[str] = []
        self.declarations: list[str] = []
        self.feed(text)
        self.close()

    # -- parsing

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, tuple(e.tag for e in self.stack), self.getpos()[0])
        element.classes = tuple((element.attr("class") or "").split())
        self.elements.append(element)
        if tag == "svg" and "svg" not in element.ancestors:
            self.svg_text.append([])
        if tag == "br":
            self._text("\n")
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self._text(data)

    def _text(self, data: str) -> None:
        for element in self.stack:
            if element.tag in ("title", "h1", "h2", "h3", "a", "script", "span", "summary", "th", "td", "li", "text"):
                element.text += data
        tags = [e.tag for e in self.stack]
        if "svg" in tags:
            self.svg_text[-1].append(data)
        elif "script" not in tags and "style" not in tags and "head" not in tags:
            self.body_text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)
        if any(e.tag == "svg" for e in self.stack):
            self.svg_comments.append(data)

    def handle_decl(self, decl):
        self.declarations.append(decl)

    def unknown_decl(self, data):
        self.declarations.append(data)

    def handle_pi(self, data):
        self.declarations.append(data)

    # -- what a reader meets

    @property
    def title(self) -> str:
        """The page's own ``<title>`` (in ``<head>``, not an SVG's)."""
        return next((e.text for e in self.elements if e.tag == "title" and "head" in e.ancestors), "")

    def headings(self, tag: str = "h1") -> list[str]:
        return [e.text.replace("\u00b6", "") for e in self.elements if e.tag == tag and "svg" not in e.ancestors]

    @property
    def nav_labels(self) -> list[str]:
        """The labels of the navigation: its links and its section names."""
        return [e.text for e in self.elements if e.tag == "span" and "md-ellipsis" in e.classes and "nav" in e.ancestors]

    @property
    def text(self) -> str:
        return "".join(self.body_text)
