"""Catalogue-wide: near-duplicate SOPs, the same sequence of kegiatan under two names or agencies.

KemenPAN-RB's own training material: "kegiatan yang sama akan memiliki SOP yang
sama". Two SOPs whose steps start with the same verbs in the same order and
share most of their words are one procedure written twice (seeds 002 and 003
are one template used by two agencies): worth one SOP, or a reason.

Fast for thousands of SOPs, with the verdicts of comparing every pair:
SOPs are grouped by their verb sequence first (a dictionary, linear), and
inside a group each distinct text is compared with all the others at once,
bit-parallel (:func:`_components`): thousands of SOPs that share a verb
sequence, whether copies of one template or procedures of their own, cost a
few operations on whole bit masks per SOP, not one comparison per pair.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from katalog_sop.bitcount import add_to_counters, counters_at_least
from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule
from katalog_sop.rules.nomor_ganda import name_others

_WORD = re.compile(r"[a-z0-9]+")


def _verbs(sop: Sop) -> tuple[str, ...]:
    return tuple(step.kegiatan.value.split(None, 1)[0].lower() for step in sop.langkah)


def _text(sop: Sop) -> tuple[str, ...]:
    return tuple(" ".join(step.kegiatan.value.lower().split()) for step in sop.langkah)


def _alike(common: int, union: int, threshold: float) -> bool:
    """Word overlap (Jaccard) of two texts at least ``threshold``: ``common`` of their ``union`` words shared."""
    return common >= threshold * union


def _clusters(variants: dict[tuple[str, ...], list[Sop]], threshold: float) -> list[list[Sop]]:
    """Variants (distinct texts) joined when similar; each cluster as its SOPs, in the order of the texts."""
    texts = list(variants)
    words = [frozenset(_WORD.findall(" ".join(text))) for text in texts]
    component = _components(words, threshold)
    clusters: dict[int, list[Sop]] = {}
    for i, text in enumerate(texts):
        clusters.setdefault(component[i], []).extend(variants[text])
    return list(clusters.values())


def _components(words: list[frozenset[str]], threshold: float) -> list[int]:
    """A cluster number per word set: the connected parts of "alike", as comparing every pair finds them.

    Each set is compared with all the sets before it at once, bit-parallel:
    bit ``j`` of a word's mask says whether set ``j`` has the word, and adding
    the masks of one set's words to a counter kept as bit planes (:func:`add_to_counters`)
    gives its overlap with every set in a few operations on whole masks. Which
    overlaps make two sets alike depends only on their sizes, and is decided
    by :func:`_alike` itself (``least``), so the verdicts are those of comparing
    every pair. The words all sets share (the verbs) are counted, not added.
    """
    if threshold <= 0:  # an overlap is never below zero: every pair is alike
        return [0] * len(words)
    if threshold > 1:  # only two empty sets reach it (0 >= t * 0)
        return [-1 if not w else i for i, w in enumerate(words)]
    node_of: dict[frozenset[str], int] = {}  # a set is alike itself (t <= 1): equal sets are one node
    nodes = [node_of.setdefault(w, len(node_of)) for w in words]
    sets = list(node_of)
    core = frozenset.intersection(*sets)

    @functools.cache
    def least(a: int, b: int) -> int:
        """Fewest words outside the core two sets of ``a`` and ``b`` words share to be alike (past b: never)."""
        alike = (o for o in range(min(a, b) + 1) if _alike(o, a + b - o, threshold))
        return next(alike, b + 1) - len(core)

    masks: dict[str, int] = {}  # of the sets before the one compared: each pair once
    by_size: dict[int, int] = {}
    parent, members = list(range(len(sets))), [1 << node for node in range(len(sets))]
    for node, own in enumerate(sets):
        planes: list[int] = []
        for word in own - core:
            add_to_counters(planes, masks.get(word, 0))
        by_needed: dict[int, int] = {}
        for size, mask in by_size.items():
            needed = least(len(own), size)
            by_needed[needed] = by_needed.get(needed, 0) | mask
        alike = sum(counters_at_least(planes, needed, mask) for needed, mask in by_needed.items())  # disjoint masks
        while alike:  # join the cluster of one set alike, then skip the rest of that cluster
            root, other = _root(parent, node), _root(parent, (alike & -alike).bit_length() - 1)
            parent[other] = root
            members[root] |= members[other]
            alike &= ~members[root]
        for word in own - core:
            masks[word] = masks.get(word, 0) | 1 << node
        by_size[len(own)] = by_size.get(len(own), 0) | 1 << node
    return [_root(parent, node) for node in nodes]


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = node = parent[parent[node]]
    return node


@rule(
    "SOPAP-C03", "sop-mirip", Severity.INFO, tag="CP", scope=CATALOGUE,
    clause="Praktik umum (bahan bimbingan teknis KemenPAN-RB): kegiatan yang sama akan memiliki SOP yang sama.",
    langkah_minimal=4,
    kemiripan_minimal=0.5,
)
def sop_mirip(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Tidak ada dua SOP yang menguraikan urutan kegiatan yang sama.

    Yang dibandingkan: SOP dengan sedikitnya ``langkah_minimal`` langkah yang
    langkah-langkahnya diawali kata kerja yang sama dalam urutan yang sama, dan
    yang proporsi kata yang sama dalam uraian kegiatannya sedikitnya
    ``kemiripan_minimal``. Mengapa: kegiatan yang sama seharusnya mempunyai
    satu SOP; salinan lambat laun menyimpang dari aslinya. Perbaikan:
    pertahankan satu SOP (dan tautkan ke SOP itu), atau tampakkan perbedaannya.

    Contoh yang lolos::

        kecamatan/surat-masuk:
          langkah:
            - {kegiatan: Menerima surat masuk, pelaksana: petugas}
            - {kegiatan: Mencatat surat masuk dalam agenda, pelaksana: petugas}
            - {kegiatan: Mendisposisikan surat masuk, pelaksana: Camat}
            - {kegiatan: Menindaklanjuti disposisi, pelaksana: Kasi Pemerintahan}
        kecamatan/surat-keluar:
          nama: Pengiriman Surat Keluar
          langkah:
            - {kegiatan: Menyusun konsep surat keluar, pelaksana: Kasi Pemerintahan}
            - {kegiatan: Memeriksa konsep surat keluar, pelaksana: Camat}
            - {kegiatan: Menandatangani surat keluar, pelaksana: Camat}
            - {kegiatan: Mengirim surat keluar, pelaksana: petugas}

    Contoh yang gagal::

        kecamatan/surat-masuk:
          langkah:
            - {kegiatan: Menerima surat masuk, pelaksana: petugas}
            - {kegiatan: Mencatat surat masuk dalam agenda, pelaksana: petugas}
            - {kegiatan: Mendisposisikan surat masuk, pelaksana: Camat}
            - {kegiatan: Menindaklanjuti disposisi, pelaksana: Kasi Pemerintahan}
        kecamatan/surat-masuk-kelurahan:
          nama: Penerimaan Surat Masuk Kelurahan
          langkah:
            - {kegiatan: Menerima surat masuk dari kelurahan, pelaksana: petugas}
            - {kegiatan: Mencatat surat masuk dalam agenda, pelaksana: petugas}
            - {kegiatan: Mendisposisikan surat masuk, pelaksana: Camat}
            - {kegiatan: Menindaklanjuti disposisi Camat, pelaksana: Kasi Pemerintahan}
    """
    minimum, threshold = context.options["langkah_minimal"], context.options["kemiripan_minimal"]
    groups: dict[tuple[str, ...], list[Sop]] = {}
    for sop in catalogue.sops.values():
        if len(sop.langkah) >= minimum:
            groups.setdefault(_verbs(sop), []).append(sop)
    for sops in groups.values():
        if len(sops) < 2:
            continue  # most SOPs: no other starts its steps with the same verbs, so no text is read
        variants: dict[tuple[str, ...], list[Sop]] = {}
        for sop in sops:
            variants.setdefault(_text(sop), []).append(sop)
        for cluster in _clusters(variants, threshold):
            yield from _report(cluster)


def _report(cluster: list[Sop]) -> Iterator[Finding]:
    if len(cluster) < 2:
        return
    for sop in cluster:
        yield sop.key_locations.get("langkah", sop.location), (
            f"urutan kegiatan SOP ini sama dengan {name_others(sop, cluster)}"
        )
