"""Monitoring stage: the evaluation checklist, a template the catalogue may replace.

The Lampiran of PermenPANRB 35/2012 asks that SOP AP be evaluated, but the
evaluation form's own text was not found. These questions are the ones a
derivative guideline (Kemensetneg) gives, grouped as it groups them,
substansi and proses: a template, not quoted regulation. A catalogue sets its
own list in its configuration (``evaluasi: {pertanyaan: [...]}``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pertanyaan:
    id: str
    kelompok: str
    """``substansi`` or ``proses``."""
    teks: str


TEMPLATE = (
    Pertanyaan("S1", "substansi", "Apakah SOP mendorong peningkatan kinerja pelaksana dan unit kerja?"),
    Pertanyaan("S2", "substansi", "Apakah SOP mudah dipahami dan dilaksanakan dengan baik?"),
    Pertanyaan("S3", "substansi", "Apakah setiap pelaksana yang ditugaskan dapat menjalankan perannya?"),
    Pertanyaan("S4", "substansi", "Apakah SOP perlu diperbaiki, atau perlu SOP baru?"),
    Pertanyaan("S5", "substansi", "Apakah SOP bersinergi dengan SOP lain?"),
    Pertanyaan("P1", "proses", "Apakah penerapan SOP memuaskan pengguna layanan?"),
    Pertanyaan("P2", "proses", "Apakah strategi penerapan SOP mendorong kinerja?"),
    Pertanyaan("P3", "proses", "Apakah para pelaksana menerima SOP dengan baik?"),
    Pertanyaan("P4", "proses", "Apakah para pelaksana patuh menjalankan SOP?"),
    Pertanyaan("P5", "proses", "Apakah pengawasan penerapan SOP berjalan?"),
    Pertanyaan("P6", "proses", "Apakah pelatihan tentang SOP telah diberikan dengan baik?"),
    Pertanyaan("P7", "proses", "Apakah risiko dari perubahan SOP telah ditangani?"),
)
"""The default checklist (Kemensetneg's evaluation questions, as a template)."""

KELOMPOK = {"substansi": "Substansi", "proses": "Proses"}


def parse_checklist(value, path: tuple, reader) -> tuple[Pertanyaan, ...]:
    """The configuration's ``evaluasi`` mapping (``{pertanyaan: [{id, kelompok, teks}, ...]}``) as a checklist;
    empty when unset (the template then applies). ``reader`` is the configuration's reader: its ``fail``
    names the file, line and column."""
    settings = reader.mapping(value, path)
    reader.unknown_keys(settings, path, ("pertanyaan",))
    found: list[Pertanyaan] = []
    for index, item in enumerate(reader.sequence(settings.get("pertanyaan"), path + ("pertanyaan",))):
        where = path + ("pertanyaan", index)
        reader.expect_mapping(item, where)
        reader.unknown_keys(item, where, ("id", "kelompok", "teks"))
        for key in ("id", "teks"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise reader.fail(where + (key,), f"'{key}' pertanyaan wajib berupa teks yang tidak kosong")
        kelompok = item.get("kelompok", "substansi")
        if kelompok not in KELOMPOK:
            raise reader.fail(where + ("kelompok",), f"kelompok '{kelompok}' tidak dikenal; pilih: {', '.join(KELOMPOK)}")
        if any(q.id == item["id"].strip() for q in found):
            raise reader.fail(where + ("id",), f"id pertanyaan '{item['id'].strip()}' sudah dipakai")
        found.append(Pertanyaan(item["id"].strip(), kelompok, " ".join(item["teks"].split())))
    return tuple(found)
