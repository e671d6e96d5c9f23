"""Indonesian word forms meet, and the browser stems every word of the real SOPs as the build does."""

from __future__ import annotations

import pytest
import yaml

from browser import launch_chromium, new_context
from conftest import REPO
from katalog_sop.search.stem import CHANGES, WordForms, root_words, words

STEMMER_JS = REPO / "tools" / "katalog_sop" / "site" / "assets" / "vendor" / "stemmer-id.js"


@pytest.fixture(scope="module")
def forms() -> WordForms:
    return WordForms()


@pytest.mark.parametrize("group", [
    "melaporkan pelaporan laporan dilaporkan",
    "kumpul mengumpulkan pengumpulan dikumpulkan",
    "koordinasi berkoordinasi mengkoordinasikan",
    "pengesahan mengesahkan disahkan",
    "menandatangani penandatanganan ditandatangani",
    "memvalidasi divalidasi validasi",
    "menindaklanjuti ditindaklanjuti",
])
def test_the_forms_of_one_word_meet(forms, group):
    assert len(set(forms.stems(group))) == 1, forms.stems(group)


def test_words_split_at_hyphens_and_keep_numbers_as_written(forms):
    assert list(words("SOP-026/17000/2025: Masing-masing")) == ["sop", "026", "17000", "2025", "masing", "masing"]
    assert forms.stems("Rapat 2 kali") == ["rapat", "2", "kali"]


def test_every_change_to_the_root_list_says_why_and_takes_effect():
    data = yaml.safe_load(CHANGES.read_text(encoding="utf-8"))
    listed = root_words()
    assert all(item["kata"] in listed and item["why"] for item in data["tambah"])
    assert all(item["kata"] not in listed and item["why"] for item in data["hapus"])


def real_sop_words() -> list[str]:
    """Every distinct word of the example and the transcribed real SOPs."""
    found: set[str] = set()
    for path in sorted([*(REPO / "sops").rglob("*.yaml"), *(REPO / "tests" / "real_sops").rglob("*.yaml")]):
        found.update(words(path.read_text(encoding="utf-8")))
    return sorted(found)


def test_the_browser_stems_every_word_of_the_real_sops_as_the_build_does():
    vocabulary = real_sop_words()
    assert len(vocabulary) > 1500
    forms = WordForms()
    built = [forms.stem(word) for word in vocabulary]
    with launch_chromium() as browser:
        context = new_context(browser)
        page = context.new_page()
        page.set_content("<!doctype html><title>stem</title>")
        page.add_script_tag(path=str(STEMMER_JS))
        in_browser = page.evaluate(
            "([roots, words]) => { const s = KatalogSopStemmer.create(roots); return words.map(w => s.stem(w)); }",
            [forms.roots(), vocabulary],
        )
        context.close()
    differ = [(word, py, js) for word, py, js in zip(vocabulary, built, in_browser) if py != js]
    assert differ == []
    assert sum(word != stem for word, stem in zip(vocabulary, built)) > 400  # most affixed words were stemmed
