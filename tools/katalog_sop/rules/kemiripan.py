"""Catalogue-wide: near-duplicate SOPs, the same sequence of kegiatan under two names or agencies.

KemenPAN-RB's own training material: "kegiatan yang sama akan memiliki SOP yang
sama". Two SOPs whose steps start with the same verbs in the same order and
share most of their words are one procedure written twice (seeds 002 and 003
are one template used by two agencies): worth one SOP, or a reason.

Fast for thousands of SOPs: SOPs are grouped by their verb sequence first
(a dictionary, linear), and words are compared only inside a group, between
distinct texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule
from katalog_sop.rules.nomor_ganda import name_others

_WORD = re.compile(r"[a-z0-9]+")


def _verbs(sop: Sop) -> tuple[str, ...]:
    return tuple(step.kegiatan.value.split()[0].lower() for step in sop.langkah)


def _text(sop: Sop) -> tuple[str, ...]:
    return tuple(" ".join(step.kegiatan.value.lower().split()) for step in sop.langkah)


def _similar(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> bool:
    """Word overlap (Jaccard) of the two step lists at least ``threshold``."""
    words_a, words_b = set(_WORD.findall(" ".join(a))), set(_WORD.findall(" ".join(b)))
    return len(words_a & words_b) >= threshold * len(words_a | words_b)


def _clusters(variants: dict[tuple[str, ...], list[Sop]], threshold: float) -> list[list[Sop]]:
    """Variants (distinct texts) joined when similar; each cluster as its SOPs."""
    texts = list(variants)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(texts):
        for j in range(i + 1, len(texts)):
            if root(i) != root(j) and _similar(a, texts[j], threshold):
                parent[root(j)] = root(i)
    clusters: dict[int, list[Sop]] = {}
    for i, text in enumerate(texts):
        clusters.setdefault(root(i), []).extend(variants[text])
    return list(clusters.values())


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
    groups: dict[tuple[str, ...], dict[tuple[str, ...], list[Sop]]] = {}
    for sop in catalogue.sops.values():
        if len(sop.langkah) >= minimum:
            groups.setdefault(_verbs(sop), {}).setdefault(_text(sop), []).append(sop)
    for variants in groups.values():
        if sum(len(sops) for sops in variants.values()) < 2:
            continue
        for cluster in _clusters(variants, threshold):
            yield from _report(cluster)


def _report(cluster: list[Sop]) -> Iterator[Finding]:
    if len(cluster) < 2:
        return
    for sop in cluster:
        yield sop.key_locations.get("langkah", sop.location), (
            f"urutan kegiatan SOP ini sama dengan {name_others(sop, cluster)}"
        )
