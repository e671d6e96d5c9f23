"""What ``sop diff`` reads from folders: only what ``sop check`` reads, and numbers as people write them."""

from __future__ import annotations

import os
import subprocess
import sys

from katalog_sop.diff import diff
from katalog_sop.diff.formats import as_text

SOP = """\
nama: Penerimaan Surat
pelaksana: [Staf, Kepala]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Staf
    waktu: {waktu}
  - kegiatan: Memeriksa surat
    pelaksana: Kepala
"""


def _write(folder, waktu: str = "1 menit") -> None:
    (folder / "unit").mkdir(parents=True)
    (folder / "unit" / "surat.yaml").write_text(SOP.format(waktu=waktu), encoding="utf-8")


def test_a_fifo_in_a_compared_folder_is_reported_and_never_opened(tmp_path):
    _write(tmp_path / "lama")
    _write(tmp_path / "baru")
    os.mkfifo(tmp_path / "baru" / "unit" / "pipa.yaml")
    result = subprocess.run([sys.executable, "-m", "katalog_sop", "diff", "lama", "baru"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)  # before: waited for a writer forever
    assert result.returncode in (0, 1), result.stderr
    assert "pipa.yaml" in result.stdout + result.stderr


def test_a_large_change_of_waktu_is_written_out_never_with_an_exponent(tmp_path, monkeypatch):
    _write(tmp_path / "lama", "1 menit")
    _write(tmp_path / "baru", "5000000 menit")
    monkeypatch.chdir(tmp_path)
    text = as_text(diff("lama", "baru")[0])
    assert "+4999999 menit" in text and "e+" not in text
