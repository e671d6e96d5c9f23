"""Where each generated page lives in the site (its Markdown source path)."""

from __future__ import annotations

from katalog_sop.dasar_hukum import QUALIFIED, parse_kutipan
from katalog_sop.site.markup import slug

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
        return f"sop/{sop_id}.md"

    def unit(self, unit_id: str) -> str:
        return f"unit/{unit_id or 'tanpa-unit'}.md"

    def pelaksana(self, nama: str) -> str:
        return f"pelaksana/{slug(nama)}.md"

    def dasar_hukum(self, text: str) -> str:
        return f"dasar-hukum/{legal_key(text)}.md"

    def letter(self, letter: str) -> str:
        return f"a-z/{letter.lower()}.md"
