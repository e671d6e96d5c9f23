"""Benchmark: how many real citations the parser reads as a lawyer reads them.

Usage: .venv/bin/python benchmarks/citation_parser.py [--verbose]

The reference is ``tests/rules/data/kutipan_nyata.yaml``: real dasar hukum
strings with the reading written by hand for each. A citation counts as
parsed completely and correctly when the parser's jenis, nomor and tahun are
the reading's, its issuer is the reading's where the jenis needs one (a
regional or agency regulation), and its tentang is the reading's (or both
are absent). Only the regulation cited first is compared; amendment chains
("jo.", "sebagaimana telah diubah") are counted on their own line. Target:
>= 98% parsed completely and correctly.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from katalog_sop.dasar_hukum import QUALIFIED, normalise_title, parse_kutipan, region_of

REFERENCE = Path(__file__).resolve().parents[1] / "tests" / "rules" / "data" / "kutipan_nyata.yaml"

SAME_JENIS = {"perlem": "perban", "perka": "perka", "kepka": "kepka"}
"""A lawyer writes "Peraturan Badan" and "Peraturan Lembaga" alike (both are Peraturan Badan/Lembaga)."""
_FILLER = {"badan", "lembaga", "kepala", "menteri", "kementerian", "republik", "indonesia", "negara", "dan", "rb"}


def load(path: Path = REFERENCE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _issuer(text: str | None) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", (text or "").lower())) - _FILLER


def _nomor(text: object) -> str:
    return re.sub(r"\s+", "", str(text or "")).lower().lstrip("0")


def mismatches(item: dict) -> list[str]:
    """The parts the parser reads differently from the reference (empty: read correctly)."""
    want, got = item["baca"][0], parse_kutipan(item["teks"])
    wrong = []
    jenis = SAME_JENIS.get(got.jenis or "", got.jenis)
    expected = SAME_JENIS.get(want["jenis"] or "", want["jenis"])
    if expected == "other":  # forms with no code of the reference: the parser names Undang-Undang Darurat, no other
        expected = "uudrt" if "darurat" in (want.get("penerbit") or "").lower() else None
    if jenis != expected:
        wrong.append(f"jenis {got.jenis!r} (seharusnya {want['jenis']!r})")
    if _nomor(got.nomor) != _nomor(want["nomor"]):
        wrong.append(f"nomor {got.nomor!r} (seharusnya {want['nomor']!r})")
    if got.tahun != want["tahun"]:
        wrong.append(f"tahun {got.tahun!r} (seharusnya {want['tahun']!r})")
    if want["jenis"] in QUALIFIED and want.get("penerbit"):
        if want["jenis"] in ("perda", "pergub", "perbup", "perwal", "kepgub", "kepbup", "kepwal"):
            same = got.wilayah is not None and got.wilayah == region_of(want["penerbit"], got.wilayah[0])
        else:
            same = _issuer(got.penerbit) == _issuer(want["penerbit"])
        if not same:
            wrong.append(f"penerbit {got.penerbit!r} (seharusnya {want['penerbit']!r})")
    if normalise_title(got.tentang or "") != normalise_title(want["tentang"] or ""):
        wrong.append(f"tentang {got.tentang!r} (seharusnya {want['tentang']!r})")
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list each citation read differently")
    args = parser.parse_args()
    items = load()
    failed = [(item, mismatches(item)) for item in items]
    failed = [(item, wrong) for item, wrong in failed if wrong]
    parts = Counter(w.split(" ", 1)[0] for _, wrong in failed for w in wrong)
    chains = [item for item in items if len(item["baca"]) > 1]
    share = 1 - len(failed) / len(items)
    print(f"{len(items)} kutipan nyata dari {len({i['sumber'] for i in items})} sumber")
    print(f"dibaca lengkap dan benar: {len(items) - len(failed)}/{len(items)} = {share:.1%} (target >= 98%)")
    print(f"bagian yang keliru: {dict(parts.most_common())}")
    print(f"kutipan dengan perubahan (jo., sebagaimana diubah): {len(chains)}; yang pertama saja yang dibandingkan")
    if args.verbose:
        for item, wrong in failed:
            print(f"- {item['teks']}\n    {'; '.join(wrong)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
