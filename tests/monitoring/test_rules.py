"""Rules E01-E04 on catalogues the tests write: when each fires, when it stays silent, what it says."""

from __future__ import annotations

import datetime as dt

from katalog_sop.rules import RULES, run_rules

from monitoring.helpers import TODAY, check_catalogue, write_catalogue, write_record

E_RULES = [rule for rule_id, rule in RULES.items() if rule_id.startswith("SOPAP-E")]
OLD = {"tanggal_efektif": "6 Januari 2024"}


def _round(tanggal: str, *rows: str) -> str:
    return f"jenis: monitoring\ntanggal: {tanggal}\nhasil:{'' if rows else ' []'}\n" + "".join(f"  - {row}\n" for row in rows)


def _findings(root, today=TODAY, options=None):
    result = check_catalogue(root, today=today)
    assert result.problems == ()
    found = run_rules(result.catalogue, today=today, rules=E_RULES, options=options)
    return sorted((p.code, p.location.path.rsplit("/", 1)[-1], p.message) for p in found)


def _codes(root, **kwargs):
    return sorted((code, name) for code, name, _ in _findings(root, **kwargs))


def test_a_catalogue_without_a_monitoring_folder_gets_no_finding(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    assert _codes(tmp_path) == []


def test_an_sop_left_out_of_every_round_is_never_monitored(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    write_record(tmp_path, "2026-06.yaml", _round("15 Juni 2026", "{sop: contoh, penilaian: berjalan_baik}"))
    findings = _findings(tmp_path)
    assert [(c, n) for c, n, _ in findings if c == "SOPAP-E01"] == [("SOPAP-E01", "surat-keluar.yaml")]
    message = next(m for c, n, m in findings if c == "SOPAP-E01")
    assert "belum pernah dimonitor (berlaku sejak 6 Januari 2024)" in message


def test_an_sop_in_force_for_less_than_the_period_is_not_yet_due(tmp_path):
    write_catalogue(tmp_path, contoh={"tanggal_efektif": "2 Maret 2026"}, surat_keluar={"tanggal_efektif": "2 Maret 2026"})
    write_record(tmp_path, "2026-06.yaml", _round("15 Juni 2026"))
    assert _codes(tmp_path) == []


def test_overdue_monitoring_names_the_last_round_and_the_due_date(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    write_record(tmp_path, "2025-11.yaml", _round("20 November 2025", "{sop: contoh, penilaian: berjalan_baik}",
                                                  "{sop: surat-keluar, penilaian: berjalan_baik}"))
    write_record(tmp_path, "2026-06.yaml", _round("15 Juni 2026", "{sop: surat-keluar, penilaian: berjalan_baik}"))
    e02 = [(n, m) for c, n, m in _findings(tmp_path) if c == "SOPAP-E02"]
    assert e02 == [("contoh.yaml", "monitoring terakhir 20 November 2025 (" + str(tmp_path / "monitoring/kecamatan/2025-11.yaml")
                    + ":4), lebih dari 6 bulan lalu; monitoring berikutnya jatuh tempo 20 Mei 2026")]


def test_the_monitoring_period_is_an_option(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    write_record(tmp_path, "2026-03.yaml", _round("2 Maret 2026", "{sop: contoh, penilaian: berjalan_baik}",
                                                  "{sop: surat-keluar, penilaian: berjalan_baik}"))
    assert [c for c, _ in _codes(tmp_path) if c == "SOPAP-E02"] == []
    shorter = {"SOPAP-E02": {"periode_bulan": 3}}
    assert [c for c, _ in _codes(tmp_path, options=shorter) if c == "SOPAP-E02"] == ["SOPAP-E02", "SOPAP-E02"]


def test_a_round_not_yet_filled_counts_as_no_monitoring(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    write_record(tmp_path, "2026-06.yaml", _round("15 Juni 2026", "{sop: contoh}", "{sop: surat-keluar}"))
    assert [c for c, _ in _codes(tmp_path) if c == "SOPAP-E01"] == ["SOPAP-E01", "SOPAP-E01"]


def test_not_working_is_followed_up_by_a_later_round_or_a_revision(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    failing = "{sop: %s, penilaian: tidak_berjalan_baik, tindakan: Revisi waktu langkah 2.}"
    write_record(tmp_path, "2026-04.yaml", _round("20 April 2026", failing % "contoh", failing % "surat-keluar"))
    found = [(n, m) for c, n, m in _findings(tmp_path) if c == "SOPAP-E04"]
    assert [n for n, _ in found] == ["contoh.yaml", "surat-keluar.yaml"]
    assert "tindakan yang diputuskan: Revisi waktu langkah 2;" in found[0][1]
    # one is assessed again, the other revised after the round: both followed up
    write_record(tmp_path, "2026-06.yaml", _round("15 Juni 2026", "{sop: contoh, penilaian: kurang_baik}"))
    write_catalogue(tmp_path, contoh=OLD, surat_keluar={**OLD, "tanggal_revisi": "2 Mei 2026"})
    assert [c for c, _ in _codes(tmp_path) if c == "SOPAP-E04"] == []


def test_a_revision_before_the_failing_round_is_no_follow_up(tmp_path):
    write_catalogue(tmp_path, contoh={**OLD, "tanggal_revisi": "2 Maret 2026"}, surat_keluar=OLD)
    write_record(tmp_path, "2026-04.yaml", _round("20 April 2026", "{sop: contoh, penilaian: tidak_berjalan_baik}"))
    e04 = [m for c, n, m in _findings(tmp_path) if c == "SOPAP-E04"]
    assert len(e04) == 1 and "tindakan belum dicatat" in e04[0]


def test_an_evaluation_without_a_conclusion_does_not_count(tmp_path):
    write_catalogue(tmp_path, contoh=OLD, surat_keluar=OLD)
    write_record(tmp_path, "evaluasi-2026.yaml", "jenis: evaluasi\ntanggal: 10 Juni 2026\nhasil:\n"
                 "  - {sop: contoh, kesimpulan: tetap}\n  - {sop: surat-keluar, jawaban: {S1: ya}}\n")
    e03 = [n for c, n, _ in _findings(tmp_path) if c == "SOPAP-E03"]
    assert e03 == ["surat-keluar.yaml"]
    a_year_on = _findings(tmp_path, today=dt.date(2027, 6, 11))
    assert sorted(n for c, n, _ in a_year_on if c == "SOPAP-E03") == ["contoh.yaml", "surat-keluar.yaml"]
