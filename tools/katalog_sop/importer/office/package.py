"""Import stage, an Office file (.xlsx, .docx) as a package: its parts read safely, its XML parsed.

An Office file is a zip of XML parts joined by relationship parts. Everything
here is hostile input: a part may claim to be small and unpack to gigabytes,
or carry a DTD whose entities expand without end. So each part is read with a
size limit, and a part with a DTD is refused (Office never writes one).
Nothing here knows workbooks or documents; :mod:`.xlsx` and :mod:`.docx` do.
"""

from __future__ import annotations

import posixpath
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

MOST_PER_PART = 64 * 1024 * 1024
"""Bytes a part may unpack to (a real SOP workbook's largest part is a few hundred KB)."""
MOST_PARTS = 5000

REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


class UnreadableOffice(Exception):
    """A file that cannot be read as an Office package; the message says why, in Indonesian."""


class Package:
    """The parts of one Office file, by name."""

    def __init__(self, path: Path):
        try:
            self._zip = zipfile.ZipFile(path)
            self._names = {info.filename: info for info in self._zip.infolist()}
        except (OSError, zipfile.BadZipFile) as exc:
            raise UnreadableOffice(f"bukan berkas Office yang dapat dibaca ({exc})") from exc
        if len(self._names) > MOST_PARTS:
            raise UnreadableOffice(f"berkas berisi {len(self._names)} bagian; terlalu banyak untuk sebuah SOP")

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes:
        info = self._names.get(name)
        if info is None:
            raise UnreadableOffice(f"bagian {name} tidak ada di dalam berkas")
        if info.file_size > MOST_PER_PART:
            raise UnreadableOffice(f"bagian {name} terlalu besar ({info.file_size // 1_000_000} MB)")
        try:
            with self._zip.open(info) as part:
                data = part.read(MOST_PER_PART + 1)
        except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise UnreadableOffice(f"bagian {name} rusak atau terkunci ({exc})") from exc
        if len(data) > MOST_PER_PART:
            raise UnreadableOffice(f"bagian {name} terlalu besar setelah dibuka")
        return data

    def xml(self, name: str) -> ET.Element:
        data = self.read(name)
        if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
            raise UnreadableOffice(f"bagian {name} memuat DTD; berkas Office tidak pernah memuatnya")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise UnreadableOffice(f"bagian {name} bukan XML yang sah ({exc})") from exc

    def relations(self, name: str) -> dict[str, str]:
        """Relationship id -> the part it points at (a path inside the package), for part ``name``."""
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        out = {}
        for rel in self.xml(rels).iter(REL + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue  # a link out of the file is never followed
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = path
        return out


def texts(element: ET.Element, tag: str) -> str:
    """The text of every ``tag`` element under ``element``, in order."""
    return "".join(node.text or "" for node in element.iter(tag))
