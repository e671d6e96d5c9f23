"""The catalogue's finding pages: by unit, by pelaksana, by legal basis, by kategori, A–Z, and SOPs still missing.

Each index is a small landing page linking to one page per entry; an entry's
list of SOPs is split into pages (:mod:`katalog_sop.site.sop_list`), so that
no page grows with the whole catalogue.
"""

from __future__ import annotations

from collections import Counter

from katalog_sop.dasar_hukum import parse_kutipan
from katalog_sop.hierarki import TINGKAT, tentang, tingkat, urutan
from katalog_sop.model import Sop
from katalog_sop.keterkaitan import unit_of
from katalog_sop.site.monitoring import letak as monitoring_letak
from katalog_sop.site.markup import esc, esc_line, items, link, slug
from katalog_sop.site.paths import legal_key, legal_title
from katalog_sop.site.sop_list import LIST_PAGE, natural_key, paged, paged_entries, sop_list as _sop_list
from katalog_sop.site.sop_page import PageContext


LETTER_PAGE = LIST_PAGE
"""SOPs on one A–Z page at most: Indonesian names crowd under "P" (Penyusunan, Pelayanan ...)."""

NO_KATEGORI_LABEL = "Tanpa kategori"
"""The Indeks Kategori's last entry: the SOPs that name no kategori."""


def unit_name(sops: list[Sop], unit_id: str) -> str:
    """A unit's name as its SOPs write it (the most common), else its folder's name."""
    names = Counter(s.unit.value for s in sops if s.unit is not None and s.unit.value.strip())
    if names:
        return names.most_common(1)[0][0]
    return unit_id.replace("-", " ").title() if unit_id else "(Tanpa unit)"


def unit_names(by_unit: dict[str, list[Sop]]) -> dict[str, str]:
    """Each unit's name, with its instansi where units of several instansi share one name
    ("Bagian Tata Usaha — Puskesmas Sungai Raya"): an Inspektorat sees every OPD of a Pemda."""
    names = {unit_id: unit_name(members, unit_id) for unit_id, members in by_unit.items()}
    agency = {unit_id: instansi_of(members) for unit_id, members in by_unit.items()}
    shared = Counter(name.casefold() for name in names.values())
    out = {}
    for unit_id, name in names.items():
        others = {agency[u] for u, n in names.items() if n.casefold() == name.casefold()}
        out[unit_id] = f"{name} \u2014 {agency[unit_id]}" if shared[name.casefold()] > 1 and len(others) > 1 and agency[unit_id] else name
    return out


def instansi_of(sops: list[Sop]) -> str:
    """The instansi its SOPs write most often ("" where none writes one)."""
    names = Counter(s.instansi.value for s in sops if s.instansi is not None and s.instansi.value.strip())
    return names.most_common(1)[0][0] if names else ""


def index_pages(ctx: PageContext) -> dict[str, str]:
    """Every index page by its source path."""
    pages: dict[str, str] = {}
    sops = list(ctx.catalogue.sops.values())
    pages.update(_units(sops, ctx))
    pages.update(_pelaksana(sops, ctx))
    pages.update(_legal(sops, ctx))
    pages.update(_kategori(sops, ctx))
    pages.update(_letters(sops, ctx))
    pages.update(_missing(ctx))
    return pages


def _landing(title: str, intro: str, src: str, entries: list[tuple[str, str, int]], ctx: PageContext) -> str:
    """A landing page: (target source, label, count) per entry."""
    body = items(entries, lambda e: link(ctx.urls.href(src, e[0]), e[1]) + f' <span class="sop-jumlah">({e[2]} SOP)</span>')
    return f"# {title}\n\n{intro}\n\n{body}\n"


def _units(sops: list[Sop], ctx: PageContext) -> dict[str, str]:
    by_unit: dict[str, list[Sop]] = {}
    for sop in sops:
        by_unit.setdefault(unit_of(sop), []).append(sop)
    pages = {}
    names = unit_names(by_unit)
    groups: dict[str, list[tuple[str, str, int]]] = {}
    for unit_id, members in sorted(by_unit.items()):
        src, name = ctx.paths.unit(unit_id), names[unit_id]
        agency = instansi_of(members)
        lead = f"{esc(agency)}." if agency else ""
        if ctx.monitoring is not None:  # the catalogue keeps monitoring records: the unit's rounds and blank form
            lead += f" {link(ctx.urls.href(src, monitoring_letak.unit(unit_id)), 'Monitoring penerapan dan formulir Tabel 7')}."
        pages.update(paged(src, name, lead, "SOP unit ini:", members, ctx, show_unit=False))
        groups.setdefault(agency, []).append((src, name, len(members)))
    src = ctx.paths.UNITS
    if len(groups) <= 1:  # one instansi: a plain list
        entries = [entry for members in groups.values() for entry in members]
        pages[src] = _landing("Indeks Unit", "SOP menurut unit kerja.", src, entries, ctx)
        return pages
    body = ["# Indeks Unit", "", "SOP menurut instansi, lalu unit kerja.", ""]
    for agency in sorted(groups, key=lambda a: (not a, a.lower())):
        body += [f"## {esc_line(agency or 'Tanpa instansi')}", "", items(
            sorted(groups[agency], key=lambda e: natural_key(e[1])),
            lambda e: link(ctx.urls.href(src, e[0]), e[1]) + f' <span class="sop-jumlah">({e[2]} SOP)</span>'), ""]
    pages[src] = "\n".join(body) + "\n"
    return pages


