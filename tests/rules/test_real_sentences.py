"""The issue's findings on real SOPs, each from a sentence a real SOP prints."""

from __future__ import annotations

from katalog_sop.config import parse_config

from rules.test_families import _run

OTK_2008 = "Peraturan Kepala Badan Pusat Statistik Nomor 7 Tahun 2008 tentang Organisai dan Tata Kerja Badan Pusat Statistik"
OTK_2020 = "Peraturan Badan Pusat Statistik Nomor 7 Tahun 2020 tentang Organisasi dan Tata Kerja Badan Pusat Statistik"
AMENDS_2008 = ("Peraturan Kepala BPS Nomor 9 Tahun 2017 tentang Perubahan Kedua atas Peraturan Kepala BPS Nomor 7 Tahun 2008 "
               "tentang Organisasi dan Tata Kerja Badan Pusat Statistik")


def _dasar(*items: str) -> str:
    return "dasar_hukum:\n" + "".join(f"  - {item}\n" for item in items)


def test_an_old_regulation_and_its_amendment_are_reported_where_another_sop_cites_the_new_one(tmp_path):
    found = _run(tmp_path, {"k/baru": _dasar(OTK_2020), "k/lama": _dasar(OTK_2008, AMENDS_2008)}, "SOPAP-C04")
    assert [at for _, at, _ in found] == ["$.dasar_hukum[0]", "$.dasar_hukum[1]"]
    assert OTK_2020 in found[0][2] and "mengubah" in found[1][2]


def test_a_newer_regulation_cited_under_two_titles_is_no_evidence(tmp_path):
    # one SOP of the corpus cites Peraturan BPS 5/2023 under the title of the BPS-wide OTK; the others under its own
    wrong = "Peraturan Kepala Badan Pusat Statistik nomor 5 tahun 2023 tentang Organisasi dan Tata Kerja Badan Pusat Statistik"
    right = ("Peraturan Badan Pusat Statistik Nomor 5 Tahun 2023 tentang Organisasi dan Tata Kerja Badan Pusat Statistik "
             "Provinsi dan Badan Pusat Statistik Kabupaten/Kota")
    found = _run(tmp_path, {"k/a": _dasar(wrong), "k/b": _dasar(right), "k/c": _dasar(OTK_2020)}, "SOPAP-C04")
    assert found == []


def test_a_wrong_title_is_reported_but_not_a_doubled_letter_or_a_spelt_out_acronym(tmp_path):
    found = _run(tmp_path, {"k/a": _dasar(
        "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Peraturan Pelaksanaan Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
        "Peraturan Pemerintah Nomor 51 Tahun 1999 tentang Penyelengaraan Statistik",
        "Peraturan Menteri Keuangan Nomor 171/PMK.05/2021 tentang Pelaksanaan Sistem Aplikasi Keuangan Tingkat Instansi (SAKTI)",
    )}, "SOPAP-D02")
    assert [at for _, at, _ in found] == ["$.dasar_hukum[0]"]


def test_an_approval_drawn_as_a_process_has_no_rejection_path(tmp_path):
    # 029 Pengajuan Pembayaran: the KPA's "Pengesahan SK" is a plain process box
    steps = """\
pelaksana: [Proyek SDM, KPA, PPK]
langkah:
  - {kegiatan: Menyusun SK, pelaksana: Proyek SDM, output: Draft SK}
  - {kegiatan: Pengesahan SK, pelaksana: KPA, output: SK}
  - {kegiatan: Membuat dokumen pembayaran, pelaksana: PPK, output: SPP}
"""
    found = _run(tmp_path, {"k/a": steps}, "SOPAP-F08")
    assert [(at, message.split(" (")[0]) for _, at, message in found] == [("$.langkah[1].kegiatan", "langkah 2")]


