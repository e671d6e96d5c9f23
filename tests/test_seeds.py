"""The example catalogue: the five seed SOPs, transcribed from real agencies' PDFs."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO, check_structure

SOPS = REPO / "sops"
MODELINE = "# yaml-language-server: $schema=../../schema/sop.schema.json"


@pytest.fixture(scope="module")
def catalogue():
    return check_structure([str(SOPS)])


def test_five_seeds_one_folder_per_unit(catalogue):
    assert sorted(catalogue.catalogue.sops) == [
        "bakesbangpol/mekanisme-pengumpulan-data-kinerja",
        "dinas-tanpa-nama/pengukuran-kinerja",
        "dp3appkb-kota-tarakan/pengumpulan-data-capaian-kinerja",
        "kecamatan-tebing-tinggi/pengumpulan-data-kinerja",
        "sekretariat/pengumpulan-data-kinerja",
    ]


def test_seeds_check_without_any_problem(catalogue):
    assert [f"{p.location.path}:{p.location.line}: {p.message}" for p in catalogue.problems] == []


@pytest.mark.parametrize("path", sorted(SOPS.rglob("*.yaml")), ids=lambda p: p.parent.name)
def test_every_sop_file_names_the_schema_for_editors(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE
    assert (path.parent / first.split("=", 1)[1]).resolve() == (REPO / "schema" / "sop.schema.json")


@pytest.mark.parametrize("path", sorted(SOPS.rglob("*.yaml")), ids=lambda p: p.parent.name)
def test_every_transcription_says_where_it_came_from(path, catalogue):
    sop = next(f.sop for f in catalogue.files if f.source.file == path)
    assert sop.catatan_sumber is not None and sop.catatan_sumber.sumber is not None


def test_the_complete_header_of_seed_003(catalogue):
    sop = catalogue.catalogue.sops["kecamatan-tebing-tinggi/pengumpulan-data-kinerja"]
    assert sop.nomor.value == "067/211/KTT-BLG/2024"
    assert sop.tanggal_pembuatan.date == sop.tanggal_efektif.date == dt.date(2024, 10, 8)
    assert sop.tanggal_revisi.raw == "-" and sop.tanggal_revisi.date is None
    assert sop.disahkan_oleh.nip.digits == "197206061992021001"
    assert [p.nama for p in sop.pelaksana] == ["Sekretaris", "Kepala Seksi", "Kasubbag", "Pelaksana"]
    assert [s.waktu.raw for s in sop.langkah][6:] == ["120 Hari", "1 Jam", "15 Menit"]


def test_seed_001_keeps_its_decisions_and_joint_steps(catalogue):
    sop = catalogue.catalogue.sops["dinas-tanpa-nama/pengukuran-kinerja"]
    assert [s.nomor for s in sop.langkah if s.is_keputusan] == [4, 5, 7]
    assert sop.langkah[3].exits[1][1] == 3  # "tidak setuju" goes back to JFP
    assert sop.langkah[6].pelaksana == ("Sekdis", "Tim Penyusun")
    assert sop.satuan_waktu == "menit" and sop.langkah[5].waktu.durasi.minimum == 330


def test_content_mistakes_of_the_originals_are_kept(catalogue):
    sops = catalogue.catalogue.sops
    tarakan = sops["dp3appkb-kota-tarakan/pengumpulan-data-capaian-kinerja"]
    assert any("Peraturan Walikota Tegal" in t.value for t in tarakan.dasar_hukum)
    bakesbangpol = sops["bakesbangpol/mekanisme-pengumpulan-data-kinerja"]
    assert any(t.value.endswith("tentang Pemerintah Daerah") for t in bakesbangpol.dasar_hukum)
    sekretariat = sops["sekretariat/pengumpulan-data-kinerja"]
    assert sekretariat.langkah[8].waktu.raw == "satu hari"

