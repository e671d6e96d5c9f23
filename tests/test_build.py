"""Build stage: the typed model, and the references the structure implies."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import FrozenInstanceError

import pytest

from katalog_sop.build import build_sop

from katalog_sop.schema import validate
from katalog_sop.source import parse_text
from katalog_sop.waktu import Durasi

from conftest import MINIMAL, REPO, check_structure, lines_and_codes

LENGKAP = REPO / "tests" / "examples" / "valid" / "lengkap.yaml"


@pytest.fixture(scope="module")
def lengkap():
    result = check_structure([str(LENGKAP)])
    assert result.problems == ()
    return result.files[0].sop


def test_identity_block(lengkap):
    assert lengkap.nama.value == "Penerbitan Surat Keterangan Domisili"
    assert lengkap.nomor.value == "045/12/KEC-X/2025"
    assert lengkap.tanggal_pembuatan.date == dt.date(2025, 1, 2)
    assert lengkap.tanggal_pembuatan.raw == "2 Januari 2025"
    assert lengkap.tanggal_revisi.date is None and lengkap.tanggal_revisi.raw == "-"
    assert lengkap.tanggal_efektif.date == dt.date(2025, 1, 6)
    assert lengkap.disahkan_oleh.nip.digits == "197001011990031002"
    assert lengkap.disahkan_oleh.nip.raw == "19700101 199003 1 002"
    assert lengkap.kop.email.value == "kecamatan@contoh.go.id"


def test_sections_are_lists_even_when_written_as_one_text(lengkap):
    assert [t.value for t in lengkap.keterkaitan] == ["SOP Pelayanan Administrasi Terpadu Kecamatan"]
    assert len(lengkap.dasar_hukum) == 2
    assert lengkap.dasar_hukum[1].location.json_path == "$.dasar_hukum[1]"
    assert lengkap.dasar_hukum[1].location.line == 20


def test_pelaksana_are_columns_with_ids(lengkap):
    assert [(p.id, p.nama) for p in lengkap.pelaksana] == [
        ("petugas", "Petugas Pelayanan"),
        ("Kasi Pemerintahan", "Kasi Pemerintahan"),
        ("Camat", "Camat"),
    ]


def test_steps_resolve_pelaksana_by_id_or_name(lengkap):
    assert lengkap.langkah[0].pelaksana == ("petugas",)
    assert lengkap.langkah[1].pelaksana == ("petugas",)
    assert lengkap.langkah[3].pelaksana == ("Kasi Pemerintahan", "Camat")


def test_flow_is_resolved_to_step_numbers(lengkap):
    steps = lengkap.langkah
    assert [s.nomor for s in steps] == [1, 2, 3, 4]
    assert steps[0].exits == ((None, 2),)
    assert steps[1].is_keputusan
    assert steps[1].exits == (("Lengkap", 3), ("Tidak lengkap", 1))
    assert steps[2].exits == ((None, 4),)
    assert steps[3].exits == (("Setuju", None), ("Tidak setuju", 3))


def test_waktu_keeps_raw_text_beside_the_value(lengkap):
    waktu = lengkap.langkah[2].waktu
    assert waktu.raw == "1 - 2 jam"
    assert waktu.durasi == Durasi(1, 2, "jam")
    assert lengkap.langkah[3].waktu.durasi == Durasi(1, 1, "hari")


def test_revisi_and_catatan_sumber(lengkap):
    [revisi] = lengkap.revisi
    assert (revisi.ke, revisi.tanggal.date) == (1, dt.date(2025, 1, 6))
    assert lengkap.catatan_sumber.sumber.value == "Contoh buatan untuk pengujian"


def test_model_is_immutable(lengkap):
    with pytest.raises(FrozenInstanceError):
        lengkap.nama = "lain"
    assert isinstance(lengkap.langkah, tuple)


def test_key_locations_point_at_keys(lengkap):
    assert lengkap.key_locations["peringatan"].line == 24
    assert lengkap.key_locations["peringatan"].column == 1


def test_last_step_ends_and_lanjut_ke_jumps(check_sop):
    result = check_sop(
        """\
        nama: C
        pelaksana: [A]
        langkah:
          - {kegiatan: Satu, pelaksana: A, lanjut_ke: 3}
          - {kegiatan: Dua, pelaksana: A, lanjut_ke: selesai}
          - {kegiatan: Tiga, pelaksana: A, lanjut_ke: 2}
          - {kegiatan: Empat, pelaksana: A}
        """
    )
    steps = result.files[0].sop.langkah
    assert [s.lanjut_ke for s in steps] == [3, None, 2, None]


def test_minimal_sop_has_empty_sections(check_sop):
    sop = check_sop(MINIMAL).files[0].sop
    assert sop.dasar_hukum == () and sop.disahkan_oleh is None and sop.tanggal_efektif is None


def test_step_without_pelaksana_is_structurally_valid(check_sop):
    result = check_sop("nama: C\npelaksana: [A, B]\nlangkah: [{kegiatan: Satu}]\n")
    assert result.problems == ()
    assert result.files[0].sop.langkah[0].pelaksana == ()


def test_errors_keep_the_sop_out_warnings_do_not(check_sop):
    result = check_sop("nama: C\ntanggal_efektif: 30 Februari 2024\npelaksana: [A]\nlangkah: [{kegiatan: K}]\n")
    assert lines_and_codes(result) == [(2, "date")]
    assert result.files[0].sop is None
    result = check_sop("nama: C\npelaksana: [A]\nlangkah: [{kegiatan: K, waktu: 2 jm}]\n")
    assert lines_and_codes(result) == [(3, "duration")]
    assert result.files[0].sop is not None
    assert result.files[0].sop.langkah[0].waktu.durasi is None


def test_joint_step_may_not_name_one_pelaksana_twice(check_sop):
    result = check_sop(
        """\
        nama: C
        pelaksana: [{id: a, nama: Sekretaris}, B]
        langkah:
          - kegiatan: Rapat
            pelaksana: [a, Sekretaris]
        """
    )
    [problem] = result.problems
    assert problem.message == "pelaksana 'Sekretaris' disebut dua kali pada langkah ini"
    assert problem.location.json_path == "$.langkah[0].pelaksana[1]"


def test_pelaksana_id_may_not_clash_with_another_name(check_sop):
    result = check_sop("nama: C\npelaksana: [Camat, {id: Camat, nama: Camat Baru}]\nlangkah: [{kegiatan: K}]\n")
    [problem] = result.problems
    assert (problem.code, problem.message) == ("reference", "pelaksana 'Camat' disebut lebih dari sekali")


def test_build_directly_on_a_document():
    text = textwrap.dedent(MINIMAL)
    document, problems = parse_text(text, "sops/unit/contoh.yaml")
    assert problems == [] and validate(document) == []
    sop, problems = build_sop(document, "unit/contoh")
    assert problems == []
    assert sop.id == "unit/contoh"
    assert sop.path == "sops/unit/contoh.yaml"
    assert sop.langkah[1].kegiatan.location.line == 6


def test_kategori_is_kept_as_written_with_its_place():
    text = "nama: Contoh\nkategori: Kepegawaian\npelaksana: [A]\nlangkah: [{kegiatan: Menerima}]\n"
    document, problems = parse_text(text, "sops/unit/contoh.yaml")
    assert problems == [] and validate(document) == []
    sop, problems = build_sop(document, "unit/contoh")
    assert problems == []
    assert sop.kategori.value == "Kepegawaian"
    assert (sop.kategori.location.line, sop.kategori.location.column, sop.kategori.location.json_path) == (2, 11, "$.kategori")
    without, _ = build_sop(parse_text(text.replace("kategori: Kepegawaian\n", ""), "x.yaml")[0], "unit/x")
    assert without.kategori is None