def test_an_agencys_own_sop_guideline_is_accepted_once_listed_in_any_spelling(tmp_path):
    # 327 and 332 cite BPS's own guideline, derived from PermenPANRB 35/2012
    bps = _dasar("Undang-Undang Nomor 16 Tahun 1997 tentang Statistik",
                 "Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013 Tentang Pedoman Penyusunan Standar "
                 "Operasional Prosedur Administrasi Pemerintah di Lingkungan Badan Pusat Statistik")
    found = _run(tmp_path / "a", {"k/a": bps}, "SOPAP-D04")
    assert [message for _, _, message in found] == [
        "dasar hukum tidak menyebut pedoman penyusunan SOP AP; yang diterima (opsi 'pedoman'): "
        "Peraturan Menteri PANRB Nomor 35 Tahun 2012; Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011"]
    listed = {"pedoman": ["Permenpan RB No. 35 Tahun 2012", "Perka BPS Nomor 19 Tahun 2013"]}
    parse_config({"rules": {"SOPAP-D04": listed}})  # a configuration file may say so
    assert _run(tmp_path / "b", {"k/a": bps}, "SOPAP-D04", options={"SOPAP-D04": listed}) == []


def test_an_actor_the_text_names_against_the_column_the_step_is_drawn_in(tmp_path):
    # 045: in the PJK Terkait column; 003: three signers in one column; 327: participants of a nominalised step
    steps = """\
pelaksana: [PJK Terkait, PJK TI, Tim Layanan Gudang/Bagian Umum, Subject Matter, Pegawai]
langkah:
  - {kegiatan: Anggota PJK TI melakukan managemen lisensi zoom setelah meeting berakhir, pelaksana: PJK Terkait}
  - {kegiatan: "Menandatangani bon permintaan barang oleh petugas gudang, penerima barang, dan koordinator tim layanan gudang",
     pelaksana: Tim Layanan Gudang/Bagian Umum}
  - {kegiatan: "Mengisi formulir yang ditandatangani oleh pemohon", pelaksana: Subject Matter}
  - {kegiatan: "Pelaksanaan kegiatan JOSS oleh seluruh pegawai, ibu-ibu DWP, dan tenaga alih daya", pelaksana: Pegawai}
"""
    found = _run(tmp_path, {"k/a": steps}, "SOPAP-K04", "SOPAP-K02")
    assert [(code, at) for code, at, _ in found] == [
        ("SOPAP-K02", "$.langkah[0].kegiatan"), ("SOPAP-K04", "$.langkah[0].kegiatan"), ("SOPAP-K04", "$.langkah[1].kegiatan")]
    assert "subjek dan kolom pelaksana tidak sama" in found[0][2]
    assert "'Anggota PJK TI' (kolom PJK TI)" in found[1][2] and "'penerima barang'" in found[2][2]


def test_a_decision_hidden_in_a_sequence_of_plain_steps(tmp_path):
    steps = """\
pelaksana: [Sekretaris, Kepala]
langkah:
  - {kegiatan: "Jika surat dikirim via email, meneruskan surat ke alamat email unit", pelaksana: Sekretaris}
  - {kegiatan: Mengirim surat melalui kurir, pelaksana: Sekretaris}
  - {kegiatan: "Memeriksa data; bila terdapat ketidaksesuaian maka data disesuaikan", pelaksana: Kepala}
  - {kegiatan: "Membuat SPD (jika dibutuhkan)", pelaksana: Sekretaris}
  - {kegiatan: Mengarsipkan surat, pelaksana: Sekretaris}
"""
    found = _run(tmp_path, {"k/a": steps}, "SOPAP-F07")
    assert [at for _, at, _ in found] == ["$.langkah[0].kegiatan", "$.langkah[2].kegiatan", "$.langkah[3].kegiatan"]


def test_an_inferred_nip_is_pointed_at_not_the_whole_approval_block(tmp_path):
    text = """\
disahkan_oleh: {jabatan: Kepala BPS Provinsi Bengkulu, nama: Win Rizal, nip: 19700101 199003 1 002}
catatan_sumber:
  disimpulkan: [NIP pengesah tidak tercetak di lembar; disimpulkan dari lapisan teks]
"""
    found = _run(tmp_path, {"k/a": text}, "SOPAP-I10")
    assert [at for _, at, _ in found] == ["$.disahkan_oleh.nip"]


