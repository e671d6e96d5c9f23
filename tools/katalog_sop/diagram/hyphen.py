"""Where an Indonesian word may be hyphenated at the end of a line: between its syllables.

The sheet's cells are narrow, so a long word ("pertanggungjawabannya") must
sometimes be split across lines. Splitting it anywhere a line happens to end
("Sebelu-m", "be-rkas") changes what the reader reads; Indonesian spelling
(PUEBI, *Pemenggalan Kata*) splits a word only between syllables. This module
finds those places with the rules of Indonesian syllables (V, VC, CV, CVC and
the clusters of loanwords), small enough to read and check:

* The vowels are a, e, i, o, u (accented forms too). Every other letter is a
  consonant, y and w included; the digraphs ng, ny, kh and sy are one
  consonant each ("me-nyam-pai-kan", "a-khir", "ma-sya-ra-kat").
* Two vowels side by side are split, V-V ("ke-gi-a-tan", "sa-at",
  "Da-e-rah"), except the diphthongs ai, au, oi and ei, which stay in one
  syllable ("sam-pai", "sau-da-ra", "sur-vei").
* One consonant between two vowels begins the next syllable, V-CV
  ("Se-be-lum", "ha-lo-ci").
* Two consonants between vowels are split between them, VC-CV ("ber-kas",
  "tang-gal", "ikh-las", "Ap-ril").
* Three or more: when the consonants after the first one are a known onset
  (:data:`ONSETS`: "tr", "pr", "kl", "str" ...), the split falls after the
  first, VC-CCV ("in-stru-men", "bang-krut", "ul-tra"); otherwise before the
  last, VCC-CV ("trans-fer", "ins-pek-to-rat").
* Consonants before a word's first vowel or after its last stay with it
  ("struk-tur", "kom-pleks").
* No break leaves fewer than two letters on either side ("akan" is not split
  as "a-kan", "kegiatan" splits as "ke-gi-a-tan" but never "kegiata-n").

A run of letters that cannot be read this way (no vowel at all, as in
"xxxxxxxx" or a word in a script without these vowels, or a "syllable" longer
than :data:`MAX_SYLLABLE` letters) has no syllable breaks: :func:`breaks`
answers ``None`` and the caller treats the run as a code, not a word.
Hyphenating a loanword may put the break where its own language would not
("soft-wa-re"), but always between letters a reader keeps together as
written. Pure functions.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

DIGRAPHS = frozenset({"ng", "ny", "kh", "sy"})
"""Two letters spelling one consonant."""
DIPHTHONGS = frozenset({"ai", "au", "oi", "ei"})
"""Two vowels spelling one syllable's nucleus."""
ONSETS = frozenset(
    {"bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr", "sl", "tr", "skr", "spr", "str"}
)
"""Consonant clusters that begin a syllable in Indonesian words (most from loanwords)."""
MAX_SYLLABLE = 7
"""The most letters one syllable may have; a longer one means the run is not a word ("sprint" has 6)."""
MIN_SIDE = 2
"""The fewest letters a break leaves on either side of a word."""

_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=4096)
def _is_vowel(char: str) -> bool:
    return unicodedata.normalize("NFD", char)[:1].lower() in _VOWELS


def _units(word: str) -> list[tuple[int, str, bool]]:
    """The word's sounds: (where it starts, its letters lowercased, whether it is a vowel)."""
    units = []
    i = 0
    while i < len(word):  # lowercased letter by letter: "İ".lower() is two characters
        pair = word[i:i + 2].lower()
        if pair in DIGRAPHS:
            units.append((i, pair, False))
            i += 2
        else:
            units.append((i, word[i].lower(), _is_vowel(word[i])))
            i += 1
    return units


def breaks(word: str) -> tuple[int, ...] | None:
    """The positions in ``word`` (a run of letters) where a hyphen may end a line, in order.

    A position ``i`` means ``word[:i] + "-"`` ends one line and ``word[i:]``
    begins the next. ``None`` when the run cannot be read as Indonesian
    syllables (see the module's description); ``()`` when it is a word
    too short to split.
    """
    if len(word) > 1000:  # no word is this long: the caller's own text is a code, not prose
        return None
    units = _units(word)
    vowels = [k for k, unit in enumerate(units) if unit[2]]
    if not vowels:
        return None
    cuts = []
    for left, right in zip(vowels, vowels[1:]):
        between = right - left - 1  # consonant units between two vowels
        if between == 0:
            if units[left][1] + units[right][1] not in DIPHTHONGS:
                cuts.append(units[right][0])
        elif between <= 2:
            cuts.append(units[right - 1][0])  # V-CV, VC-CV
        else:
            rest = "".join(unit[1] for unit in units[left + 2:right])
            cuts.append(units[left + 2][0] if rest in ONSETS else units[right - 1][0])
    edges = [0, *cuts, len(word)]
    if any(b - a > MAX_SYLLABLE for a, b in zip(edges, edges[1:])):
        return None
    return tuple(cut for cut in cuts if MIN_SIDE <= cut <= len(word) - MIN_SIDE)


def syllables(word: str) -> tuple[str, ...]:
    """``word`` cut at its :func:`breaks` ("Sebelum" -> "Se", "be", "lum"); whole when it has none."""
    cuts = breaks(word) or ()
    edges = [0, *cuts, len(word)]
    return tuple(word[a:b] for a, b in zip(edges, edges[1:]))
