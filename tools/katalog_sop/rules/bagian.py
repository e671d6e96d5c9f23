"""The six sections of the identity block (items 8-13), present and not empty.

Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan,
Peringatan, Pencatatan dan Pendataan appear with these labels in every
template and every real SOP AP seen; the Lampiran's own definitions of them
could not be read, so a gap is a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from katalog_sop.build import SECTIONS
from katalog_sop.formulir import STANDARD
from katalog_sop.model import Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule

LABELS = {key: STANDARD[key] for key in SECTIONS}
"""The six sections by the form's own labels."""


@rule(
    "SOPAP-B01", "bagian-kosong", Severity.WARNING, tag="U",
    clause=(
        "Bagian identitas memuat Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, "
        "Peringatan, serta Pencatatan dan Pendataan (butir format SOP AP; rumusan lampiran tidak terbaca)."
    ),
    bagian=tuple(LABELS),
)
def bagian_kosong(sop: Sop, context: Context) -> Iterator[Finding]:
    """Setiap bagian dalam identitas SOP ada dan berisi sedikitnya satu butir.

    Mengapa: bagian-bagian ini memberi tahu pembaca dasar hukum, kualifikasi
    pelaksana, SOP yang terkait (keterkaitan), peralatan/perlengkapan, akibat
    bila SOP tidak dilaksanakan (peringatan), serta hal yang harus dicatat
    (pencatatan dan pendataan). Perbaikan: isi bagian tersebut sebagaimana
    tercetak pada formulir. Opsi ``bagian`` memuat daftar bagian yang
    diperiksa.

    Contoh yang lolos::

        peringatan: [Jika SOP tidak dilaksanakan, maka pelayanan terlambat.]

    Contoh yang gagal::

        peringatan: []
    """
    for name in context.options["bagian"]:
        if getattr(sop, name):
            continue
        where = sop.key_locations.get(name, sop.location)
        state = "kosong" if name in sop.key_locations else "tidak ada"
        yield where, f"bagian {LABELS[name]} ({name}) {state}"
