"""Scanned pages: the small tilt of a page laid askew on the scanner, found and undone.

A tilt is found from the page's ink alone: projected across the page at the
right angle, ruled lines and lines of text fall into few sharp rows, at a
wrong angle they smear over many. The sharpness (sum of the squared counts
per row) is tried over a coarse range of angles, then finely around the best.

A photographed page may also lean: once its rows are level, its columns
(the table's vertical rules, the letters' stems) still slope. That lean is
found the same way down the page and undone by shearing.

Angles are in degrees. The skew is positive when the content is turned
counter-clockwise as seen (its right end higher); the lean is positive when
the columns' lower ends stand further right.
"""

from __future__ import annotations

import math

import numpy as np

from katalog_sop.importer.scan.binary import ink

LIMIT = 5.0
"""The largest tilt looked for, in degrees, either way."""
LEAN_LIMIT = 3.0
WORK_SIDE = 1800
"""The picture is measured at this many pixels on its longer side (enough for ±0.05°)."""
MOST_POINTS = 400_000


def ink_points(image) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (x, y) of the ink of a reduced copy of ``image``, in that copy's pixels."""
    from PIL import Image

    factor = max(1.0, max(image.size) / WORK_SIDE)
    small = image.resize((round(image.width / factor), round(image.height / factor)), Image.Resampling.BOX)
    ys, xs = np.nonzero(ink(small))
    if len(xs) > MOST_POINTS:  # a dark photo: a regular sample is as sharp
        step = len(xs) // MOST_POINTS + 1
        xs, ys = xs[::step], ys[::step]
    return xs.astype(np.float64), ys.astype(np.float64)


def _sharpness(positions: np.ndarray) -> float:
    """How sharply points fall into few rows, given their positions across the rows."""
    counts = np.bincount(np.round(positions - positions.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def _best(project, limit: float) -> float:
    """The angle within ±``limit`` degrees whose projection ``project(radians)`` is sharpest."""
    score = lambda angle: _sharpness(project(math.radians(angle)))  # noqa: E731
    coarse = max(np.arange(-limit, limit + 1e-9, 0.25), key=score)
    return round(float(max(np.arange(coarse - 0.3, coarse + 0.3 + 1e-9, 0.02), key=score)), 2)


def find_skew(image, limit: float = LIMIT) -> float:
    """The tilt of greyscale PIL ``image``'s content in degrees (0 when it has too little ink to tell)."""
    xs, ys = ink_points(image)
    if len(xs) < 200:
        return 0.0
    return _best(lambda a: xs * math.sin(a) + ys * math.cos(a), limit)


def find_lean(image, limit: float = LEAN_LIMIT) -> float:
    """The lean of a level ``image``'s columns in degrees (0 when it has too little ink to tell)."""
    xs, ys = ink_points(image)
    if len(xs) < 200:
        return 0.0
    return _best(lambda a: xs - ys * math.tan(a), limit)


def straighten(image, angle: float):
    """``image`` turned back by ``angle`` degrees (same size, white where the corners come in)."""
    from PIL import Image

    if abs(angle) < 0.01:
        return image
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def unlean(image, lean: float):
    """``image`` sheared so that columns leaning by ``lean`` degrees stand upright (about its middle row)."""
    from PIL import Image

    if abs(lean) < 0.01:
        return image
    slope = math.tan(math.radians(lean))  # each output pixel takes the input pixel this far along its row
    data = (1.0, slope, -slope * image.height / 2, 0.0, 1.0, 0.0)
    return image.transform(image.size, Image.Transform.AFFINE, data, resample=Image.Resampling.BICUBIC, fillcolor=255)
