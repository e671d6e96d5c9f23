"""Where each generated page lives in the site (its Markdown source path).

Page paths are made from SOP ids, unit folders, pelaksana names and legal
citations, which anyone may spell any way; they are collision-free by
construction. Every path component is one of three disjoint kinds:

- *plain*: letters, digits and ``_``, joined by single ``-`` or ``.``, at
  most :data:`PLAIN_MAX` characters, and not ``index`` in any case: kept as
  written, so ordinary ids keep readable URLs;
- *hashed*: anything else becomes ``<slug>--<hash>``: a slug of at most 60
  characters, two hyphens (which no plain name has), then
  :data:`HASH_LENGTH` hex digits of the SHA-256 of the text, so long, odd or
  reserved names get short, stable names that never need URL escaping;
- *reserved*: names the catalogue itself uses start with ``_`` (e.g. the
  unit of SOPs outside any unit folder), which neither of the others can.

The landing page of each index is that folder's ``index.md``; no entry can
be named ``index``. Two sources could still meet on one path only if their
hashes collide; :func:`katalog_sop.site.build.site_pages` refuses that.
"""

from __future__ import annotations

import hashlib
import re

from katalog_sop.dasar_hukum import QUALIFIED, parse_kutipan
from katalog_sop.site.markup import slug

PLAIN_MAX = 80
HASH_LENGTH = 10
_PLAIN = re.compile(r"[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*")
NO_UNIT = "_tanpa-unit"
"""The unit page of SOPs written directly in the SOP folder, outside any unit folder."""
NO_KATEGORI = "_tanpa-kategori"
"""The kategori page of SOPs that name no kategori."""


def component(text: str) -> str:
    """One path component for ``text``: the text itself when it is plain, else ``<slug>--<hash>``."""
    if len(text) <= PLAIN_MAX and _PLAIN.fullmatch(text) and text.lower() != "index":
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LENGTH]
    return f"{slug(text)[:60].strip('-') or 'x'}--{digest}"


def page_path(folder: str, *parts: str) -> str:
    """``folder/<component>/.../<component>.md``."""
    return "/".join((folder, *(component(part) for part in parts))) + ".md"

JENIS_LABEL = {
    "uud": "UUD", "uu": "Undang-Undang", "perppu": "Perppu", "pp": "Peraturan Pemerintah",
    "perpres": "Peraturan Presiden", "keppres": "Keputusan Presiden", "inpres": "Instruksi Presiden",
    "permenpanrb": "Peraturan Menteri PANRB", "permenpan": "Peraturan Menteri PAN",
    "kepmenpan": "Keputusan Menteri PAN", "permendagri": "Peraturan Menteri Dalam Negeri",
    "pmk": "Peraturan Menteri Keuangan", "permen": "Peraturan Menteri", "kepmen": "Keputusan Menteri",
    "perda": "Peraturan Daerah", "pergub": "Peraturan Gubernur", "perbup": "Peraturan Bupati",
    "perwal": "Peraturan Wali Kota", "kepgub": "Keputusan Gubernur", "kepbup": "Keputusan Bupati",
    "kepwal": "Keputusan Wali Kota", "perka": "Peraturan Kepala", "perban": "Peraturan Badan", "se": "Surat Edaran",
}


def legal_key(text: str) -> str:
    """One key for every way of citing one regulation; the text's slug when it does not parse."""
    kutipan = parse_kutipan(text)
    return kutipan.key or "lain-" + slug(text)[:80]


def legal_title(text: str) -> str:
    """A regulation's name as the index shows it: "Peraturan Menteri PANRB Nomor 35 Tahun 2012"."""
    kutipan = parse_kutipan(text)
    if kutipan.key is None:
        return " ".join(text.split())
    label = JENIS_LABEL.get(kutipan.jenis, kutipan.jenis.upper())
    if kutipan.penerbit and kutipan.jenis in QUALIFIED:  # the key names the issuer: so does the title
        label += " " + kutipan.penerbit.title()
    return f"{label} Nomor {kutipan.nomor} Tahun {kutipan.tahun}"


class Paths:
    """Source paths of generated pages; SOP pages keep the SOP's id."""

    UNITS = "unit/index.md"
    PELAKSANA = "pelaksana/index.md"
    LEGAL = "dasar-hukum/index.md"
    KATEGORI = "kategori/index.md"
    AZ = "a-z/index.md"
    MISSING = "sop-belum-ada.md"
    KEPATUHAN = "kepatuhan.md"
    ATURAN = "aturan.md"
    COMPLIANCE_JSON = "compliance.json"
    """Not a page: the Kepatuhan page's data for programs, at the site's root."""

    def rule_anchor(self, rule_id: str) -> str:
        """A rule's anchor on the Aturan page: ``SOPAP-I02`` -> ``sopap-i02`` (its heading's id)."""
        return rule_id.lower()

    def sop(self, sop_id: str) -> str:
        return page_path("sop", *sop_id.split("/"))

    def unit_folder(self, unit_id: str) -> str:
        """The folder of the SOP pages of a unit (``sop/<unit>``)."""
        return "sop/" + component(unit_id)

    def unit(self, unit_id: str) -> str:
        return f"unit/{NO_UNIT}.md" if not unit_id else page_path("unit", unit_id)

    def pelaksana(self, nama: str) -> str:
        return page_path("pelaksana", slug(nama))

    def kategori(self, nama: str | None) -> str:
        """The page of a kategori: its slug, so "Keuangan" and "keuangan " meet on one page (as pelaksana do);
        a name with letters beyond ASCII by its own words, since its slug could be another's; ``None``: no kategori."""
        if nama is None:
            return f"kategori/{NO_KATEGORI}.md"
        words = " ".join(nama.split()).casefold()
        return page_path("kategori", slug(words) if words.isascii() and any(c.isalnum() for c in words) else words)

    def dasar_hukum(self, text: str) -> str:
        return page_path("dasar-hukum", legal_key(text))

    def missing_referrers(self, key: tuple[str, str]) -> str:
        """The page of the SOPs that name one missing SOP (its key: the instansi and the title as compared)."""
        return page_path("sop-belum-ada", "\x1f".join(key))

    def letter(self, letter: str) -> str:
        return page_path("a-z", letter.lower())
