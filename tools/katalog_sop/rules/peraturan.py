"""The curated registry of regulations (``data/peraturan.yaml``), by key.

Read once, when the module is imported: the file ships inside the package and
is small. A malformed entry is a bug of the package, not of an SOP, so it
raises at import and the registry tests catch it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from katalog_sop.dasar_hukum import normalise_title, peraturan_key

DATA = Path(__file__).with_name("data") / "peraturan.yaml"

BERLAKU = "berlaku"
DICABUT = "dicabut"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LABELS = {"uu": "Undang-Undang", "pp": "Peraturan Pemerintah", "perpres": "Peraturan Presiden",
           "permenpanrb": "Peraturan Menteri PANRB", "permenpan": "Peraturan Menteri PAN",
           "kepmenpan": "Keputusan Menteri PAN", "permendagri": "Peraturan Menteri Dalam Negeri"}
_FIELDS = frozenset({"jenis", "nomor", "tahun", "judul", "status", "dicabut_oleh", "ref"})


@dataclass(frozen=True)
class Peraturan:
    key: str
    jenis: str
    nomor: str
    tahun: int
    judul: str
    status: str | None
    """:data:`BERLAKU`, :data:`DICABUT`, or ``None`` where it was not verified."""
    dicabut_oleh: str | None
    judul_kunci: str
    """The title as :func:`~katalog_sop.dasar_hukum.normalise_title` compares it."""

    @property
    def sebutan(self) -> str:
        """How a message names it: ``Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah``."""
        label = _LABELS.get(self.jenis, self.jenis.upper())
        return f"{label} Nomor {self.nomor} Tahun {self.tahun} tentang {self.judul}"


def load_registry(path: Path = DATA) -> Mapping[str, Peraturan]:
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    registry: dict[str, Peraturan] = {}
    for entry in entries:
        peraturan = _entry(entry)
        if peraturan.key in registry:
            raise ValueError(f"{path.name}: {peraturan.key} disebut dua kali")
        registry[peraturan.key] = peraturan
    for peraturan in registry.values():
        if (peraturan.status == DICABUT) != (peraturan.dicabut_oleh is not None):
            raise ValueError(f"{path.name}: {peraturan.key}: status dicabut harus disertai dicabut_oleh")
        if peraturan.dicabut_oleh is not None and peraturan.dicabut_oleh not in registry:
            raise ValueError(f"{path.name}: {peraturan.key}: {peraturan.dicabut_oleh} tidak ada di daftar")
    return MappingProxyType(registry)


def _entry(entry: dict) -> Peraturan:
    unknown = set(entry) - _FIELDS
    if unknown or entry.get("status") not in (None, BERLAKU, DICABUT):
        raise ValueError(f"{DATA.name}: entri tidak sah: {entry}")
    nomor, tahun = str(entry["nomor"]), int(entry["tahun"])
    return Peraturan(
        key=peraturan_key(entry["jenis"], nomor, tahun),
        jenis=entry["jenis"],
        nomor=nomor,
        tahun=tahun,
        judul=entry["judul"],
        status=entry.get("status"),
        dicabut_oleh=entry.get("dicabut_oleh"),
        judul_kunci=normalise_title(entry["judul"]),
    )


REGISTRY: Mapping[str, Peraturan] = load_registry()
