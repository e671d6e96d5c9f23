"""The example folders: valid files check clean, invalid ones give exactly their expected problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import check_structure

EXAMPLES = Path(__file__).parent / "examples"
EXPECT = re.compile(r"^# expect: (\d+) ([a-z]+)\s*$", re.MULTILINE)


def _files(kind: str) -> list[Path]:
    return sorted((EXAMPLES / kind).glob("*.yaml"))


def test_there_are_examples_of_both_kinds():
    assert len(_files("valid")) >= 3
    assert len(_files("invalid")) >= 15


@pytest.mark.parametrize("path", _files("valid"), ids=lambda p: p.name)
def test_valid_example_has_no_problem(path):
    result = check_structure([str(path)])
    assert [f"{p.location.line}: {p.message}" for p in result.problems] == []
    assert result.files[0].sop is not None


@pytest.mark.parametrize("path", _files("invalid"), ids=lambda p: p.name)
def test_invalid_example_gives_its_expected_problems(path):
    expected = sorted((int(line), code) for line, code in EXPECT.findall(path.read_text(encoding="utf-8")))
    assert expected, f"{path.name} states no '# expect: LINE CODE' line"
    result = check_structure([str(path)])
    actual = sorted((p.location.line, p.code) for p in result.problems)
    assert actual == expected, "\n".join(f"{p.location.line}: [{p.code}] {p.message}" for p in result.problems)
