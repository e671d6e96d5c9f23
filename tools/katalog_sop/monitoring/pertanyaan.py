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
