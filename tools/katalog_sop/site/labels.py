"""Pages stage, the words the site uses for severities, scopes, confidence tags and places in an SOP.

Plain Indonesian text (the callers escape it); never HTML, never read from
the SOP. :func:`where` turns a finding's JSON path (``$.langkah[3].kegiatan``)
into the words of the form ("langkah 4, kegiatan").
"""

from __future__ import annotations

import re

from katalog_sop.problem import Severity
from katalog_sop.rules.base import CATALOGUE, PER_SOP

SEVERITY = {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"}
"""The severities as maintainers and auditors know them (``sop check``, Kepatuhan, Aturan)."""

READER_SEVERITY = {Severity.ERROR: "kesalahan", Severity.WARNING: "peringatan", Severity.INFO: "saran"}
"""The same severities in plain words, for SOP pages: staff reading an SOP do not know "galat"."""

SCOPE = {PER_SOP: "per SOP", CATALOGUE: "lintas katalog"}

TAG = {
    "N": "normatif: rumusan peraturan yang terbaca langsung",
    "N-trunc": "normatif, tetapi teks sumbernya terpotong; kelanjutannya disimpulkan",
    "D": "pedoman turunan instansi lain; mengikat di instansi itu saja",
    "CP": "praktik umum pada SOP AP nyata; bukan ketentuan peraturan",
    "U": "belum dapat diverifikasi",
}

FAMILIES = (
    ("I", "Identitas"),
    ("B", "Bagian identitas"),
    ("P", "Pelaksana"),
    ("M", "Mutu baku"),
    ("F", "Alur dan keputusan"),
    ("K", "Kalimat kegiatan"),
    ("D", "Dasar hukum"),
    ("C", "Lintas katalog"),
    ("W", "Waktu"),
    ("T", "Transkripsi"),
)
"""Rule families in the order of the form; a rule's family is the letter after ``SOPAP-``."""

FIELDS = {
    "nama": "Nama SOP", "nomor": "Nomor SOP", "instansi": "Instansi", "unit": "Unit", "kategori": "Kategori",
    "kop": "Kop", "alamat": "alamat", "email": "surel", "situs_web": "situs web", "logo": "logo",
    "tanggal_pembuatan": "Tanggal Pembuatan", "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif", "disahkan_oleh": "Disahkan oleh",
    "jabatan": "jabatan", "nip": "NIP", "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana", "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan", "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan", "satuan_waktu": "satuan waktu",
    "pelaksana": "Pelaksana", "langkah": "Langkah", "revisi": "Riwayat Revisi",
    "catatan_sumber": "Catatan Sumber", "pengecualian": "Pengecualian",
    "kegiatan": "kegiatan", "kelengkapan": "kelengkapan", "waktu": "waktu", "output": "output",
    "keterangan": "keterangan", "cabang": "cabang", "lanjut_ke": "lanjut ke", "label": "label",
    "ke": "tujuan", "uraian": "uraian", "tanggal": "tanggal", "sumber": "sumber",
    "simbol": "simbol", "alur": "alur", "tidak_terbaca": "tidak terbaca", "nomor_langkah": "nomor",
    "bentuk": "bentuk", "teks": "teks", "kelompok": "kelompok", "formulir": "label formulir",
    "tujuan": "Tujuan", "ruang_lingkup": "Ruang Lingkup", "definisi": "Definisi",
    "disusun_oleh": "Disusun oleh", "diperiksa_oleh": "Diperiksa oleh", "tabel": "tabel",
    "judul": "judul", "catatan": "catatan",
}
"""Keys of the SOP source (top level and nested) as the form calls them."""

_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def family(rule_id: str) -> str:
    return rule_id[len("SOPAP-")] if rule_id.startswith("SOPAP-") else ""


def path_parts(json_path: str | None) -> list[str | int]:
    """``$.langkah[3].kegiatan`` -> ``["langkah", 3, "kegiatan"]``; ``[]`` for the whole SOP."""
    if not json_path or not json_path.startswith("$"):
        return []
    parts: list[str | int] = []
    for match in _PART.finditer(json_path[1:]):
        name, index, quoted = match.groups()
        parts.append(int(index) if index is not None else name if name is not None else re.sub(r"\\(.)", r"\1", quoted))
    return parts


def step_of(json_path: str | None) -> int | None:
    """The step number (1-based) a path points into, or ``None``."""
    parts = path_parts(json_path)
    if len(parts) >= 2 and parts[0] == "langkah" and isinstance(parts[1], int):
        return parts[1] + 1
    return None


def where(json_path: str | None) -> str:
    """Where in the SOP, in the form's words: "langkah 4, kegiatan", "Dasar Hukum butir 2", "SOP ini"."""
    parts = path_parts(json_path)
    if not parts:
        return "SOP ini"
    words: list[str] = []
    rest = parts
    in_step = step_of(json_path) is not None
    if in_step:
        words.append(f"langkah {parts[1] + 1}")
        rest = parts[2:]
    for part in rest:
        if not isinstance(part, int):
            label = FIELDS.get(part, part.replace("_", " "))
            words.append(label.lower() if in_step else label)
        elif words:
            words[-1] += (" " if words[-1] == "cabang" else " butir ") + str(part + 1)
        else:
            words.append(f"butir {part + 1}")
    return ", ".join(words)
