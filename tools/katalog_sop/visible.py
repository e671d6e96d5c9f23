"""What a reader sees of a text: the one rule every output that shows SOP text to a person follows.

Line endings become "\\n" (CR, CRLF, VT, FF, U+0085, U+2028, U+2029 are all
line breaks to some reader, so each becomes one everywhere); control
characters are shown as their Unicode control pictures (NUL as "␀", ESC as
"␛", DEL as "␡"); C1 controls, bidi embeddings, overrides and isolates,
lone surrogates and noncharacters become "�". No SOP text can then reorder
what follows it on screen, drive a terminal, end a line early, or make an
output invalid UTF-8 or XML. The site's pages (:mod:`katalog_sop.site.markup`)
and the drawn sheets (:mod:`katalog_sop.diagram.text`) use it before their own
escaping. Pure functions.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures block: NUL -> "␀", ESC -> "␛"
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` with "\\n" as its only line ending and every character that is not text shown visibly."""
    text = str(text)
    if text.isprintable():  # every character changed here is one Python calls not printable
        return text
    return _NOT_TEXT.sub(_picture, _LINE_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """:func:`visible` on one line: line endings become spaces (headings, titles, labels)."""
    return " ".join(visible(text).split("\n"))
