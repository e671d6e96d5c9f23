"""Hostile catalogues on disk: every field of every SOP, and every file and folder name, carry a payload.

One SOP per payload (every field holds that payload, so a failure names it),
plus one SOP whose every field holds all short payloads at once, in the SOP
folder itself. SOPs name each other in ``keterkaitan`` by nama and by id.
Version 2 (for ``sop diff``) gives every SOP the next payload, renames one
file, removes one SOP and adds another. :func:`broken_sops` adds files with
structural errors whose problems repeat payloads (unknown keys, unknown
pelaksana, unreadable dates, YAML errors, a ``kop.logo`` that is no path of
an image in docs/), for ``sop check`` only: a
structural error stops a site build.

The YAML is written by hand with every character that is not plain text
escaped, so the files are valid YAML 1.2 whatever the payload holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hostile.payloads import NOT_UTF8, PAYLOADS, path_name

SHORT = {name: text for name, text in PAYLOADS.items() if name != "long"}
MIXED = " | ".join(SHORT.values())
LONG_NAME = "Nama berkas yang sangat panjang " * 8
"""Over 240 bytes as a file name (with ".yaml": just under the 255 of most file systems)."""


@dataclass(frozen=True)
class Entry:
    """One SOP file of a hostile catalogue: where it is, which payload it carries, its data."""

    relative: str
    """Its path under the SOP folder (may hold surrogate escapes of bytes that are not UTF-8)."""
    payload: str
    """The payload's name in :data:`PAYLOADS`, or "mixed"."""
    data: dict

    @property
    def sop_id(self) -> str:
        return self.relative[: -len(".yaml")]

    @property
    def nama(self) -> str:
        return self.data["nama"]


def sop_data(text: str, refs: list[str]) -> dict:
    """An SOP with ``text`` in every field that takes text; valid in structure, so it is published."""
    second = text + " (2)"
    return {
        "nama": text,
        "nomor": text,
        "instansi": text,
        "unit": text,
        "kategori": text,
        "kop": {"alamat": text, "email": text, "situs_web": text},
        "tanggal_pembuatan": "2 Januari 2025",
        "tanggal_revisi": "-",
        "tanggal_efektif": "6 Januari 2025",
        "disahkan_oleh": {"jabatan": text, "nama": text, "nip": text},
        "dasar_hukum": [text, "Undang-Undang Nomor 25 Tahun 2009 tentang " + text],
        "kualifikasi_pelaksana": [text],
        "keterkaitan": [text, *refs],
        "peralatan_perlengkapan": text,
        "peringatan": [text],
        "pencatatan_pendataan": [text],
        "tujuan": [text],
        "ruang_lingkup": text,
        "definisi": [text],
        "disusun_oleh": {"jabatan": text, "nama": text, "nip": text},
        "diperiksa_oleh": {"jabatan": text, "nama": text},
        "formulir": {"kegiatan": text, "kelengkapan": text + " (k)", "keterangan": text + " (ket)", "nama": text + " (judul)"},
        "pelaksana": [text, {"id": "kedua", "nama": second}, {"id": "ketiga", "nama": text + " (3)", "kelompok": text}],
        "langkah": [
            {"id": "mulai", "nomor": "1" + text, "kegiatan": text, "pelaksana": text, "kelengkapan": [text], "waktu": text,
             "output": text, "keterangan": text},
            {"nomor": "2" + text, "kegiatan": "Memeriksa " + text, "pelaksana": [text, "kedua"], "waktu": "10 menit",
             "output": [text], "cabang": [{"label": text, "ke": "3" + text}, {"label": text + " (tidak)", "ke": "mulai"}]},
            {"nomor": "3" + text, "kegiatan": text, "kelengkapan": text, "waktu": "1 jam", "waktu_gabung": 2, "output": text,
             "simbol": [{"pelaksana": "kedua", "teks": text, "id": "sim"},
                        {"pelaksana": "ketiga", "bentuk": "keputusan", "teks": text + "?",
                         "cabang": [{"label": text + " (ya)", "ke": "4" + text}, {"ke": [text + "5", "selesai"]}]}]},
            {"nomor": "4" + text, "tabel": {"judul": text + " (tabel)", "pelaksana": ["ketiga", "kedua"], "catatan": [text + " (catatan)"]}, "kegiatan": text + " (4)", "pelaksana": "ketiga",
             "lanjut_ke": {"ke": "selesai", "label": text, "panah": "dua_arah"}},
            {"nomor": text + "5", "kegiatan": text + " (5)", "tidak_terbaca": ["pelaksana", "alur"]},
        ],
        "revisi": [{"ke": 1, "tanggal": "3 Januari 2025", "uraian": text}],
        "catatan_sumber": {"sumber": text, "perbaikan": [text], "tidak_terbaca": [text], "disimpulkan": [text],
                           "catatan": text},
        "pengecualian": [{"aturan": "SOPAP-K01", "langkah": 1, "alasan": text}, {"aturan": "SOPAP-W03", "alasan": text}],
    }


