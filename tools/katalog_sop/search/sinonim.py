"""Search stage, an agency's own synonyms: a YAML file of groups of names for one thing.

The catalogue's search already knows common bureaucratic names and short
forms (``data/cari.yaml``); an agency adds the names of its own units,
applications and documents in a file of the same shape::

    sinonim:
      - [SIMPEG, sistem informasi kepegawaian]
      - [Bagian Ortala, bagian organisasi dan tata laksana]

A mistake in the file is reported with its line and column, and stops the
build (the site would otherwise search without the agency's names).
"""

from __future__ import annotations

from pathlib import Path

from katalog_sop.source import load_file


class SynonymError(Exception):
    """The synonyms file cannot be used; the message names the file, line and column."""


def load_synonyms(path: Path, shown: str) -> list[list[str]]:
    """The groups of ``path`` (each at least two names), as written; ``shown`` names the file in messages."""
    document, problems = load_file(path, shown)
    if document is None:
        first = problems[0]
        raise SynonymError(f"{first.location.path}:{first.location.line}:{first.location.column}: {first.message}")

    def where(*parts) -> str:
        line, column = document.positions.of_value(parts)
        return f"{shown}:{line}:{column}"

    data = document.data
    unknown = sorted(set(data) - {"sinonim"})
    if unknown:
        raise SynonymError(f"{where(unknown[0])}: kunci '{unknown[0]}' tidak dikenal; yang ada hanya 'sinonim'")
    groups = data.get("sinonim")
    if not isinstance(groups, list):
        raise SynonymError(f"{where('sinonim')}: 'sinonim' berupa daftar kelompok, misalnya - [SK, surat keputusan]")
    for index, group in enumerate(groups):
        names = group if isinstance(group, list) else []
        if len(names) < 2 or not all(isinstance(name, str) and name.strip() for name in names):
            raise SynonymError(f"{where('sinonim', index)}: setiap kelompok berisi sedikitnya dua nama (teks)")
    return [[name.strip() for name in group] for group in groups]
