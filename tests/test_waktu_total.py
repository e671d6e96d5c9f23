"""The total time along the main path, as the SOP page and ``sop diff`` show it."""

from __future__ import annotations

from conftest import check_structure
from katalog_sop.waktu_total import total_waktu


def _total(write_sop, steps: list[str]):
    lines = ["nama: Contoh", "pelaksana: [Staf]", "langkah:"]
    for i, waktu in enumerate(steps):
        lines += [f"  - kegiatan: Menerima berkas {i}", "    pelaksana: Staf", f"    waktu: {waktu}"]
    result = check_structure([str(write_sop("\n".join(lines) + "\n"))])
    return total_waktu(next(iter(result.catalogue.sops.values())))


def test_a_large_total_is_written_out_never_with_an_exponent(write_sop):
    total = _total(write_sop, ["3650 hari"] * 300)
    assert total.text == "1095000 hari"


def test_a_total_in_days_with_decimals_uses_a_decimal_comma(write_sop):
    assert _total(write_sop, ["1,5 hari", "0,25 hari"]).text == "1,75 hari"


def test_a_descriptive_waktu_is_not_measured_but_never_missing_and_a_rate_is_named(write_sop):
    # the real SOPs write "2 menit/berkas", "30 menit - 3 Jam", "-" and "Menyesuaikan"
    lines = ["nama: Contoh", "pelaksana: [Staf]", "langkah:"]
    for i, waktu in enumerate(["2 menit/berkas", "30 menit - 3 Jam", '"-"', "Menyesuaikan", None]):
        lines += [f"  - kegiatan: Menerima berkas {i}", "    pelaksana: Staf"] + ([f"    waktu: {waktu}"] if waktu else [])
    result = check_structure([str(write_sop("\n".join(lines) + "\n"))])
    assert [p.message for p in result.problems] == []
    total = total_waktu(next(iter(result.catalogue.sops.values())))
    assert total.text == "32 menit\u20133 jam 2 menit"
    assert (total.unmeasured, total.without_waktu, total.per_item) == ((3, 4), (5,), (1,))
