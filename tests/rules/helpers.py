"""Build SOPs for rule tests through the real pipeline (source -> schema -> build -> catalogue).

A rule's docstring example is a fragment of top-level keys laid over the
sample SOP (:data:`~katalog_sop.rules.base.EXAMPLE_SOP`): each key given replaces the
sample's, a key given as null is removed. A catalogue rule's example maps SOP
ids to such fragments.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from katalog_sop.check import CheckResult
from katalog_sop.config import parse_config
from katalog_sop.rules.base import EXAMPLE_SOP, PER_SOP, Rule
from katalog_sop.source import parse_text

from conftest import check_structure


def load_yaml(text: str) -> dict:
    """YAML read as the project reads SOPs (YAML 1.2 scalars), as plain data."""
    document, problems = parse_text(text, "<contoh>")
    assert document is not None, problems
    return document.data


def sample() -> dict:
    return load_yaml(EXAMPLE_SOP.read_text(encoding="utf-8"))


def overlay(fragment: dict | None) -> dict:
    merged = sample()
    for key, value in (fragment or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def write_catalogue(root: Path, sops: dict[str, dict]) -> CheckResult:
    """Write each SOP as ``root/sops/<id>.yaml`` (a key ``monitoring/<unit>/<name>`` as a monitoring
    record, ``root/monitoring/<unit>/<name>.yaml``) and check the folder; the files must be clean."""
    for sop_id, data in sops.items():
        path = root / ("" if sop_id.startswith("monitoring/") else "sops") / f"{sop_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = check_structure([str(root / "sops")])
    assert [f"{p.location.json_path}: {p.message}" for p in result.problems] == []
    return result


def example_options(rule: Rule) -> dict:
    """``{rule id: options}`` from the docstring's ``Opsi contoh::`` block (empty without one)."""
    text = rule.example("Example")
    if not text:
        return {}
    options = load_yaml(text)
    if "profil" in options:  # profiles are read by the configuration, as from katalog-sop.yml
        options["profil"] = parse_config({"profiles": options["profil"]}).profiles
    return {rule.id: options}


def example_catalogue(root: Path, rule: Rule, kind: str) -> CheckResult:
    """The rule's ``kind`` example built: "Passing" (``Contoh yang lolos::``) or "Failing" (``Contoh yang gagal::``)."""
    fragment = load_yaml(rule.example(kind))
    if rule.scope == PER_SOP:
        return write_catalogue(root, {"kecamatan/contoh": overlay(fragment)})
    return write_catalogue(root, {key: part if key.startswith("monitoring/") else overlay(part)
                                  for key, part in fragment.items()})
