"""DOT text for one page of a sheet: pure, deterministic, and safe for any SOP text.

Graphviz only draws here (``neato -n2``): every node is pinned (``pos="x,y!"``),
every edge carries its own spline (``pos="e,..."``), and the grid and all text
are drawing operations in the graph's ``_background`` (xdot). Nodes and edges
have no labels of user text and no ``URL``, ``href`` or ``target``: nothing
here makes a link.

SOP text reaches DOT only inside those text operations, which carry their
exact byte count, so xdot reads no character of it as anything but text.
Around them is DOT's quoted string, whose lexer knows one escape (``\\"``),
keeps ``\\\\`` as two characters, and reads a backslash right before the
closing quote as escaping it. So, applied once where the ``_background`` is
written (:func:`_dot_string` and :func:`_text_ops`):

* every ``"`` is written ``\\"``; a text operation never holds a backslash
  right before a quote, as no DOT spelling gives that pair in one string:
  such a line is drawn as two operations side by side, split between them;
* the ``_background`` is several quoted strings joined by DOT's ``+``, each
  far below Graphviz's limit of 16 KiB (16,381 bytes in one run of text, found
  by experiment with Graphviz 2.43), split only between operations and never
  right after a backslash; a text operation holds at most ``SEGMENT``
  characters, a longer line being drawn piece by piece;
* control characters, bidi controls and noncharacters are shown visibly
  (:func:`~katalog_sop.diagram.text.visible`) before the text is counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from katalog_sop.diagram.shapes import KEPUTUSAN, PENGHUBUNG, PROSES, TERMINATOR, Page, Point, Sheet
from katalog_sop.diagram.routing import LABEL_LEADING, LABEL_SIZE
from katalog_sop.diagram.text import FONT_FAMILY, text_width, visible

ARROW_LENGTH = 7.0
MARK_SIZE = 5.0
ASCENT = 0.9
"""Baseline below the top of a line, as a share of the font size."""
LINE_COLOR = "#1f1f1f"
GRID_COLOR = "#555555"

_SHAPES = {
    TERMINATOR: 'shape=box style="rounded,filled"',
    PROSES: 'shape=box style=filled',
    KEPUTUSAN: 'shape=diamond style=filled',
    PENGHUBUNG: 'shape=invhouse style=filled',
}


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_DIRECTIONS = {"end": "", "both": " dir=both", "none": " dir=none"}


def page_id(sheet: Sheet, page: Page) -> str:
    """An SVG id prefix unique to this SOP and page, safe in XML and CSS."""
    slug = re.sub(r"[^a-z0-9]+", "-", sheet.sop_id.lower()).strip("-") or "sop"
    return f"sop-{slug}-h{page.number}"


SEGMENT = 512
"""The most characters of text in one xdot text operation."""
CHUNK = 8000
"""The most bytes in one quoted string of the ``_background``: under half of Graphviz's limit."""

_QUOTE_AFTER_BACKSLASH = re.compile(r'(?<=\\)(?=")')


def _quote(name: str) -> str:
    """One of our own names (an id, a connector's letter) as a DOT string; SOP text goes through :func:`_dot_string`."""
    if "\\" in name or '"' in name or not name.isprintable():
        raise ValueError(f"not a name for DOT: {name!r}")
    return f'"{name}"'


def _dot_string(ops: list[str]) -> str:
    """xdot operations as one DOT value: quoted strings of at most ``CHUNK`` bytes joined by ``+``.

    Every string but the last ends with the space after its last operation,
    so none ends right after a backslash of the text.
    """
    chunks: list[list[str]] = [[]]
    size = 0
    for op in ops:
        escaped = op.replace('"', '\\"')
        length = len(escaped.encode("utf-8")) + 1
        if chunks[-1] and size + length > CHUNK:
            chunks.append([])
            size = 0
        chunks[-1].append(escaped)
        size += length
    last = len(chunks) - 1
    return " + ".join('"' + " ".join(chunk) + (" " if index < last else "") + '"' for index, chunk in enumerate(chunks))


def _counted(value: str) -> str:
    """An xdot string argument: its byte count, then the bytes themselves."""
    return f"{len(value.encode('utf-8'))} -{value}"


