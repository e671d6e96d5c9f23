"""NIP (Nomor Induk Pegawai): 18 digits, often written with spaces.

Pure parsing, no I/O. The structure (birth date, TMT, sex, sequence) is the
compliance rules' business; here a NIP is only normalised.
"""

from __future__ import annotations

import re

LENGTH = 18

_PREFIX = re.compile(r"^NIP\.?\s*:?\s*", re.IGNORECASE)


def normalise_nip(value: str | int) -> str:
    """The 18 digits of a NIP written as ``19720606 199202 1 001`` or ``NIP. 1972...``.

    Raises :class:`ValueError` with an Indonesian message when it is not 18 digits.
    """
    text = _PREFIX.sub("", str(value).strip())
    digits = "".join(text.split())
    if not digits.isdecimal() or not digits.isascii():
        raise ValueError(f"NIP '{value}' hanya boleh berisi angka dan spasi")
    if len(digits) != LENGTH:
        raise ValueError(f"NIP harus {LENGTH} angka, tertulis {len(digits)} angka")
    return digits
