"""The transcribed real SOPs (tests/real_sops/) as a catalogue: they build, and their pages say what their sheets show.

These are faithful transcriptions of signed SOP AP documents (their sources are
named in each file's ``catatan_sumber``): the constructs real sheets contain
(several symbols in a row, printed numbers, agency labels, unknowns) must pass
the same `mkdocs build --strict` as the example catalogue.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

REAL = REPO / "tests" / "real_sops"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("real") / "katalog"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REAL, project / "sops")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return project / "site"


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_every_real_sop_gets_a_page_and_a_sheet(site):
    sources = sorted(REAL.rglob("*.yaml"))
    assert len(sources) >= 12
    for source in sources:
        page = site / "sop" / source.parent.name / f"{source.stem}.html"
        text = page.read_text(encoding="utf-8")
        assert '<table class="sop-langkah">' in text
        assert "<svg" in text and "Lembar flowchart SOP" in text, f"{source.name}: no sheet drawn"
        assert "halaman pengganti" not in text.lower(), f"{source.name}: a sheet page could not be drawn"


def test_pages_print_the_agencys_labels_and_numbers(site):
    page = _text((site / "sop" / "bps-bengkulu" / "261-seleksi-konsultansi-nonkonstruksi.html").read_text(encoding="utf-8"))
    assert "Aktivitas/Kegiatan" in page  # the agency's label for Kegiatan
    source = (site / "sop" / "bps-bengkulu" / "261-seleksi-konsultansi-nonkonstruksi.html").read_text(encoding="utf-8")
    printed = re.findall(r'<tr id="langkah-\d+"><td>([^<]*)</td>', source)
    assert printed[:7] == ["1", "2", "3", "4", "5", "6", "7"] and printed[7] == "9", "the sheet skips 8; the page keeps its numbers"
