"""Steps matched by content: insertions, removals, rewording and moves.

The matching first written scored every left-over old step against every
left-over new one; it is kept in ``benchmarks/near_duplicates.py`` as the
reference the pairs must equal.
"""

from __future__ import annotations

import random
import sys

from katalog_sop.diff import steps as matching
from katalog_sop.diff.steps import StepPair, match_steps
from katalog_sop.model import Langkah, Text
from katalog_sop.problem import Location

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from near_duplicates import pairwise_match_steps, reworded_steps, steps_of  # noqa: E402

HERE = Location("x.yaml")


def steps(*kegiatan: str) -> tuple[Langkah, ...]:
    return tuple(
        Langkah(n, None, Text(k, HERE), ("a",), (), None, (), None, (), None, HERE)
        for n, k in enumerate(kegiatan, start=1)
    )


OLD = steps("Menerima surat", "Mencatat surat di buku agenda", "Mendisposisikan surat", "Mengarsipkan surat")


def test_the_same_steps_match_one_to_one():
    assert match_steps(OLD, OLD) == [StepPair(i, i) for i in range(4)]


def test_an_inserted_step_is_added_and_every_other_step_keeps_its_partner():
    new = steps("Menerima surat", "Memeriksa kelengkapan surat", "Mencatat surat di buku agenda",
                "Mendisposisikan surat", "Mengarsipkan surat")
    assert match_steps(OLD, new) == [StepPair(0, 0), StepPair(None, 1), StepPair(1, 2), StepPair(2, 3), StepPair(3, 4)]


def test_a_removed_step_stands_where_it_was():
    new = steps("Menerima surat", "Mendisposisikan surat", "Mengarsipkan surat")
    assert match_steps(OLD, new) == [StepPair(0, 0), StepPair(1, None), StepPair(2, 1), StepPair(3, 2)]


def test_a_reworded_step_is_the_same_step_and_an_unrelated_one_is_not():
    new = steps("Menerima surat", "Mencatat surat masuk di buku agenda", "Menandatangani keputusan", "Mengarsipkan surat")
    # The replaced step: the old one out, then the new one in, as a line diff shows them.
    assert match_steps(OLD, new) == [
        StepPair(0, 0), StepPair(1, 1), StepPair(2, None), StepPair(None, 2), StepPair(3, 3)
    ]


def test_a_step_moved_elsewhere_is_marked_moved_and_the_others_are_not():
    new = steps("Menerima surat", "Mendisposisikan surat", "Mengarsipkan surat", "Mencatat surat di buku agenda")
    assert match_steps(OLD, new) == [StepPair(0, 0), StepPair(2, 1), StepPair(3, 2), StepPair(1, 3, moved=True)]


def test_case_and_spacing_do_not_make_a_change():
    new = steps("menerima  SURAT", "Mencatat surat di buku agenda", "Mendisposisikan surat", "Mengarsipkan surat")
    assert match_steps(OLD, new) == [StepPair(i, i) for i in range(4)]


# --- the same pairs as comparing every left-over step with every other ------------------------------------


def test_reworded_steps_pair_as_comparing_every_pair():
    old, new = reworded_steps(300)
    pairs = match_steps(old, new)
    assert pairs == pairwise_match_steps(old, new)
    assert sum(p.before is not None and p.after is not None for p in pairs) > 250


def random_steps(rng: random.Random, count: int) -> tuple[Langkah, ...]:
    """Steps over a few words, repeated texts and texts with no word among them, by one of three pelaksana."""
    words = ["menerima", "surat", "berkas", "mencatat", "agenda", "surat", "memeriksa", "kepala", "2024"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 5))) or "\u2014" for _ in range(count)]
    return steps_of(texts, [rng.choice("abc") for _ in range(count)])


def test_random_steps_pair_as_comparing_every_pair():
    rng = random.Random(35)
    for _ in range(200):
        old = random_steps(rng, rng.randint(0, 25))
        new = list(rng.sample(old, len(old)) if rng.random() < 0.3 else random_steps(rng, rng.randint(0, 25)))
        assert match_steps(old, new) == pairwise_match_steps(old, new)


def test_a_reworded_step_is_compared_with_a_few_others_not_all(monkeypatch):
    old, new = reworded_steps(300)
    compared = []
    alike = matching._alike
    monkeypatch.setattr(matching, "_alike", lambda a, b: compared.append((a, b)) or alike(a, b))
    match_steps(old, new)
    assert len(compared) <= 3 * len(old)
