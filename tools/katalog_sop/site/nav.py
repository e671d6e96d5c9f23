"""Pages stage, the site's navigation built from the catalogue's data, in the agency's words.

MkDocs' automatic navigation mirrors folders: it showed slugs ("A z", "Sop",
"Dp3appkb kota tarakan"), every unit twice (its SOP folder and its index
page) and every SOP of the active unit, so an SOP page's sidebar grew with
the catalogue. This navigation is made from the data instead:

- the hand-written pages first (the home page as "Beranda", then the guides by their own titles);
- Kepatuhan and Aturan, for auditors;
- "Unit kerja": one section per instansi (their written names, sorted), each
  with its units' pages (their written names, once each); SOP pages are
  reached from their unit's page, the indexes and search, never listed here,
  so the sidebar stays as small at 20,000 SOPs as at 20;
- "Indeks": units, kategori, pelaksana, dasar hukum, A–Z, and the SOPs named but missing.
  Kategori only where at least one SOP names one: the index is made from the
  SOPs (a configured list of kategori that no SOP uses yet would give empty
  pages), and a catalogue that uses no kategori keeps the navigation it had.

Returns MkDocs' ``nav`` setting (titles as HTML, escaped here, since the
theme prints titles unchanged). Pure; the plugin uses it only where the site's
mkdocs.yml sets no ``nav`` of its own.
"""

from __future__ import annotations

from katalog_sop.keterkaitan import unit_of
from katalog_sop.model import Sop
from katalog_sop.site.indexes import instansi_of, unit_names
from katalog_sop.site.sop_list import natural_key
from katalog_sop.site.markup import html_title
from katalog_sop.site.paths import Paths

NO_INSTANSI = "Instansi tidak disebut"


def site_nav(sops: list[Sop], handwritten: list[str], paths: Paths = Paths()) -> list:
    """The ``nav`` for ``sops`` with the hand-written pages ``handwritten`` (source paths, in MkDocs' order)."""
    by_unit: dict[str, list[Sop]] = {}
    for sop in sops:
        by_unit.setdefault(unit_of(sop), []).append(sop)
    names = unit_names(by_unit)
    by_instansi: dict[str, list[str]] = {}
    for unit_id, members in by_unit.items():
        by_instansi.setdefault(instansi_of(members) or NO_INSTANSI, []).append(unit_id)
    units = [
        {html_title(instansi): [{html_title(names[u]): paths.unit(u)} for u in sorted(ids, key=lambda u: natural_key(names[u]))]}
        for instansi, ids in sorted(by_instansi.items(), key=lambda item: (item[0] == NO_INSTANSI, natural_key(item[0])))
    ]
    indexes = [
        {"Unit": paths.UNITS}, {"Pelaksana": paths.PELAKSANA}, {"Dasar Hukum": paths.LEGAL},
        {"A–Z": paths.AZ}, {"SOP yang belum ada": paths.MISSING},
    ]
    if any(sop.kategori is not None for sop in sops):  # the pages exist only then (site.indexes)
        indexes.insert(1, {"Kategori": paths.KATEGORI})
    nav: list = [{"Beranda": src} if src == "index.md" else src for src in handwritten]
    nav += [{"Kepatuhan": paths.KEPATUHAN}, {"Aturan Kepatuhan": paths.ATURAN}]
    if units:
        nav.append({"Unit kerja": units})
    nav.append({"Indeks": indexes})
    return nav
