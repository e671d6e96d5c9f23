"""The official who enacted the SOP against the officials who approve in its steps.

Item 6 of the identity block asks for the enacting official "yang berwenang";
the SOP then commands every pelaksana in its sheet. When a step has an
official approve or sign who stands above the one who enacted the SOP (a
Sekretaris Dinas enacting an SOP in which the Kepala Dinas signs), the SOP
sets duties for its enactor's superior: the auditor asks who really enacted
it. Ranks are read from the structural titles of Indonesian government
(Kepala Seksi < Kepala Bidang / Sekretaris < Kepala Dinas / Camat < Bupati);
a title the table does not know is never compared. An elected official who
signs in a step (the Bupati signing a Perbup) is the outside act the
procedure leads to, not a duty the SOP sets, and is not compared either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import KEPUTUSAN, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import PRAKTIK_UMUM, Context, Finding, rule

_APPROVES = re.compile(
    r"\W*(?:melakukan\s+|memberikan\s+)?(?:pengesahan|mengesahkan|menyetujui|persetujuan|menandatangani|"
    r"penandatanganan|menetapkan|penetapan)\b",
    re.IGNORECASE,
)
_ASKS_APPROVAL = re.compile(r"\W*(?:apakah\s+)?(?:di)?(?:setuju|sahkan|sah)\b", re.IGNORECASE)

_RANKS = (
    # (rank, pattern on the title's start): the first that matches gives the rank; order matters
    (4, r"(?:wakil\s+)?(?:presiden|menteri|gubernur|bupati|wali\s?kota|kepala\s+daerah)\b"),
    (1, r"(?:kepala\s+(?:sub\s?-?\s?bagian|sub\s?-?\s?bidang|seksi|urusan)|kasu?bb?a?g|kasubbid|kasi|kaur)\b"),
    (2, r"(?:inspektur\s+pembantu|irban|kepala\s+(?:bidang|bagian)|kabid|kabag|sekretaris\s+(?:dinas|badan|"
        r"kecamatan|camat|inspektorat)|sekdis|sekban|sekcam|lurah)\b"),
    (3, r"(?:sekretaris\s+daerah|sekda|kepala\s+(?:dinas|badan|kantor|opd|skpd|perangkat\s+daerah|puskesmas|"
        r"bps|satuan|pelaksana)|kadis|kaban|camat|inspektur|direktur)\b"),
    (2, r"sekretaris\b"),  # a Sekretaris with no organisation named is the Sekretaris of the SKPD
    (3, r"(?:kepala|pimpinan)\s*\Z"),  # "Kepala" alone heads the agency whose SOP it is
)
_RANK_PATTERNS = tuple((rank, re.compile(r"\W*(?:(?:plt|plh|pj)\.?\s+)?" + pattern, re.IGNORECASE))
                       for rank, pattern in _RANKS)
_ELECTED = 4

_NAMES = {1: "setingkat kepala seksi", 2: "setingkat kepala bidang", 3: "pimpinan instansi", 4: "kepala daerah"}

CLAUSE = (
    PRAKTIK_UMUM + ": SOP AP disahkan oleh pejabat yang berwenang pada SKPD/unit kerja, yaitu pejabat yang membawahi "
    "seluruh pelaksananya."
)


def rank(title: str) -> int | None:
    """The structural rank of an official's title (1 Kepala Seksi … 4 Bupati), or ``None`` when unknown."""
    for level, pattern in _RANK_PATTERNS:
        if pattern.match(title):
            return level
    return None


@rule("SOPAP-I13", "pengesah-di-bawah-penyetuju", Severity.WARNING, tag="CP", clause=CLAUSE)
def pengesah_di_bawah_penyetuju(sop: Sop, context: Context) -> Iterator[Finding]:
    """Pejabat yang mengesahkan SOP tidak berada di bawah pejabat yang menyetujui dalam langkahnya.

    Memeriksa langkah yang menyetujui, mengesahkan, menandatangani atau
    menetapkan (dan keputusan "Setuju?") terhadap jabatan pada ``disahkan_oleh``.
    Jabatan dibandingkan menurut jenjang struktural (kepala seksi, kepala
    bidang atau sekretaris, pimpinan instansi, kepala daerah); jabatan yang
    tidak dikenal tidak dinilai, dan kepala daerah yang menandatangani dalam
    langkah tidak dinilai.
    Mengapa: SOP yang disahkan Sekretaris Dinas tetapi langkahnya ditandatangani
    Kepala Dinas menetapkan tugas atasan pengesahnya; pengesahan semestinya
    oleh pejabat yang membawahi seluruh pelaksana. Perbaikan: mintakan
    pengesahan kepada pejabat itu, atau perbaiki ``disahkan_oleh`` bila salah
    salin.

    Contoh yang lolos::

        disahkan_oleh:
          jabatan: Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002

    Contoh yang gagal::

        disahkan_oleh:
          jabatan: Sekretaris Camat Contoh
          nama: Drs. BUDI SANTOSO, M.Si
          nip: 19700101 199003 1 002
    """
    signed = sop.disahkan_oleh
    jabatan = signed.jabatan if signed is not None else None
    own = rank(jabatan.value) if jabatan is not None else None
    if own is None:
        return
    names = {p.id: p.nama for p in sop.pelaksana}
    above: dict[str, list[int]] = {}
    for step in sop.langkah:
        columns = list(step.pelaksana) if _APPROVES.match(step.kegiatan.value) else []
        columns += [s.pelaksana for s in step.simbol if s.bentuk == KEPUTUSAN and s.teks and s.pelaksana
                    and _ASKS_APPROVAL.match(s.teks)]
        for column in dict.fromkeys(columns):
            name = names.get(column)
            level = rank(name) if name else None
            if level is not None and own < level < _ELECTED:
                above.setdefault(name, []).append(step.nomor)
    for name, steps in above.items():
        where = ", ".join(str(n) for n in dict.fromkeys(steps))
        yield jabatan.location, (
            f"SOP disahkan oleh {jabatan.value} ({_NAMES[own]}), tetapi {name} ({_NAMES[rank(name)]}) menyetujui "
            f"atau menandatangani pada langkah {where}; pengesahan semestinya oleh pejabat yang membawahi "
            "seluruh pelaksana"
        )
