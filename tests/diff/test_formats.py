"""The diff as Markdown (a pull-request comment) and JSON: escaping, the summary table, the cap."""

from __future__ import annotations

import json
import shutil

from katalog_sop.diff import diff
from katalog_sop.diff.formats import as_json, as_markdown

from conftest import MINIMAL

NASTY = "<script>alert(1)</script> **tebal** | pipa `kode` [tautan](http://x) {{ x }} \\"


def catalogues(tmp_path, count: int = 1, nasty: str = "Menerima dan mencatat") -> None:
    for side in ("lama", "baru"):
        for number in range(count):
            folder = tmp_path / side / f"unit-{number}"
            folder.mkdir(parents=True, exist_ok=True)
            text = MINIMAL if side == "lama" else MINIMAL.replace(
                "kegiatan: Menerima surat masuk", f"kegiatan: {json.dumps(nasty + ' surat masuk')}", 1
            )
            (folder / "sop.yaml").write_text(text, encoding="utf-8")


def test_markdown_shows_sop_text_as_text_never_as_markup(tmp_path, monkeypatch):
    catalogues(tmp_path, nasty=NASTY)
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    text = as_markdown(result)
    assert text.startswith("## Perubahan SOP\n")
    assert "| SOP | perubahan | langkah | total waktu | temuan |" in text
    for raw in ("<script>", "**tebal**", "| pipa", "`kode`", "[tautan](", "{{ x }}"):
        assert raw not in text
    assert "&lt;script&gt;" in text or "&#60;script&#62;" in text
    assert text.count("<details>") == text.count("</details>") == 1


def test_a_huge_change_is_capped_and_says_how_many_are_left_out(tmp_path, monkeypatch):
    catalogues(tmp_path, count=7)
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    text = as_markdown(result, limit=3)
    assert text.count("<details>") == 3
    assert text.count("\n| ") == 1 + 7  # the header and every SOP in the summary table
    assert "_4 SOP lain berubah;" in text


def test_json_has_each_sop_with_its_steps_and_findings(tmp_path, monkeypatch):
    catalogues(tmp_path)
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    report = json.loads(as_json(result))
    assert (report["before"], report["after"], report["unchanged"]) == ("lama", "baru", 0)
    (entry,) = report["sops"]
    assert (entry["kind"], entry["id"], entry["path_before"], entry["path_after"]) == (
        "diubah", "unit-0/sop", "lama/unit-0/sop.yaml", "baru/unit-0/sop.yaml"
    )
    (step,) = entry["steps"]
    assert step["kind"] == "diubah" and step["changes"][0]["field"] == "kegiatan"
    assert set(entry) >= {"fields", "sections", "total_waktu", "findings_introduced", "findings_resolved"}


def test_no_change_says_so(tmp_path, monkeypatch):
    catalogues(tmp_path)
    shutil.rmtree(tmp_path / "baru")
    shutil.copytree(tmp_path / "lama", tmp_path / "baru")
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    assert as_markdown(result).endswith("Tidak ada SOP yang berubah &#40;1 SOP sama&#41;&#46;\n")


def test_a_file_broken_by_the_change_says_why_and_resolves_nothing(tmp_path, monkeypatch):
    catalogues(tmp_path)
    (tmp_path / "baru" / "unit-0" / "sop.yaml").write_text("nama: [Contoh\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    (sop,) = result.sops
    # The list is never closed: the error is at the end of the file, on its one line.
    assert [(p.location.path, p.location.line, p.code) for p in sop.unreadable] == [("baru/unit-0/sop.yaml", 1, "yaml")]
    assert (sop.introduced, sop.resolved) == ((), ())


def test_two_files_are_one_sop_in_two_versions_whatever_their_names(tmp_path, monkeypatch):
    catalogues(tmp_path)
    (tmp_path / "baru" / "unit-0" / "sop.yaml").rename(tmp_path / "usulan.yaml")
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama/unit-0/sop.yaml", "usulan.yaml")
    assert [(sop.kind, sop.path_before, sop.path_after) for sop in result.sops] == [
        ("diubah", "lama/unit-0/sop.yaml", "usulan.yaml")
    ]
