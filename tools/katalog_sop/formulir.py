"""Model stage, derived: the labels an SOP's form prints, standard or the agency's own.

The SOP AP form names its fields and columns (Nama SOP, Kegiatan,
Kelengkapan ...); agencies print their own words for several of them
("Judul SOP", "Uraian Prosedur", "Persyaratan/Kelengkapan", "Sumber Data",
"Ket.") and some leave a column out. The YAML keys never change: the labels
are set once per agency (the profile's ``formulir``) and may be overridden
per SOP (the SOP's own ``formulir``). Pure; the sheet and the pages print
what :func:`labels` returns.
"""

from __future__ import annotations

from collections.abc import Mapping

from katalog_sop.model import Sop

STANDARD = {
    "no": "No",
    "kegiatan": "Kegiatan",
    "pelaksana": "Pelaksana",
    "mutu_baku": "Mutu Baku",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
    "nama": "Nama SOP",
    "nomor": "Nomor SOP",
    "tanggal_pembuatan": "Tanggal Pembuatan",
    "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif",
    "disahkan_oleh": "Disahkan oleh",
    "disusun_oleh": "Disusun oleh",
    "diperiksa_oleh": "Diperiksa oleh",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
    "tujuan": "Tujuan",
    "ruang_lingkup": "Ruang Lingkup",
    "definisi": "Definisi",
}
"""The form's own labels, in the words of PermenPAN-RB 35/2012's form."""

OPTIONAL_COLUMNS = ("kelengkapan", "waktu", "output", "keterangan")
"""Columns an agency's form may leave out (``false``); the others every sheet has."""

BLANK_TITLES = ("pelaksana", "mutu_baku")
"""Group titles a form may print blank (``false``): the columns under them stay."""

MAY_BE_FALSE = OPTIONAL_COLUMNS + BLANK_TITLES

def refused_false(key: str, value) -> str | None:
    """Why ``false`` may not stand for ``key`` (a column every form has), or ``None``: one message for the
    SOP's own ``formulir`` and the agency profile's."""
    if value is not False or key in MAY_BE_FALSE:
        return None
    return (
        f"kolom '{key}' tidak dapat ditiadakan; false hanya untuk kolom {', '.join(OPTIONAL_COLUMNS)}, "
        f"atau judul {' dan '.join(BLANK_TITLES)} yang dicetak kosong"
    )


COLUMN_NUMBERS = "nomor_kolom"
"""Not a label: ``true`` where the form prints the column numbers "(1) (2) ..." under its titles."""


def labels(sop: Sop, profile: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """Every label this SOP prints: standard, then the agency's, then the SOP's own.

    ``None`` marks a column the form leaves out (only :data:`OPTIONAL_COLUMNS`); "" a group title the
    form prints blank (only :data:`BLANK_TITLES`).
    """
    found: dict[str, str | None] = dict(STANDARD)
    for source in (profile or {}, sop.formulir):
        for key, value in source.items():
            if key in found:
                found[key] = value or None
    for key in STANDARD:
        if found[key] is None and key not in OPTIONAL_COLUMNS:
            found[key] = "" if key in BLANK_TITLES else STANDARD[key]
    return found


def heading(labels_: Mapping[str, str | None], key: str) -> str:
    """A label where a page needs words (a heading, a table's column): the standard one where the form prints none."""
    return labels_[key] or STANDARD[key]


def column_name(sop: Sop, pelaksana_id: str) -> str:
    """A pelaksana column's name as a reader tells it from the others: "Operator (Satker Penerima)"
    where one role stands under two header groups, else its name."""
    column = sop.pelaksana_by_id(pelaksana_id)
    if column.kelompok and sum(1 for other in sop.pelaksana if other.nama == column.nama) > 1:
        return f"{column.nama} ({column.kelompok})"
    return column.nama
