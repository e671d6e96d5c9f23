"""The legal-basis parser on real spellings (seeds, reference §7.2), and the regulation registry."""

from __future__ import annotations

import pytest

from katalog_sop.dasar_hukum import normalise_title, parse_kutipan, peraturan_key
from katalog_sop.rules.peraturan import DICABUT, REGISTRY, load_registry

CITATIONS = [
    # (as written, key, tahun, tentang)
    (("Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur Di Lingkungan "
     "Pemerintah Provinsi dan Kabupaten/Kota"), "permendagri-52-2011", 2011,
     "Standar Operasional Prosedur Di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota"),
    ("Peraturan MenPAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja",
     "permenpanrb-53-2014", 2014, "Petunjuk Teknis Perjanjian Kinerja"),
    (("Peraturan MENPAN Dan RB Nomor 35 Tahun 2012 Tentang Pedoman Penyusunan Standar Operasional Prosedur "
     "Administrasi Pemerintahan"), "permenpanrb-35-2012", 2012,
     "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"),
    (("Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 12 Tahun 2011 tentang "
     "Pedoman Penataan Tata Laksana (Business Process)"), "permenpanrb-12-2011", 2011,
     "Pedoman Penataan Tata Laksana (Business Process)"),
    (("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia Nomor 35 Tahun 2012 "
     "Tentang Pedoman Penyusunan"), "permenpanrb-35-2012", 2012, "Pedoman Penyusunan"),
    ("Permenpan RB Nomor 35 Tahun 2012", "permenpanrb-35-2012", 2012, None),
    ("PermenPAN & RB No. 35 Tahun 2012 tentang Pedoman", "permenpanrb-35-2012", 2012, "Pedoman"),
    ("Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman", "permenpanrb-35-2012", 2012, "Pedoman"),
    ("PermenPANRB Nomor: 35 Tahun 2012;", "permenpanrb-35-2012", 2012, None),
    ("Permen PAN-RB No.35 Tahun 2012", "permenpanrb-35-2012", 2012, None),
    (("Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Tahun 2009 Nomor 112 dan "
     "Tambahan Lembaran Negara Nomor 5038)"), "uu-25-2009", 2009, "Pelayanan Publik"),
    (("Undang-Undang Republik Indonesia Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah "
     "dengan Undang-Undang Nomor 9 Tahun 2015"), "uu-23-2014", 2014, "Pemerintahan Daerah"),
    ("UU 23/2014 tentang Pemerintahan Daerah", "uu-23-2014", 2014, "Pemerintahan Daerah"),
    ("UU No 25 tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional", "uu-25-2004", 2004,
     "Sistem Perencanaan Pembangunan Nasional"),
    (("Peraturan Pemerintah Nomor 13 Tahun 2019 tentang Laporan dan Evaluasi Penyelenggaraan Pemerintahan Daerah "
     "(Lembaran Negara Republik Indonesia Tahun 2019 Nomor 52, Tambahan Lembaran Negara Republik Indonesia Nomor "
     "6323)"), "pp-13-2019", 2019, "Laporan dan Evaluasi Penyelenggaraan Pemerintahan Daerah"),
    ("Peraturan Pemerintah Republik Indonesia Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
     "pp-12-2019", 2019, "Pengelolaan Keuangan Daerah"),
    ("PP 12/2019", "pp-12-2019", 2019, None),
    ("Peraturan Presiden nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
     "perpres-29-2014", 2014, "Sistem Akuntabilitas Kinerja Instansi Pemerintah"),
    ("Permendagri Nomor 73 Tahun 2009 tentang Tata Cara", "permendagri-73-2009", 2009, "Tata Cara"),
    ("Permendagri 52/2011", "permendagri-52-2011", 2011, None),
    (("Peraturan Menteri Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 tentang Pedoman Penyusunan "
     "Standar Operasional Prosedur (SOP) Administrasi Pemerintahan"), "permenpan-per-21-m-pan-11-2008", 2008,
     "Pedoman Penyusunan Standar Operasional Prosedur (SOP) Administrasi Pemerintahan"),
    ("PermenPAN Per/21/M.PAN/11/2008", "permenpan-per-21-m-pan-11-2008", 2008, None),
    (("Keputusan Menteri Pendayagunaan Aparatur Negara Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum "
     "Penyelenggaraan Pelayanan Publik"), "kepmenpan-63-kep-m-pan-7-2003", 2003,
     "Pedoman Umum Penyelenggaraan Pelayanan Publik"),
    ("Peraturan Menteri Perindustrian Nomor 42/M-IND/PER/8/2013 tentang Pedoman Penyusunan SOP AP",
     "permen-perindustrian-42-m-ind-per-8-2013", 2013, "Pedoman Penyusunan SOP AP"),
    ("Peraturan Menteri Keuangan Nomor 215/PMK.05/2016", "pmk-215-pmk-05-2016", 2016, None),
    (("Peraturan Daerah (Perda) Kota Tarakan Nomor 9 Tahun 2020 tentang Perubahan atas Peraturan Daerah Nomor 4 "
     "Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah, Kota Tarakan"), "perda-kota-tarakan-9-2020", 2020,
     ("Perubahan atas Peraturan Daerah Nomor 4 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah, "
     "Kota Tarakan")),
    ("Peraturan Walikota Tegal Nomor 56 Tahun 2021 tentang Susunan Organisasi", "perwal-tegal-56-2021", 2021,
     "Susunan Organisasi"),
    ("Peraturan Gubernur Jawa Tengah Nomor 37 Tahun 2013 tentang Pedoman", "pergub-jawa-tengah-37-2013", 2013,
     "Pedoman"),
    ("Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013", "perka-badan-pusat-statistik-19-2013", 2013, None),
    # as the transcribed real SOPs write them (tests/real_sops/)
    ("Peraturan Kepala BPS Nomor 19 Tahun 2013", "perka-badan-pusat-statistik-19-2013", 2013, None),
    ("Keputusan Kepala BPS Nomor 5 Tahun 2000 tentang Sistem Statistik Nasional;",
     "kepka-badan-pusat-statistik-5-2000", 2000, "Sistem Statistik Nasional"),
    ("Keputusan Kepala Badan Pusat Statistik Nomor 121 Tahun 2001 tentang Organisasi dan Tata Kerja Perwakilan BPS di Daerah",
     "kepka-badan-pusat-statistik-121-2001", 2001, "Organisasi dan Tata Kerja Perwakilan BPS di Daerah"),
    ("Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006 tentang Pedoman Akuntansi Persediaan",
     "perdirjen-perbendaharaan-per-40-pb-2006", 2006, "Pedoman Akuntansi Persediaan"),
    ("Peraturan BPS Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik",
     "perban-pusat-statistik-7-2020", 2020, "Organisasi dan Tata Kerja Badan Pusat Statistik"),
    ("Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020", "perban-pusat-statistik-7-2020", 2020, None),
    ("Peraturan LKPP Nomor 12 Tahun 2021 tentang Pedoman Pelaksanaan Pengadaan",
     "perlem-kebijakan-pengadaan-barang-jasa-pemerintah-12-2021", 2021, "Pedoman Pelaksanaan Pengadaan"),
]


