"""`sop diff` on hostile SOP text and file names: every format stays what it says it is.

A pull-request comment (Markdown) keeps its table, its collapsible sections
and its lines whatever an SOP says, and never mentions anyone or links an
issue; the text format never drives a terminal; JSON is valid UTF-8; a
revision whose file names are not UTF-8, or hold a line break, is read whole.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from katalog_sop.diff import diff
from katalog_sop.diff.compare import CatalogueDiff, FieldChange, SopDiff, StepChange
from katalog_sop.diff.formats import as_json, as_markdown, as_text

from conftest import MINIMAL
from diff.test_git import ENV, git

REFERENCES = "cc @admin @org/tim #12 owner/repo#3 GH-4 !5 ~bug ~\"label panjang\" %v1.0 &6 $7"
MARKUP = "</details></summary>\r| palsu | sel |\r\n|---|---|\n```\nkode\n~~~\n    inden\u2028# judul\x85> kutipan\x0b<!-- x"
CONTROL = "\x1b[2J\x1b]8;;http://contoh.invalid\x07tautan\x9b31m\u202ekiri\u2066\x00\x7f"
HOSTILE = f"Menerima surat {REFERENCES} {MARKUP} {CONTROL}"
IN_A_NAME = CONTROL.replace("\x00", "").replace("/", "\u2215")  # no POSIX name holds NUL or "/"
NOT_UTF8 = os.fsdecode(b"\xff")

NOT_TEXT = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# After the comment is rendered (entities decoded): a sigil that starts a
# GitHub or GitLab reference, or GitHub's "GH-123".
REFERENCE = re.compile(r"(?<![\w&])[@#!~%&$](?=[\w\"'])|\bGH-\d", re.IGNORECASE)
OUR_TAGS = re.compile(r"</?(details|summary|b)>|<br>")
LINE_SHAPES = re.compile(
    r"## Perubahan SOP|"  # the heading
    r"[^<|#>\s-].*: .*|"  # the line naming both sides
    r"\| SOP \| perubahan \| langkah \| total waktu \| temuan \||\|---\|---\|---\|---\|---\||"
    r"\| [^|]* \| [^|]* \| [^|]* \| [^|]* \| [^|]* \||"  # a summary row: five cells, no "|" from an SOP
    r"<details>|</details>|<summary><b>(?:[^<]|<br>)*</b> \([a-z]+\): (?:[^<]|<br>)*</summary>|- .+|"
    r"_\d+ SOP lain .*_|"
)


def catalogues(tmp_path: Path, kegiatan: str = HOSTILE, folder: str = "unit") -> None:
    """``lama`` and ``baru``: one SOP the same on both sides, and one whose first kegiatan becomes ``kegiatan``."""
    for side in ("lama", "baru"):
        (tmp_path / side / "tetap").mkdir(parents=True)
        (tmp_path / side / "tetap" / "sop.yaml").write_text(MINIMAL, encoding="utf-8")
        target = tmp_path / side / folder
        target.mkdir(parents=True, exist_ok=True)
        text = MINIMAL if side == "lama" else MINIMAL.replace(
            "kegiatan: Menerima surat masuk", f"kegiatan: {json.dumps(kegiatan)}", 1
        )
        (target / "sop.yaml").write_text(text, encoding="utf-8")


def assert_a_well_formed_comment(text: str, shown: int) -> None:
    """What a reviewer sees: our table and sections, SOP text as text, nobody mentioned."""
    text.encode("utf-8")
    assert not NOT_TEXT.search(text.replace("\n", ""))
    for line in text.split("\n"):
        assert LINE_SHAPES.fullmatch(line), f"a line SOP text made or broke: {line!r}"
        assert not line.startswith(("    ", "```", "~~~")), line
    assert text.count("<details>") == text.count("</details>") == shown
    assert "<" not in OUR_TAGS.sub("", text), "every tag is the comment's own"
    assert "`" not in text.replace("`sop diff`", "")
    rendered = html.unescape(OUR_TAGS.sub(" ", text.split("\n", 1)[1]))
    assert not REFERENCE.search(rendered), REFERENCE.search(rendered)


def test_markdown_comment_keeps_its_shape_and_mentions_nobody(tmp_path, monkeypatch):
    catalogues(tmp_path)
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    text = as_markdown(result)
    assert_a_well_formed_comment(text, shown=1)
    rendered = html.unescape(text)
    # Still shown as written: the sigils and the words, with an invisible joiner between.
    assert "@\u2060admin" in rendered and "#\u206012" in rendered and "GH\u2060-4" in rendered
    assert "| palsu | sel |" in rendered and "</details></summary>" in rendered


def test_markdown_names_a_hostile_file_and_folder_readably(tmp_path, monkeypatch):
    folder = f"unit-{NOT_UTF8}-{IN_A_NAME}\n@admin"
    catalogues(tmp_path, kegiatan="Menerima surat masuk dari kelurahan", folder=folder)
    (tmp_path / "lama" / folder / "sop.yaml").unlink()  # an added SOP: named by its path and id
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    assert_a_well_formed_comment(as_markdown(result), shown=1)


def test_text_never_drives_the_terminal_and_every_line_is_the_reports_own(tmp_path, monkeypatch):
    folder = f"unit\r\nditambahkan: palsu {IN_A_NAME}"
    catalogues(tmp_path, folder=folder)
    monkeypatch.chdir(tmp_path)
    result, _, _ = diff("lama", "baru")
    text = as_text(result)
    text.encode("utf-8")
    lines = text.rstrip("\n").split("\n")
    assert not any(NOT_TEXT.search(line) for line in lines)
    kinds = [line for line in lines if line and not line.startswith(("  ", "Perbandingan: ", "1 SOP berubah"))]
    assert len(kinds) == 1 and kinds[0].startswith("diubah: baru/unit\\r\\nditambahkan: palsu \\x1b[2J")


def surrogate_diff() -> CatalogueDiff:
    name = "sops/unit-" + os.fsdecode(b"\xff\xfe") + "/sop.yaml"
    sop = SopDiff("ditambahkan", "unit-\udcff/sop", "Nama \ud800", path_before=None, path_after=name)
    return CatalogueDiff("lama-\udcff", "baru", (sop,), 0, {"ditambahkan": 1})


@pytest.mark.parametrize("write", [as_text, as_markdown, as_json], ids=["text", "markdown", "json"])
def test_every_format_is_valid_utf8_whatever_strings_it_gets(write):
    output = write(surrogate_diff())
    assert "\\xff" in html.unescape(output).replace("\\\\", "\\")
    output.encode("utf-8")
    if write is as_json:
        assert json.loads(output)["sops"][0]["path_after"] == "sops/unit-\\xff\\xfe/sop.yaml"


def test_a_comment_of_huge_sops_stays_under_the_forges_limit_and_says_what_it_left_out():
    long = "Panjang <b>&amp; | `x` @a #1 " * 300  # every special character becomes an entity: the text grows
    steps = tuple(StepChange("diubah", n, n, long, (FieldChange("kegiatan", long, long),)) for n in range(1, 6))
    sops = tuple(
        SopDiff("diubah", f"unit/{long[:50 + number]}", long, path_before=f"lama/{number}.yaml",
                path_after=f"baru/{number}.yaml", steps=steps if number % 2 else ())
        for number in range(60)
    )
    text = as_markdown(CatalogueDiff("lama", "baru", sops, 0, {"diubah": len(sops)}), limit=60)
    assert len(text) <= 65_536
    (note,) = [line for line in text.split("\n") if line.startswith("_")]
    rows, shown = text.count("\n| ") - 1, text.count("<details>")
    assert 0 < shown <= rows < len(sops), "the table names more SOPs than are detailed; neither names all"
    assert note.startswith(f"_{len(sops) - shown} SOP lain berubah; rinciannya tidak dimuat")
    assert f"{len(sops) - rows} di antaranya juga tidak tercantum dalam tabel" in note
    assert note.endswith("(jalankan `sop diff` untuk semuanya)._")
    assert_a_well_formed_comment(text, shown=shown)


# --- git revisions ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository whose second commit adds SOPs in a folder that is not UTF-8 and in a file with a line break."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests (the README's set-up installs it)")
    (tmp_path / "sops" / "unit").mkdir(parents=True)
    (tmp_path / "sops" / "unit" / "sop.yaml").write_text(MINIMAL, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "sops")
    git(tmp_path, "commit", "-q", "-m", "Katalog awal")
    strange = tmp_path / "sops" / os.fsdecode(b"unit-\xff\xfe")
    strange.mkdir()
    (strange / "sop.yaml").write_text(MINIMAL.replace("Contoh SOP", "SOP Kelurahan"), encoding="utf-8")
    (tmp_path / "sops" / "unit" / "baris\nbaru.yaml").write_text(MINIMAL.replace("Contoh SOP", "SOP Baru"), encoding="utf-8")
    git(tmp_path, "add", "sops")
    git(tmp_path, "commit", "-q", "-m", "Tambah SOP")
    return tmp_path


def sop_diff(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "katalog_sop", "diff", *args], cwd=repo, env=ENV, capture_output=True)


def test_revisions_with_names_that_are_not_utf8_or_hold_a_line_break_are_read_whole(repo):
    done = sop_diff(repo, "main~1", "main", "--format", "json")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    report = json.loads(done.stdout.decode("utf-8"))
    added = sorted((entry["kind"], entry["path_after"], entry["nama"]) for entry in report["sops"])
    assert added == [
        ("ditambahkan", "sops/unit-\\xff\\xfe/sop.yaml", "SOP Kelurahan"),
        ("ditambahkan", "sops/unit/baris\nbaru.yaml", "SOP Baru"),
    ]


def test_a_revision_and_the_working_tree_name_such_files_alike(repo):
    """The same file, committed and on disk, is the same SOP with the same findings, whatever its name."""
    done = sop_diff(repo, "main", "sops")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8").split("\n")[1] == "Tidak ada SOP yang berubah (3 SOP sama)."
