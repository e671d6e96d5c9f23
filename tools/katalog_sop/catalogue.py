"""Catalogue stage: all SOPs together, by id.

Ids come from file paths (``sops/<unit>/<sop>.yaml`` -> ``<unit>/<sop>``), so two
files can claim one id (``a.yaml`` beside ``a.yml``); that is an error here.
Links between SOPs and the indexes grow here in later stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from katalog_sop.model import Sop
from katalog_sop.monitoring.model import Records
from katalog_sop.problem import Problem, error

CODE_ID = "id"


@dataclass(frozen=True)
class Catalogue:
    sops: Mapping[str, Sop]
    """Every SOP by id, in id order."""
    monitoring: Records | None = None
    """The catalogue's monitoring rounds and evaluations; ``None`` when it keeps none (no ``monitoring/``
    folder), and the rules that need them stay silent."""

    def __len__(self) -> int:
        return len(self.sops)


def build_catalogue(sops: Iterable[Sop]) -> tuple[Catalogue, list[Problem]]:
    by_id: dict[str, Sop] = {}
    problems: list[Problem] = []
    for sop in sorted(sops, key=lambda s: (s.id, s.path)):
        if sop.id in by_id:
            problems.append(
                error(sop.location, CODE_ID, f"id SOP '{sop.id}' sudah dipakai oleh {by_id[sop.id].path}")
            )
            continue
        by_id[sop.id] = sop
    return Catalogue(by_id), problems