def texts(data) -> list[str]:
    """Every text value of an SOP's data, in order (mapping keys and numbers left out)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for value in data.values() for t in texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in texts(value)]
    return []


# --- YAML ---------------------------------------------------------------------------------------

_RAW_OK = set(range(0x20, 0x7F)) - {ord('"'), ord("\\")}


def _char(c: str) -> str:
    code = ord(c)
    if code in _RAW_OK or (code > 0xA0 and code not in _ESCAPE_ABOVE and not 0xD800 <= code <= 0xDFFF
                           and not 0xFDD0 <= code <= 0xFDEF and (code & 0xFFFE) != 0xFFFE):
        return c
    if code == ord('"') or code == ord("\\"):
        return "\\" + c
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_ESCAPE_ABOVE = {0x2028, 0x2029, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: only printable characters are written raw."""
    return '"' + "".join(map(_char, text)) + '"'


def _scalar(value) -> str:
    if isinstance(value, str):
        return yaml_string(value)
    return str(value)


def to_yaml(value, indent: str = "") -> str:
    """Block-style YAML for mappings and sequences of scalars, mappings and sequences."""
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{key}:\n{to_yaml(item, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = to_yaml(item, indent + "  ")
                lines.append(f"{indent}- {inner[len(indent) + 2:]}")
            else:
                lines.append(f"{indent}- {_scalar(item)}")
    return "\n".join(lines)


# --- catalogues ---------------------------------------------------------------------------------


def _placement(names: list[str]) -> dict[str, str]:
    """Each payload's SOP file: a folder and a file both named with the payload (or as much as fits)."""
    placed = {}
    for name in names:
        folder = path_name(PAYLOADS[name])
        placed[name] = f"{folder}/{path_name(PAYLOADS[name], 240 - len(name))}-{name}.yaml"
    placed["mixed"] = path_name(MIXED, 200) + ".yaml"
    return placed


def catalogue(version: int = 1) -> list[Entry]:
    """The SOP files of a hostile catalogue; version 2 is version 1 edited (for ``sop diff``)."""
    names = list(PAYLOADS)
    placed = _placement(names)
    if version == 2:
        names.remove("jinja")  # removed
        placed["url"] = placed["url"].replace(".yaml", " (pindah).yaml")  # renamed
    shift = 0 if version == 1 else 1
    entries = []
    keys = names + ["mixed"]
    for index, name in enumerate(keys):
        text_name = name if name == "mixed" else names[(index + shift) % len(names)]
        text = MIXED if text_name == "mixed" else PAYLOADS[text_name]
        after, later = keys[(index + 1) % len(keys)], keys[(index + 2) % len(keys)]
        other_nama = MIXED if after == "mixed" else PAYLOADS[after]
        refs = [other_nama, placed[later][: -len(".yaml")], "SOP yang belum ada " + text]
        entries.append(Entry(placed[name], name, sop_data(text, refs)))
    entries.append(Entry(os.fsdecode(NOT_UTF8) + "/" + path_name(LONG_NAME, 240) + ".yaml", "path",
                         sop_data("Penerimaan Surat di folder yang namanya bukan UTF-8", [])))
    if version == 2:
        entries.append(Entry("tambahan/" + path_name(PAYLOADS["html"]) + " baru.yaml", "html",
                             sop_data(PAYLOADS["html"] + " baru", [])))
    return entries


def write(entries: list[Entry], sops: Path) -> None:
    for entry in entries:
        path = sops / entry.relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "# yaml-language-server: $schema=../../schema/sop.schema.json\n" + to_yaml(entry.data) + "\n", encoding="utf-8"
        )


BROKEN_KEYS = ("unknown-key", "unknown-pelaksana", "bad-date", "yaml-error", "bad-target", "bad-logo")


def broken_sops(sops: Path, kinds: tuple[str, ...] = BROKEN_KEYS) -> dict[str, str]:
    """Files with structural errors, each quoting payloads in its problems; their relative paths by kind."""
    written = {}
    for kind in kinds:
        for name, text in PAYLOADS.items():
            data = sop_data(text, [])
            if kind == "unknown-key":
                data = {**data, path_name(text, 120) + "_kunci": text}
            elif kind == "unknown-pelaksana":
                data["langkah"][0]["pelaksana"] = text + " (tidak ada)"
            elif kind == "bad-date":
                data["tanggal_pembuatan"] = data["tanggal_revisi"] = data["revisi"][0]["tanggal"] = text
            elif kind == "bad-target":
                data["langkah"][1]["cabang"][0]["ke"] = "tidak-ada"
            elif kind == "bad-logo":  # the logo's path goes into a page's src: the schema must refuse it
                data["kop"]["logo"] = text
            body = to_yaml(data)
            if kind == "yaml-error":
                body = "nama: " + yaml_string(text) + "\nlangkah: [" + yaml_string(text) + "\n  - " + yaml_string(text) + ": {\n"
            relative = f"rusak-{kind}/{path_name(text, 200)}-{name}.yaml"
            path = sops / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body + "\n", encoding="utf-8")
            written[f"{kind}/{name}"] = relative
    return written
