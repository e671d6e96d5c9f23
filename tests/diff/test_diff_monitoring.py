"""`sop diff` on monitoring records: each side's `monitoring/` beside its catalogue, compared in a section of its own.

Small catalogues in temporary folders and git repositories: a round added,
a penilaian changed, a round removed, an evaluation's kesimpulan changed, a
record broken by the change, nothing changed; and hostile text in a record,
which a pull-request comment shows as text. What is asserted is what a
reviewer reads.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from katalog_sop.diff import diff
from katalog_sop.diff.compare import CatalogueDiff, FieldChange, SopDiff
from katalog_sop.diff.formats import as_json, as_markdown, as_text
from katalog_sop.diff.monitoring import RecordDiff, RowChange

from diff.test_git import ENV, git
from diff.test_hostile_formats import HOSTILE, NOT_TEXT, OUR_TAGS, REFERENCE

TODAY = dt.date(2026, 12, 1)
SOP = """\
nama: Penerimaan Surat
pelaksana: [Staf, Kepala]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Staf
  - kegiatan: Memeriksa surat
    pelaksana: Kepala
"""
ROUND = """\
jenis: monitoring
tanggal: {tanggal}
penilai:
  jabatan: Kepala Bagian Organisasi
metode: [observasi]
hasil:
  - sop: surat
    penilaian: {penilaian}
    catatan: {catatan}
    tindakan: Pertahankan.
"""
EVALUATION = """\
jenis: evaluasi
tanggal: 10 November 2026
penilai:
  jabatan: Kepala Dinas
hasil:
  - sop: surat
    jawaban:
      S1: ya
      S2: {s2}
    kesimpulan: {kesimpulan}
"""
JUNE = ("20 Juni 2026", "berjalan_baik", "Surat tercatat tepat waktu.")


def round_text(tanggal: str = JUNE[0], penilaian: str = JUNE[1], catatan: str = JUNE[2]) -> str:
    return ROUND.format(tanggal=tanggal, penilaian=penilaian, catatan=json.dumps(catatan))


def catalogue(root: Path, records: dict[str, str]) -> None:
    """``root/sops/umum/surat.yaml`` and ``root/monitoring/umum/<name>.yaml`` for each of ``records``."""
    (root / "sops" / "umum").mkdir(parents=True, exist_ok=True)
    (root / "sops" / "umum" / "surat.yaml").write_text(SOP, encoding="utf-8")
    shutil.rmtree(root / "monitoring", ignore_errors=True)
    (root / "monitoring" / "umum").mkdir(parents=True)
    for name, text in records.items():
        (root / "monitoring" / "umum" / f"{name}.yaml").write_text(text, encoding="utf-8")


def folders(tmp_path: Path, monkeypatch, before: dict[str, str], after: dict[str, str]):
    catalogue(tmp_path / "lama", before)
    catalogue(tmp_path / "baru", after)
    monkeypatch.chdir(tmp_path)
    return diff("lama/sops", "baru/sops", today=TODAY)[0]


def section(text: str) -> list[str]:
    """The text report's monitoring section, from its heading on."""
    lines = text.rstrip("\n").split("\n")
    return lines[lines.index("Monitoring dan evaluasi"):]


# --- folders ------------------------------------------------------------------------------------


def test_an_added_round_lists_its_rows_and_the_sop_gets_the_finding_it_brings(tmp_path, monkeypatch):
    december = round_text("1 Desember 2026", "tidak_berjalan_baik", "Disposisi tertunda seminggu.")
    result = folders(tmp_path, monkeypatch, {"2026-06": round_text()}, {"2026-06": round_text(), "2026-12": december})
    text = as_text(result)
    assert section(text) == [
        "Monitoring dan evaluasi",
        "1 berkas catatan berubah: 1 ditambahkan.",
        "",
        "ditambahkan: baru/monitoring/umum/2026-12.yaml \u2014 putaran monitoring 1 Desember 2026",
        "  penilai, jabatan: Kepala Bagian Organisasi",
        "  metode: Observasi supervisor",
        "  surat \u2014 penilaian: Tidak berjalan dengan baik; catatan: Disposisi tertunda seminggu.; tindakan: Pertahankan.",
    ]
    # A round that finds the SOP failing, with no later round: SOPAP-E04, through the SOP's own findings.
    assert "temuan: baru/sops/umum/surat.yaml \u2014 Penerimaan Surat" in text
    (sop,) = result.sops
    assert [p.code for p in sop.introduced] == ["SOPAP-E04"] and sop.resolved == ()


