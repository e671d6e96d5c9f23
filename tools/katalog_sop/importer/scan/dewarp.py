"""Scanned pages: a page photographed bent or curled, flattened along its own ruled lines.

A page photographed or scanned on a curl has rules that bow by several
points. The grid needs each rule whole at one height; cut into pieces at
slightly different heights, one cell falls apart into many. The long rules
say how the page is bent: along each, how far it strays from its mean
height. Between rules the stray is interpolated, and the picture is
resampled so that every long rule runs straight at its mean height
(horizontal rules for the rows, vertical ones for the columns).
"""

from __future__ import annotations

import numpy as np

from katalog_sop.importer.scan.binary import ink
from katalog_sop.importer.scan.rules import THICKEST
from katalog_sop.importer.scan.runs import Band, bands, long_runs, runs_of

LONG = 0.3
"""A rule spanning this share of the page (across or down) tells how the page is bent."""
WORTH = 1.5
"""Points: a page bent less than this is left as it is."""
STEP = 32
"""Pixels: the mesh the picture is resampled on."""
CHUNK = 40
"""Pixels: a rule's height is measured over pieces this long."""


def _strays(band: Band, size: int) -> np.ndarray | None:
    """How far ``band`` strays from its mean height at each position along it (``size`` positions,
    held constant past its ends); ``None`` when it has too few pieces to tell."""
    centres, heights = [], []
    for left in range(band.start, band.end, CHUNK):
        runs = [(r, max(s, left), min(e, left + CHUNK)) for r, s, e in band.runs if s < left + CHUNK and e > left]
        ink_ = sum(e - s for _, s, e in runs)
        if ink_ >= CHUNK // 2:
            centres.append(left + CHUNK / 2)
            heights.append(sum(r * (e - s) for r, s, e in runs) / ink_)
    if len(heights) < 4:
        return None
    smooth = np.array([np.median(heights[max(0, i - 2):i + 3]) for i in range(len(heights))])  # text touching it
    return np.interp(np.arange(size), centres, smooth - smooth.mean())


def _field(mask: np.ndarray, length: int, thickest: float) -> tuple[list[float], list[np.ndarray]]:
    """The mean heights and strays of the long lines along the rows of ``mask``."""
    ats, strays = [], []
    for band in bands(runs_of(long_runs(mask, length))):
        if band.end - band.start < LONG * mask.shape[1] or band.thickness > thickest:
            continue
        stray = _strays(band, mask.shape[1])
        if stray is not None:
            ats.append(band.at)
            strays.append(stray)
    return ats, strays


def _shift(ats: list[float], strays: list[np.ndarray], along: np.ndarray, across: np.ndarray) -> np.ndarray:
    """The stray at each mesh point (``along`` the lines by ``across`` them), interpolated between lines."""
    order = np.argsort(ats)
    heights = np.array(ats)[order]
    table = np.array([strays[i][along] for i in order])  # lines by positions along
    return np.array([[np.interp(y, heights, table[:, j]) for j in range(len(along))] for y in across])


def find_curl(image, scale: float, unit: float = 1.0) -> tuple[list | None, float]:
    """The mesh that flattens ``image`` (level, upright) along its long rules (``None`` when it is bent
    too little to matter), and how far (points) it was bent."""
    dark = ink(image)
    length, thickest = max(8, round(40 * unit * scale)), THICKEST * unit * scale
    rows = _field(dark, length, thickest)
    columns = _field(np.ascontiguousarray(dark.T), length, thickest)
    bent = max([float(np.abs(s).max()) for s in rows[1] + columns[1]] or [0.0]) / scale
    if bent < WORTH * unit:
        return None, round(bent, 2)
    xs = np.arange(0, image.width + STEP, STEP).clip(max=image.width - 1)
    ys = np.arange(0, image.height + STEP, STEP).clip(max=image.height - 1)
    dy = _shift(*rows, xs, ys) if len(rows[0]) >= 2 else np.zeros((len(ys), len(xs)))
    dx = _shift(*columns, ys, xs).T if len(columns[0]) >= 2 else np.zeros((len(ys), len(xs)))
    return _mesh(xs, ys, dx, dy), round(bent, 2)


def flatten(image, mesh: list | None):
    """``image`` resampled on ``mesh`` (from :func:`find_curl`); as it is for ``None``."""
    from PIL import Image

    if mesh is None:
        return image
    return image.transform(image.size, Image.Transform.MESH, mesh, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _mesh(xs: np.ndarray, ys: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> list:
    """PIL's mesh by which the point (xs[j], ys[i]) takes the pixel at (x + dx, y + dy)."""
    mesh = []
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            corner = lambda a, b: (float(xs[b] + dx[a, b]), float(ys[a] + dy[a, b]))  # noqa: E731
            quad = (*corner(i, j), *corner(i + 1, j), *corner(i + 1, j + 1), *corner(i, j + 1))
            mesh.append(((int(xs[j]), int(ys[i]), int(xs[j + 1]), int(ys[i + 1])), quad))
    return mesh
