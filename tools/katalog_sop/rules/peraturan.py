"""The curated registry of regulations (``data/peraturan.yaml``), by key.

Read once, when the module is imported: the file ships inside the package and
is small. A malformed entry is a bug of the package, not of an SOP, so it
raises at import and the registry tests catch it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from katalog_sop.dasar_hukum import clean_tentang, kutipan_key, normalise_title

DATA = Path(__file__).with_name("data") / "peraturan.yaml"

BERLAKU = "berlaku"
DICABUT = "dicabut"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LABELS = {"uu": "Undang-Undang", "perppu": "Peraturan Pemerintah Pengganti Undang-Undang",
           "pp": "Peraturan Pemerintah", "perpres": "Peraturan Presiden", "keppres": "Keputusan Presiden",
           "inpres": "Instruksi Presiden", "permenpanrb": "Peraturan Menteri PANRB", "permenpan": "Peraturan Menteri PAN",
           "kepmenpan": "Keputusan Menteri PAN", "permendagri": "Peraturan Menteri Dalam Negeri",
           "pmk": "Peraturan Menteri Keuangan", "permen": "Peraturan Menteri", "perka": "Peraturan Kepala",
           "perban": "Peraturan Badan", "perlem": "Peraturan Lembaga", "perda": "Peraturan Daerah",
           "kepka": "Keputusan Kepala", "perdirjen": "Peraturan Direktur Jenderal", "se": "Surat Edaran"}
_FIELDS = frozenset({"jenis", "penerbit", "nomor", "tahun", "judul", "judul_diperiksa", "status", "dicabut_oleh", "sumber",
                     "ditetapkan", "diubah_oleh", "belum_terverifikasi"})


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
    """The key of the revoking regulation in the registry, or its name as the source gives it."""
    judul_kunci: str | None
    """The title as :func:`~katalog_sop.dasar_hukum.normalise_title` compares it; ``None`` where the
    source abbreviates the title, so that it is never held against a citation."""
    sumber: tuple[str, ...]
    """Every page a fact of the entry was read from."""
    penerbit: str | None = None
    ditetapkan: dt.date | None = None
    """The day it was enacted, where the source gives it."""
    diubah_oleh: tuple[str, ...] = ()
    """The regulations that amended it (keys of the registry), where the source names them."""
    belum_terverifikasi: tuple[str, ...] = ()
    """The facts no checkable source confirmed ("judul", "status"): a cited regulation listed, saying so."""

    @property
    def sebutan(self) -> str:
        """How a message names it: ``Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah``."""
        label = _LABELS.get(self.jenis, self.jenis.upper())
        if self.penerbit:
            label = f"{label} {self.penerbit.title()}"
        return f"{label} Nomor {self.nomor} Tahun {self.tahun} tentang {self.judul}"


def pencabut(peraturan: Peraturan, registry: Mapping[str, Peraturan]) -> str:
    """How a message names the regulation that revoked ``peraturan``."""
    by = peraturan.dicabut_oleh or "peraturan lain"
    return registry[by].sebutan if by in registry else by


def load_registry(path: Path = DATA) -> Mapping[str, Peraturan]:
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    registry: dict[str, Peraturan] = {}
    for entry in entries:
        peraturan = _entry(entry)
        if peraturan.key in registry:
            raise ValueError(f"{path.name}: {peraturan.key} disebut dua kali")
        registry[peraturan.key] = peraturan
    for peraturan in registry.values():
        if peraturan.dicabut_oleh is not None and peraturan.status != DICABUT:
            raise ValueError(f"{path.name}: {peraturan.key}: dicabut_oleh tanpa status dicabut")
    return MappingProxyType(registry)


def _entry(entry: dict) -> Peraturan:
    unknown = set(entry) - _FIELDS
    if unknown or entry.get("status") not in (None, BERLAKU, DICABUT) or not entry.get("sumber"):
        raise ValueError(f"{DATA.name}: entri tidak sah: {entry}")
    nomor, tahun, penerbit = str(entry["nomor"]), int(entry["tahun"]), entry.get("penerbit")
    key = kutipan_key(entry["jenis"], penerbit, nomor, tahun)
    return Peraturan(
        key=key,
        jenis=entry["jenis"],
        nomor=nomor,
        tahun=tahun,
        judul=" ".join(str(entry["judul"]).split()),
        status=entry.get("status"),
        dicabut_oleh=entry.get("dicabut_oleh"),
        judul_kunci=normalise_title(clean_tentang(str(entry["judul"])) or "") if entry.get("judul_diperiksa", True) else None,
        sumber=tuple(entry["sumber"]),
        penerbit=penerbit,
        ditetapkan=dt.date.fromisoformat(str(entry["ditetapkan"])) if entry.get("ditetapkan") else None,
        diubah_oleh=tuple(entry.get("diubah_oleh") or ()),
        belum_terverifikasi=tuple(entry.get("belum_terverifikasi") or ()),
    )


REGISTRY: Mapping[str, Peraturan] = load_registry()