def test_an_evaluation_says_its_new_kesimpulan_and_the_answers_that_changed(tmp_path, monkeypatch):
    result = folders(
        tmp_path, monkeypatch,
        {"evaluasi-2026": EVALUATION.format(s2="ya", kesimpulan="tetap")},
        {"evaluasi-2026": EVALUATION.format(s2="{jawaban: tidak, catatan: Format isian membingungkan.}",
                                            kesimpulan="direvisi")},
    )
    assert section(as_text(result))[3:] == [
        "diubah: baru/monitoring/umum/evaluasi-2026.yaml \u2014 evaluasi 10 November 2026",
        "  surat \u2014 kesimpulan: Tetap berlaku \u2192 Direvisi; jawaban S2: Ya \u2192 Tidak; "
        "catatan jawaban S2: (kosong) \u2192 Format isian membingungkan.",
    ]


def test_a_record_broken_by_the_change_says_it_no_longer_counts_and_why(tmp_path, monkeypatch):
    broken = round_text().replace("sop: surat", "sop: surat-yang-tidak-ada")
    result = folders(tmp_path, monkeypatch, {"2026-06": round_text()}, {"2026-06": broken})
    lines = section(as_text(result))[3:]
    assert lines[:2] == [
        "diubah: baru/monitoring/umum/2026-06.yaml \u2014 putaran monitoring 20 Juni 2026",  # as it was
        "  berkas memuat galat: bukan catatan monitoring, tidak dihitung untuk SOP mana pun",
    ]
    assert lines[2].startswith("  temuan baru: baru/monitoring/umum/2026-06.yaml:7:")
    assert "error[monitoring] SOP 'surat-yang-tidak-ada' tidak ada di katalog" in lines[2]


@pytest.mark.parametrize("change", ["nothing", "a comment"])
def test_nothing_changed_in_what_the_records_say_makes_no_section(tmp_path, monkeypatch, change):
    after = round_text() if change == "nothing" else "# Dicatat ulang oleh Bagian Organisasi.\n" + round_text()
    result = folders(tmp_path, monkeypatch, {"2026-06": round_text()}, {"2026-06": after})
    assert result.monitoring == ()
    assert "Monitoring dan evaluasi" not in as_text(result)
    assert "Monitoring dan evaluasi" not in as_markdown(result)
    assert json.loads(as_json(result))["monitoring"] == []


def test_json_has_each_record_with_its_rows(tmp_path, monkeypatch):
    after = round_text(penilaian="kurang_baik")
    result = folders(tmp_path, monkeypatch, {"2026-06": round_text()}, {"2026-06": after})
    (record,) = json.loads(as_json(result))["monitoring"]
    assert record == {
        "kind": "diubah", "id": "umum/2026-06", "jenis": "monitoring", "tanggal": "20 Juni 2026",
        "path_before": "lama/monitoring/umum/2026-06.yaml", "path_after": "baru/monitoring/umum/2026-06.yaml",
        "unreadable": False, "fields": [],
        "rows": [{"kind": "diubah", "sop": "surat", "sop_id": "umum/surat", "changes": [
            {"field": "penilaian", "before": "Berjalan dengan baik", "after": "Berjalan kurang baik"},
        ]}],
        "findings_introduced": [], "findings_resolved": [],
    }


# --- hostile text in a pull-request comment -------------------------------------------------------

MONITORING_LINES = (
    r"## Perubahan SOP|### Monitoring dan evaluasi|"
    r"[^<|#>\s-].*|"  # the line naming both sides, the section's summary
    r"- <b>(?:[^<]|<br>)*</b> \([a-z]+\): [^<]*|"  # a record: its file, its kind, what it is
    r"  - (?:[^<]|<br>)*|"  # one change of the record
)


def test_hostile_text_in_a_record_stays_text_in_the_comment(tmp_path, monkeypatch):
    name = "2026-12\n@admin <b>#12"  # a file name holds a line break and markup too
    result = folders(
        tmp_path, monkeypatch, {"2026-06": round_text()},
        {"2026-06": round_text(catatan=HOSTILE), name: round_text("1 Desember 2026", "kurang_baik", HOSTILE)},
    )
    assert result.sops == ()
    text = as_markdown(result)
    assert not NOT_TEXT.search(text.replace("\n", ""))
    for line in text.split("\n"):
        assert re.fullmatch(MONITORING_LINES, line), f"a line a record made or broke: {line!r}"
    assert "<" not in OUR_TAGS.sub("", text), "every tag is the comment's own"
    assert "`" not in text
    rendered = html.unescape(OUR_TAGS.sub(" ", text.split("\n", 1)[1]))
    assert not REFERENCE.search(rendered), REFERENCE.search(rendered)
    # Still there to read: the file's name (its line break a <br>, inside the item) and the catatan.
    assert "<b>baru/monitoring/umum/2026&#45;12<br>&#64;&#8288;admin &#60;b&#62;&#35;&#8288;12&#46;yaml</b>" in text
    assert "| palsu | sel |" in rendered and "</details></summary>" in rendered and "@\u2060admin" in rendered


