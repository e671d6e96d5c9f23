"""Search stage, the index: terms to the SOPs that hold them, cut into files a reader loads one by one.

A reader never loads the whole catalogue's index. The browser loads a small
manifest, the roots its stemmer needs, and then, for each word of a query,
only the shard holding that word's term (``cari/k/...``), and for each result
shown only that SOP's record (``cari/d/<n>.js``). Every file is a classic
script that hands its data to ``KatalogCari.terima``, so search also works
from ``file://``, where a page may not fetch its sibling files.

Terms are the roots of words (:mod:`katalog_sop.search.stem`), an SOP's whole
nomor (``#...``) and the number and year of each regulation it cites
(``n:25:2009``). Each posting carries a score: the sum of the weights of the
fields whose texts hold the term (:data:`~katalog_sop.search.records.FIELD_WEIGHTS`),
capped. A term held by very many SOPs keeps only the :data:`MAX_POSTINGS`
that score highest: it is never what tells SOPs apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from katalog_sop.search.records import FIELD_WEIGHTS, REGULATION_WEIGHT, SearchRecord, nomor_term, number_years
from katalog_sop.search.stem import WordForms, words

DATA = Path(__file__).with_name("data")
FOLDER = "cari"
MAX_POSTINGS = 1000
SHARD_BYTES = 40_000
"""A shard larger than this is cut by one more letter of its terms."""
MAX_SCORE = 40
_KEY_LENGTH = 2


@dataclass
class SearchIndex:
    records: list[SearchRecord]
    postings: dict[str, dict[int, int]] = field(default_factory=dict)
    """term -> {record number: score}"""
    surface: dict[str, str] = field(default_factory=dict)
    """Every word as written (lower case) -> its term: what close spellings are looked for among."""
    roots: list[str] = field(default_factory=list)


def build_index(records: Iterable[SearchRecord], forms: WordForms | None = None) -> SearchIndex:
    forms = forms or WordForms()
    index = SearchIndex(list(records))
    for number, record in enumerate(index.records):
        scores: dict[str, float] = {}
        for name, text in record.texts:
            terms = set()
            for word in words(text):
                stem = forms.stem(word)
                index.surface[word] = stem
                terms.add(stem)
            if name == "nomor" and (whole := nomor_term(text)):
                terms.add(whole)
            for term in terms:
                scores[term] = scores.get(term, 0) + FIELD_WEIGHTS[name]
            if name == "dasar_hukum":
                for term in number_years(text):
                    scores[term] = scores.get(term, 0) + REGULATION_WEIGHT
        for term, score in scores.items():
            index.postings.setdefault(term, {})[number] = min(MAX_SCORE * 2, round(score * 2))
    for term, found in index.postings.items():
        if len(found) > MAX_POSTINGS:
            kept = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:MAX_POSTINGS]
            index.postings[term] = dict(kept)
    index.roots = forms.roots()
    return index


def shard_keys(terms: Iterable[str], size_of) -> dict[str, list[str]]:
    """Terms grouped by their first letters: two, or more where a group would be larger than :data:`SHARD_BYTES`."""
    groups: dict[str, list[str]] = {}
    for term in sorted(terms):
        groups.setdefault(term[:_KEY_LENGTH], []).append(term)
    done: dict[str, list[str]] = {}
    while groups:
        key, members = groups.popitem()
        if sum(size_of(term) for term in members) <= SHARD_BYTES or all(len(term) <= len(key) for term in members):
            done[key] = members
            continue
        for term in members:  # terms no longer than the key stay in it
            longer = term[: len(key) + 1] if len(term) > len(key) else key
            groups.setdefault(longer, []).append(term)
    return dict(sorted(done.items()))


def key_of(text: str, keys: set[str]) -> str | None:
    """The shard key of a term or word: the longest key it starts with (as ``katalog-cari.js`` finds it)."""
    for length in range(len(text), 0, -1):
        if text[:length] in keys:
            return text[:length]
    return None


def file_name(key: str) -> str:
    """A shard's file name: its key's UTF-8 bytes in hex, whatever letters it holds."""
    return key.encode("utf-8").hex()


_MARKUP = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _script(name: str, data) -> str:
    """One call handing ``data`` to the search script. ASCII only: a lone surrogate or a line separator in
    an SOP's text stays an escape; and "<", ">", "&" are escapes too, so no text of an SOP reads as markup
    even if the file is ever read as HTML. The characters occur only inside JSON strings."""
    value = json.dumps(data, separators=(",", ":")).translate(_MARKUP)
    return f"KatalogCari.terima({json.dumps(name).translate(_MARKUP)}, {value});\n"


def _encoded(found: dict[int, int]) -> list[int]:
    """Postings as [gap, score, gap, score, ...] in record order: small numbers, a short file."""
    out, last = [], 0
    for number, score in sorted(found.items()):
        out += [number - last, score]
        last = number
    return out


def index_files(index: SearchIndex, synonyms: list[list[str]] = ()) -> dict[str, str]:
    """The search's files by their path in the site (``cari/...``); ``synonyms``: the agency's own groups,
    searched like those of ``data/cari.yaml``."""
    sizes = {term: 8 * len(found) + len(term) for term, found in index.postings.items()}
    keys = shard_keys(set(sizes) | set(index.surface), lambda term: sizes.get(term, 0) + 2 * len(term) + 6)
    key_set = set(keys)
    shards: dict[str, dict] = {key: {"p": {}, "w": {}} for key in keys}
    for term, found in index.postings.items():
        shards[key_of(term, key_set)]["p"][term] = _encoded(found)
    for word, stem in index.surface.items():
        shards[key_of(word, key_set)]["w"][word] = stem
    settings = yaml.safe_load((DATA / "cari.yaml").read_text(encoding="utf-8"))
    files = {
        f"{FOLDER}/manifest.js": _script("manifest", {
            "n": len(index.records), "k": sorted(keys), "sinonim": settings["sinonim"] + [[name.lower() for name in group] for group in synonyms], "umum": settings["kata_umum"],
        }),
        f"{FOLDER}/akar.js": _script("akar", index.roots),
    }
    for key, shard in shards.items():
        files[f"{FOLDER}/k/{file_name(key)}.js"] = _script("k/" + key, shard)
    for number, record in enumerate(index.records):
        files[f"{FOLDER}/d/{number}.js"] = _script(f"d/{number}", {
            "id": record.id, "url": record.url, "nama": record.nama, "nomor": record.nomor, "unit": record.unit,
            "instansi": record.instansi, "teks": [list(pair) for pair in record.texts],
        })
    return files
