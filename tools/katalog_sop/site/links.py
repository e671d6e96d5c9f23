"""Keterkaitan between SOPs: which item names which SOP, and who names whom.

An item of ``keterkaitan`` links to an SOP of the catalogue when it names it
by id (``unit/nama-berkas``), by nomor, or by nama (case, spacing,
punctuation and a leading "SOP" do not matter). A nama that several SOPs
share links to the one in the citing SOP's own unit, or stays plain text when
that does not decide it. Items that name no SOP of the catalogue are
collected as SOPs still missing from the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop

_NOT_WORD = re.compile(r"[\W_]+")
_SOP_WORD = re.compile(r"^(?:standar operasional prosedur|sop)\s+")


def name_key(text: str) -> str:
    """``"SOP Penyusunan  Anggaran."`` -> ``"penyusunan anggaran"``."""
    words = _NOT_WORD.sub(" ", text.lower()).strip()
    return _SOP_WORD.sub("", words)


def nomor_key(text: str) -> str:
    return "".join(text.lower().split())


@dataclass(frozen=True)
class Links:
    targets: dict[tuple[str, int], str] = field(default_factory=dict)
    """(SOP id, index of its keterkaitan item) -> id of the SOP it names."""
    referenced_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """SOP id -> ids of the SOPs whose keterkaitan name it, sorted."""
    missing: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Name key of an SOP not in the catalogue -> (citing SOP id, the item as written)."""


_AMBIGUOUS = ""
"""Several SOPs answer to the item and the unit does not decide: it stays plain text."""


def unit_of(sop: Sop) -> str:
    return sop.id.split("/", 1)[0] if "/" in sop.id else ""


def resolve_links(catalogue: Catalogue) -> Links:
    by_id = dict(catalogue.sops)
    by_nomor: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for sop in by_id.values():
        if sop.nomor is not None and sop.nomor.value.strip("- "):
            by_nomor.setdefault(nomor_key(sop.nomor.value), []).append(sop.id)
        by_name.setdefault(name_key(sop.nama.value), []).append(sop.id)
    targets: dict[tuple[str, int], str] = {}
    referenced: dict[str, set[str]] = {}
    missing: dict[str, list[tuple[str, str]]] = {}
    for sop in by_id.values():
        for index, item in enumerate(sop.keterkaitan):
            target = _target(sop, item.value, by_id, by_nomor, by_name)
            if target is None:
                missing.setdefault(name_key(item.value), []).append((sop.id, item.value))
            elif target not in (_AMBIGUOUS, sop.id):
                targets[(sop.id, index)] = target
                referenced.setdefault(target, set()).add(sop.id)
    return Links(
        targets,
        {k: tuple(sorted(v)) for k, v in sorted(referenced.items())},
        {k: tuple(v) for k, v in sorted(missing.items()) if k},
    )


def _target(sop: Sop, text: str, by_id, by_nomor, by_name) -> str | None:
    stripped = text.strip()
    if stripped in by_id:
        return stripped
    for candidates in (by_nomor.get(nomor_key(stripped), []), by_name.get(name_key(stripped), [])):
        if len(candidates) == 1:
            return candidates[0]
        same_unit = [c for c in candidates if unit_of(by_id[c]) == unit_of(sop)]
        if len(same_unit) == 1:
            return same_unit[0]
        if candidates:
            return _AMBIGUOUS
    return None

