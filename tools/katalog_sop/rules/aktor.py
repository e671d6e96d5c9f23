"""Who acts: an actor the kegiatan names against the pelaksana column the step is drawn in.

Real SOPs write "Anggota PJK TI melakukan ..." in the PJK Terkait column,
"Proyek Metodologi mengunduh ..." where no column is Proyek Metodologi, and
"Menandatangani bon ... oleh petugas gudang, penerima barang, dan
koordinator ..." in one column: the sheet does not show who really acts.
An actor is the subject before the verb (as SOPAP-K02 finds it) or the agent
after "oleh" of an active sentence ("... yang ditandatangani oleh pemohon"
names the agent of another clause). An actor belongs to the column whose
name shares most of its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from katalog_sop.model import Langkah, Sop
from katalog_sop.problem import Severity
from katalog_sop.rules.base import Context, Finding, rule
from katalog_sop.rules.kalimat import CLAUSE, starts_active, subject_of, wording
from katalog_sop.rules.kolom import column_of, significant_words

_AGENT = re.compile(r"(?<!\w)(\w+\s+)?oleh\s+([^.;:()]+)", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|\bdan\b|\batau\b|\bbersama\b)\s*", re.IGNORECASE)
_NOT_AN_ACTOR = frozenset({"hasil", "data", "dokumen", "surat", "berkas", "laporan", "draft", "konsep"})
"""Head words of a "subject" that is a thing, not who acts ("Hasil Rapim memberi disposisi ...")."""


def actors(sop: Sop, step: Langkah) -> list[str]:
    """The actors the kegiatan names: its subject, and the agents after "oleh" of an active sentence."""
    text = step.kegiatan.value
    subject = subject_of(sop, step)
    found = _SPLIT.split(subject) if subject else []
    if "oleh" not in text.lower() or (subject is None and not starts_active(sop, step)):
        return _named(found)  # "Pelaksanaan kegiatan oleh seluruh pegawai, ...": the participants, not the actor
    for match in _AGENT.finditer(text):
        before = (match.group(1) or "").strip().lower()
        if before.startswith("di") or before.startswith("ter"):  # "ditandatangani oleh pemohon": another clause
            continue
        found += _SPLIT.split(match.group(2).strip())
    return _named(found)


def _named(found: list[str]) -> list[str]:
    """The actors that name someone: not a bare "Tim", a list marker "a.", or a thing ("Hasil Rapim")."""
    return [part for part in found
            if significant_words(part) and part.split()[0].lower() not in _NOT_AN_ACTOR]


@rule("SOPAP-K04", "aktor-uraian-beda-kolom", Severity.WARNING, tag="N", clause=CLAUSE)
def aktor_uraian_beda_kolom(sop: Sop, context: Context) -> Iterator[Finding]:
    """Pelaku yang disebut uraian kegiatan adalah pelaksana kolom langkah itu.

    Mengapa: kolom pelaksana menyatakan siapa yang bertindak. Uraian yang
    menyebut pelaku lain ("Anggota PJK TI melakukan ..." di kolom PJK Terkait,
    atau "... oleh petugas gudang, penerima barang, dan koordinator" di satu
    kolom) membuat lembar flowchart tidak menunjukkan siapa yang sebenarnya
    bertindak. Perbaikan: gambarkan langkah di kolom pelaku yang disebut (atau
    pecah menjadi beberapa langkah), atau perbaiki uraiannya.

    Contoh yang lolos::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Kasi Pemerintahan,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}

    Contoh yang gagal::

        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: petugas,
             kelengkapan: KTP, waktu: 10 menit, output: Berkas permohonan}
          - {kegiatan: Menandatangani surat keterangan oleh Camat, pelaksana: Kasi Pemerintahan,
             kelengkapan: Berkas permohonan, waktu: 30 menit, output: Surat keterangan}
          - {kegiatan: Mengarsipkan surat keterangan, pelaksana: Camat,
             kelengkapan: Surat keterangan, waktu: 10 menit, output: Arsip surat}
    """
    columns = {p.id: p.nama for p in sop.pelaksana}
    unusual = wording(sop)
    for step in sop.langkah:
        if not step.pelaksana:
            continue  # the source does not show the column: nothing to hold the text against
        if id(step) not in unusual and "oleh" not in step.kegiatan.value.lower():
            continue  # an active verb first and no agent: the common case, no actor named
        for actor in actors(sop, step):
            drawn = ", ".join(columns.get(p, p) for p in step.pelaksana)
            column = column_of(actor, columns)
            if column is None:
                yield step.kegiatan.location, (
                    f"uraian {step.sebutan} menyebut pelaku '{actor}', yang bukan pelaksana di lembar ini; "
                    f"langkah digambar di kolom {drawn}"
                )
            elif column not in step.pelaksana:
                yield step.kegiatan.location, (
                    f"uraian {step.sebutan} menyebut pelaku '{actor}' (kolom {columns[column]}), tetapi langkah "
                    f"digambar di kolom {drawn}"
                )
