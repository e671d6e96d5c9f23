"""Reads a built site's search files (``cari/``) back as data, for tests: each is a script that hands
one JSON value to ``KatalogCari.terima``."""

from __future__ import annotations

import json
import re
from pathlib import Path

_CALL = re.compile(r'KatalogCari\.terima\(("(?:[^"\\]|\\.)*"), (.*)\);\n\Z', re.DOTALL)


def read_script(path: Path) -> tuple[str, object]:
    """(name, data) of one search file; fails on anything else in it."""
    text = path.read_text(encoding="ascii")  # the files are ASCII: every other character is escaped
    match = _CALL.match(text)
    assert match, f"{path} is not one KatalogCari.terima call"
    return json.loads(match.group(1)), json.loads(match.group(2))


def search_records(site: Path) -> list[dict]:
    """Every SOP record of the search, in record order."""
    folder = site / "cari" / "d"
    return [read_script(folder / f"{n}.js")[1] for n in range(len(list(folder.glob("*.js"))))]


def search_shards(site: Path) -> dict[str, dict]:
    """Every shard by its key: ``{"p": {term: postings}, "w": {word: term}}``."""
    return {name[len("k/"):]: data for name, data in map(read_script, sorted((site / "cari" / "k").glob("*.js")))}