def _pelaksana(sops: list[Sop], ctx: PageContext) -> dict[str, str]:
    by_key: dict[str, dict[str, Sop]] = {}
    spellings: dict[str, Counter] = {}
    for sop in sops:
        for pelaksana in sop.pelaksana:
            key = slug(pelaksana.nama)
            by_key.setdefault(key, {})[sop.id] = sop  # by id: two lanes of one SOP may share a slug
            spellings.setdefault(key, Counter())[pelaksana.nama] += 1
    pages = {}
    entries = []
    for key, members in sorted(by_key.items()):
        name = spellings[key].most_common(1)[0][0]
        src = ctx.paths.pelaksana(name)
        pages.update(paged(src, f"Pelaksana: {name}", "", f"SOP yang melibatkan {esc(name)}:", members.values(), ctx))
        entries.append((src, name, len(members)))
    pages[ctx.paths.PELAKSANA] = _landing(
        "Indeks Pelaksana", "SOP menurut pelaksana (jabatan yang menjalankan langkahnya).", ctx.paths.PELAKSANA, entries, ctx
    )
    return pages


def _legal(sops: list[Sop], ctx: PageContext) -> dict[str, str]:
    """One page per regulation, every spelling of it together; the landing page by the hierarchy of regulations
    (:mod:`katalog_sop.hierarki`), each with what it is about as the SOPs cite it."""
    by_key: dict[str, dict[str, list[str]]] = {}
    titles: dict[str, str] = {}
    for sop in sops:
        for text in sop.dasar_hukum:
            key = legal_key(text.value)
            titles.setdefault(key, legal_title(text.value))
            by_key.setdefault(key, {}).setdefault(sop.id, []).append(text.value)
    pages = {}
    groups: dict[int, list[tuple[tuple, str, str, str, int]]] = {}
    for key, citing in by_key.items():
        first = next(iter(citing.values()))[0]
        src, kutipan = ctx.paths.dasar_hukum(first), parse_kutipan(first)
        members = [ctx.catalogue.sops[i] for i in citing]
        spellings = Counter(text for texts in citing.values() for text in dict.fromkeys(texts))
        # A citation that cannot be read is titled by its whole text, which says what it is about already.
        about = tentang(spellings) if kutipan.key is not None else None
        written = items(
            sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0])),
            lambda kv: f"“{esc(kv[0])}” <span class=\"sop-jumlah\">({kv[1]} SOP)</span>",
        )
        lead = f'<p class="sop-subjudul sop-tentang">tentang {esc(about)}</p>\n\n' if about else ""  # as an SOP's subtitle
        pages.update(paged(src, titles[key], f"{lead}Ditulis pada SOP sebagai:\n\n{written}",
                           "SOP yang menjadikannya dasar hukum:", members, ctx))
        entry = (urutan(kutipan, titles[key]), src, titles[key], about or "", len(members))
        groups.setdefault(tingkat(kutipan), []).append(entry)
    src = ctx.paths.LEGAL

    def render(entry) -> str:
        _, target, title, about, count = entry
        said = f' <span class="sop-tentang">tentang {esc(about)}</span>' if about else ""
        return link(ctx.urls.href(src, target), title) + said + f' <span class="sop-jumlah">({count} SOP)</span>'
    body = [
        "# Indeks Dasar Hukum", "",
        "SOP menurut dasar hukumnya. Urutannya mengikuti hierarki peraturan perundang-undangan menurut Pasal 7 "
        "ayat (1) Undang-Undang Nomor 12 Tahun 2011 (UUD 1945, Ketetapan MPR, Undang-Undang/Perppu, Peraturan "
        "Pemerintah, Peraturan Presiden, Peraturan Daerah Provinsi, Peraturan Daerah Kabupaten/Kota). Jenis lain "
        "tidak termasuk hierarki itu; di sini peraturan dan keputusan menteri ditempatkan sesudah Presiden, "
        "peraturan dan keputusan kepala daerah sesudah Peraturan Daerah, dan selebihnya di bagian Lainnya. "
        "Di dalam setiap bagian, yang terbaru lebih dahulu.", "",
        "Penulisan yang berbeda untuk peraturan yang sama dikumpulkan pada satu halaman.", "",
    ]
    for index in sorted(groups):
        body += [f"## {esc_line(TINGKAT[index].judul)}", "", items(sorted(groups[index]), render), ""]
    pages[src] = "\n".join(body) + "\n"
    return pages


