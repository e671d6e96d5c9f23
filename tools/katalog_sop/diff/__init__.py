"""Diff stage: compare two versions of a catalogue in SOP terms (``sop diff``).

:func:`diff` reads both sides (:mod:`.sources`: folders, files or git
revisions), checks each as a whole catalogue with its monitoring records (so
findings, catalogue-wide ones and those of the records included, can be
compared), and compares them: the SOPs (:mod:`.compare`) and the records
(:mod:`.monitoring`); :mod:`.formats` writes the result as text, Markdown or
JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from katalog_sop.check import CheckResult, check_contents
from katalog_sop.config import DEFAULT, Config
from katalog_sop.diff.compare import CatalogueDiff, compare
from katalog_sop.diff.monitoring import compare_records
from katalog_sop.diff.sources import Side, default_base, read_side

WORKING_TREE = "pohon kerja"


def diff(
    base: str | None,
    head: str | None,
    *,
    catalogue: str = "sops",
    config: Config = DEFAULT,
    today: dt.date | None = None,
) -> tuple[CatalogueDiff, CheckResult, CheckResult]:
    """Compare ``base`` with ``head``; by default the merge-base with the main branch against the working tree."""
    today = today or dt.date.today()
    if base is None:
        commit, name = default_base()
        before = read_side(commit, catalogue)
        before = dataclasses.replace(before, label=f"{name} ({commit[:10]})" if commit != name else before.label)
    else:
        before = read_side(base, catalogue)
    after = read_side(head if head is not None else catalogue, catalogue)
    if head is None:
        after = dataclasses.replace(after, label=f"{WORKING_TREE} ({after.label})")
    elif base is not None and Path(base).is_file() and Path(head).is_file() and len(after.files) == 1:
        # Two files compared: one SOP in two versions, whatever the files are called.
        (source, raw), (old, _) = after.files[0], before.files[0]
        after = Side(after.label, ((dataclasses.replace(source, sop_id=old.sop_id), raw),))
    checked_before = check_contents(before.files, config=config, today=today, records=before.records)
    checked_after = check_contents(after.files, config=config, today=today, records=after.records)
    result = compare(
        checked_before, checked_after, before.texts, after.texts, before_label=before.label, after_label=after.label
    )
    records = compare_records(checked_before, checked_after, before.records, after.records)
    return dataclasses.replace(result, monitoring=records), checked_before, checked_after