def _op(code: str, value: str) -> str:
    return f"{code} {_counted(value)}"


@lru_cache(maxsize=65536)
def _text_tail(text: str, size: float) -> str:
    """The end of a text operation: the text's width, then the text as an xdot string."""
    return f"{text_width(text, size):.2f} {_counted(text)}"


def _segments(text: str) -> list[str]:
    """``text`` in pieces each safe in one operation: no backslash right before a quote, at most ``SEGMENT`` long."""
    if len(text) <= SEGMENT and "\\" not in text:  # nearly every line: nothing to split
        return [text]
    pieces: list[str] = []
    for part in _QUOTE_AFTER_BACKSLASH.split(text):
        pieces += [part[i:i + SEGMENT] for i in range(0, len(part), SEGMENT)] or [part]
    return pieces


@lru_cache(maxsize=65536)
def _line_tail(text: str, size: float) -> str | None:
    """The tail of the one operation that draws ``text`` ("" for a line that shows nothing); ``None``
    when it takes several (:func:`_segments`). Most lines of a catalogue repeat: column titles, names."""
    shown = visible(text)
    if not shown:
        return ""
    if len(shown) <= SEGMENT and "\\" not in shown:
        return _text_tail(shown, size)
    return None


def _text_ops(x: float, y: float, justify: int, text: str, size: float) -> list[str]:
    """The operations that draw one line of text anchored at (x, y), in Graphviz's upward y."""
    tail = _line_tail(text, size)
    if tail is not None:  # an empty xdot string makes Graphviz drop every text operation after it
        return [f"T {x:.2f} {y:.2f} {justify} {tail}"] if tail else []
    text = visible(text)
    pieces = _segments(text)
    left = x - (justify + 1) * text_width(text, size) / 2  # the line's left end: justify is -1 start, 0 middle, 1 end
    ops = []
    for piece in pieces:  # side by side, each at its measured width
        ops.append(f"T {left:.2f} {y:.2f} -1 {_text_tail(piece, size)}")
        left += text_width(piece, size)
    return ops


class _Flip:
    def __init__(self, height: float):
        self.height = height

    def __call__(self, point: Point) -> Point:
        return point[0], self.height - point[1]

    def text(self, point: Point) -> str:
        return f"{point[0]:.2f},{self.height - point[1]:.2f}"


def _background(page: Page, flip: _Flip, arrows_labels) -> str:
    """The grid and every text of the page as xdot operations, written as one DOT value."""
    ops = [_op("c", GRID_COLOR), _op("S", "setlinewidth(0.6)")]
    height = flip.height
    for (x1, y1), (x2, y2) in page.rules:
        ops.append(f"L 2 {x1:.2f} {height - y1:.2f} {x2:.2f} {height - y2:.2f}")
    ops.append(_op("c", LINE_COLOR))
    current = [0.0]

    def font(size: float) -> None:
        if size != current[0]:
            ops.append(f"F {size:.2f} {_counted(FONT_FAMILY)}")
            current[0] = size

    for block in page.texts:
        size = block.size
        font(size)
        rect = block.rect
        if block.align == "center":
            x, justify = rect.cx, 0
            y = rect.cy - len(block.lines) * block.leading / 2 + size * ASCENT
        elif block.align == "right":
            x, justify = rect.right - block.padding, 1
            y = rect.y + block.padding + size * ASCENT
        else:
            x, justify = rect.x + block.padding, -1
            y = rect.y + block.padding + size * ASCENT
        for line in block.lines:  # baselines, flipped to Graphviz's upward y
            ops += _text_ops(x, height - y, justify, line, size)
            y += block.leading
    for (x, y), align, label in arrows_labels:
        font(LABEL_SIZE)
        lines = label.split("\n")
        for index, line in enumerate(lines):  # the last line at label_at, the others above it
            line_y = y - (len(lines) - 1 - index) * LABEL_LEADING
            ops += _text_ops(x, height - line_y, -1 if align == "left" else 1, line, LABEL_SIZE)
    ops.append(_op("S", "solid"))
    return _dot_string(ops)


