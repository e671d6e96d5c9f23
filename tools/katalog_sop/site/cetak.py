"""Pages stage, an SOP page's printed identity sheet: the SOP AP form as agencies sign it.

The screen shows the SOP as a web page (headings, lists, the step table);
paper shows the form: one identity sheet laid out as PermenPANRB 35/2012's
form and the signed documents lay it out, followed by the flowchart sheet's
own pages. This block is that identity sheet, hidden on screen and the only
part of the page's text printed (``katalog-sop.css``), so printing needs no
JavaScript and gives the same pages from every browser:

- the kop (the agency's logo where the SOP names one, left of instansi, unit
  and the letterhead's address) on the left, beside the rows Nomor SOP,
  Tanggal Pembuatan / Revisi / Efektif, Disahkan oleh (the official's
  jabatan, room to sign, nama and NIP) and Nama SOP;
- then the six sections two by two, as the form has them: Dasar Hukum |
  Kualifikasi Pelaksana, Keterkaitan | Peralatan/Perlengkapan, Peringatan |
  Pencatatan dan Pendataan (with Tujuan, Ruang Lingkup, Definisi above them,
  full width, where an SOP has them).

Labels are the form's, or the agency's own (:mod:`katalog_sop.formulir`).
Pure: text in, HTML out; every SOP value goes through ``esc`` (``attr`` in an attribute).
"""

from __future__ import annotations

from collections.abc import Mapping

from katalog_sop.build import SECTIONS
from katalog_sop.model import Pengesahan, Sop, Tanggal
from katalog_sop.site.markup import attr, esc
from katalog_sop.tanggal import format_tanggal

GRID = tuple(zip(SECTIONS[0::2], SECTIONS[1::2]))
"""The six sections as the form pairs them, left | right, top to bottom (the form's order, two by two)."""

EXTRA_SECTIONS = ("tujuan", "ruang_lingkup", "definisi")
"""Sections some agencies add before the form's six; shown (and printed) only where written."""


def print_form(sop: Sop, label: Mapping[str, str | None], logo: str | None = None) -> str:
    """The printed identity sheet of ``sop`` as one HTML block (on one line: Markdown passes it through).

    ``logo``: the link from the SOP's page to its logo, escaped for an attribute
    (:func:`katalog_sop.site.logo.logo_href`); ``None``: no logo is printed."""
    signers = [key for key in ("disusun_oleh", "diperiksa_oleh") if getattr(sop, key) is not None] + ["disahkan_oleh"]
    rows = [
        ("nomor", esc(sop.nomor.value) if sop.nomor else ""),
        ("tanggal_pembuatan", date_text(sop.tanggal_pembuatan)),
        ("tanggal_revisi", date_text(sop.tanggal_revisi)),
        ("tanggal_efektif", date_text(sop.tanggal_efektif)),
        *((key, _signature(getattr(sop, key))) for key in signers),
        ("nama", f"<strong>{esc(sop.nama.value)}</strong>"),
    ]
    identity = "".join(
        "<tr>" + (f'<td class="sop-cetak-kop" rowspan="{len(rows)}">{_kop(sop, logo)}</td>' if i == 0 else "")
        + f'<th scope="row">{esc(label[key])}</th><td{_signature_class(key)}>{value}</td></tr>'
        for i, (key, value) in enumerate(rows)
    )
    sections = "".join(
        f'<tr><th colspan="2" scope="colgroup">{esc(label[key])}</th></tr><tr><td colspan="2">{_list(getattr(sop, key))}</td></tr>'
        for key in EXTRA_SECTIONS if getattr(sop, key)
    )
    for left, right in GRID:
        sections += (
            f'<tr><th scope="col">{esc(label[left])}:</th><th scope="col">{esc(label[right])}:</th></tr>'
            f"<tr><td>{_list(getattr(sop, left))}</td><td>{_list(getattr(sop, right))}</td></tr>"
        )
    return (
        '<div class="sop-cetak" data-search-exclude="">'
        f'<table class="sop-cetak-identitas"><tbody>{identity}</tbody></table>'
        f'<table class="sop-cetak-bagian"><tbody>{sections}</tbody></table></div>'
    )


def kop_lines(sop: Sop) -> list[tuple[str, str]]:
    """The letterhead as written, line by line: (``instansi``/``unit``/``alamat``, plain text)."""
    lines = [(kind, v.value) for kind, v in (("instansi", sop.instansi), ("unit", sop.unit)) if v is not None]
    if sop.kop is not None:
        lines += [("alamat", v.value) for v in (sop.kop.alamat, sop.kop.email, sop.kop.situs_web) if v is not None]
    return lines


def _kop(sop: Sop, logo: str | None) -> str:
    """The logo (as signed kops have it, left of the names), then the letterhead's lines."""
    lines = "".join(f'<div class="sop-cetak-{kind}">{esc(text)}</div>' for kind, text in kop_lines(sop))
    if logo is None:
        return lines
    owner = sop.instansi.value if sop.instansi is not None else sop.unit.value if sop.unit is not None else ""
    alt = attr(f"Logo {owner}".rstrip())
    return (f'<div class="sop-cetak-berlogo"><img class="sop-cetak-logo" src="{logo}" alt="{alt}">'
            f'<div class="sop-cetak-kop-teks">{lines}</div></div>')


def date_text(value: Tanggal | None) -> str:
    """A date as the SOP gives it: read and written out ("2 Januari 2025"), else its raw text; escaped."""
    if value is None:
        return ""
    return esc(format_tanggal(value.date)) if value.date else esc(value.raw)


def _signature_class(key: str) -> str:
    return ' class="sop-cetak-pengesahan"' if key in ("disusun_oleh", "diperiksa_oleh", "disahkan_oleh") else ""


def _signature(value: Pengesahan | None) -> str:
    """Jabatan, the room the official signs in, nama and NIP, as the form's block has them."""
    if value is None:
        return ""
    jabatan = esc(value.jabatan.value) if value.jabatan is not None else ""
    nama = esc(value.nama.value) if value.nama is not None else ""
    nip = f"NIP. {esc(value.nip.raw)}" if value.nip is not None else ""
    return (f'<div class="sop-cetak-jabatan">{jabatan}</div><div class="sop-cetak-ttd"></div>'
            f'<div class="sop-cetak-nama">{nama}</div><div class="sop-cetak-nip">{nip}</div>')


def _list(values) -> str:
    values = list(values)
    if not values:
        return "–"
    if len(values) == 1:
        return esc(values[0].value)
    return "<ol>" + "".join(f"<li>{esc(v.value)}</li>" for v in values) + "</ol>"
