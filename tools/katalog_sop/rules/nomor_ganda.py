"""Catalogue-wide: one nomor, one SOP, within an agency.

The Nomor SOP follows the tata naskah dinas of the SKPD/Unit Kerja: it is how
a letter, a decree or another SOP names this SOP. Two SOPs of one agency with
one number make every such reference ambiguous. Agencies number on their
own, so the same number in two agencies is fine.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule


def agency(sop: Sop) -> tuple[str, str]:
    """(instansi, unit) in lower case; the SOP's folder stands in for a missing instansi."""
    instansi = sop.instansi.value if sop.instansi else sop.id.rpartition("/")[0]
    unit = sop.unit.value if sop.unit else ""
    return " ".join(instansi.lower().split()), " ".join(unit.lower().split())


@rule(
    "SOPAP-C01", "nomor-ganda", Severity.ERROR, tag="N", scope=CATALOGUE,
    clause="Nomor SOP: nomor prosedur yang di-SOP-kan, sesuai dengan tata naskah dinas yang berlaku di SKPD/Unit Kerja.",
)
def nomor_ganda(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Tidak ada dua SOP dari satu instansi (instansi dan unit) yang memakai nomor yang sama.

    Mengapa: nomor mengidentifikasi SOP dalam arsip instansi; nomor ganda
    membuat setiap rujukan kepadanya bermakna ganda. Perbaikan: beri salah
    satunya nomor berikutnya yang masih kosong dalam register penomoran
    instansi.

    Contoh yang lolos::

        kecamatan/surat-masuk:
          nomor: "045/12/KEC-X/2025"
        kecamatan/surat-keluar:
          nama: Pengiriman Surat Keluar
          nomor: "045/13/KEC-X/2025"

    Contoh yang gagal::

        kecamatan/surat-masuk:
          nomor: "045/12/KEC-X/2025"
        kecamatan/surat-keluar:
          nama: Pengiriman Surat Keluar
          nomor: "045/12/KEC-X/2025"
    """
    by_number: dict[tuple, list[Sop]] = {}
    for sop in catalogue.sops.values():
        if sop.nomor is not None:
            key = (agency(sop), "".join(sop.nomor.value.lower().split()))
            by_number.setdefault(key, []).append(sop)
    for sops in by_number.values():
        for sop in sops if len(sops) > 1 else ():
            yield sop.nomor.location, (
                f"nomor SOP '{sop.nomor.value}' juga dipakai oleh {name_others(sop, sops)} di instansi yang sama"
            )


def name_others(sop: Sop, group: list[Sop], shown: int = 3) -> str:
    """The ids of the group's other SOPs, at most ``shown`` of them, then "dan N lainnya"."""
    others = [other.id for other in group[: shown + 1] if other is not sop][:shown]
    rest = len(group) - 1 - len(others)
    return ", ".join(others) + (f" dan {rest} lainnya" if rest else "")