def test_a_comment_of_huge_records_and_sops_stays_under_the_forges_limit_and_says_what_it_left_out():
    long = "Catatan <b>&amp; | `x` @a #1 " * 40  # every special character becomes an entity: the text grows
    rows = tuple(RowChange("diubah", f"sop-{n}", (FieldChange("catatan", long, long + "!"),)) for n in range(30))
    records = tuple(
        RecordDiff("diubah", f"umum/{n}", "monitoring", "20 Juni 2026", f"m/{n}.yaml", f"m/{n}.yaml", rows=rows)
        for n in range(20)
    )
    sops = tuple(SopDiff("diubah", f"umum/{n}", long * 5, f"s/{n}.yaml", f"s/{n}.yaml") for n in range(60))
    text = as_markdown(CatalogueDiff("lama", "baru", sops, 0, {"diubah": len(sops)}, monitoring=records), limit=60)
    assert len(text) <= 65_536
    part = text.split("\n### Monitoring dan evaluasi\n", 1)[1]
    assert part.count("\n- <b>") == 1, "the first record, as much of it as fits"
    assert re.search(r"\n  - _\d+ perubahan lain pada berkas ini tidak dimuat_\n", part)
    assert part.endswith("\n_19 berkas catatan lain berubah; rinciannya tidak dimuat agar komentar tetap ringkas "
                         "(jalankan `sop diff` untuk semuanya)._\n")
    assert "_" in text.split("\n### Monitoring", 1)[0].rsplit("\n", 2)[-2], "the SOPs' own closing note, before it"


# --- git revisions --------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    """A catalogue in ``katalog/`` (so ``--sops katalog/sops``): a June round and an evaluation, committed."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests (the README's set-up installs it)")
    catalogue(tmp_path / "katalog", {"2026-06": round_text(), "evaluasi-2026": EVALUATION.format(s2="ya", kesimpulan="tetap")})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "katalog")
    git(tmp_path, "commit", "-q", "-m", "Katalog dan catatan monitoring")
    return tmp_path


def sop_diff(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "katalog_sop", "diff", "HEAD~1", "HEAD", "--sops", "katalog/sops", "--today", "2026-12-01", *args],
        cwd=repo, env=ENV, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_a_changed_penilaian_read_from_two_revisions(repo):
    record = repo / "katalog" / "monitoring" / "umum" / "2026-06.yaml"
    record.write_text(round_text(penilaian="tidak_berjalan_baik", catatan="Surat menumpuk di meja staf."), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Monitoring Juni: tidak berjalan baik")
    text = sop_diff(repo)
    assert section(text) == [
        "Monitoring dan evaluasi",
        "1 berkas catatan berubah: 1 diubah.",
        "",
        "diubah: katalog/monitoring/umum/2026-06.yaml \u2014 putaran monitoring 20 Juni 2026",
        "  surat \u2014 penilaian: Berjalan dengan baik \u2192 Tidak berjalan dengan baik; "
        "catatan: Surat tercatat tepat waktu. \u2192 Surat menumpuk di meja staf.",
    ]
    assert "warning[SOPAP-E04]" in text.split("\nMonitoring dan evaluasi\n")[0]  # the SOP's new finding
    comment = sop_diff(repo, "--format", "markdown")
    assert comment.endswith(
        "\n### Monitoring dan evaluasi\n\n1 berkas catatan berubah&#58; 1 diubah&#46;\n\n"
        "- <b>katalog/monitoring/umum/2026&#45;06&#46;yaml</b> (diubah): putaran monitoring 20 Juni 2026\n"
        "  - surat \u2014 penilaian: Berjalan dengan baik \u2192 Tidak berjalan dengan baik; "
        "catatan: Surat tercatat tepat waktu&#46; \u2192 Surat menumpuk di meja staf&#46;\n"
    )
    assert "warning[SOPAP&#45;E04]" in comment


def test_a_removed_round_and_the_finding_it_leaves(repo):
    git(repo, "rm", "-q", "katalog/monitoring/umum/2026-06.yaml")
    git(repo, "commit", "-q", "-m", "Hapus monitoring Juni")
    text = sop_diff(repo)
    assert section(text) == [
        "Monitoring dan evaluasi",
        "1 berkas catatan berubah: 1 dihapus.",
        "",
        "dihapus: katalog/monitoring/umum/2026-06.yaml \u2014 putaran monitoring 20 Juni 2026",
        "  surat \u2014 penilaian: Berjalan dengan baik",
    ]
    assert "temuan baru: katalog/sops/umum/surat.yaml:1:1: warning[SOPAP-E01] SOP belum pernah dimonitor" in text


def test_a_monitoring_folder_removed_shows_each_record_removed(repo):
    git(repo, "rm", "-q", "-r", "katalog/monitoring")
    git(repo, "commit", "-q", "-m", "Catatan monitoring disimpan di tempat lain")
    text = sop_diff(repo)
    assert section(text)[1:3] == ["2 berkas catatan berubah: 2 dihapus.", ""]
