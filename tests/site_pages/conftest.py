"""Fixtures of the site's browser tests: one built catalogue, served, and a browser page that stays local.

``site`` builds the example catalogue (mkdocs.yml, docs/, sops/) with
``mkdocs build --strict`` in a temporary folder, together with two small
SOPs of a unit "contoh" that name each other; it is built once per session
and shared by every browser test module. ``page`` records every request and
fails the test if one was for another host.
"""

from __future__ import annotations

import shutil
import textwrap

import pytest

from browser import RequestRecorder, launch_chromium, new_context, serve
from site_pages.test_plugin import _build, _project

LINKED = {
    "permohonan-izin.yaml": """\
        nama: Pelayanan Permohonan Izin
        nomor: 503/01/CONTOH
        pelaksana: [Petugas Loket, Kepala Seksi]
        keterkaitan: [SOP Pengarsipan Berkas Izin]
        langkah:
          - {kegiatan: Menerima berkas permohonan izin, pelaksana: Petugas Loket, output: Berkas}
          - {kegiatan: Memeriksa berkas permohonan izin, pelaksana: Kepala Seksi, output: Berkas diperiksa}
        """,
    "pengarsipan-berkas-izin.yaml": """\
        nama: Pengarsipan Berkas Izin
        pelaksana: [Petugas Loket, Pengarsip]
        langkah:
          - {kegiatan: Menyerahkan berkas izin, pelaksana: Petugas Loket, output: Berkas}
          - {kegiatan: Menyimpan berkas izin, pelaksana: Pengarsip, output: Arsip}
        """,
    "surat-keterangan-domisili.yaml": """\
        nama: Penerbitan Surat Keterangan Domisili
        nomor: 045/12/KEC-X/2025
        instansi: Pemerintah Kabupaten Contoh
        unit: Kecamatan Contoh
        tanggal_pembuatan: 2 Januari 2025
        tanggal_revisi: "-"
        tanggal_efektif: 6 Januari 2025
        disahkan_oleh: {jabatan: Camat Contoh, nama: "Drs. BUDI SANTOSO, M.Si", nip: 19700101 199003 1 002}
        dasar_hukum:
          - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
          - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
        kualifikasi_pelaksana: [Memahami administrasi kependudukan]
        keterkaitan: [SOP Pelayanan Permohonan Izin]
        peralatan_perlengkapan: [Komputer, Printer]
        peringatan: ["Jika SOP tidak dilaksanakan, maka pelayanan terlambat."]
        pencatatan_pendataan: [Buku register surat keterangan]
        pelaksana: [Petugas Pelayanan, Kasi Pemerintahan, Camat]
        langkah:
          - {kegiatan: Menerima berkas permohonan, pelaksana: Petugas Pelayanan, kelengkapan: [KTP], waktu: 10 menit, output: Berkas}
          - {kegiatan: Memeriksa berkas permohonan, pelaksana: Kasi Pemerintahan, waktu: 15 menit, output: Berkas diperiksa}
          - {kegiatan: Menandatangani surat keterangan, pelaksana: Camat, waktu: 1 hari, output: Surat keterangan}
        """,
}
"""The unit "contoh": two SOPs that name each other, and one with every part of the form filled in."""


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("katalog"))
    unit = project / "sops" / "contoh"
    unit.mkdir()
    for name, text in LINKED.items():
        (unit / name).write_text(textwrap.dedent(text), encoding="utf-8")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    yield project / "site"
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def recorder():
    return RequestRecorder()


@pytest.fixture
def page(browser, recorder):
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    recorder.attach(context)
    yield context.new_page()
    recorder.assert_only_local()
    context.close()
