"""Golden geometry and golden DOT for the sheet's typical and tricky shapes.

Each case is an SOP under ``golden/`` whose first comment lines say its
purpose and, optionally, layout options (``# options: max_rows=10``). Its
expected geometry (``NAME.geometry.txt``, one line per rule, text, symbol and
arrow) and DOT text per page (``NAME.hN.dot``) sit beside it. After a
deliberate change to the layout, rewrite them with
``pytest tests/diagram/test_golden.py --update-goldens`` and read every diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


from katalog_sop.diagram.dot import to_dot
from katalog_sop.diagram.geometry import Options, layout
from katalog_sop.diagram.shapes import Sheet

from conftest import check_structure

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))


def _options(source: str) -> Options:
    found = re.search(r"^# options: (.*)$", source, re.M)
    settings = dict(item.split("=") for item in found.group(1).split()) if found else {}
    return Options(**{key: int(value) for key, value in settings.items()})


def _p(point) -> str:
    return f"{point[0]:.2f},{point[1]:.2f}"


def dump(sheet: Sheet) -> str:
    """The sheet's geometry as text a reviewer can read in a diff."""
    out = [f"sheet {sheet.sop_id!r} {sheet.title!r}", f"  desc {sheet.description!r}"]
    for page in sheet.pages:
        out.append(f"page {page.number} {page.width:.2f}x{page.height:.2f}")
        out += [f"  rule {_p(a)} {_p(b)}" for a, b in page.rules]
        for t in page.texts:
            r = t.rect
            out.append(f"  text {_p((r.x, r.y))} {r.w:.2f}x{r.h:.2f} {t.align} {t.size:g}pt {list(t.lines)!r}")
        for s in page.symbols:
            r = s.rect
            marks = f" marks={[round(x, 2) for x in s.marks]}" if s.marks else ""
            out.append(f"  symbol {s.id} {s.kind} step={s.step} {_p((r.x, r.y))} {r.w:.2f}x{r.h:.2f} label={s.label!r}{marks}")
        for a in page.arrows:
            label = f" label={a.label!r} at {_p(a.label_at)} {a.label_align}" if a.label else ""
            out.append(f"  arrow {a.id} {a.tail}->{a.head} {' '.join(_p(p) for p in a.points)}{label}")
    return "\n".join(out) + "\n"


def _sheet(path: Path) -> Sheet:
    result = check_structure([str(path)])
    assert not result.problems, [p.message for p in result.problems]
    return layout(result.files[0].sop, _options(path.read_text(encoding="utf-8")))


def _compare(expected: Path, actual: str, update: bool) -> None:
    if update:
        expected.write_text(actual, encoding="utf-8")
        return
    assert expected.exists(), f"{expected.name} is missing: run pytest with --update-goldens"
    assert actual == expected.read_text(encoding="utf-8"), f"{expected.name} differs (see the diff above)"


def test_every_case_says_its_purpose():
    assert len(CASES) >= 8
    for path in CASES:
        assert re.search(r"^# purpose: \S", path.read_text(encoding="utf-8"), re.M), path.name


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_geometry_matches_golden(path, update_goldens):
    _compare(path.with_suffix(".geometry.txt"), dump(_sheet(path)), update_goldens)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_dot_matches_golden(path, update_goldens):
    sheet = _sheet(path)
    for page in sheet.pages:
        _compare(path.with_suffix(f".h{page.number}.dot"), to_dot(sheet, page), update_goldens)
    stale = sorted(p.name for p in GOLDEN.glob(f"{path.stem}.h*.dot") if int(p.suffixes[0][2:]) > len(sheet.pages))
    assert not stale, f"golden pages the sheet no longer has: {stale}"
