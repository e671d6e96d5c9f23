"""The site's navigation, built from the catalogue's data (katalog_sop.site.nav)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from katalog_sop.check import check
from katalog_sop.model import Sop
from katalog_sop.site.nav import natural_key, site_nav


def _sops(tmp_path: Path, specs: dict[str, tuple[str | None, str | None]]) -> list[Sop]:
    """SOPs by id, each written with an instansi and a unit (``None``: not written)."""
    for sop_id, (instansi, unit) in specs.items():
        lines = [f"nama: SOP {sop_id}"]
        if instansi:
            lines.append(f"instansi: {instansi!r}")
        if unit:
            lines.append(f"unit: {unit!r}")
        lines += ["pelaksana: [Petugas, Kepala]", "langkah: [{kegiatan: Menerima berkas, pelaksana: Petugas}]"]
        path = tmp_path / "sops" / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent("\n".join(lines)) + "\n", encoding="utf-8")
    return list(check([str(tmp_path / "sops")]).catalogue.sops.values())


def test_units_are_grouped_by_instansi_in_their_written_names_once_each_and_sops_are_not_listed(tmp_path):
    sops = _sops(tmp_path, {
        "bagian-10/a": ("Pemerintah Kota Contoh", "Bagian 10"),
        "bagian-10/b": ("Pemerintah Kota Contoh", "Bagian 10"),
        "bagian-2/a": ("Pemerintah Kota Contoh", "Bagian 2"),
        "dinas/a": ("Pemerintah Kabupaten <Lain>", "Dinas & Badan"),
        "tanpa/a": (None, "Sekretariat"),
    })
    nav = site_nav(sops, ["index.md", "panduan.md"])
    assert nav[:4] == [{"Beranda": "index.md"}, "panduan.md", {"Kepatuhan": "kepatuhan.md"}, {"Aturan Kepatuhan": "aturan.md"}]
    (units,) = [item["Unit kerja"] for item in nav if isinstance(item, dict) and "Unit kerja" in item]
    assert units == [
        {"Pemerintah Kabupaten &lt;Lain&gt;": [{"Dinas &amp; Badan": "unit/dinas.md"}]},
        {"Pemerintah Kota Contoh": [{"Bagian 2": "unit/bagian-2.md"}, {"Bagian 10": "unit/bagian-10.md"}]},
        {"Instansi tidak disebut": [{"Sekretariat": "unit/tanpa.md"}]},
    ], "instansi sorted, units naturally (2 before 10), names escaped, SOPs not listed"
    assert nav[-1] == {"Indeks": [{"Unit": "unit/index.md"}, {"Pelaksana": "pelaksana/index.md"},
                                  {"Dasar Hukum": "dasar-hukum/index.md"}, {"A–Z": "a-z/index.md"},
                                  {"SOP yang belum ada": "sop-belum-ada.md"}]}


def test_the_navigation_does_not_grow_with_the_number_of_sops(tmp_path):
    few = site_nav(_sops(tmp_path / "few", {f"umum/sop-{i}": ("Pemkot", "Umum") for i in range(3)}), ["index.md"])
    many = site_nav(_sops(tmp_path / "many", {f"umum/sop-{i}": ("Pemkot", "Umum") for i in range(300)}), ["index.md"])
    assert many == few


def test_natural_order_reads_numbers_as_numbers():
    names = ["SOP 201", "sop 3", "SOP 20", "Bagian B", "bagian a"]
    assert sorted(names, key=natural_key) == ["bagian a", "Bagian B", "sop 3", "SOP 20", "SOP 201"]


def test_index_lists_tell_same_named_sops_apart_and_sort_numbers_naturally(tmp_path):
    from katalog_sop.site.build import site_pages

    root = tmp_path / "sops"
    for folder, unit, name, nomor in (("a", "Bagian Umum", "SOP 10 Arsip", "800/1"), ("a", "Bagian Umum", "SOP 2 Arsip", "800/2"),
                                      ("b", "Bagian Keuangan", "SOP 2 Arsip", "900/7")):
        path = root / folder / f"{nomor.replace('/', '-')}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"nama: {name}\nnomor: '{nomor}'\nunit: {unit}\npelaksana: [Petugas, Kepala]\n"
                        "langkah: [{kegiatan: Menerima berkas, pelaksana: Petugas}]\n", encoding="utf-8")
    pages = site_pages(check([str(root)]))
    petugas = pages["pelaksana/petugas.md"]
    entries = [line for line in petugas.split("<li>")[1:]]
    assert [e.split("</a>")[0].rsplit(">", 1)[1] for e in entries] == ["SOP 2 Arsip", "SOP 2 Arsip", "SOP 10 Arsip"]
    assert '<span class="sop-nomor">Bagian Keuangan · 900/7 · ' in petugas
    assert "pemeriksaan lolos" in entries[0]
    unit_page = pages["unit/b.md"]
    assert '<span class="sop-nomor">900/7 · ' in unit_page, "a unit's own page does not repeat the unit"


def test_the_kategori_index_is_listed_only_where_an_sop_names_a_kategori(tmp_path):
    sops = _sops(tmp_path, {"umum/a": ("Pemkot", "Umum"), "umum/b": ("Pemkot", "Umum")})
    without = site_nav(sops, ["index.md"])
    assert "kategori/index.md" not in str(without)
    path = tmp_path / "sops" / "umum" / "b.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "kategori: Persuratan\n", encoding="utf-8")
    with_kategori = site_nav(list(check([str(tmp_path / "sops")]).catalogue.sops.values()), ["index.md"])
    assert with_kategori[-1] == {"Indeks": [{"Unit": "unit/index.md"}, {"Kategori": "kategori/index.md"},
                                            {"Pelaksana": "pelaksana/index.md"}, {"Dasar Hukum": "dasar-hukum/index.md"},
                                            {"A–Z": "a-z/index.md"}, {"SOP yang belum ada": "sop-belum-ada.md"}]}
    assert with_kategori[:-1] == without[:-1], "nothing else changes"