def _short_of(tip: Point, before: Point) -> Point:
    """Where the line stops so that an arrowhead ends at ``tip``."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = max(abs(dx), abs(dy)) or 1.0
    shorten = min(ARROW_LENGTH, length * 0.8)
    return (tip[0] - dx / length * shorten, tip[1] - dy / length * shorten)


def _spline(points: tuple[Point, ...], flip: _Flip, heads: str = "end") -> str:
    """A polyline as Graphviz spline control points, stopping short of its arrowheads ("end", "both", "none")."""
    path = list(points)
    prefix = ""
    if heads in ("end", "both"):
        prefix = f"e,{flip.text(path[-1])} "
        path[-1] = _short_of(path[-1], path[-2])
    if heads == "both":
        prefix = f"s,{flip.text(path[0])} " + prefix
        path[0] = _short_of(path[0], path[1])
    controls = [path[0]]
    for a, b in zip(path, path[1:]):
        controls += [(a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3), (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3), b]
    return prefix + " ".join(flip.text(p) for p in controls)


def to_dot(sheet: Sheet, page: Page, highlight: Mapping[int, str] | None = None) -> str:
    """The DOT text that draws ``page`` of ``sheet`` with ``neato -n2``.

    ``highlight`` fills the symbols of some steps (by number) with a colour
    (``#rrggbb``), as ``sop diff`` marks the steps a change touched.
    """
    highlight = highlight or {}
    flip = _Flip(page.height)
    prefix = page_id(sheet, page)
    labels = [(a.label_at, a.label_align, a.label) for a in page.arrows if a.label]
    lines = [
        "digraph sheet {",
        f'  graph [id={_quote(prefix)} bb="0,0,{page.width:.2f},{page.height:.2f}" pad=0.1 splines=true',
        f"    _background={_background(page, flip, labels)}];",
        f'  node [fixedsize=true fillcolor=white color="{LINE_COLOR}" penwidth=1 fontname="{FONT_FAMILY}" fontsize=7 label=""];',
        f'  edge [color="{LINE_COLOR}" arrowsize=0.7 penwidth=1];',
    ]
    for symbol in page.symbols:
        rect = symbol.rect
        label = f" label={_quote(symbol.label)}" if symbol.label else ""
        colour = highlight.get(symbol.step) if symbol.step is not None else None
        marked = bool(colour and _COLOUR.fullmatch(colour))
        if marked:
            # a symbol with text in it is filled see-through: the text is drawn beneath, in the background
            fill = f' fillcolor="{colour}80" penwidth=2' if symbol.text else f' fillcolor="{colour}" penwidth=2'
        else:
            fill = ' fillcolor="transparent"' if symbol.text else ""
        if symbol.unknown:
            styles = ["dashed"] + (["rounded"] if symbol.kind == TERMINATOR else []) + (["filled"] if marked else [])
            fill += f' style="{",".join(styles)}"'
        lines.append(
            f'  "{symbol.id}" [id={_quote(prefix + "-" + symbol.id)} {_SHAPES[symbol.kind]}'
            f' pos="{rect.cx:.2f},{page.height - rect.cy:.2f}!"'
            f" width={rect.w / 72:.4f} height={rect.h / 72:.4f}{label}{fill}];"
        )
    for symbol in page.symbols:  # after every symbol, so that the dots are drawn on top
        for index, x in enumerate(symbol.marks, start=1):
            mark_id = f"{symbol.id}-p{index}"
            lines.append(
                f'  "{mark_id}" [id={_quote(prefix + "-" + mark_id)} class="penanda" shape=circle style=filled'
                f' fillcolor="{LINE_COLOR}" pos="{x:.2f},{page.height - symbol.rect.cy:.2f}!"'
                f" width={MARK_SIZE / 72:.4f} height={MARK_SIZE / 72:.4f}];"
            )
    for arrow in page.arrows:
        lines.append(
            f'  "{arrow.tail}" -> "{arrow.head}" [id={_quote(prefix + "-" + arrow.id)}{_DIRECTIONS[arrow.heads]}'
            f' pos="{_spline(arrow.points, flip, arrow.heads)}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