def test_no_nip_is_a_finding_for_a_civil_servant_and_none_for_an_elected_official(tmp_path):
    found = _run(tmp_path, {"k/a": "disahkan_oleh: {jabatan: Camat Tebing Tinggi, nama: Budi}",
                            "k/b": "disahkan_oleh: {jabatan: Walikota Tarakan, nama: dr. Khairul}"}, "SOPAP-I07")
    assert [message for _, _, message in found] == [
        "NIP pejabat yang mengesahkan tidak ditulis; salin NIP dari kolom tanda tangan"]


def test_a_review_is_overdue_from_the_making_when_no_effective_date_is_written(tmp_path):
    found = _run(tmp_path, {"k/a": "tanggal_pembuatan: 2 Januari 2023\ntanggal_efektif: null\ntanggal_revisi: '-'"}, "SOPAP-W03")
    assert [(at, message.split(" 2 Januari")[0]) for _, at, message in found] == [
        ("$.tanggal_pembuatan", "SOP terakhir dibuat (tanpa tanggal efektif)")]


def test_a_pelaksana_that_evaluates_its_own_report(tmp_path):
    # 051: PJK Wilkerstat writes the report (step 9) and evaluates it (step 10); 029: goods received by the PPK
    # and the Ketua's delivery both lead to the PPK's validation, so the validated work is not the PPK's alone
    steps = """\
pelaksana: [PJK Wilkerstat, PPK, Ketua]
langkah:
  - {kegiatan: Menyusun laporan perbaikan blok sensus, pelaksana: PJK Wilkerstat}
  - {kegiatan: Evaluasi laporan, pelaksana: PJK Wilkerstat}
  - {kegiatan: Menyampaikan barang/jasa, pelaksana: Ketua, lanjut_ke: 5}
  - {kegiatan: Mencatat serah terima barang/jasa, pelaksana: PPK}
  - {kegiatan: Validasi dokumen pembayaran, pelaksana: PPK}
"""
    found = _run(tmp_path, {"k/a": steps}, "SOPAP-P04")
    assert [at for _, at, _ in found] == ["$.langkah[1].kegiatan"]


def test_ranks_and_units_are_no_qualification_and_a_qualified_official_has_a_column(tmp_path):
    # 014 lists ranks and units; 261 qualifies a Kepala UKPBJ who acts in no column
    found = _run(tmp_path, {"k/a": """\
kualifikasi_pelaksana: [Eselon II, Eselon III / Fungsional Ahli Madya, Tim Kerja, Instansi Terkait,
                        Memahami peraturan terkait penatausahaan barang persediaan,
                        "Kepala UKPBJ mampu memimpin dan mengkoordinasikan seluruh kegiatan UKPBJ",
                        "Camat: mampu menilai kelengkapan berkas", Anggota tim harus memahami Zoom Meeting]
"""}, "SOPAP-B05", "SOPAP-B06")
    assert [(code, at) for code, at, _ in found] == [
        ("SOPAP-B05", "$.kualifikasi_pelaksana"), ("SOPAP-B06", "$.kualifikasi_pelaksana[5]")]
    assert "'Eselon II'; 'Eselon III / Fungsional Ahli Madya'; 'Tim Kerja'; 'Instansi Terkait'" in found[0][2]


def test_a_system_drawn_as_a_pelaksana_column(tmp_path):
    text = "pelaksana:\n  - {id: petugas, nama: Petugas Pelayanan}\n  - Kasi Pemerintahan\n  - Camat\n  - Sistem GS\n"
    found = _run(tmp_path, {"k/a": text}, "SOPAP-P05")
    assert [at for _, at, _ in found] == ["$.pelaksana[3]"]


