"""The comparison of ``benchmarks/import_accuracy.py``: a truth file scores full marks against itself,
and each mistake in a draft costs exactly its own figure. No PDF is read."""

from __future__ import annotations

import copy
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import import_accuracy as bench  # noqa: E402

TRUTH = REPO / "tests" / "real_sops" / "bps-bengkulu"
FILES = ("029-pengajuan-pembayaran.yaml", "065-penghitungan-pengeluaran-konsumsi-lnprt.yaml", "211-publikasi-pertanian-tanaman-pangan.yaml")


def load(name: str) -> dict:
    return bench.load_yaml(TRUTH / name)


def counts(figures: dict) -> dict:
    return {name: (score.right, score.total) for name, score in figures.items()}


@pytest.mark.parametrize("name", FILES)
def test_a_truth_file_against_itself_scores_every_figure_in_full(name):
    truth = load(name)
    figures = bench.compare(truth, copy.deepcopy(truth))
    assert set(figures) == set(bench.FIGURES)
    assert all(score.right == score.total for score in figures.values()), counts(figures)
    assert figures["steps"].total == 1 and figures["pelaksana"].total == len(truth["langkah"])


def test_each_mistake_costs_exactly_its_own_figure():
    truth = load("065-penghitungan-pengeluaran-konsumsi-lnprt.yaml")
    draft = copy.deepcopy(truth)
    draft["nomor"] = "SOP-066/17000/2025"
    del draft["dasar_hukum"][3]
    draft["langkah"][5]["pelaksana"] = "kepala"  # row 6, a decision: its column only
    draft["langkah"][4]["cabang"][0]["ke"] = "7"  # row 5's "Ya" exit
    got = counts(bench.compare(truth, draft))
    full = counts(bench.compare(truth, truth))
    lower = {"identity:nomor": (0, 1), "section:dasar_hukum": (9, 10), "pelaksana": (6, 7), "decision targets": (3, 4),
             "sections near": (17, 18)}  # the nomor differs by one digit: still 0.9 similar
    assert got == {**full, **lower}
    assert (full["decisions found"], full["bentuk"], full["kegiatan"]) == ((4, 4), (7, 7), (7.0, 7))
    assert sum(total for name, (_, total) in full.items() if name.startswith("identity:")) == 9  # no NIP either side


def test_targets_written_as_printed_numbers_or_ids_resolve_to_the_same_rows():
    """029 prints eight tables each numbered from 1 and targets rows by id; written with the printed
    numbers instead, each number names the row of the decision's own table."""
    truth = load("029-pengajuan-pembayaran.yaml")
    rows = bench.Rows(truth)
    number_of = {ident: str(rows.rows[position - 1]["nomor"]) for ident, position in rows.ids.items()}
    draft = copy.deepcopy(truth)
    for step in draft["langkah"]:
        for symbol in step.get("simbol", []):
            for branch in symbol.get("cabang", []):
                ke = branch["ke"]
                branch["ke"] = [number_of[k] for k in ke] if isinstance(ke, list) else number_of[ke]
    figures = bench.compare(truth, draft)
    assert (figures["decision targets"].right, figures["decision targets"].total) == (14, 14)


def test_a_draft_with_nothing_read_scores_nothing():
    truth = load("211-publikasi-pertanian-tanaman-pangan.yaml")
    figures = bench.compare(truth, {})
    assert all(score.right == 0 for score in figures.values())
    assert counts(bench.corpus_figures([{}, truth]))["plausible"] == (1, 2)


def test_near_figures_count_text_at_least_nine_tenths_alike():
    """A scan's figures: one wrong letter in a long field is near, a different field is not."""
    truth = load("065-penghitungan-pengeluaran-konsumsi-lnprt.yaml")
    draft = copy.deepcopy(truth)
    draft["nama"] = truth["nama"][:-1] + "x"
    draft["dasar_hukum"][0] = truth["dasar_hukum"][0].replace("a", "4", 1)
    draft["dasar_hukum"][1] = "Peraturan yang lain sama sekali"
    got = counts(bench.compare(truth, draft))
    full = counts(bench.compare(truth, truth))
    assert got["identity:nama"] == (0, 1) and got["identity near"] == full["identity near"]
    right, total = full["sections near"]
    assert got["sections near"] == (right - 1, total) and got["section:dasar_hukum"][0] == full["section:dasar_hukum"][0] - 2


def test_truths_name_their_source_file_or_carry_its_number(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "0008-sop.yaml").write_text("nama: A\ncatatan_sumber: {sumber: 'SOP-0008.xlsx, lembar COVER'}\n")
    (tmp_path / "a" / "003-sop.yaml").write_text("nama: B\ncatatan_sumber: {sumber: 'BPS, 003. SOP B'}\n")
    (tmp_path / "a" / "kumpulan-2.yaml").write_text("nama: C\ncatatan_sumber: {sumber: 'kumpulan sop.pdf, halaman 3-4'}\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("SOP-0008.xlsx", "003. SOP B.pdf", "kumpulan sop.pdf", "~$SOP-0008.xlsx"):
        (corpus / name).write_bytes(b"")
    truths = bench.truth_files(tmp_path / "a")
    matched, files = bench.sources_of(corpus, truths)
    assert {key: path.name for key, path in matched.items()} == {
        "0008-sop": "SOP-0008.xlsx", "003-sop": "003. SOP B.pdf", "kumpulan-2": "kumpulan sop.pdf"}
    assert sorted(p.name for p in files) == ["003. SOP B.pdf", "SOP-0008.xlsx", "kumpulan sop.pdf"]
