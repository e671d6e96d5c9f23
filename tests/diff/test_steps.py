"""Steps matched by content: insertions, removals, rewording and moves."""

from __future__ import annotations

from katalog_sop.diff.steps import StepPair, match_steps
from katalog_sop.model import Langkah, Text
from katalog_sop.problem import Location

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
