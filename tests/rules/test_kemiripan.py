"""SOPAP-C03 (near-duplicate SOPs): the verdicts of comparing every pair, without comparing every pair.

The pairwise algorithm the rule was first written with is kept in
``benchmarks/near_duplicates.py`` (which times both); here the two must give
the same findings, and the same clusters in the same order, on the seeds, on
a generated catalogue whose SOPs all share one verb sequence, and on random
texts at any threshold.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from katalog_sop.rules import kemiripan

from conftest import REPO, check_structure

sys.path.insert(0, str(REPO / "benchmarks"))

from near_duplicates import build, near_duplicate_sops, near_duplicates, pairwise_clusters  # noqa: E402


@pytest.fixture(scope="module")
def generated():
    """300 SOPs sharing one verb sequence: procedures of their own, and copies adopted by other units."""
    return build(near_duplicate_sops(300))


def test_the_seeds_near_duplicates_are_found_as_before():
    catalogue = check_structure([str(REPO / "sops")]).catalogue
    found = near_duplicates(catalogue)
    assert [message for _, message in found] == [
        "urutan kegiatan SOP ini sama dengan sekretariat/pengumpulan-data-kinerja",
        "urutan kegiatan SOP ini sama dengan kecamatan-tebing-tinggi/pengumpulan-data-kinerja",
    ]
    assert found == near_duplicates(catalogue, pairwise_clusters)


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_a_generated_catalogue_gives_the_same_findings_as_comparing_every_pair(generated, threshold):
    found = near_duplicates(generated, kemiripan_minimal=threshold)
    assert found == near_duplicates(generated, pairwise_clusters, kemiripan_minimal=threshold)
    assert found, "some SOPs are near-duplicates"


def test_at_the_default_threshold_the_copies_are_near_duplicates_and_the_others_are_not(generated):
    flagged = {where for where, _ in near_duplicates(generated)}
    assert 0 < len(flagged) < len(generated.sops) / 2


def random_variants(rng: random.Random, count: int) -> dict[tuple[str, ...], list[str]]:
    """Texts of three steps over a few words (some with no word at all), each with the SOPs that wrote it."""
    words = ["menerima", "surat", "berkas", "data", "memeriksa", "arsip", "2024", "nomor", "kepala"]
    variants: dict[tuple[str, ...], list[str]] = {}
    for number in range(count):
        text = tuple(
            " ".join(rng.sample(words, rng.randint(0, 4))) or rng.choice(["", "\u2014", "\u0627\u0644\u0641"])
            for _ in range(3)
        )
        variants.setdefault(text, []).append(f"sop-{number}")
    return variants


@pytest.mark.parametrize("threshold", [-0.5, 0, 0.1, 1 / 3, 0.5, 0.7, 0.9, 1.0, 1.5])
def test_random_texts_cluster_as_comparing_every_pair_at_any_threshold(threshold):
    rng = random.Random(threshold)
    for _ in range(20):
        variants = random_variants(rng, rng.randint(1, 60))
        assert kemiripan._clusters(variants, threshold) == pairwise_clusters(variants, threshold)


class CountingWords:
    """The rule's word pattern, counting how often it reads a text."""

    def __init__(self):
        self.reads = 0

    def findall(self, text: str) -> list[str]:
        self.reads += 1
        return re.findall(r"[a-z0-9]+", text)


def test_each_text_is_read_once_however_many_sops_share_its_verbs(generated, monkeypatch):
    counting = CountingWords()
    monkeypatch.setattr(kemiripan, "_WORD", counting)
    near_duplicates(generated)
    assert counting.reads <= len(generated.sops)
