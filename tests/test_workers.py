"""Checking in worker processes gives exactly the problems of checking in one."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from katalog_sop import workers
from katalog_sop.check import check
from katalog_sop.reporters import as_json

from conftest import REPO

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def mixed_catalogue(tmp_path):
    """The seeds, the valid and invalid examples, and an SOP that exempts itself, as one catalogue."""
    root = tmp_path / "sops"
    shutil.copytree(REPO / "sops", root)
    shutil.copytree(REPO / "tests" / "examples", root / "contoh")
    seed = root / "bakesbangpol" / "mekanisme-pengumpulan-data-kinerja.yaml"
    text = seed.read_text(encoding="utf-8")
    text += "pengecualian:\n  - {aturan: SOPAP-K01, langkah: 14, alasan: istilah naskah asli}\n"
    text += "  - {aturan: SOPAP-C02, alasan: SOP itu sedang disusun}\n"
    seed.write_text(text, encoding="utf-8")
    # Files reported and never read, and a name that is not UTF-8: the same in workers as in one process.
    os.mkfifo(root / "bakesbangpol" / "pipa.yaml")
    (root / "bakesbangpol" / "SALAH.YAML").write_text(text, encoding="utf-8")
    (root / "bakesbangpol" / "bocor.yaml").symlink_to(tmp_path)
    shutil.copy(seed, os.fsencode(root / "bakesbangpol") + b"/nama-\xff.yaml")
    # Two SOPs citing an old and a new regulation of one title: the catalogue-wide SOPAP-C04 reads dasar_hukum.
    for name, cited in (("lama", "Peraturan Kepala BPS Nomor 7 Tahun 2008"), ("baru", "Peraturan BPS Nomor 7 Tahun 2020")):
        (root / "bakesbangpol" / f"{name}.yaml").write_text(
            f"nama: SOP {name}\npelaksana: [A, B]\ndasar_hukum: ['{cited} tentang Organisasi dan Tata Kerja BPS']\n"
            "langkah:\n  - {kegiatan: Menerima surat, pelaksana: A}\n  - {kegiatan: Mengirim surat, pelaksana: B}\n",
            encoding="utf-8")
    return root


def test_workers_report_the_same_problems_as_one_process(mixed_catalogue, monkeypatch):
    monkeypatch.setattr(workers, "MIN_FILES", 1)
    monkeypatch.setattr(workers, "CHUNK", 4)  # several chunks, so results are merged across workers
    alone = check([str(mixed_catalogue)], today=TODAY)
    together = check([str(mixed_catalogue)], today=TODAY, jobs=2)
    assert len(alone.problems) > 150 and any(p.suppressed for p in alone.problems)
    assert any(p.code == "SOPAP-C03" for p in alone.problems)  # a catalogue-wide rule on the summaries
    assert any(p.code == "SOPAP-C04" for p in alone.problems)  # and one that reads the legal bases
    assert sum(p.code == "file" for p in alone.problems) == 4
    assert together.problems == alone.problems
    assert as_json(together) == as_json(alone)
    assert [f.source for f in together.files] == [f.source for f in alone.files]
    assert together.rules == alone.rules


def test_a_small_catalogue_is_checked_in_one_process(mixed_catalogue, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no workers for a handful of files")

    monkeypatch.setattr(workers, "check_files_parallel", refuse)
    assert check([str(mixed_catalogue)], today=TODAY, jobs=2).files
