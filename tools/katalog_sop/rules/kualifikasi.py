"""Kualifikasi pelaksana: competences of the pelaksana, not a list of ranks, and of no one absent from the sheet.

The form asks for "kualifikasi pelaksana": what the officials who carry the
SOP out must know or be able to do. Real SOPs list ranks and units instead
("Eselon II", "Tim Kerja", "Instansi Terkait"), or the competence of an
official with no column ("Kepala UKPBJ mampu memimpin ..." where only the
Pokja and the Peserta act).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.kolom import column_of

CLAUSE = "Kualifikasi pelaksana: persyaratan kompetensi yang diperlukan pelaksana untuk melaksanakan SOP."

_ROLE_ONLY = re.compile(
    r"\W*(?:eselon|staf|tim|kepala|kasubb?ag|kasi|kabid|kabag|pejabat|petugas|operator|instansi|unit|bagian|bidang|"
    r"seksi|subbagian|ketua|anggota|koordinator|fungsional)\b",
    re.IGNORECASE,
)
_COMPETENCE = re.compile(
    r"\b(?:memiliki|mampu|memahami|mengetahui|menguasai|pendidikan|berpendidikan|dilatih|pelatihan|pengalaman|kemampuan|"
    r"keterampilan|sanggup|dapat|siap|bersikap|kompetensi|sertifikat|s1|d3|diii|sma|strata|yang|dengan)\b",
    re.IGNORECASE,
)
_OWNED = re.compile(r"\s*(?P<role>[^:;,.]{2,60}?)\s*(?::|\bmampu\b|\bharus\b|\bmemahami\b|\bmenguasai\b)", re.IGNORECASE)


def _is_title(role: str) -> bool:
    """A named official ("Kepala UKPBJ", "PA/KPA", "Tim Persiapan"): at most four words, each capitalised, and not a
    word anyone could be ("Pegawai", "Anggota tim") nor the start of a sentence ("Memahami dan ...")."""
    words = role.split()
    return (0 < len(words) <= 4 and all(word[:1].isupper() or not word[:1].isalpha() for word in words)
            and words[0].lower() not in _ANYONE)


_ANYONE = frozenset({"pegawai", "petugas", "pelaksana", "staf", "anggota", "semua", "seluruh", "setiap"})


@rule("SOPAP-B05", "kualifikasi-berisi-jabatan", Severity.WARNING, tag="U", clause=CLAUSE)
def kualifikasi_berisi_jabatan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Kualifikasi pelaksana menyebut kompetensi, bukan sekadar jabatan, eselon, atau unit.

    Mengapa: "Eselon II", "Tim Kerja", atau "Instansi Terkait" tidak
    menyatakan apa yang harus dikuasai pelaksana; auditor tidak dapat menilai
    apakah pejabat yang ditugaskan memenuhinya. Perbaikan: tulis kompetensinya
    ("Memahami ...", "Mampu ...", "Pendidikan minimal ...").

    Contoh yang lolos::

        kualifikasi_pelaksana: [Memahami tata naskah dinas, Mampu mengoperasikan komputer]

    Contoh yang gagal::

        kualifikasi_pelaksana: [Eselon III, Staf Pelaksana, Instansi Terkait]
    """
    roles = [item.value for item in sop.kualifikasi_pelaksana
             if _ROLE_ONLY.match(item.value) and not _COMPETENCE.search(item.value) and len(item.value.split()) <= 6]
    if roles:
        listed = "; ".join(f"'{role}'" for role in roles)
        yield sop.key_locations.get("kualifikasi_pelaksana", sop.location), (
            f"kualifikasi pelaksana berisi jabatan atau unit, bukan kompetensi: {listed}; tulis apa yang harus dikuasai"
        )


@rule("SOPAP-B06", "kualifikasi-bukan-pelaksana", Severity.WARNING, tag="U", clause=CLAUSE)
def kualifikasi_bukan_pelaksana(sop: Sop, context: Context) -> Iterator[Finding]:
    """Kualifikasi yang ditujukan kepada pejabat tertentu hanya menyebut pejabat yang menjadi pelaksana.

    Mengapa: "Kepala UKPBJ mampu memimpin ..." pada SOP yang tidak
    menggambarkan Kepala UKPBJ di kolom mana pun menuntut kompetensi dari
    pejabat yang tidak melakukan apa-apa dalam prosedur ini (atau langkahnya
    hilang dari lembar flowchart). Perbaikan: tambahkan langkah pejabat itu,
    atau hapus kualifikasinya.

    Contoh yang lolos::

        kualifikasi_pelaksana: ["Camat: mampu menilai kelengkapan berkas"]

    Contoh yang gagal::

        kualifikasi_pelaksana: ["Lurah: mampu menilai kelengkapan berkas"]
    """
    columns = {p.id: p.nama for p in sop.pelaksana}
    if not columns:
        return
    for item in sop.kualifikasi_pelaksana:
        owned = _OWNED.match(item.value)
        if owned is None or not _is_title(owned["role"]):
            continue
        role = owned["role"]
        if column_of(role, columns) is None:
            yield item.location, (
                f"kualifikasi ditujukan kepada '{role}', yang bukan pelaksana di lembar ini; "
                "tambahkan langkahnya atau hapus kualifikasi ini"
            )
