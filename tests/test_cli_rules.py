"""`sop check` with the compliance rules, as an auditor or a pre-commit hook runs it."""

from __future__ import annotations

import io
import shutil

import pytest

from katalog_sop import cli
from katalog_sop.check import check
from katalog_sop.reporters import as_text
from katalog_sop.rules import RULES
from katalog_sop.rules.base import CATALOGUE
from katalog_sop.rules.base import EXAMPLE_SOP

from conftest import REPO
from test_cli import sop

SEED = "sops/bakesbangpol/mekanisme-pengumpulan-data-kinerja.yaml"


@pytest.fixture
def catalogue(tmp_path):
    folder = tmp_path / "sops" / "kecamatan-contoh"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE_SOP, folder / "domisili.yaml")
    return tmp_path


def add_to_sample(catalogue, text: str):
    path = catalogue / "sops" / "kecamatan-contoh" / "domisili.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_the_seeds_fail_with_their_compliance_errors():
    result = sop("check", "--today", "2026-11-20", "sops")
    assert result.returncode == 1
    assert "error[SOPAP-I02] nomor SOP tidak diisi" in result.stdout
    assert "warning[SOPAP-D02] judul tertulis 'Pemerintah Daerah'; judul resminya 'Pemerintahan Daerah'" in result.stdout
    assert result.stderr.startswith(f"5 berkas SOP diperiksa, {len(RULES)} aturan: ")
    assert "Traceback" not in result.stderr


def test_select_runs_only_the_named_rules():
    result = sop("check", "--select", "SOPAP-D02,SOPAP-D05", "sops")
    codes = {line.split("[")[1].split("]")[0] for line in result.stdout.splitlines() if "[SOPAP-" in line}
    assert codes == {"SOPAP-D02", "SOPAP-D05"}
    assert result.returncode == 0  # both are warnings
    assert sop("check", "--select", "SOPAP-D02", "--strict", "sops").returncode == 1


def test_an_unknown_rule_is_a_usage_error():
    result = sop("check", "--ignore", "SOPAP-Q", "sops")
    assert result.returncode == 2
    assert result.stderr == (
        "sop check: galat: --ignore: tidak ada aturan 'SOPAP-Q' (contoh: SOPAP-K01, atau SOPAP-K untuk satu keluarga)\n"
    )


def test_a_bad_configuration_file_exits_2_with_its_position(catalogue):
    (catalogue / "katalog-sop.yml").write_text("rules:\n  SOPAP-W03: {periode: 6}\n", encoding="utf-8")
    result = sop("check", cwd=catalogue)
    assert result.returncode == 2
    assert result.stderr.startswith("sop check: galat: katalog-sop.yml:2:15: kunci tidak dikenal 'periode'")
    missing = sop("check", "--config", "tidak-ada.yml", cwd=catalogue)
    assert (missing.returncode, missing.stderr) == (2, "sop check: galat: tidak-ada.yml: berkas konfigurasi tidak ditemukan\n")


def test_today_decides_whether_a_review_is_overdue(catalogue):
    early = sop("check", "--today", "2025-07-01", cwd=catalogue)
    late = sop("check", "--today", "2026-03-01", cwd=catalogue)
    assert "SOPAP-W03" not in early.stdout
    assert "warning[SOPAP-W03]" in late.stdout
    assert sop("check", "--today", "1 Juli", cwd=catalogue).returncode == 2