@pytest.mark.parametrize("written, key, tahun, tentang", CITATIONS, ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_real_spellings_parse(written, key, tahun, tentang):
    kutipan = parse_kutipan(written)
    assert (kutipan.key, kutipan.tahun, kutipan.tentang) == (key, tahun, tentang)
    assert kutipan.raw == written


@pytest.mark.parametrize("written, region", [
    ("Peraturan Walikota Tegal Nomor 56 Tahun 2021 tentang X", ("kota", "tegal")),
    ("Perwal Tarakan No. 5 Tahun 2020 tentang X", ("kota", "tarakan")),
    ("Peraturan Daerah (Perda) Kota Tarakan Nomor 9 Tahun 2020 tentang X", ("kota", "tarakan")),
    ("Peraturan Daerah Kab. Balangan Nomor 3 Tahun 2019 tentang X", ("kabupaten", "balangan")),
    ("Peraturan Bupati Tanjung Jabung Barat Nomor 23 Tahun 2020 tentang X", ("kabupaten", "tanjungjabungbarat")),
    ("Peraturan Gubernur Jawa Tengah Nomor 37 Tahun 2013 tentang X", ("provinsi", "jawatengah")),
    ("Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang X", None),
    ("Peraturan Daerah Nomor 4 Tahun 2016 tentang X", None),
])
def test_regions_of_regional_regulations(written, region):
    assert parse_kutipan(written).wilayah == region


@pytest.mark.parametrize("written, missing", [
    ("Undang-Undang tentang Pelayanan Publik", {"nomor", "tahun"}),
    ("Peraturan tentang pelayanan", {"jenis", "nomor", "tahun"}),
    ("Keputusan Camat tanggal 5 Januari tentang Tim", {"jenis", "nomor", "tahun"}),
    ("Surat Camat", {"jenis", "nomor", "tahun", "tentang"}),
    ("Undang-Undang Nomor 25 tentang Pelayanan Publik", {"tahun"}),
])
def test_parts_that_cannot_be_read_are_none(written, missing):
    kutipan = parse_kutipan(written)
    parts = {"jenis": kutipan.jenis, "nomor": kutipan.nomor, "tahun": kutipan.tahun, "tentang": kutipan.tentang}
    assert {name for name, value in parts.items() if value is None} == missing
    assert kutipan.key is None


def test_a_number_that_holds_its_year_and_letters_stays_whole():
    for written, nomor, tahun in (("Peraturan Menteri Keuangan Nomor 113/PMK.01/2006 tentang Pedoman", "113/PMK.01/2006", 2006),
                                  ("Peraturan Direktur Jenderal Perbendaharaan Nomor PER-40/PB/2006", "PER-40/PB/2006", 2006),
                                  ("UU 23/2014 tentang Pemerintahan Daerah", "23", 2014)):
        kutipan = parse_kutipan(written)
        assert (kutipan.nomor, kutipan.tahun) == (nomor, tahun), written


def test_key_drops_a_year_the_number_repeats():
    assert peraturan_key("permenpan", "PER/21/M.PAN/11/2008", 2008) == "permenpan-per-21-m-pan-11-2008"
    assert peraturan_key("uu", "23", 2014) == "uu-23-2014"
    assert peraturan_key("pmk", "215/PMK.05/2016", 2016) == "pmk-215-pmk-05-2016"


def test_titles_compare_without_case_spacing_or_punctuation():
    assert normalise_title("Pedoman Penataan Tata Laksana (Business Process)") == normalise_title(
        "Pedoman Penataan Tatalaksana (Business Process)"
    )
    assert normalise_title("Pemerintah Daerah") != normalise_title("Pemerintahan Daerah")


@pytest.mark.parametrize("peraturan", REGISTRY.values(), ids=lambda p: p.key)
def test_every_registry_entry_parses_back_from_its_own_citation(peraturan):
    kutipan = parse_kutipan(peraturan.sebutan)
    assert kutipan.key == peraturan.key
    if peraturan.judul_kunci is not None:  # a title is compared as a citation of it is read
        assert normalise_title(kutipan.tentang) == peraturan.judul_kunci


def test_registry_holds_the_facts_the_issue_names():
    assert REGISTRY["uu-23-2014"].judul == "Pemerintahan Daerah"
    assert REGISTRY["uu-5-2014"].status == DICABUT and REGISTRY["uu-5-2014"].dicabut_oleh == "uu-20-2023"
    assert REGISTRY["pp-28-2012"].judul.lower().startswith("pelaksanaan undang-undang nomor 43 tahun 2009")
    assert all(peraturan.sumber for peraturan in REGISTRY.values()) and len(REGISTRY) >= 300
    assert {"permenpanrb-35-2012", "permendagri-52-2011", "uu-25-2009", "pp-11-2017", "pp-8-2006",
            "perpres-29-2014", "permenpanrb-53-2014", "uu-17-2003", "uu-30-2014"} <= set(REGISTRY)


@pytest.mark.parametrize("entries, message", [
    ("- {jenis: uu, nomor: '1', tahun: 2000, judul: A, sumber: [x]}\n- {jenis: uu, nomor: '1', tahun: 2000, judul: B, sumber: [x]}",
     "uu-1-2000 disebut dua kali"),
    ("- {jenis: uu, nomor: '1', tahun: 2000, judul: A, status: berlaku, dicabut_oleh: uu-2-2001, sumber: [x]}",
     "dicabut_oleh tanpa status dicabut"),
    ("- {jenis: uu, nomor: '1', tahun: 2000, judul: A}", "entri tidak sah"),  # no sumber: a fact from nowhere
    ("- {jenis: uu, nomor: '1', tahun: 2000, judul: A, status: hidup}", "entri tidak sah"),
    ("- {jenis: uu, nomor: '1', tahun: 2000, judul: A, tentang: B}", "entri tidak sah"),
])
def test_a_malformed_registry_is_refused(tmp_path, entries, message):
    path = tmp_path / "peraturan.yaml"
    path.write_text(entries, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_registry(path)
