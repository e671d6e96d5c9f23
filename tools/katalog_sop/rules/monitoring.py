"""Catalogue-wide, family E: is each SOP monitored and evaluated, and is a failing one followed up?

The Lampiran of PermenPANRB 35/2012 asks that SOP AP be monitored every six
months (Tabel 7) and evaluated; derivative guidelines (BPS, Kemensetneg)
evaluate at least once a year. The records are the catalogue's
``monitoring/`` files (see :mod:`katalog_sop.monitoring`). A catalogue that
keeps no such folder gets no finding from these rules: its records are kept
elsewhere, and the tool cannot know them. Every finding stands at the SOP,
where an auditor reads it; an SOP in force for less than the period is not
yet due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from katalog_sop.catalogue import Catalogue
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, Context, Finding, rule
from katalog_sop.rules.tinjauan import add_months
from katalog_sop.tanggal import format_tanggal

SETIAP_ENAM_BULAN = "Monitoring SOP AP dilaksanakan secara reguler setiap 6 (enam) bulan sekali (Lampiran, monitoring)."


def in_force_since(sop: Sop) -> dt.date | None:
    """The date an SOP took effect: tanggal efektif, else tanggal pembuatan; ``None`` without either."""
    for tanggal in (sop.tanggal_efektif, sop.tanggal_pembuatan):
        if tanggal is not None and tanggal.date is not None:
            return tanggal.date
    return None


def last_revised(sop: Sop) -> dt.date | None:
    """The SOP's latest revision date (tanggal revisi, or an entry of ``revisi``)."""
    dates = [t.date for t in (sop.tanggal_revisi, *(r.tanggal for r in sop.revisi)) if t is not None and t.date]
    return max(dates) if dates else None


def due(sop: Sop, months: int, today: dt.date) -> bool:
    """Whether an SOP never monitored (or evaluated) is due: in force for longer than ``months``."""
    since = in_force_since(sop)
    return since is None or add_months(since, months) < today


def overdue(pairs: list, months: int, today: dt.date):
    """The newest ``(record, row)`` of ``pairs`` (newest first) when it is more than ``months`` old; else ``None``."""
    if pairs and add_months(pairs[0][0].tanggal, months) < today:
        return pairs[0]
    return None


def place(location) -> str:
    return f"{location.path}:{location.line}"


@rule(
    "SOPAP-E01", "belum-dimonitor", Severity.WARNING, tag="N", scope=CATALOGUE, clause=SETIAP_ENAM_BULAN,
    periode_bulan=6,
)
def belum_dimonitor(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Setiap SOP yang berlaku lebih dari ``periode_bulan`` bulan (6) pernah dimonitor.

    Dihitung dari catatan monitoring katalog (folder ``monitoring/``): SOP
    dianggap dimonitor bila satu putaran Tabel 7 memberinya penilaian.
    Katalog tanpa folder itu tidak diperiksa.

    Mengapa: peraturan meminta penerapan SOP AP dimonitor setiap enam
    bulan; SOP yang tidak pernah dimonitor tidak diketahui apakah dijalankan.
    Perbaikan: monitor penerapannya dan catat hasilnya
    (``sop monitoring new <unit>`` menyiapkan berkasnya).

    Contoh yang lolos::

        kecamatan/contoh:
          tanggal_efektif: 6 Januari 2024
        monitoring/kecamatan/2025-05:
          jenis: monitoring
          tanggal: 20 Mei 2025
          hasil:
            - {sop: contoh, penilaian: berjalan_baik}

    Contoh yang gagal::

        kecamatan/contoh:
          tanggal_efektif: 6 Januari 2024
        monitoring/kecamatan/2025-05:
          jenis: monitoring
          tanggal: 20 Mei 2025
          hasil:
            - {sop: contoh}
    """
    records, months = catalogue.monitoring, context.options["periode_bulan"]
    if records is None:
        return
    for sop in catalogue.sops.values():
        if not records.assessed(sop.id) and due(sop, months, context.today):
            since = in_force_since(sop)
            when = f"berlaku sejak {format_tanggal(since)}" if since else "tanpa tanggal efektif"
            yield sop.location, (f"SOP belum pernah dimonitor ({when}); monitoring dilakukan setiap {months} bulan: "
                                 "catat hasilnya di folder monitoring unitnya")


@rule(
    "SOPAP-E02", "monitoring-terlambat", Severity.WARNING, tag="N", scope=CATALOGUE, clause=SETIAP_ENAM_BULAN,
    periode_bulan=6,
)
def monitoring_terlambat(catalogue: Catalogue, context: Context) -> Iterator[Finding]:
    """Monitoring terakhir sebuah SOP paling lama ``periode_bulan`` bulan (6) sebelum hari ini.

    Mengapa: monitoring yang berhenti tidak lagi menunjukkan apakah SOP
    masih dijalankan. Perbaikan: lakukan putaran monitoring berikutnya dan
    catat hasilnya.

    Contoh yang lolos::

        kecamatan/contoh: {}
        monitoring/kecamatan/2025-05:
          jenis: monitoring
          tanggal: 20 Mei 2025
          hasil:
            - {sop: contoh, penilaian: berjalan_baik}

    Contoh yang gagal::

        kecamatan/contoh: {}
        monitoring/kecamatan/2024-11:
          jenis: monitoring
          tanggal: 20 November 2024
          hasil:
            - {sop: contoh, penilaian: berjalan_baik}
    """
    records, months = catalogue.monitoring, context.options["periode_bulan"]
    if records is None:
        return
    for sop in catalogue.sops.values():
        if last := overdue(records.assessed(sop.id), months, context.today):
            putaran, hasil = last
            yield sop.location, (
                f"monitoring terakhir {format_tanggal(putaran.tanggal)} ({place(hasil.location)}), lebih dari {months} "
                f"bulan lalu; monitoring berikutnya jatuh tempo {format_tanggal(add_months(putaran.tanggal, months))}"
            )
