"""Scanned pages: which pixels are ink.

A scan's paper is not evenly white: a phone's photo is darker at one edge, a
flatbed scan greys at the fold. So ink is judged against the paper around
it, not against one global grey: the paper's brightness is estimated on a
coarse grid (the brightest of each neighbourhood, since ink is dark) and a
pixel is ink when it is clearly darker than that. Specks of dust, ink with
no ink around it, are told apart so that they can be cleaned away.
"""

from __future__ import annotations

import numpy as np

TILE = 24
"""The coarse grid's step in pixels, for the paper's brightness."""
CONTRAST = 0.72
"""A pixel darker than this share of the paper around it is ink."""
FLOOR = 60
"""...or than the paper less this many grey levels (on dark paper the share alone is too strict)."""


def paper(image) -> np.ndarray:
    """The paper's brightness under each pixel of a greyscale PIL ``image``."""
    from PIL import Image, ImageFilter

    small = image.resize((max(1, image.width // TILE), max(1, image.height // TILE)), Image.Resampling.BOX)
    small = small.filter(ImageFilter.MaxFilter(5))  # a cell of text is mostly paper: its brightest neighbour is
    return np.asarray(small.resize(image.size, Image.Resampling.BILINEAR), dtype=np.int16)


FAINT_CONTRAST = 0.88
FAINT_FLOOR = 28
"""For ruled lines: a faint grey line (a thin rule, scanned light) is still ink. Noise next to
letters passes too, but it is never long and straight."""


def ink(image, contrast: float = CONTRAST, floor: int = FLOOR) -> np.ndarray:
    """A boolean array, ``True`` where greyscale PIL ``image`` is ink (darker than ``contrast`` times
    the paper around it, or than the paper less ``floor``)."""
    grey = np.asarray(image, dtype=np.int16)
    background = paper(image)
    return (grey < background * contrast) | (grey < background - floor)


def faint_ink(image) -> np.ndarray:
    """Like :func:`ink`, but counting light grey as ink too: for finding ruled lines."""
    return ink(image, FAINT_CONTRAST, FAINT_FLOOR)


SPECK = 4
"""Ink pixels: a spot with no more ink than this in the 5 x 5 pixels around it is a speck of dust."""


def specks(dark: np.ndarray) -> np.ndarray:
    """The pixels of ink mask ``dark`` that are specks: alone, with almost no ink around them (a full
    stop at 200 dpi has some 16 pixels, the dot of an i some 9)."""
    padded = np.pad(dark.astype(np.int32), 2)
    sums = padded.cumsum(axis=0).cumsum(axis=1)
    sums = np.pad(sums, ((1, 0), (1, 0)))
    around = sums[5:, 5:] - sums[:-5, 5:] - sums[5:, :-5] + sums[:-5, :-5]
    return dark & (around <= SPECK)
