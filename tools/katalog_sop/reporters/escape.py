"""Reporters, the edge: one escaping rule per kind of output a report or a diff is written as.

Text from an SOP file, and the file's own name, is data. Whatever string
arrives here (escape sequences, line breaks of any kind, bidi overrides, a
byte that was not UTF-8 kept by the file system as a lone surrogate), what
leaves is valid UTF-8 and means, in its output, only what it says:

- :func:`terminal`: one line on a terminal or in a CI log (``sop check``,
  ``sop diff``, JUnit text, the plain lines of GitHub's log). Every character
  a terminal or log viewer acts on is shown as a visible escape.
- :func:`json_document`: a JSON document means exactly what the encoder wrote,
  but for lone surrogates, which no UTF-8 can carry: they become visible text.
  DEL, C1 controls, bidi marks and controls, U+2028/U+2029 and noncharacters
  are written as ``\\uNNNN`` escapes, which give back the same value to a
  parser and act on no terminal or log viewer the JSON is shown in.
- :func:`markdown`: SOP text in a pull-request comment. Line endings and
  control characters are settled and markup is inert as on the site's pages
  (:func:`katalog_sop.site.markup.esc`); mentions and references
  (``@name``, ``#123``, GitLab's ``!123``, ``~label``, ``%milestone`` ...) are
  made inert too, so a comment never notifies anyone or links an issue.

A character is shown the one way every output shows it (:func:`shown`): a
byte that was not UTF-8 as ``\\xNN`` (as file names are shown by the check),
any other as ``\\n``, ``\\r``, ``\\xNN`` or ``\\uNNNN``. A backslash is left as
it is, so escaping twice changes nothing. Pure: no I/O; never drops a
character, only shows it differently.
"""

from __future__ import annotations

import re

from katalog_sop.site.markup import esc

_C1 = "\x7f-\x9f"  # DEL and the C1 controls (CSI 0x9b, NEL 0x85)
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides and isolates
_SEPARATORS = "\u2028\u2029"  # line and paragraph separators
_NONCHARACTERS = "\ufffe\uffff"  # noncharacters XML refuses
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0a-\x1f"  # C0 controls but tab: line breaks, ESC, BEL, NUL ...
    + _C1 + _BIDI + _SEPARATORS
    + "\ud800-\udfff"  # lone surrogates: not characters, and no UTF-8 can carry them
    + _NONCHARACTERS + "]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}
_SURROGATES = re.compile("[\ud800-\udfff]")


def shown(char: str) -> str:
    """One character that is not text, as visible text."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as the file system's decoding keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _shown(match: re.Match) -> str:
    return shown(match.group())


def terminal(text: str) -> str:
    """``text`` as one line for a terminal or a CI log: every control and bidi character shown escaped."""
    return _NOT_TEXT.sub(_shown, text)


_JSON_ESCAPED = re.compile("[" + _C1 + _BIDI + _SEPARATORS + _NONCHARACTERS + "]")
"""What :data:`_NOT_TEXT` holds but the JSON encoder leaves raw (it escapes C0 controls itself)."""


def json_document(document: str) -> str:
    """A JSON document with each lone surrogate shown as text inside its string (``\\\\xff``), and the
    characters a terminal acts on as ``\\uNNNN`` escapes; the same values to a parser otherwise.

    These characters occur only inside strings, so this is the same as
    escaping every string before encoding, in one pass over the document.
    """
    if document.isascii() and "\x7f" not in document:  # DEL is the patterns' one ASCII character
        return document  # both tests are single passes in C, far quicker than the patterns' scans
    document = _JSON_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
    return _SURROGATES.sub(lambda match: shown(match.group()).replace("\\", "\\\\"), document)


def unicode_text(text: str) -> str:
    """``text`` with lone surrogates shown as text: what UTF-8 can carry, for a URI or an encoder."""
    return _SURROGATES.sub(_shown, text)


# Sigils of GitHub and GitLab references: @user, #issue, !merge-request,
# ~label, %milestone, &epic, $snippet; and GitHub's "GH-123".
_REFERENCE = re.compile(r"([@#!~%&$])(?=\S)|\b(GH)(?=-\d)", re.IGNORECASE)
_JOINER = "\u2060"  # WORD JOINER: invisible, and no reference pattern continues across it


def markdown(text: str) -> str:
    """``text`` for a pull-request comment: shown as written, never markup, never a mention or reference."""
    inert = _REFERENCE.sub(lambda match: match.group() + _JOINER, unicode_text(text))
    # As an entity: the comment's source shows where a joiner was put.
    return esc(inert).replace(_JOINER, "&#8288;")
