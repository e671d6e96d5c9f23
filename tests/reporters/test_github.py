"""The ``github`` report as the Actions runner reads it: one escaped workflow command per counting problem."""

from __future__ import annotations

import re

from katalog_sop.problem import Location, Problem, Severity
from katalog_sop.reporters import REPORTERS
from katalog_sop.reporters.github import annotation, as_github, escape_data, escape_property
from katalog_sop.reporters.text import summary

from reporters.helpers import EXEMPTED, check_files, seeds

# The runner splits properties on "," and a key from its value on the first
# "=", and the properties from the message on the first "::" after the command.
SHAPE = re.compile(r"::(error|warning|notice) file=[^,:]+,line=[1-9]\d*,col=[1-9]\d*,title=[^,:]+::[^\r\n]*\Z")
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def test_registered_as_github():
    assert REPORTERS["github"] is as_github


def test_seeds_one_annotation_per_problem_then_the_summary():
    result = seeds()
    lines = as_github(result).splitlines()
    counting = [p for p in result.problems if p.counts]
    assert len(lines) == len(counting) + 1
    for problem, line in zip(counting, lines, strict=False):
        assert SHAPE.match(line), line
        loc = problem.location
        assert line.startswith(
            f"::{COMMANDS[problem.severity]} file={loc.path},line={loc.line},col={loc.column},title={problem.code}::"
        )
    assert lines[-1] == summary(result)


def test_the_escaping_the_runner_undoes():
    assert escape_data("100% selesai\r\nlalu: a, b") == "100%25 selesai%0D%0Alalu: a, b"
    assert escape_property("sops/a,b:c 50%.yaml\n") == "sops/a%2Cb%3Ac 50%25.yaml%0A"
    assert escape_data("%0A") == "%250A"  # "%" first: an escape already in the text stays text


def test_a_message_with_percent_and_newline_in_a_path_with_comma_and_colon(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = 'nama: R\npelaksana: [A]\nlangkah:\n  - kegiatan: Menerima surat\n    pelaksana: "50%\\nB"\n'
    result = check_files(tmp_path, {"unit/a,b:c.yaml": text})
    assert as_github(result).splitlines()[0] == (
        "::error file=sops/unit/a%2Cb%3Ac.yaml,line=5,col=16,title=reference::"
        "pelaksana '50%25%0AB' tidak ada dalam daftar pelaksana (at $.langkah[0].pelaksana)"
    )


def test_severities_map_to_commands():
    where = Location("sops/a.yaml", 3, 7)
    lines = [annotation(Problem(where, severity, "SOPAP-K01", "pesan")) for severity in Severity]
    assert lines == [
        "::error file=sops/a.yaml,line=3,col=7,title=SOPAP-K01::pesan",
        "::warning file=sops/a.yaml,line=3,col=7,title=SOPAP-K01::pesan",
        "::notice file=sops/a.yaml,line=3,col=7,title=SOPAP-K01::pesan",
    ]


def test_suppressed_findings_are_listed_but_not_annotated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check_files(tmp_path, {"unit/contoh.yaml": EXEMPTED})
    lines = as_github(result).splitlines()
    titles = [re.search(r"title=([^:]+)::", line).group(1) for line in lines if line.startswith("::")]
    assert titles == ["SOPAP-I01", "SOPAP-M03", "SOPAP-M03", "SOPAP-W01"]
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 3
    assert plain[0].startswith("dikecualikan: sops/unit/contoh.yaml:1:1: error[SOPAP-I02] ")
    assert plain[0].endswith('[dikecualikan: nomor menunggu <register> & "tata naskah"]')
    assert plain[1].endswith("[dikecualikan: waktu belum diukur]")
    assert plain[2] == "1 berkas SOP diperiksa, 6 aturan: 1 galat, 2 peringatan, 1 info, 2 dikecualikan."


def test_no_text_from_an_sop_can_forge_a_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    forged = "\\n::error file=x.yaml::palsu\\r::warning::palsu"
    files = {
        "unit/rujukan.yaml": f'nama: R\npelaksana: [A]\nlangkah:\n  - kegiatan: K\n    pelaksana: "B{forged}"\n',
        "unit/alasan.yaml": EXEMPTED.replace("waktu belum diukur", f'"alasan{forged}"'),
    }
    result = check_files(tmp_path, files)
    output = as_github(result)
    commands = [line for line in output.split("\n") if line.lstrip().startswith("::")]
    assert len(commands) == sum(1 for p in result.problems if p.counts)
    assert all(SHAPE.match(line) for line in commands)
    assert "\r" not in output
