"""References between SOPs: one resolver for the site's links and the compliance rule."""

from __future__ import annotations

import datetime as dt


from katalog_sop.keterkaitan import AMBIGUOUS, Resolver, resolve_links
from katalog_sop.rules import run_rules

from conftest import check_structure

SOP = """\
nama: {nama}
nomor: {nomor}
pelaksana: [A, B]
keterkaitan: {keterkaitan}
langkah:
  - {{kegiatan: Menerima surat, pelaksana: A}}
  - {{kegiatan: Memeriksa surat, pelaksana: B}}
"""


def _catalogue(write_sop):
    write_sop(SOP.format(nama="Penerimaan Surat", nomor="800/01", keterkaitan="[]"), "a.yaml")
    write_sop(SOP.format(nama="Rapat Internal", nomor="800/02", keterkaitan="[]"), "b.yaml")
    path = write_sop(SOP.format(nama="Rapat Internal", nomor="800/03", keterkaitan="[]"), "c.yaml")
    other = path.parent.parent / "lain"
    other.mkdir()
    (other / "d.yaml").write_text(
        SOP.format(
            nama="Pengarsipan",
            nomor="800/04",
            keterkaitan="['SOP Penerimaan Surat', 'Lihat nomor 800/02', 'Rapat internal.', 'SOP Yang Tidak Ada']",
        ),
        encoding="utf-8",
    )
    result = check_structure([str(path.parent.parent)])
    assert not [p for p in result.problems if p.is_error], result.problems
    return result.catalogue


def test_a_reference_names_an_sop_by_title_or_nomor_and_a_shared_title_is_ambiguous(write_sop):
    catalogue = _catalogue(write_sop)
    citing = catalogue.sops["lain/d"]
    resolver = Resolver(catalogue)
    assert [resolver.resolve(citing, item.value) for item in citing.keterkaitan] == ["unit/a", "unit/b", AMBIGUOUS, None]
    assert resolver.resolve(catalogue.sops["unit/a"], "Rapat Internal") == AMBIGUOUS  # same unit: still two


def test_the_site_and_the_rule_agree_on_what_leads_nowhere(write_sop):
    catalogue = _catalogue(write_sop)
    links = resolve_links(catalogue)
    assert [written for cites in links.missing.values() for _, written in cites] == ["SOP Yang Tidak Ada"]
    assert links.referenced_by == {"unit/a": ("lain/d",), "unit/b": ("lain/d",)}
    findings = [p for p in run_rules(catalogue, today=dt.date(2025, 7, 1)) if p.code == "SOPAP-C02"]
    assert [p.message for p in findings] == ["keterkaitan 'SOP Yang Tidak Ada' tidak ditemukan di katalog"]
    assert [p.severity.name for p in findings] == ["INFO"], "a catalogue grows over time: information, not a fault"


def test_a_nomor_is_found_inside_any_text_around_it(write_sop):
    catalogue = _catalogue(write_sop)
    resolver = Resolver(catalogue)
    citing = catalogue.sops["lain/d"]
    assert resolver.resolve(citing, "Lihat " + "a" * 20_000 + " dan nomor 800/02 juga") == "unit/b"
    assert resolver.resolve(citing, "Lihat " + "a" * 20_000) is None


def test_in_a_catalogue_of_several_agencies_a_reference_finds_its_own_agencys_sop_first(tmp_path):
    root = tmp_path / "sops"
    rows = (("puskesmas-a/surat", "Puskesmas A", "['SOP Pengarsipan', 'SOP Pemusnahan Arsip']"),
            ("puskesmas-a-tu/arsip", "Puskesmas A", "[]"),
            ("puskesmas-b/surat", "Puskesmas B", "['SOP Pengarsipan', 'SOP Pemusnahan Arsip']"),
            ("puskesmas-b-tu/arsip", "Puskesmas B", "[]"))
    for sop_id, instansi, links in rows:
        path = root / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        nama = "Pengarsipan" if sop_id.endswith("arsip") else "Penerimaan Surat"
        path.write_text(f"instansi: {instansi}\n" + SOP.format(nama=nama, nomor=f"'{sop_id}'", keterkaitan=links), encoding="utf-8")
    catalogue = check_structure([str(root)]).catalogue
    resolver = Resolver(catalogue)
    assert resolver.resolve(catalogue.sops["puskesmas-a/surat"], "SOP Pengarsipan") == "puskesmas-a-tu/arsip"
    assert resolver.resolve(catalogue.sops["puskesmas-b/surat"], "SOP Pengarsipan") == "puskesmas-b-tu/arsip"
    missing = resolve_links(catalogue).missing
    assert sorted(missing) == [("puskesmasa", "pemusnahanarsip"), ("puskesmasb", "pemusnahanarsip")], \
        "each agency misses its own SOP"


REAL_ITEMS = [
    # (item as a real SOP prints it under Keterkaitan, the rule that reports it or None)
    ("SOP Persiapan Survei Industri Mikro Kecil (IMK) Tahunan", "SOPAP-B02"),  # the SOP itself, copied from a sibling
    ("SOP Persiapan Survei Industri Mikro Kecil (IMK) Tahunan Tahun 2025", "SOPAP-B02"),
    ("800/05", "SOPAP-B02"),  # its own nomor
    ("PJK terkait", "SOPAP-B03"),
    ("Subject Matter terkait", "SOPAP-B03"),
    ("Perjanjian Kinerja (PK) Form", "SOPAP-B03"),
    ("Rencana Aksi (FRA)", "SOPAP-B03"),
    ("Peraturan Badan Pusat Statistik Nomor 1 Tahun 2024 tentang Penyelenggaraan Kearsipan", "SOPAP-B03"),
    ("Seluruh SOP di lingkungan BPS Provinsi Bengkulu", "SOPAP-B04"),
    ("SOP SDM;", None),  # written as an SOP: a reference, even if no SOP has that name yet
    ("SOP Evaluasi Survei Industri Mikro Kecil (IMK) Tahunan", None),
]


def test_items_that_are_not_other_sops_get_their_own_finding_and_are_not_missing_sops(write_sop):
    items = ", ".join(f"'{item}'" for item, _ in REAL_ITEMS)
    path = write_sop(SOP.format(nama="Persiapan Survei Industri Mikro Kecil (IMK) Tahunan", nomor="800/05",
                                keterkaitan=f"[{items}]"))
    catalogue = check_structure([str(path.parent)]).catalogue
    problems = run_rules(catalogue, today=dt.date(2025, 7, 1))
    by_item = {}
    for problem in problems:
        if problem.code in ("SOPAP-B02", "SOPAP-B03", "SOPAP-B04", "SOPAP-C02") and "keterkaitan[" in problem.location.json_path:
            index = int(problem.location.json_path.split("[")[1].rstrip("]"))
            by_item.setdefault(index, []).append(problem.code)
    for index, (item, rule) in enumerate(REAL_ITEMS):
        expected = [rule] if rule else ["SOPAP-C02"]  # an SOP reference that leads nowhere is C02 information
        assert by_item.get(index) == expected, item
    missing = [written for entries in resolve_links(catalogue).missing.values() for _, written in entries]
    assert sorted(missing) == ["SOP Evaluasi Survei Industri Mikro Kecil (IMK) Tahunan", "SOP SDM;"]