def test_a_regulation_cited_under_two_titles_and_one_under_the_wrong_form(tmp_path):
    # 014 cites Peraturan BPS 5/2023 under the BPS-wide OTK title, six other SOPs under its own;
    # 136 cites Perpres 86/2007 as a "Keputusan Presiden"
    own = ("Peraturan Badan Pusat Statistik Nomor 5 Tahun 2023 tentang Organisasi dan Tata Kerja Badan Pusat Statistik "
           "Provinsi dan Badan Pusat Statistik Kabupaten/Kota")
    other = "Peraturan Kepala Badan Pusat Statistik nomor 5 tahun 2023 tentang Organisasi dan Tata Kerja Badan Pusat Statistik"
    found = _run(tmp_path, {"k/a": _dasar(own), "k/b": _dasar(own), "k/c": _dasar(other),
                            "k/d": _dasar("Keputusan Presiden Nomor 86 tahun 2007 tentang Badan Pusat Statistik")},
                 "SOPAP-C05", "SOPAP-D08")
    assert [(code, at) for code, at, _ in found] == [("SOPAP-C05", "$.dasar_hukum[0]"), ("SOPAP-D08", "$.dasar_hukum[0]")]
    assert "2 kutipan lain" in found[0][2] and "Peraturan Presiden Nomor 86 Tahun 2007" in found[1][2]


def test_printed_step_numbers_that_skip_or_a_row_printed_without_one(tmp_path):
    # 327 prints 1, (none), 2, 4, ...; a second table restarts its numbers
    steps = """\
pelaksana: [Staf, Kepala]
langkah:
  - {nomor: 1, kegiatan: Menerima surat, pelaksana: Staf}
  - {kegiatan: Mencatat surat, pelaksana: Staf}
  - {nomor: 2, kegiatan: Meneruskan surat, pelaksana: Staf}
  - {nomor: 4, kegiatan: Membaca surat, pelaksana: Kepala}
  - {nomor: 1, kegiatan: Menerima disposisi, pelaksana: Staf, tabel: {judul: Disposisi}}
  - {nomor: 2, kegiatan: Melaksanakan disposisi, pelaksana: Staf}
"""
    found = _run(tmp_path, {"k/a": steps}, "SOPAP-F09")
    assert [at for _, at, _ in found] == ["$.langkah[1]", "$.langkah[3]"]


def test_an_sop_enacted_below_the_official_who_signs_in_its_steps(tmp_path):
    # the Bakesbangpol seed: "Penandatanganan Dokumen Pengumpulan Data Kinerja oleh Kepala Badan"
    def sop(jabatan: str) -> str:
        return f"""\
disahkan_oleh: {{jabatan: {jabatan}, nama: Drs. CONTOH, nip: 19700101 199003 1 002}}
pelaksana: [Kepala Badan, Sekretaris / Bidang, Perencana]
langkah:
  - {{kegiatan: Menyusun draft dokumen pengumpulan data kinerja, pelaksana: Perencana, output: Draft dokumen}}
  - {{kegiatan: Memeriksa draft dokumen, pelaksana: Sekretaris / Bidang, output: Draft dokumen diperiksa,
     cabang: [{{label: Sesuai, ke: 3}}, {{label: Tidak sesuai, ke: 1}}]}}
  - {{kegiatan: Penandatanganan Dokumen Pengumpulan Data Kinerja oleh Kepala Badan, pelaksana: Kepala Badan,
     output: Dokumen ditandatangani}}
"""
    def found(jabatan: str) -> list:
        return _run(tmp_path / jabatan.split()[0], {"k/a": sop(jabatan)}, "SOPAP-I13")
    below = found("Sekretaris Badan Kesatuan Bangsa dan Politik")
    assert [at for _, at, _ in below] == ["$.disahkan_oleh.jabatan"]
    assert "Kepala Badan (pimpinan instansi) menyetujui atau menandatangani pada langkah 3" in below[0][2]
    assert len(found("Kepala Bidang Politik Dalam Negeri")) == 1
    for jabatan in ("Kepala Badan Kesatuan Bangsa dan Politik", "Bupati Contoh", "Ketua Tim Kerja"):
        assert found(jabatan) == [], jabatan
