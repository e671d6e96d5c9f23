"""Rules stage, shared by the catalogue-wide legal-basis rules: who issued a citation and what it is about.

"Peraturan Kepala BPS" of 2008 and "Peraturan BPS" of 2020 are one issuer;
titles are compared normalised, with a doubled letter written single, and
two long titles one letter apart ("Organisai") are one title.
"""

from __future__ import annotations

import functools

from collections.abc import Iterable
from typing import TypeVar

from katalog_sop.dasar_hukum import REGIONAL, Kutipan, normalise_title, single_letters

T = TypeVar("T")

_AGENCY = {"perka", "perban", "perlem", "kepka"}
"""One agency issues under these names over the years ("Peraturan Kepala BPS", then "Peraturan BPS")."""
_FILLER = {"badan", "lembaga", "kepala", "dan"}


def issuer_of(cited: Kutipan) -> str | None:
    """Who issued it, so that one agency's "Peraturan Kepala" and "Peraturan" of later years meet."""
    if cited.jenis is None:
        return None
    if cited.jenis in _AGENCY:
        words = [w for w in (cited.penerbit or "").split() if w not in _FILLER]
        return "lembaga:" + " ".join(words) if words else None
    if cited.jenis in REGIONAL or cited.jenis in ("permen", "kepmen", "perdirjen", "perrektor"):
        return f"{cited.jenis}:{cited.penerbit}" if cited.penerbit else None
    return cited.jenis


@functools.lru_cache(maxsize=4096)  # a catalogue cites a few hundred titles, each in many SOPs
def subject_of_title(title: str | None) -> str | None:
    """The title compared: normalised, a doubled letter written single ("Organisai" stays a typo apart)."""
    if not title:
        return None
    key = single_letters(normalise_title(title))
    return key if len(key) >= 12 else None


def one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]


def titles_by_regulation(citations: Iterable[tuple[T, Kutipan]]) -> dict[tuple[str, str, int], dict[str, list[tuple[T, Kutipan]]]]:
    """Per regulation (issuer, number, year), its citations grouped by title; titles one letter apart are one.

    Citations with no issuer, number, year or title the catalogue rules could compare are left out.
    """
    grouped: dict[tuple[str, str, int], dict[str, list[tuple[T, Kutipan]]]] = {}
    for where, cited in citations:
        subject, family = subject_of_title(cited.tentang), issuer_of(cited)
        if subject and family and cited.tahun and cited.nomor:
            titles = grouped.setdefault((family, cited.nomor.lower(), cited.tahun), {})
            home = next((key for key in titles if len(key) >= 30 and one_slip(key, subject)), subject)
            titles.setdefault(home, []).append((where, cited))
    return grouped


def ranked_titles(titles: dict[str, list]) -> list[tuple[str, list]] | None:
    """The titles of one regulation, most cited first; ``None`` when no title is cited most (nothing tells which
    is right)."""
    ranked = sorted(titles.items(), key=lambda item: len(item[1]), reverse=True)
    if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
        return None
    return ranked
