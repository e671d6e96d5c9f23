"""The example records: valid files check clean, invalid ones give exactly their expected problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitoring.helpers import check_catalogue, write_catalogue, write_record

EXAMPLES = Path(__file__).parents[1] / "examples" / "monitoring"
EXPECT = re.compile(r"^# expect: (\d+) ([a-z]+)\s*$", re.MULTILINE)


def _files(kind: str) -> list[Path]:
    return sorted((EXAMPLES / kind).glob("*.yaml"))


def test_there_are_examples_of_both_kinds():
    assert len(_files("valid")) >= 3
    assert len(_files("invalid")) >= 10


@pytest.mark.parametrize("path", _files("valid"), ids=lambda p: p.name)
def test_valid_record_has_no_problem_and_is_kept(path, tmp_path):
    write_catalogue(tmp_path)
    write_record(tmp_path, path.name, path.read_text(encoding="utf-8"))
    result = check_catalogue(tmp_path)
    assert [f"{p.location.line}: {p.message}" for p in result.problems] == []
    records = result.catalogue.monitoring
    assert len(records) == 1
    assert all(row.sop_id for record in records.putaran + records.evaluasi for row in record.hasil)


@pytest.mark.parametrize("path", _files("invalid"), ids=lambda p: p.name)
def test_invalid_record_gives_its_expected_problems(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    expected = sorted((int(line), code) for line, code in EXPECT.findall(text))
    assert expected, f"{path.name} states no '# expect: LINE CODE' line"
    write_catalogue(tmp_path)
    record = write_record(tmp_path, path.name, text)
    result = check_catalogue(tmp_path)
    assert {p.location.path for p in result.problems} == {str(record)}
    actual = sorted((p.location.line, p.code) for p in result.problems)
    assert actual == expected, "\n".join(f"{p.location.line}: [{p.code}] {p.message}" for p in result.problems)
    assert len(result.catalogue.monitoring) == 0  # a file with an error adds no record
