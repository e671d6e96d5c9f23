"""Numbers an author can write where the SOP expects a step number or a duration: never an internal error."""

from __future__ import annotations

import pytest

from katalog_sop.waktu import format_durasi

from katalog_sop.schema_fast import is_valid
from katalog_sop.schema import validator

from conftest import MINIMAL

TWO_STEPS = """\
nama: Contoh
pelaksana: [Sekretaris, Kabag]
langkah:
  - kegiatan: Memeriksa berkas
    pelaksana: Sekretaris
    lanjut_ke: {target}
  - kegiatan: Menyetujui
    pelaksana: Kabag
"""


def _problems(result) -> list[tuple[int, int, str, str]]:
    return [(p.location.line, p.location.column, p.code, p.message) for p in result.problems]


@pytest.mark.parametrize("target", ["2.0", "1e30", "1.0e+30", "2.5"])
def test_a_step_number_written_with_a_point_or_an_exponent_is_a_positioned_schema_error(check_sop, target):
    result = check_sop(TWO_STEPS.format(target=target))
    assert _problems(result) == [(6, 16, "schema", "harus berupa bilangan bulat atau teks, bukan bilangan desimal")]


@pytest.mark.parametrize("number", ["3", "1000000000000000000000000000000", "9" * 400])
def test_a_step_number_past_the_last_step_is_a_step_that_does_not_exist(check_sop, number):
    result = check_sop(TWO_STEPS.format(target=number))
    assert _problems(result) == [(6, 16, "reference", f"langkah {number} tidak ada; SOP ini punya 2 langkah")]


def test_a_branch_to_a_decimal_step_is_a_schema_error_not_a_crash(check_sop):
    text = MINIMAL + "    cabang:\n      - {label: Ya, ke: 1}\n      - {label: Tidak, ke: 2.0}\n"
    result = check_sop(text)
    assert [(line, code) for line, _, code, _ in _problems(result)] == [(10, "schema")]


@pytest.mark.parametrize(
    "extra, line",
    [
        ("revisi:\n  - {ke: 1.0, tanggal: 2 Januari 2025, uraian: Perubahan pertama}\n", 9),
        ("pengecualian:\n  - {aturan: SOPAP-K01, alasan: Sesuai naskah, langkah: 2.0}\n", 9),
    ],
)
def test_every_whole_number_field_wants_a_whole_number_as_written(check_sop, extra, line):
    result = check_sop(MINIMAL + extra)
    assert [(p.location.line, p.code) for p in result.problems] == [(line, "schema")]
    assert "bukan bilangan desimal" in result.problems[0].message


@pytest.mark.parametrize("value", [2, 2.0, 1e30, True, -1, 0])
def test_the_fast_check_and_the_explaining_one_agree_on_step_numbers(value):
    document = {"nama": "N", "pelaksana": ["A"], "langkah": [{"kegiatan": "K", "lanjut_ke": value}]}
    assert is_valid(document) == validator().is_valid(document) == (value == 2 and type(value) is int)


# --- waktu -------------------------------------------------------------------------------------------

ONE_STEP = """\
nama: Contoh
pelaksana: [Sekretaris]
{satuan}langkah:
  - kegiatan: Menerima berkas
    pelaksana: Sekretaris
    waktu: {waktu}
"""


@pytest.mark.parametrize(
    "waktu, satuan",
    [
        ("100000000000 tahun", ""),
        ("12345678901234567890 menit", ""),
        ("11 tahun", ""),
        ("3651 hari", ""),
        ("1 - 100000000000 hari kerja", ""),
        ("100000x100000 jam", ""),
        ("9" * 400 + " detik", ""),
        ("100000000000", "satuan_waktu: menit\n"),
        ("1" + "0" * 320, "satuan_waktu: jam\n"),
    ],
)
def test_an_absurd_waktu_is_a_positioned_warning_and_shown_as_written(check_sop, waktu, satuan):
    result = check_sop(ONE_STEP.format(waktu=waktu, satuan=satuan))
    line = 7 if satuan else 6
    [problem] = result.problems
    assert (problem.location.line, problem.location.column, problem.severity.value, problem.code) == (
        line, 12, "warning", "duration"
    )
    assert "lebih dari 10 tahun" in problem.message
    [step] = result.files[0].sop.langkah
    assert step.waktu.durasi is None
    assert step.waktu.text == waktu


@pytest.mark.parametrize("waktu", ["0,123456789 jam", "1,125 hari"])
def test_a_waktu_more_precise_than_shown_is_a_warning(check_sop, waktu):
    result = check_sop(ONE_STEP.format(waktu=waktu, satuan=""))
    [problem] = result.problems
    assert (problem.severity.value, problem.code) == ("warning", "duration")
    assert "dua angka di belakang koma" in problem.message
    assert result.files[0].sop.langkah[0].waktu.text == waktu


@pytest.mark.parametrize(
    "waktu, shown",
    [
        ("10 tahun", "10 tahun"),
        ("3650 hari", "3650 hari"),
        ("5256000 menit", "5256000 menit"),
        ("315360000 detik", "315360000 detik"),
        ("0,25 jam", "0,25 jam"),
        ("1,5x1,5 jam", "2,25 jam"),
        ("0,01 - 0,05 jam", "0,01\u20130,05 jam"),
    ],
)
def test_the_longest_sane_waktu_is_read_and_shown_exactly(check_sop, waktu, shown):
    result = check_sop(ONE_STEP.format(waktu=waktu, satuan=""))
    assert result.problems == ()
    read = result.files[0].sop.langkah[0].waktu
    assert format_durasi(read.durasi) == shown  # the value read, never in exponent form
    assert read.text == waktu  # and the sheet prints what the agency wrote
