"""The monitoring CSV: every SOP's state as an auditor's spreadsheet reads it, linked from the dashboard."""

from __future__ import annotations

import csv
import io

from katalog_sop.site.build import site_data, site_pages

from site_pages.test_monitoring_pages import HOSTILE, _write


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_each_sop_has_a_row_with_its_state(tmp_path):
    result = _write(tmp_path)
    rows = {row["id"]: row for row in _rows(site_data(result)["kepatuhan/monitoring.csv"])}
    assert sorted(rows) == ["kec/baik", "kec/belum", "kec/gagal", "kec/kurang", "sek/baru", "sek/lama"]
    gagal = rows["kec/gagal"]
    assert (gagal["monitoring_terakhir"], gagal["penilaian"], gagal["berkas"], gagal["terlambat"]) == (
        "2026-06-15", "Tidak berjalan dengan baik", "monitoring/kec/2026-06.yaml", "tidak")
    assert gagal["tindakan"] == f"Tindakan {HOSTILE}"  # data as written: a spreadsheet is no browser
    assert (gagal["evaluasi_terakhir"], gagal["kesimpulan"]) == ("2026-06-20", "Direvisi")
    # monitored in June 2025 with a period of 4 months (the configuration's): overdue since 10 October 2025
    assert (rows["sek/lama"]["monitoring_berikutnya"], rows["sek/lama"]["terlambat"]) == ("2025-10-10", "ya")
    assert (rows["kec/belum"]["monitoring_terakhir"], rows["kec/belum"]["terlambat"]) == ("", "ya")
    assert rows["sek/baru"]["terlambat"] == "tidak"


def test_the_dashboard_links_it_and_a_catalogue_without_records_has_none(tmp_path):
    result = _write(tmp_path / "a")
    assert 'href="kepatuhan/monitoring.csv" download=""' in site_pages(result)["kepatuhan.md"]
    bare = _write(tmp_path / "b", with_records=False)
    assert "kepatuhan/monitoring.csv" not in site_data(bare)
