"""Search stage, word forms: each Indonesian word to its root, as the reader's browser does it.

"melaporkan", "pelaporan", "laporan" and "dilaporkan" all become "lapor";
"mengumpulkan", "pengumpulan", "dikumpulkan" become "kumpul". The algorithm
is Sastrawi's (Enhanced Confix Stripping, after Nazief and Adriani): at build
time PySastrawi, in the browser natural's port of the same algorithm
(``site/assets/vendor/stemmer-id.js``), each with Sastrawi's list of root words
as changed by ``data/kata-dasar.yaml``.

The algorithm stems a word to the first root its list holds among the forms
it tries, in a fixed order. The browser is not sent the whole list: it is
sent the roots the catalogue's own words were stemmed to (:meth:`WordForms.roots`).
For every word of the catalogue the first root found is then the same on
both sides, since the forms tried before it are in neither list; a word the
catalogue never uses may stem to another root in the browser, but its
build-time root would have matched nothing. The list itself (Kateglo's,
CC-BY-NC-SA 3.0, shipped inside PySastrawi) is never copied into a site.

Words are the runs of letters and digits of the lower-cased text; a hyphen
splits ("masing-masing" is two words), so Sastrawi's plural handling, which
would read the list differently, is never used. Runs holding a digit are
kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

CHANGES = Path(__file__).with_name("data") / "kata-dasar.yaml"

_WORD = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+\Z")


def words(text: str) -> Iterator[str]:
    """The words of ``text`` as search sees them: lower-cased runs of letters and digits."""
    return iter(_WORD.findall(text.lower()))


def root_words(changes: Path = CHANGES) -> frozenset[str]:
    """Sastrawi's root words, with this project's additions and removals."""
    listed = {word.strip() for word in StemmerFactory().get_words_from_file()}
    data = yaml.safe_load(changes.read_text(encoding="utf-8"))
    listed |= {item["kata"] for item in data.get("tambah", ())}
    listed -= {item["kata"] for item in data.get("hapus", ())}
    return frozenset(word for word in listed if _LETTERS.match(word))  # the file's one stray line is no word


class WordForms:
    """Stems words and remembers the roots it stemmed them to (what the browser must be sent)."""

    def __init__(self, roots: Iterable[str] | None = None):
        self._list = frozenset(root_words() if roots is None else roots)
        self._stemmer = Stemmer(ArrayDictionary(sorted(self._list)))
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The root of one word (lower case, as :func:`words` gives it); the word itself when it has none."""
        found = self._stems.get(word)
        if found is None:
            found = word if not _LETTERS.match(word) else self._stemmer.stem_singular_word(word)
            self._stems[word] = found
        return found

    def stems(self, text: str) -> list[str]:
        """The root of every word of ``text``, in order."""
        return [self.stem(word) for word in words(text)]

    def roots(self) -> list[str]:
        """Sorted, the roots of the list that some word stemmed so far was stemmed to."""
        return sorted({stem for stem in self._stems.values() if stem in self._list})
