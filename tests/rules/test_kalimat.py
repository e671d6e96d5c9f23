"""Wording heuristics (K01-K03) on the seeds' real sentences and on the traps of Indonesian morphology."""

from __future__ import annotations

import pytest

from katalog_sop.rules.kata_kerja import NOMINAL, OTHER, SUBJECT, classify

ACTIVE = [
    # Real first words of the seeds' steps, all active verbs.
    "Memerintahkan pengumpulan data capaian kinerja",
    "Mengkoordinir pengumpulan data capaian kinerja",
    "Mempelajari target-target dalam dokumen Perjanjian Kinerja Kepala OPD, Pejabat Eselon III dan IV",
    "Meminta realisasi capaian atas target dalam dalam Perjanjian Kinerja kepada penanggungjawab Program/Kegiatan",
    "Menganalisis perbandingan data kinerja",
    "Mensosialisasikan laporan kinerja triwulan kepada pejabat terkait",
    "Menyusun 4 (empat) Laporan triwulan menjadi laporan kinerja tahunan",
    "Merekap laporan kinerja triwulan",
    "Mengantar surat, Menggandakan dan mengarsipkan dokumen data capaian kinerja",
    "Memeriksa konsep SK Tim Pengukuran Capaian Data Kinerja. Jika setuju menyampaikan kepada Kadis",
    "Berkoordinasi dengan Kepala Seksi",
]


@pytest.mark.parametrize("kegiatan", ACTIVE)
def test_active_verbs_pass(kegiatan):
    assert classify(kegiatan) is None


@pytest.mark.parametrize("kegiatan, found", [
    ("Penandatanganan dokumen data capaian kinerja oleh Kepala OPD", (NOMINAL, "penandatanganan")),
    ("Pembuatan surat pengantar pengiriman dan penomoran surat", (NOMINAL, "pembuatan")),
    ("Penggandaan Dokumen Pengumpulan Data Kinerja", (NOMINAL, "penggandaan")),
    ("Pengarsipan Dokumen Pengumpulan Data Kinerja", (NOMINAL, "pengarsipan")),
    ("Pemeriksaan berkas oleh petugas", (NOMINAL, "pemeriksaan")),
    ("Hasil Rapim memberi disposisi kepada Sekretaris", (SUBJECT, "Hasil Rapim")),
    ("Tim melaksanakan tugasnya melakukan pengukuran kinerja", (SUBJECT, "Tim")),
    ("Sekretaris bersama Tim menyusun rencana tindaklanjut", (SUBJECT, "Sekretaris bersama Tim")),
    ("Sekretaris menyampaikan Dokumen Pengumpulan Kinerja untuk dikoreksi", (SUBJECT, "Sekretaris")),
    ("Menteri menandatangani keputusan", (SUBJECT, "Menteri")),
    ("Berkas diteruskan kepada Camat", (OTHER, "berkas")),
    ("Rapat Tim bersama Sekretaris untuk verifikasi dan validasi hasil kerja", (OTHER, "rapat")),
    ("Upload dokumen ke aplikasi", (OTHER, "upload")),
    ("Diserahkan kepada staf untuk dikirim", (OTHER, "diserahkan")),
    ("Jika berkas lengkap, menyerahkan kepada Camat", (OTHER, "jika")),
])
def test_steps_not_starting_with_an_active_verb(kegiatan, found):
    assert classify(kegiatan) == found


def test_a_pelaksana_name_first_is_a_subject_even_far_from_the_verb():
    kegiatan = "Kepala Badan Kesatuan Bangsa dan Politik mengoreksi dokumen"
    assert classify(kegiatan) == (OTHER, "kepala")
    assert classify(kegiatan, ("kepala badan kesatuan bangsa dan politik",)) == (
        SUBJECT, "Kepala Badan Kesatuan Bangsa dan Politik")


def test_messages_suggest_the_verb(tmp_path):
    from katalog_sop.rules import RULES, run_rules
    from katalog_sop.rules.base import EXAMPLE_DATE

    from rules.helpers import example_catalogue

    for rule_id, hint in (("SOPAP-K01", "'Menandatangani ...'"), ("SOPAP-K03", "'Mengunggah ...'")):
        result = example_catalogue(tmp_path / rule_id, RULES[rule_id], "Failing")
        [problem] = run_rules(result.catalogue, today=EXAMPLE_DATE, rules=[RULES[rule_id]])
        assert problem.message.endswith(f"misalnya {hint}")
        assert problem.location.json_path == "$.langkah[1].kegiatan"


def test_a_kegiatan_whose_first_word_comes_late_is_judged_by_that_word():
    # 120 characters of a script the word pattern does not read, then the first word it reads
    assert classify("\u0627\u0644\u0639" * 40 + " surat masuk") == (OTHER, "surat")
    assert classify("\u0627\u0644\u0639" * 40 + " Penerimaan surat") == (NOMINAL, "penerimaan")
