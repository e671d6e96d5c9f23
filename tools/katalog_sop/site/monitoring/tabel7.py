"""Pages stage, monitoring: Tabel 7 "Monitoring Pelaksanaan SOP AP" as the Lampiran of PermenPANRB 35/2012 lays it out.

The title, then the round's frame (instansi, unit kerja, tanggal, penilai,
metode), then the table with the form's six numbered columns:
(1) No. | (2) Prosedur | (3) Penilaian Terhadap Penerapan, in two
sub-columns "Berjalan dengan baik" / "Tidak berjalan dengan baik" | (4)
Catatan Hasil Penilaian | (5) Tindakan yang Harus Diambil | (6) Paraf Penilai
(an empty box: the penilai initials the printed sheet), and a signature
block under it.

The form knows two values; some agencies (BPS) add "berjalan kurang baik".
Such a result is not "berjalan dengan baik", so it is ticked in the
"Tidak berjalan dengan baik" column with the words "kurang baik" beside the
mark: the printed sheet keeps the form's two columns and loses nothing. A
row not yet assessed leaves both empty.

The same block is a filled round or the blank form a penilai takes into the
field (every SOP of the unit, empty cells, dotted lines for the frame).
Shown on screen and printed alone on A4 landscape by the print CSS
(``katalog-sop.css``), with no JavaScript. Pure; every value is escaped here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from katalog_sop.monitoring.model import BERJALAN_BAIK, KURANG_BAIK, METODE, TIDAK_BERJALAN_BAIK, Penilai
from katalog_sop.site.markup import esc
from katalog_sop.tanggal import format_tanggal

TITLE = "MONITORING PELAKSANAAN SOP AP"
MARK = "✓"
BLANK = '<span class="sop-tabel7-titik"></span>'
"""A dotted line to write on, in the blank form's frame."""


@dataclass(frozen=True)
class Kepala:
    """The frame of one sheet; ``tanggal`` ``None`` and an empty ``penilai``: the blank form."""

    instansi: str
    unit: str
    tanggal: dt.date | None = None
    penilai: Penilai = Penilai()
    metode: tuple[str, ...] = ()


@dataclass(frozen=True)
class Baris:
    """One row: the SOP (its name, nomor, and a link to its page, escaped for an attribute) and the result."""

    prosedur: str
    nomor: str = ""
    href: str | None = None
    penilaian: str | None = None
    catatan: str = ""
    tindakan: str = ""


def tabel7(kepala: Kepala, rows: Sequence[Baris], blank: bool = False) -> str:
    """The whole sheet as one HTML block (one line: Markdown passes it through)."""
    body = "".join(_row(number, row) for number, row in enumerate(rows, start=1))
    if not rows:
        body = '<tr><td colspan="7" class="sop-kosong">Tidak ada SOP pada lembar ini.</td></tr>'
    return (
        '<div class="sop-tabel7" data-search-exclude="">'
        f'<p class="sop-tabel7-judul">{TITLE}</p>'
        f'<table class="sop-tabel7-kepala"><tbody>{_frame(kepala, blank)}</tbody></table>'
        f'<table class="sop-tabel7-isi">{_colgroup()}{_head()}<tbody>{body}</tbody></table>'
        f"{_signature(kepala, blank)}</div>"
    )


def _frame(kepala: Kepala, blank: bool) -> str:
    penilai = ", ".join(esc(v) for v in (kepala.penilai.jabatan, kepala.penilai.nama) if v)
    if kepala.penilai.nip:
        penilai += f" (NIP. {esc(kepala.penilai.nip)})"
    if blank:
        metode = " ".join(f'<span class="sop-tabel7-pilih">☐ {esc(label)}</span>' for label in METODE.values())
    else:
        metode = "; ".join(esc(METODE.get(m, m)) for m in kepala.metode)
    rows = [
        ("Instansi", esc(kepala.instansi)),
        ("Unit Kerja", esc(kepala.unit)),
        ("Tanggal Monitoring", esc(format_tanggal(kepala.tanggal)) if kepala.tanggal else ""),
        ("Penilai", penilai),
        ("Metode Monitoring", metode),
    ]
    return "".join(f'<tr><th scope="row">{label}</th><td>{value or (BLANK if blank else "–")}</td></tr>'
                   for label, value in rows)


def _colgroup() -> str:
    names = ("no", "prosedur", "baik", "tidak", "catatan", "tindakan", "paraf")
    return "<colgroup>" + "".join(f'<col class="sop-tabel7-{name}" />' for name in names) + "</colgroup>"


def _head() -> str:
    return (
        "<thead>"
        '<tr><th scope="col" rowspan="2">No.</th><th scope="col" rowspan="2">Prosedur</th>'
        '<th scope="colgroup" colspan="2">Penilaian Terhadap Penerapan</th>'
        '<th scope="col" rowspan="2">Catatan Hasil Penilaian</th>'
        '<th scope="col" rowspan="2">Tindakan yang Harus Diambil</th><th scope="col" rowspan="2">Paraf Penilai</th></tr>'
        '<tr><th scope="col">Berjalan dengan baik</th><th scope="col">Tidak berjalan dengan baik</th></tr>'
        '<tr class="sop-tabel7-nomor"><td>(1)</td><td>(2)</td><td colspan="2">(3)</td><td>(4)</td><td>(5)</td><td>(6)</td></tr>'
        "</thead>"
    )


def marks(penilaian: str | None) -> tuple[str, str]:
    """The two cells of column (3) for a result: a tick in the right one; "kurang baik" ticked on the right, said."""
    tick = f'<span class="sop-tabel7-centang">{MARK}</span>'
    if penilaian == BERJALAN_BAIK:
        return tick, ""
    if penilaian == TIDAK_BERJALAN_BAIK:
        return "", tick
    if penilaian == KURANG_BAIK:
        return "", f'{tick} <span class="sop-tabel7-kurang">kurang baik</span>'
    return "", ""


def _row(number: int, row: Baris) -> str:
    name = f'<a href="{row.href}">{esc(row.prosedur)}</a>' if row.href else esc(row.prosedur)
    if row.nomor:
        name += f'<br><span class="sop-tabel7-nomor-sop">{esc(row.nomor)}</span>'
    good, bad = marks(row.penilaian)
    return (f'<tr><td class="sop-tabel7-angka">{number}</td><td>{name}</td>'
            f'<td class="sop-tabel7-tanda">{good}</td><td class="sop-tabel7-tanda">{bad}</td>'
            f"<td>{esc(row.catatan)}</td><td>{esc(row.tindakan)}</td><td></td></tr>")


def _signature(kepala: Kepala, blank: bool) -> str:
    """Under the table, right: the date, "Penilai,", the jabatan, room to sign, the name and NIP."""
    if blank:
        short = '<span class="sop-tabel7-titik sop-tabel7-pendek"></span>'
        lines = [f"Tanggal {short}", "Penilai,", BLANK, '<span class="sop-tabel7-ruang"></span>', BLANK, f"NIP. {short}"]
    else:
        when = esc(format_tanggal(kepala.tanggal)) if kepala.tanggal else ""
        nama = f"<strong>{esc(kepala.penilai.nama)}</strong>" if kepala.penilai.nama else BLANK
        lines = [when, "Penilai,", esc(kepala.penilai.jabatan), '<span class="sop-tabel7-ruang"></span>', nama,
                 f"NIP. {esc(kepala.penilai.nip)}" if kepala.penilai.nip else ""]
    return '<div class="sop-tabel7-ttd">' + "".join(f"<div>{line}</div>" for line in lines) + "</div>"
