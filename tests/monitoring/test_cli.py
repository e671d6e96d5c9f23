"""`sop monitoring new` and `sop check` on monitoring records, run as a user runs them."""

from __future__ import annotations

import subprocess
import sys

import yaml

from monitoring.helpers import sample, write_catalogue, write_record


def sop(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "katalog_sop", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_new_lists_every_sop_of_the_unit_with_empty_results(tmp_path):
    write_catalogue(tmp_path)
    other = tmp_path / "sops" / "sekretariat" / "arsip.yaml"
    other.parent.mkdir()
    other.write_text(yaml.safe_dump({**sample(), "nama": "Penataan Arsip"}), encoding="utf-8")
    done = sop("monitoring", "new", "kecamatan", "--tanggal", "2026-06-15", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "monitoring" / "kecamatan" / "2026-06.yaml"
    assert "monitoring/kecamatan/2026-06.yaml: 2 SOP unit kecamatan" in done.stderr
    record = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert record["tanggal"] == "15 Juni 2026"
    assert record["hasil"] == [
        {"sop": "kecamatan/contoh", "penilaian": None, "catatan": None, "tindakan": None},
        {"sop": "kecamatan/surat-keluar", "penilaian": None, "catatan": None, "tindakan": None},
    ]
    assert "# Penerbitan Surat Keterangan Domisili" in written.read_text(encoding="utf-8")
    # the file is valid as written, and its empty rows are no monitoring yet
    checked = sop("check", "sops", "--today", "2026-07-01", "--select", "SOPAP-E01", cwd=tmp_path)
    assert "monitoring/" not in checked.stdout
    assert checked.stdout.count("SOPAP-E01") == 3


def test_new_never_overwrites_a_round(tmp_path):
    write_catalogue(tmp_path)
    kept = write_record(tmp_path, "2026-06.yaml", "jenis: monitoring\ntanggal: 15 Juni 2026\nhasil: []\n")
    done = sop("monitoring", "new", "kecamatan", "--tanggal", "2026-06-30", cwd=tmp_path)
    assert done.returncode == 2
    assert "monitoring/kecamatan/2026-06.yaml sudah ada; tidak ditimpa" in done.stderr
    assert kept.read_text(encoding="utf-8") == "jenis: monitoring\ntanggal: 15 Juni 2026\nhasil: []\n"
    assert sorted(p.name for p in kept.parent.iterdir()) == ["2026-06.yaml"]  # no temporary file left


def test_new_for_an_unknown_unit_says_which_exist(tmp_path):
    write_catalogue(tmp_path)
    done = sop("monitoring", "new", "kecamtan", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "sop monitoring: galat: unit 'kecamtan' tidak ada di sops; mungkin maksudnya 'kecamatan'?"
    outside = sop("monitoring", "new", "../sops", cwd=tmp_path)
    assert outside.returncode == 2 and not (tmp_path / "monitoring").exists()


def test_new_writes_hostile_names_as_data(tmp_path):
    write_catalogue(tmp_path, contoh={"nama": "Surat\n  - sop: palsu # \"x\""})
    assert sop("monitoring", "new", "kecamatan", "--tanggal", "2026-06-15", cwd=tmp_path).returncode == 0
    record = yaml.safe_load((tmp_path / "monitoring" / "kecamatan" / "2026-06.yaml").read_text(encoding="utf-8"))
    assert [row["sop"] for row in record["hasil"]] == ["kecamatan/contoh", "kecamatan/surat-keluar"]


def test_check_reports_a_record_problem_at_its_line(tmp_path):
    write_catalogue(tmp_path)
    write_record(tmp_path, "2026-06.yaml", "jenis: monitoring\ntanggal: 15 Juni 2026\nhasil:\n  - sop: Izin Keramaian\n")
    done = sop("check", "sops", "--today", "2026-07-01", cwd=tmp_path)
    assert done.returncode == 1
    assert ("monitoring/kecamatan/2026-06.yaml:4:10: error[monitoring] SOP 'Izin Keramaian' tidak ada di katalog; "
            "tulis id, nomor atau nama SOP (at $.hasil[0].sop)") in done.stdout


def test_check_from_inside_the_catalogue_folder_finds_the_records_beside_it(tmp_path):
    write_catalogue(tmp_path)
    write_record(tmp_path, "2026-06.yaml", "jenis: monitoring\ntanggal: 15 Juni 2026\nhasil:\n  - sop: Izin Keramaian\n")
    done = sop("check", ".", "--today", "2026-07-01", cwd=tmp_path / "sops")
    assert done.returncode == 1
    assert "../monitoring/kecamatan/2026-06.yaml:4:10: error[monitoring] SOP 'Izin Keramaian'" in done.stdout


def test_only_a_folder_named_sops_reads_the_records_beside_it_unless_told(tmp_path):
    write_catalogue(tmp_path)
    (tmp_path / "sops").rename(tmp_path / "katalog")
    write_record(tmp_path, "2026-06.yaml", "jenis: monitoring\ntanggal: 15 Juni 2026\nhasil:\n  - sop: Izin Keramaian\n")
    plain = sop("check", "katalog", "--today", "2026-07-01", "--select", "SOPAP-E01", cwd=tmp_path)
    assert plain.returncode == 0 and "monitoring/" not in plain.stdout + plain.stderr
    told = sop("check", "katalog", "--monitoring", "monitoring", "--today", "2026-07-01", cwd=tmp_path)
    assert told.returncode == 1
    assert "monitoring/kecamatan/2026-06.yaml:4:10: error[monitoring] SOP 'Izin Keramaian'" in told.stdout
    missing = sop("check", "katalog", "--monitoring", "tidak-ada", cwd=tmp_path)
    assert (missing.returncode, missing.stderr.strip()) == (2, "sop check: galat: folder monitoring tidak ditemukan: tidak-ada")
