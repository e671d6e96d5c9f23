"""The README's promises: its example SOP is valid as written."""

from __future__ import annotations

from conftest import REPO, check_structure


def test_the_readme_example_is_a_valid_sop(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "sops" / "contoh" / "readme.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    result = check_structure([str(path)])
    assert [p.message for p in result.problems] == []
    sop = result.files[0].sop
    assert [s.exits for s in sop.langkah] == [((None, 2),), (("Lengkap", 3), ("Tidak lengkap", 1)), (("Setuju", None), ("Tidak setuju", 2))]
    assert len(sop.peringatan) == 1