def test_an_exempted_finding_is_shown_but_not_counted(catalogue):
    add_to_sample(catalogue, (
        "pengecualian:\n"
        "  - aturan: SOPAP-I06\n"
        "    alasan: Disahkan dengan keputusan bupati tersendiri <lampiran>\n"
    ))
    path = catalogue / "sops" / "kecamatan-contoh" / "domisili.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("disahkan_oleh:", "disahkan_dulu:", 1), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    text = text.replace("disahkan_dulu:\n  jabatan: Camat Contoh\n  nama: Drs. BUDI SANTOSO, M.Si\n  nip: 19700101 199003 1 002\n", "")
    path.write_text(text, encoding="utf-8")
    result = sop("check", "--today", "2025-07-01", "--ignore", "SOPAP-C02", cwd=catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[1] == (
        "sops/kecamatan-contoh/domisili.yaml:5:1: error[SOPAP-I06] pengesahan (disahkan_oleh) tidak ada; tulis jabatan,"
        " nama, dan NIP pejabat yang mengesahkan (at $) [dikecualikan: Disahkan dengan keputusan bupati tersendiri <lampiran>]"
    )
    assert result.stderr.startswith(f"1 berkas SOP diperiksa, {len(RULES) - 1} aturan: 0 galat, 0 peringatan, 0 info, 1 dikecualikan.")


def test_an_exemption_for_one_step_covers_that_step_only(tmp_path):
    sops = tmp_path / "sops" / "bakesbangpol"
    sops.mkdir(parents=True)
    text = (REPO / SEED).read_text(encoding="utf-8")
    text += "pengecualian:\n  - {aturan: SOPAP-K01, langkah: 14, alasan: Istilah baku dari naskah asli}\n"
    (sops / "mekanisme.yaml").write_text(text, encoding="utf-8")
    result = check([str(sops / "mekanisme.yaml")], rules=None)
    k01 = {p.location.json_path: p.suppressed for p in result.problems if p.code == "SOPAP-K01"}
    assert k01["$.langkah[13].kegiatan"] == "Istilah baku dari naskah asli"
    assert k01["$.langkah[14].kegiatan"] is None  # 'Pengarsipan ...', the next step: still counted
    assert [path for path, reason in k01.items() if reason is not None] == ["$.langkah[13].kegiatan"]


def test_an_exemption_that_matches_nothing_is_reported(catalogue):
    add_to_sample(catalogue, (
        "pengecualian:\n"
        "  - {aturan: SOPAP-K01, alasan: sudah tidak perlu}\n"
        "  - {aturan: SOPAP-Z99, alasan: salah ketik}\n"
        "  - {aturan: SOPAP-M02, langkah: 40, alasan: langkah yang tidak ada}\n"
    ))
    result = check([str(catalogue / "sops")], today=__import__("datetime").date(2025, 7, 1))
    found = [(p.code, p.location.json_path, p.message) for p in result.problems if p.code == "pengecualian"]
    assert found == [
        ("pengecualian", "$.pengecualian[0]", "pengecualian SOPAP-K01 tidak terpakai: aturan itu tidak menemukan apa pun"
         " pada SOP ini; hapus pengecualiannya"),
        ("pengecualian", "$.pengecualian[1]", "pengecualian untuk aturan yang tidak ada: SOPAP-Z99"),
        ("pengecualian", "$.pengecualian[2]", "pengecualian untuk langkah 40, padahal SOP ini hanya punya 3 langkah"),
    ]


def test_an_exemption_needs_a_reason(catalogue):
    add_to_sample(catalogue, "pengecualian:\n  - aturan: SOPAP-K01\n")
    result = sop("check", cwd=catalogue)
    assert result.returncode == 1
    assert "error[schema] kunci wajib 'alasan' tidak ada (at $.pengecualian[0])" in result.stdout


def test_checking_single_files_skips_the_catalogue_wide_rules_and_says_so():
    result = sop("check", SEED)
    assert "SOPAP-C0" not in result.stdout
    catalogue_wide = ", ".join(rule_id for rule_id, rule in sorted(RULES.items()) if rule.scope == CATALOGUE)
    assert catalogue_wide.startswith("SOPAP-C01, SOPAP-C02, SOPAP-C03")
    assert result.stderr.splitlines()[1].startswith(
        f"Aturan lintas katalog tidak dijalankan karena hanya sebagian berkas yang diperiksa: {catalogue_wide}."
    )


def test_text_is_grouped_by_file_and_coloured_only_for_a_terminal(monkeypatch):
    result = check([str(REPO / "sops")])
    coloured = as_text(result, color=True)
    plain = as_text(result, color=False)
    assert "\033[31m" in coloured and "\033[" not in plain
    headers = [block.splitlines()[0] for block in plain.split("\n\n")]
    assert len(headers) == 5 and all(h.endswith(")") and ".yaml (" in h for h in headers)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli._color(Terminal()) is True
    assert cli._color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._color(Terminal()) is False


def test_sop_text_in_a_message_cannot_break_the_line_or_drive_the_terminal(write_sop):
    path = write_sop('nama: X\npelaksana: [A, B]\nlangkah:\n  - {kegiatan: K, pelaksana: "B\\n\\u001b[2JC"}\n')
    result = check([str(path)], rules=())
    lines = as_text(result).splitlines()
    assert len(lines) == 2
    assert lines[1].endswith("pelaksana 'B\\n\\x1b[2JC' tidak ada dalam daftar pelaksana (at $.langkah[0].pelaksana)")
