"""Diff stage: which step of the old SOP is which step of the new one.

Steps are matched by what they say, not by their number, so inserting one
step does not make every later step look changed:

1. steps whose kegiatan reads the same (case and spacing aside) are matched
   in order, by the longest common subsequence (``difflib``);
2. the steps left over are paired when their kegiatan are alike (a reworded
   step), most alike first. Only pairs that share enough words to be alike
   are scored (:func:`_candidates`, bit-parallel): the pairs are those of
   scoring every pair, at a cost that grows with the steps, not their square;
3. a matched step that no longer keeps its order relative to the others
   (outside the longest increasing run of new positions) has moved.

Pure: takes two step lists, returns index pairs. Knows nothing of output.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from katalog_sop.model import Langkah
from katalog_sop.bitcount import add_to_counters, counters_at_least

ALIKE = 0.6
"""How alike two kegiatan must be (``difflib`` ratio of their words) to be one reworded step."""
SAME_PELAKSANA = 0.05
"""Added to how alike two steps are when the same pelaksana do them."""


@dataclass(frozen=True)
class StepPair:
    before: int | None
    """0-based index in the old SOP's steps; ``None`` for an added step."""
    after: int | None
    """0-based index in the new SOP's steps; ``None`` for a removed step."""
    moved: bool = False


def _key(step: Langkah) -> str:
    return " ".join(step.kegiatan.value.lower().split())


def _alike(a: Langkah, b: Langkah) -> float:
    words_a, words_b = _key(a).split(), _key(b).split()
    score = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    return score + (SAME_PELAKSANA if set(a.pelaksana) == set(b.pelaksana) else 0.0)


def match_steps(before: Sequence[Langkah], after: Sequence[Langkah], candidates=None) -> list[StepPair]:
    """Every step of both lists once: matched pairs, removed and added steps, in the new order.

    ``candidates(before, after, free_before, free_after)`` gives the (score, i, j)
    of the left-over pairs alike enough to match; the default scores only
    the pairs that share enough words (the benchmark passes every pair).
    """
    keys_before, keys_after = [_key(s) for s in before], [_key(s) for s in after]
    matcher = difflib.SequenceMatcher(None, keys_before, keys_after, autojunk=False)
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[block.a + offset] = block.b + offset
    free_before = [i for i in range(len(before)) if i not in pairs]
    taken = set(pairs.values())
    free_after = [j for j in range(len(after)) if j not in taken]
    scored = (candidates or _candidates)(before, after, free_before, free_after)
    for score, i, j in sorted(scored, key=lambda c: (-c[0], c[1], c[2])):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    moved = _out_of_order(pairs)
    ordered = [((j, 0, i), StepPair(i, j, i in moved)) for i, j in pairs.items()]
    ordered += [((j, 0, -1), StepPair(None, j)) for j in range(len(after)) if j not in taken]
    for i in range(len(before)):
        if i not in pairs:  # shown where it stood: after the new place of the old step before it
            previous = max((pairs[k] for k in range(i) if k in pairs), default=-1)
            ordered.append(((previous, 1, i), StepPair(i, None)))
    return [pair for _, pair in sorted(ordered, key=lambda item: item[0])]


def _candidates(
    before: Sequence[Langkah], after: Sequence[Langkah], free_before: list[int], free_after: list[int]
) -> list[tuple[float, int, int]]:
    """(score, old index, new index) of every left-over pair at least :data:`ALIKE`.

    A ratio counts words matched in order, never more than the two share,
    so a pair that shares too few words for its lengths (:func:`_least_shared`)
    is never scored. What each old step shares with every new one is counted
    at once: bit ``k`` of a word's mask says whether the ``k``-th left-over new
    step has it (a repeated word is a word of its own: "surat#2").
    """
    masks: dict[tuple[str, int], int] = {}
    by_length: dict[int, int] = {}
    for k, j in enumerate(free_after):
        words = _words(after[j])
        for word in words:
            masks[word] = masks.get(word, 0) | 1 << k
        by_length[len(words)] = by_length.get(len(words), 0) | 1 << k
    found = []
    for i in free_before:
        words = _words(before[i])
        planes: list[int] = []
        for word in words:
            add_to_counters(planes, masks.get(word, 0))
        shared = sum(  # disjoint masks, one per length
            counters_at_least(planes, _least_shared(len(words), length), mask) for length, mask in by_length.items()
        )
        while shared:
            j = free_after[(shared & -shared).bit_length() - 1]
            shared &= shared - 1
            score = _alike(before[i], after[j])
            if score >= ALIKE:
                found.append((score, i, j))
    return found


def _words(step: Langkah) -> list[tuple[str, int]]:
    """The words of a step's kegiatan as a set: the second "surat" is ("surat", 1)."""
    seen: dict[str, int] = {}
    words = []
    for word in _key(step).split():
        words.append((word, seen.get(word, 0)))
        seen[word] = seen.get(word, 0) + 1
    return words


@functools.cache
def _least_shared(a: int, b: int) -> int:
    """Fewest words two kegiatan of ``a`` and ``b`` words share to be :data:`ALIKE` at best (past ``b``: never).

    At best every shared word matches, and the same pelaksana do both; the
    sums are made as :func:`_alike` makes them (``difflib``: 1.0 for two empty lists).
    """
    for shared in range(min(a, b) + 1):
        ratio = 2.0 * shared / (a + b) if a + b else 1.0
        if ratio + SAME_PELAKSANA >= ALIKE:
            return shared
    return b + 1


def _out_of_order(pairs: dict[int, int]) -> set[int]:
    """Old indices of the matched steps outside the longest run whose new positions increase."""
    ordered = sorted(pairs.items())
    if not ordered:
        return set()
    # Patience sorting over the new positions, keeping back-links to rebuild the run.
    tails: list[int] = []  # index into ordered of the smallest tail of each run length
    back: list[int | None] = [None] * len(ordered)
    for k, (_, j) in enumerate(ordered):
        low, high = 0, len(tails)
        while low < high:
            mid = (low + high) // 2
            if ordered[tails[mid]][1] < j:
                low = mid + 1
            else:
                high = mid
        back[k] = tails[low - 1] if low else None
        if low == len(tails):
            tails.append(k)
        else:
            tails[low] = k
    keep: set[int] = set()
    k: int | None = tails[-1]
    while k is not None:
        keep.add(ordered[k][0])
        k = back[k]
    return {i for i, _ in ordered if i not in keep}
