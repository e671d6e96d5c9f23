"""The kategori of an SOP is one of the agency's own, where the configuration lists them.

``kategori`` groups SOPs by the kind of work for the catalogue's Indeks
Kategori; the SOP AP form has no such item, so each agency keeps its own list
(``kategori`` in :mod:`katalog_sop.config`). A name outside that list makes a
kategori page of its own, which nobody looks for: this rule says so, with
the listed name it most likely means. Without a list any name is accepted
and the rule finds nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

SHOWN = 8
"""Listed names a message shows at most, where it has no single suggestion."""


def tidy(name: str) -> str:
    """A kategori as compared: spacing collapsed (the configuration tidies its list the same way)."""
    return " ".join(name.split())


def closest(name: str, listed: Sequence[str]) -> str | None:
    """The listed name ``name`` most likely means: the same but for case, else the nearest spelling."""
    folded = {item.casefold(): item for item in listed}
    if name.casefold() in folded:
        return folded[name.casefold()]
    hint = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.7)
    return folded[hint[0]] if hint else None


@rule(
    "SOPAP-I14", "kategori-di-luar-daftar", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": instansi mengelompokkan SOP-nya menurut jenis pekerjaan dengan daftar kategorinya sendiri; "
    "formulir SOP AP tidak memuat kategori.",
    kategori=(),
)
def kategori_di_luar_daftar(sop: Sop, context: Context) -> Iterator[Finding]:
    """Kategori SOP adalah salah satu nama pada daftar kategori instansi (``kategori`` pada konfigurasi).

    Opsi ``kategori`` memuat daftar dari konfigurasi; opsi ini diisi dari
    ``kategori`` dan tidak ditulis secara manual. Tanpa daftar, kategori apa
    pun diterima.

    Mengapa: kategori dipakai untuk menelusuri katalog (Indeks Kategori).
    Nama yang tidak ada pada daftar, misalnya salah ketik, membuat kategori
    baru yang hanya berisi SOP itu, sehingga SOP tersebut tidak ditemukan di
    kategori yang dicari pembaca. Perbaikan: tulis kategori persis seperti
    pada daftar, atau tambahkan kategori baru ke daftar bila instansi memang
    menetapkannya.

    Opsi contoh::

        kategori: [Kepegawaian, Keuangan, Layanan]

    Contoh yang lolos::

        kategori: Layanan

    Contoh yang gagal::

        kategori: Pelayanan
    """
    listed = tuple(context.options["kategori"])
    if not listed or sop.kategori is None:
        return
    name = tidy(sop.kategori.value)
    if name in listed:
        return
    hint = closest(name, listed)
    if hint is not None:
        advice = f"mungkin maksudnya '{hint}'"
    else:
        more = ", …" if len(listed) > SHOWN else ""
        advice = f"pilih salah satu dari: {', '.join(listed[:SHOWN])}{more}"
    yield sop.kategori.location, f"kategori '{name}' tidak ada dalam daftar kategori instansi; {advice}"
