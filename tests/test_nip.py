"""NIP normalisation."""

from __future__ import annotations

import pytest

from katalog_sop.nip import normalise_nip


@pytest.mark.parametrize(
    "value",
    ["19720606 199202 1 001", "197206061992021001", 197206061992021001, "NIP. 19720606 199202 1 001", " 19720606  199202 1 001 "],
)
def test_normalises_to_18_digits(value):
    assert normalise_nip(value) == "197206061992021001"


@pytest.mark.parametrize(
    "value, message",
    [
        ("19720606 199202 1", "NIP harus 18 angka, tertulis 15 angka"),
        ("19720606 199202 1 0011", "NIP harus 18 angka, tertulis 19 angka"),
        ("1972O606 199202 1 001", "NIP '1972O606 199202 1 001' hanya boleh berisi angka dan spasi"),
        ("-", "NIP '-' hanya boleh berisi angka dan spasi"),
    ],
)
def test_refuses_with_reason(value, message):
    with pytest.raises(ValueError) as excinfo:
        normalise_nip(value)
    assert str(excinfo.value) == message
