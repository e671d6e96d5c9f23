"""Diff stage: which findings a change introduced and which it resolved.

A finding of the old SOP and one of the new are the same finding when the
same rule reports it at the same place: a step is named by the step it
became (:mod:`katalog_sop.diff.steps`), so renumbering is no change. The
message decides first; what is left is matched without it, so a finding
whose wording changed ("7 langkah" where it said "6 langkah") is not shown
as resolved and introduced. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from katalog_sop.problem import Problem

_STEP_PATH = re.compile(r"^\$\.langkah\[(\d+)\]")
_STEP_WORDS = re.compile(r"\blangkah \d+")


def _key(problem: Problem, step_map: dict | None) -> tuple:
    """What makes two findings one: the rule, the place (a step by its match), the message without step numbers."""
    path = problem.location.json_path or ""
    match = _STEP_PATH.match(path)
    if match:
        index = int(match.group(1))
        if step_map is not None:  # an old finding: name its step by the new step it became
            index = step_map.get(index, ("dihapus", index))
        path = (index, path[match.end():])
    return (problem.code, path, _STEP_WORDS.sub("langkah #", problem.message))


def finding_changes(old: Sequence[Problem], new: Sequence[Problem], step_map: dict | None) -> tuple[tuple, tuple]:
    """(introduced, resolved): findings of one side that the other does not have.

    Matched first by rule, place and message; what is left, by rule and place
    alone: a finding whose wording changed ("7 langkah" where it said "6
    langkah") is still the same finding.
    """
    old_left = [(p, _key(p, step_map)) for p in old]
    new_left = [(p, _key(p, None)) for p in new]
    for width in (3, 2):
        counts = Counter(key[:width] for _, key in old_left)
        kept_new = []
        for problem, key in new_left:
            if counts[key[:width]] > 0:
                counts[key[:width]] -= 1
            else:
                kept_new.append((problem, key))
        counts = Counter(key[:width] for _, key in new_left)
        old_left = [item for item in old_left if not _take(counts, item[1][:width])]
        new_left = kept_new
    return tuple(p for p, _ in new_left), tuple(p for p, _ in old_left)


def _take(counts: Counter, key: tuple) -> bool:
    if counts[key] > 0:
        counts[key] -= 1
        return True
    return False
