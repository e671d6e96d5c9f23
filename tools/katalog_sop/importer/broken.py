"""Import stage: words a narrow cell broke over two lines without a hyphen, joined again.

A pelaksana column is narrow, and its title wraps wherever the line is full,
mid-word and without a hyphen: "Pengadministr" over "asi umum",
"Sekretaris/Kabi" over "d". Read line by line, that is two pieces with a
space between. The SOP itself says which word was meant: the same word,
whole, elsewhere in its text (a kegiatan "menyerahkan kepada
pengadministrasi umum"). Two neighbouring pieces are joined when together
they are a word of the SOP's text and neither is one alone; nothing is
guessed from outside the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+")
_HEAD = re.compile(r"[^\W\d_]+$")
_TAIL = re.compile(r"^[^\W\d_]+")


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The words of ``texts``, in lower case."""
    return {word.lower() for text in texts for word in _WORD.findall(text)}


def mended(name: str, words: set[str]) -> str:
    """``name`` with each pair of neighbouring pieces joined where together, and not apart, they are
    among ``words`` ("Pengadministr asi umum" -> "Pengadministrasi umum")."""
    parts = name.split(" ")
    out = parts[:1]
    for part in parts[1:]:
        head, tail = _HEAD.search(out[-1]), _TAIL.match(part)
        if head and tail and _broken(head.group(), tail.group(), words):
            out[-1] += part
        else:
            out.append(part)
    return " ".join(out)


def _broken(head: str, tail: str, words: set[str]) -> bool:
    return (head + tail).lower() in words and head.lower() not in words and tail.lower() not in words
