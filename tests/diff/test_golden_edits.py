"""Golden diffs of real edits to the seed SOPs (``edits.yaml``), as ``sop diff lama baru`` shows them.

Each case copies the catalogue twice, edits one copy, and compares the text
report with ``golden/NAME.txt``; the lines a reviewer must read (``expect``)
are checked too, so a golden file rewritten by ``--update-goldens`` cannot
quietly drop them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from katalog_sop.diff import diff
from katalog_sop.diff.compare import ADDED, CHANGED, REMOVED, RENAMED
from katalog_sop.diff.formats import as_text

from conftest import REPO

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "edits.yaml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 20)


def edited_catalogue(tmp_path: Path, case: dict) -> None:
    shutil.copytree(REPO / "sops", tmp_path / "lama")
    shutil.copytree(REPO / "sops", tmp_path / "baru")
    target = tmp_path / "baru" / case["file"]
    text = target.read_text(encoding="utf-8")
    for edit in case["edits"]:
        assert text.count(edit["find"]) == 1, f"{case['name']}: the edit's text must occur once: {edit['find']!r}"
        text = text.replace(edit["find"], edit["replace"])
    target.write_text(text, encoding="utf-8")
    if case.get("rename"):
        target.rename(tmp_path / "baru" / case["rename"])


def run(tmp_path: Path, monkeypatch, case: dict):
    edited_catalogue(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    return diff("lama", "baru", today=TODAY)[0]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_diff_of_a_real_edit(case, tmp_path, monkeypatch, update_goldens):
    result = run(tmp_path, monkeypatch, case)
    text = as_text(result)
    for line in case["expect"]:
        assert line in text, f"{case['purpose']}: missing {line!r} in\n{text}"
    golden = HERE / "golden" / f"{case['name']}.txt"
    if update_goldens:
        golden.write_text(text, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}: run with --update-goldens, then read it")
    assert text == golden.read_text(encoding="utf-8")


def _case(name: str) -> dict:
    return next(case for case in CASES if case["name"] == name)


def _edited(tmp_path, monkeypatch, name):
    result = run(tmp_path, monkeypatch, _case(name))
    return {sop.sop_id: sop for sop in result.sops}, result


def test_an_inserted_step_leaves_every_other_step_unchanged(tmp_path, monkeypatch):
    sops, result = _edited(tmp_path, monkeypatch, "sisip-langkah")
    sop = sops["kecamatan-tebing-tinggi/pengumpulan-data-kinerja"]
    assert [(s.kind, s.before, s.after) for s in sop.steps] == [(ADDED, None, 3)]
    assert sop.kind == CHANGED and not sop.fields and not sop.sections


def test_a_renamed_file_is_one_sop(tmp_path, monkeypatch):
    sops, result = _edited(tmp_path, monkeypatch, "ganti-nama-berkas")
    assert result.counts.get(ADDED, 0) == result.counts.get(REMOVED, 0) == 0
    moved = sops["kecamatan-tebing-tinggi/data-kinerja"]
    assert (moved.kind, moved.sop_id_before, moved.steps, moved.fields) == (
        RENAMED, "kecamatan-tebing-tinggi/pengumpulan-data-kinerja", (), ()
    )
    # The seed it duplicates now names the new id in its finding: the same finding, so no change.
    assert list(sops) == ["kecamatan-tebing-tinggi/data-kinerja"]


def test_fixing_a_finding_resolves_it_and_introduces_nothing(tmp_path, monkeypatch):
    sops, _ = _edited(tmp_path, monkeypatch, "perbaiki-temuan")
    sop = sops["bakesbangpol/mekanisme-pengumpulan-data-kinerja"]
    assert [p.code for p in sop.resolved] == ["SOPAP-K01"]
    assert sop.introduced == ()


def test_a_changed_waktu_gives_the_difference(tmp_path, monkeypatch):
    sops, _ = _edited(tmp_path, monkeypatch, "ubah-waktu")
    (step,) = sops["bakesbangpol/mekanisme-pengumpulan-data-kinerja"].steps
    (change,) = step.changes
    assert (step.before, step.after, change.label, change.before, change.after, change.note) == (
        5, 5, "waktu", "120 menit", "90 menit", "\u221230 menit"
    )
