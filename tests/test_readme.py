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


def _blocks(readme: str, after: str) -> str:
    """The first ```yaml block after the heading ``after``."""
    return readme.split(after, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_configuration_example_loads(tmp_path):
    from katalog_sop.config import load_config

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    path = tmp_path / "katalog-sop.yml"
    path.write_text(_blocks(readme, "### Configuring the rules"), encoding="utf-8")
    config = load_config(path)
    assert config.severity("SOPAP-K01", None) is None  # off
    assert config.profiles[0].required == ("tanggal_revisi", "disahkan_oleh.nip")


def test_the_readme_exemption_example_is_valid_in_an_sop(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sop = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "sops" / "contoh" / "readme.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(sop + _blocks(readme, "### Exempting an SOP from a rule"), encoding="utf-8")
    result = check_structure([str(path)])
    assert [p.message for p in result.problems] == []
    assert [(e.aturan, e.langkah) for e in result.files[0].sop.pengecualian] == [("SOPAP-K01", 3)]


def test_the_readme_monitoring_record_is_valid(tmp_path):
    import datetime as dt

    import yaml

    from katalog_sop.check import check
    from katalog_sop.monitoring.model import TIDAK_BERJALAN_BAIK

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    record = _blocks(readme, "## Monitoring and evaluation")
    sop = yaml.safe_load((REPO / "sops" / "sekretariat" / "pengumpulan-data-kinerja.yaml").read_text(encoding="utf-8"))
    (tmp_path / "sops" / "sekretariat").mkdir(parents=True)
    (tmp_path / "sops" / "sekretariat" / "pengumpulan-data-kinerja.yaml").write_text(yaml.safe_dump(sop), encoding="utf-8")
    (tmp_path / "monitoring" / "sekretariat").mkdir(parents=True)
    (tmp_path / "monitoring" / "sekretariat" / "2026-06.yaml").write_text(record, encoding="utf-8")
    result = check([str(tmp_path / "sops")], rules=(), today=dt.date(2026, 7, 1))
    assert result.problems == ()
    [putaran] = result.catalogue.monitoring.putaran
    assert [(h.sop_id, h.penilaian) for h in putaran.hasil] == [("sekretariat/pengumpulan-data-kinerja", TIDAK_BERJALAN_BAIK)]
