"""Scanned pages, step one: a PDF page drawn as a greyscale picture, with where its ink is coloured.

A scan has no text layer, only a picture; to read it we draw the page as
pdfium shows it. pdfium applies the page's own ``/Rotate`` flag while drawing,
so the picture is the page as a viewer shows it (the flag is kept only to be
reported). A phone's picture may sit on a page metres wide; such a page is
drawn at a lower resolution so that its longer side stays within
``MAX_SIDE`` pixels: OCR needs no more, and time grows with the pixels.
The page is drawn in colour once, and kept in grey with a mask of its
coloured ink (a stamp, a signature: see :mod:`.stamps`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from katalog_sop.importer.scan.stamps import coloured, seen_through

DPI = 200
MAX_SIDE = 4200
"""Pixels on the picture's longer side at most (an A3 page at 250 dpi)."""


@dataclass
class Raster:
    image: object
    """A PIL image, mode ``L`` (greyscale), the page as a viewer shows it."""
    scale: float
    """Pixels per PDF point."""
    width: float
    height: float
    """The page's size in points, as shown (after its ``/Rotate`` flag)."""
    rotate_flag: int
    """The page's own ``/Rotate`` flag in degrees (already applied by pdfium)."""
    colour: object = None
    """A PIL image, mode ``L``, black where the page's ink is coloured; ``None`` for a page without."""
    through: object = None
    """The page in grey seen through its coloured ink (:func:`~.stamps.seen_through`); ``None`` without."""


def page_count(path) -> int:
    """How many pages the PDF at ``path`` has."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def render_page(path, index: int, dpi: float = DPI, max_side: int = MAX_SIDE) -> Raster:
    """Page ``index`` (from 0) of the PDF at ``path``, drawn in grey at ``dpi`` (less for a huge page),
    with its coloured ink."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[index]
        width, height = page.get_size()  # as shown: pdfium swaps them for a page turned by /Rotate
        scale = min(dpi / 72, max_side / max(width, height, 1.0))
        drawn = page.render(scale=scale).to_pil().convert("RGB")
        image = drawn.convert("L")
        mask = coloured(drawn)
        colour = None if mask is None else Image.fromarray(np.where(mask, 0, 255).astype(np.uint8))
        through = None if mask is None else seen_through(drawn, image, mask)
        rotate_flag = page.get_rotation()
        page.close()
    finally:
        document.close()
    scale = image.width / width  # pdfium rounds the picture's size to whole pixels
    return Raster(image, scale, float(width), float(height), int(rotate_flag), colour, through)