def _kategori(sops: list[Sop], ctx: PageContext) -> dict[str, str]:
    """One page per kategori, in its most common spelling, and one for the SOPs without; none at all where no SOP
    names a kategori (the navigation then leaves the index out too)."""
    by_page: dict[str, list[Sop]] = {}
    spellings: dict[str, Counter] = {}
    for sop in sops:
        name = " ".join(sop.kategori.value.split()) if sop.kategori is not None else None
        src = ctx.paths.kategori(name)
        by_page.setdefault(src, []).append(sop)
        if name is not None:
            spellings.setdefault(src, Counter())[name] += 1
    if not spellings:
        return {}
    pages = {}
    entries = []
    for src, members in by_page.items():
        if src not in spellings:
            continue
        name = spellings[src].most_common(1)[0][0]
        pages.update(paged(src, f"Kategori: {name}", "", f"SOP berkategori {esc(name)}:", members, ctx))
        entries.append((src, name, len(members)))
    entries.sort(key=lambda e: natural_key(e[1]))
    without = ctx.paths.kategori(None)
    if without in by_page:
        pages.update(paged(without, NO_KATEGORI_LABEL, "", "SOP yang belum diberi kategori:", by_page[without], ctx))
        entries.append((without, NO_KATEGORI_LABEL, len(by_page[without])))
    pages[ctx.paths.KATEGORI] = _landing(
        "Indeks Kategori", "SOP menurut kategori pekerjaan yang tertulis pada SOP.", ctx.paths.KATEGORI, entries, ctx
    )
    return pages


def _letters(sops: list[Sop], ctx: PageContext) -> dict[str, str]:
    by_letter: dict[str, list[Sop]] = {}
    for sop in sops:
        first = slug(sop.nama.value)[:1].upper()
        by_letter.setdefault(first if first.isalpha() else "#", []).append(sop)
    pages = {}
    entries = []
    for letter, members in sorted(by_letter.items()):
        members.sort(key=lambda s: (natural_key(s.nama.value), s.id))
        name = "lain" if letter == "#" else letter
        for start in range(0, len(members), LETTER_PAGE):
            part = members[start : start + LETTER_PAGE]
            src = ctx.paths.letter(name if start == 0 else f"{name}-{start // LETTER_PAGE + 1}")
            label = letter if len(members) <= LETTER_PAGE else f"{letter} ({start + 1}–{start + len(part)})"
            pages[src] = f"# SOP {esc_line(label)}\n\n{_sop_list(part, src, ctx)}\n"
            entries.append((src, label, len(part)))
    pages[ctx.paths.AZ] = _landing("Indeks A–Z", "SOP menurut abjad namanya.", ctx.paths.AZ, entries, ctx)
    return pages


REFERRERS = 10
"""SOPs named after a missing SOP on its line; more are on a page of their own."""


def _missing(ctx: PageContext) -> dict[str, str]:
    """The SOPs named in keterkaitan but missing from the catalogue, :data:`LIST_PAGE` a page; each names the SOPs
    that refer to it, the first :data:`REFERRERS` on its line and all of them on a page of its own."""
    src = ctx.paths.MISSING
    agencies = {key[0] for key in ctx.links.missing}
    entries = list(ctx.links.missing.items())
    pages: dict[str, str] = {}
    for key, cites in entries:
        if len(cites) > REFERRERS:
            written = cites[0][1]
            pages.update(paged(ctx.paths.missing_referrers(key), f"SOP yang merujuk “{written}”",
                               f'<p><a href="{ctx.urls.href(ctx.paths.missing_referrers(key), src)}">← SOP yang belum ada</a></p>',
                               f"{len(cites)} SOP menyebut “{esc(written)}” pada keterkaitannya:",
                               [ctx.catalogue.sops[i] for i in dict.fromkeys(i for i, _ in cites)], ctx))

    def render(here: str, entry) -> str:
        key, cites = entry
        written = cites[0][1]
        shown = sorted(cites, key=lambda c: (natural_key(ctx.catalogue.sops[c[0]].nama.value), c[0]))[:REFERRERS]
        by = ", ".join(link(ctx.urls.href(here, ctx.paths.sop(i)), ctx.catalogue.sops[i].nama.value) for i, _ in shown)
        if len(cites) > REFERRERS:
            by += f', <a href="{ctx.urls.href(here, ctx.paths.missing_referrers(key))}">dan {len(cites) - REFERRERS} SOP lain</a>'
        agency = instansi_of([ctx.catalogue.sops[cites[0][0]]]) if len(agencies) > 1 else ""
        where = f" ({esc(agency)})" if agency else ""
        return f"{esc(written)}{where} <span class=\"sop-dirujuk\">— dirujuk oleh {by}</span>"

    empty = '<p class="sop-kosong">Semua keterkaitan sudah ada di katalog.</p>'
    pages.update(paged_entries(src, "SOP yang Belum Ada di Katalog", "", "SOP yang disebut pada keterkaitan SOP lain "
                               "tetapi belum ada di katalog ini.", entries, "SOP",
                               lambda part, here: items(part, lambda e: render(here, e), empty=empty), ctx))
    return pages
