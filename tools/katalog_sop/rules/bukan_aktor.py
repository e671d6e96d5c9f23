"""A pelaksana column that is not an actor: a system, a facility, a medium.

The form's pelaksana are "pelaku (aktor) kegiatan". Real sheets draw columns
for "Sistem GS" or "Sarana Pelayanan": a tool someone uses, whose steps are
done by an official the sheet does not name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.pelaksana import ACTOR_CLAUSE

_THING = re.compile(
    r"\W*(?:sistem|aplikasi|sarana|prasarana|portal|website|web|situs|e-?mail|surel|server|database|basis data|"
    r"media|dokumen|formulir|printer|komputer|mesin|jaringan)\b",
    re.IGNORECASE,
)


@rule("SOPAP-P05", "pelaksana-bukan-jabatan", Severity.WARNING, tag="N", clause=ACTOR_CLAUSE)
def pelaksana_bukan_jabatan(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap kolom pelaksana adalah pelaku (jabatan atau unit), bukan sistem, aplikasi, atau sarana.

    Mengapa: pelaksana adalah pelaku (aktor) kegiatan. Kolom "Sistem GS" atau
    "Sarana Pelayanan" menyembunyikan siapa yang sebenarnya bertindak melalui
    sistem atau sarana itu. Perbaikan: gambarkan langkahnya di kolom pejabat
    yang mengoperasikannya, dan sebutkan sistemnya pada uraian atau
    kelengkapan.

    Contoh yang lolos::

        pelaksana:
          - {id: petugas, nama: Petugas Pelayanan}
          - Kasi Pemerintahan
          - Camat

    Contoh yang gagal::

        pelaksana:
          - {id: petugas, nama: Aplikasi Pelayanan}
          - Kasi Pemerintahan
          - Camat
    """
    for pelaksana in sop.pelaksana:
        if _THING.match(pelaksana.nama):
            yield pelaksana.location, (
                f"pelaksana '{pelaksana.nama}' adalah sistem atau sarana, bukan pelaku; gambarkan langkahnya di kolom "
                "pejabat yang mengoperasikannya"
            )
