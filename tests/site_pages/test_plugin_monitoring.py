"""The site build with the example catalogue's monitoring records, as `mkdocs build --strict` runs it."""

from __future__ import annotations

import json
import shutil

from conftest import REPO
from search_files import search_records
from site_pages.test_plugin import _build, _project


def _with_records(tmp_path):
    project = _project(tmp_path)
    shutil.copytree(REPO / "monitoring", project / "monitoring")
    return project


def test_records_reach_the_pages_and_stay_out_of_search(tmp_path):
    project = _with_records(tmp_path)
    result = _build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = (site / "sop" / "sekretariat" / "pengumpulan-data-kinerja.html").read_text(encoding="utf-8")
    assert "Monitoring dan Evaluasi" in page and "Rekap data dari bidang terlambat dua minggu" in page
    assert "Revisi format isian dan waktu langkah 2" in (site / "kepatuhan.html").read_text(encoding="utf-8")
    records = search_records(site)
    assert all(record["url"].startswith("sop/") for record in records), "search finds SOPs only"
    assert "Rekap data dari bidang" not in json.dumps(records)


def test_a_bad_record_fails_the_build_at_its_line_and_keeps_the_earlier_site(tmp_path):
    project = _with_records(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("situs sebelumnya", encoding="utf-8")
    bad = project / "monitoring" / "sekretariat" / "2026-06.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("tidak_berjalan_baik", "buruk"), encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert "monitoring/sekretariat/2026-06.yaml:10:16: error[schema] 'buruk' tidak dikenal" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
