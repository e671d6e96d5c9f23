"""Dasar hukum: each citation readable, titled as the regulation is titled, in force; the SOP guideline cited.

Citations follow the drafting form "<jenis> Nomor <nomor> Tahun <tahun>
tentang <judul>" (with Lembaran/Berita Negara references after it). Titles
and status are checked against the curated registry in ``data/peraturan.yaml``;
a regulation missing from the registry is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop, Text
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, per_sop, rule
from katalog_sop.dasar_hukum import Kutipan, normalise_title, parse_kutipan, single_letters
from katalog_sop.rules.peraturan import DICABUT, REGISTRY, pencabut


@per_sop
def kutipan(sop: Sop) -> tuple[tuple[Text, Kutipan], ...]:
    """Each legal basis with its parsed parts, read once per SOP for the D rules."""
    return tuple((text, parse_kutipan(text.value)) for text in sop.dasar_hukum)


CITATION_FORM = PRAKTIK_UMUM + ": dasar hukum ditulis '<jenis peraturan> Nomor <nomor> Tahun <tahun> tentang <judul>'."


@rule("SOPAP-D01", "kutipan-tak-terbaca", Severity.WARNING, tag="CP", clause=CITATION_FORM)
def kutipan_tak_terbaca(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap dasar hukum menyebutkan jenis, nomor, tahun, dan tentang (judul) peraturannya.

    Mengapa: kutipan yang tidak memuat salah satunya tidak dapat ditemukan,
    diperiksa, atau ditautkan. Perbaikan: tulis secara lengkap, sebagaimana
    tertulis pada halaman judul peraturan itu sendiri.

    Contoh yang lolos::

        dasar_hukum:
          - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Undang-Undang tentang Pelayanan Publik
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    for text, cited in kutipan(sop):
        if two_in_one(text.value):
            continue  # SOPAP-D07 says what is wrong: two regulations in one item
        parts = {"jenis peraturan": cited.jenis, "nomor": cited.nomor, "tahun": cited.tahun, "tentang": cited.tentang}
        missing = [name for name, value in parts.items() if value is None]
        if missing:
            yield text.location, f"dasar hukum tanpa {', '.join(missing)}: '{text.value}'"


_SECOND = re.compile(
    r"\b(?:dan|serta)\s+(?:(?:peraturan|perda|perbup|perwal|pergub|permen\w*|pp|uu|undang-undang)\s+(?:\S+\s+){0,4}?)?"
    r"(?:nomor|no\.?)\s*\S+\s+tahun\s+\d{4}\b",
    re.IGNORECASE,
)
"""A second number and year joined by "dan" ("Nomor 1 tahun 2009 dan nomor 3 tahun 2002"), outside an amendment chain."""
_CHAIN = re.compile(r"\b(?:jo\.?|juncto|sebagaimana|sebagai mana|diubah|perubahan)\b", re.IGNORECASE)


def two_in_one(text: str) -> bool:
    """Whether the item cites two regulations side by side (an amendment chain, "jo." or "sebagaimana diubah", is one)."""
    second = _SECOND.search(text)
    return second is not None and not _CHAIN.search(text, 0, second.start())


@rule(
    "SOPAP-D07", "dua-peraturan-satu-butir", Severity.WARNING, tag="CP", clause=CITATION_FORM,
)
def dua_peraturan_satu_butir(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap butir dasar hukum mengutip satu peraturan (beserta perubahannya).

    Mengapa: "Peraturan Kepala BPS Nomor 1 tahun 2009 dan nomor 3 tahun 2002
    tentang ..." memberi dua peraturan satu judul; judul salah satunya pasti
    keliru, dan keduanya tidak dapat diperiksa atau ditautkan. Rantai
    perubahan ("... jo. ...", "sebagaimana telah diubah dengan ...") tetap
    satu butir. Perbaikan: tulis setiap peraturan sebagai butir tersendiri
    dengan judulnya.

    Contoh yang lolos::

        dasar_hukum:
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 dan Nomor 12 Tahun 2011 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    for text, _ in kutipan(sop):
        if two_in_one(text.value):
            yield text.location, f"butir ini mengutip dua peraturan sekaligus: '{text.value}'; tulis masing-masing sebagai butir"


@rule(
    "SOPAP-D02", "judul-peraturan", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": judul peraturan dikutip sesuai judul resminya.",
)
def judul_peraturan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Judul peraturan yang dikutip sama dengan judul resminya (untuk peraturan dalam daftar peraturan).

    Mengapa: judul yang keliru ("Pemerintah Daerah" untuk UU 23/2014
    "Pemerintahan Daerah") menandakan kutipan ditulis berdasarkan ingatan;
    pembaca tidak dapat memastikan peraturan mana yang dimaksud. Perbedaan
    huruf besar/kecil, spasi, dan tanda baca diabaikan. Perbaikan: salin judul
    dari naskah peraturannya.

    Contoh yang lolos::

        dasar_hukum:
          - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintah Daerah
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    for text, cited in kutipan(sop):
        known = REGISTRY.get(cited.key) if cited.key else None
        if known and known.judul_kunci and cited.tentang and not same_title(cited.tentang, known.judul_kunci):
            yield text.location, f"judul tertulis '{cited.tentang}'; judul resminya '{known.judul}'"


def same_title(cited: str, official: str) -> bool:
    """Whether the cited title is the official one (``official`` as :func:`normalise_title` gives it).

    Two tolerances keep an auditor's attention on wrong titles: a doubled
    letter written single or the other way round ("Penyelengaraan") is a slip
    of the pen, not another regulation; and a name spelt out before its
    acronym ("Sistem Aplikasi Keuangan Tingkat Instansi (SAKTI)") meets a
    title the database writes with the acronym alone ("Sistem SAKTI").
    A missing or different word ("Pemerintah Daerah" for "Pemerintahan
    Daerah") is always reported.
    """
    written = normalise_title(cited)
    if written == official or single_letters(written) == single_letters(official):
        return True
    for match in _ACRONYM.finditer(cited):
        words = cited[: match.start()].split()
        for count in range(1, min(len(words), len(match.group(1)) + 2) + 1):
            shortened = " ".join(words[:-count] + [match.group(1)]) + cited[match.end():]
            if normalise_title(shortened) == official:
                return True
    return False


_ACRONYM = re.compile(r"\s*\(([A-Z]{2,})\)")


@rule(
    "SOPAP-D03", "peraturan-dicabut", Severity.WARNING, tag="CP",
    clause=PRAKTIK_UMUM + ": dasar hukum adalah peraturan yang masih berlaku.",
)
def peraturan_dicabut(sop: Sop, context: Context) -> Iterator[Finding]:
    """Tidak ada dasar hukum berupa peraturan yang telah dicabut (menurut daftar peraturan).

    Mengapa: peraturan yang telah dicabut tidak dapat menjadi dasar suatu
    prosedur; SOP mungkin mengikuti ketentuan yang sudah berubah. Perbaikan:
    kutip peraturan penggantinya, dan periksa kesesuaian prosedur dengan
    peraturan tersebut.

    Contoh yang lolos::

        dasar_hukum:
          - Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan

    Contoh yang gagal::

        dasar_hukum:
          - Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara
          - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
    """
    for text, cited in kutipan(sop):
        known = REGISTRY.get(cited.key) if cited.key else None
        if known and known.status == DICABUT:
            yield text.location, f"peraturan ini telah dicabut oleh {pencabut(known, REGISTRY)} (sumber: {known.sumber[-1]})"
