"""Scanned pages: the words, read by Tesseract cell by cell, as the importer's words with boxes.

Read whole, a form's page runs text across its cells ("Nomor SOP 000.8/274"
as one line) and reads its rules as letters. So the page is cleaned first
(paper made evenly white; print showing through from the back, specks and
the ruled lines found, whitened), then each table cell with ink in it is
cut out and read on its own (all cells in one Tesseract run, each as a block
of text: ``--psm 6``), and what stands outside the cells (a title, a
signature block) is read last, the cells whitened. Without cells the whole
page is read. Small print is enlarged first (:mod:`.textsize`); the words
come back onto the page with their confidence (:mod:`.words`).
"""

from __future__ import annotations

import numpy as np

from katalog_sop.importer.grid import Cell
from katalog_sop.importer.scan.binary import ink, paper, specks
from katalog_sop.importer.scan.stamps import better_lines
from katalog_sop.importer.scan.tesseract import parse_tsv, run
from katalog_sop.importer.scan.textsize import line_heights, zoom_for
from katalog_sop.importer.scan.words import MARGIN, ScannedWord, smaller_holds, unique, words_of

PAPER = 0.88
"""A pixel this near the paper's brightness is paper (print from the other side showing through)."""
INSET = 0.8
"""Points cut off each side of a cell (the rule's own fuzz)."""
LEAST_INK = 12
"""Pixels: a cell with less ink is empty."""


def clean(image, mask: np.ndarray):
    """``image`` made easy to read: set against evenly white paper (each pixel over the paper's
    brightness around it), what is nearly paper (the other side's print showing through, a shadow)
    and specks of dust made white, and the pixels of ``mask`` (the ruled lines, one pixel around
    them too) whitened."""
    from PIL import Image

    grey = np.asarray(image, dtype=np.float32)
    even = np.clip(grey * 255.0 / np.maximum(paper(image), 1), 0, 255)
    even[even >= PAPER * 255] = 255
    even[specks(ink(image))] = 255
    grown = mask.copy()
    grown[1:, :] |= mask[:-1, :]
    grown[:-1, :] |= mask[1:, :]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    even[grown] = 255
    return Image.fromarray(even.astype(np.uint8))


def _crop_box(cell: Cell, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    inset = INSET * scale
    return (max(0, round(cell.x0 * scale + inset)), max(0, round(cell.top * scale + inset)),
            min(size[0], round(cell.x1 * scale - inset)), min(size[1], round(cell.bottom * scale - inset)))


def _picture(image, box: tuple[int, int, int, int], zoom: float):
    """The part ``box`` of ``image``, enlarged by ``zoom`` and set in a white margin."""
    from PIL import Image, ImageOps

    part = image.crop(box)
    if zoom != 1.0:
        part = part.resize((round(part.width * zoom), round(part.height * zoom)), Image.Resampling.BICUBIC)
    return ImageOps.expand(part, MARGIN, fill=255)


def read_words(program: str, language: str, image, cells: list[Cell], scale: float,
               colour: np.ndarray | None = None, clear=None) -> list[ScannedWord]:
    """The words of the rule-free greyscale ``image`` (``scale`` pixels a point): cell by cell, then
    outside the cells; small print enlarged first (:mod:`.textsize`). A cell with coloured ink (the
    mask ``colour``) is read twice, as in ``image`` and as in ``clear`` (the same page seen through its
    coloured ink), the better reading kept line by line (:mod:`.stamps`)."""
    dark = ink(image if clear is None else clear)  # a stamp is not the print's size
    boxes = [(cell, _crop_box(cell, scale, image.size)) for cell in cells]
    boxes = [(c, b) for c, b in boxes if b[2] - b[0] >= 4 and b[3] - b[1] >= 4
             and dark[b[1]:b[3], b[0]:b[2]].sum() >= LEAST_INK]
    outside = _outside(image, cells, scale)
    dark_outside = ink(outside)
    heights = [h for _, box in boxes for h in line_heights(dark, box)]
    zoom = zoom_for(heights or line_heights(dark_outside, (0, 0, image.width, image.height)))
    words = _read_cells(program, language, image, boxes, scale, zoom, colour, clear) if boxes else []
    if dark_outside.sum() >= LEAST_INK * 4:
        words += _read_page(program, language, outside, scale, zoom)
    return words


def _read_cells(program: str, language: str, image, boxes: list, scale: float, zoom: float,
                colour: np.ndarray | None, clear) -> list[ScannedWord]:
    """The words of each (cell, crop box) of ``boxes``, one cell a picture, all in one Tesseract run;
    a cell with coloured ink also read in ``clear``, seen through that ink.

    A word read in a cell is left to a smaller cell read that also holds its
    middle (where rules stop short, one cell may be read inside another), so
    no word comes twice.
    """
    stamped = [n for n, (_, b) in enumerate(boxes) if colour is not None and clear is not None
               and colour[b[1]:b[3], b[0]:b[2]].sum() >= LEAST_INK]
    pictures = [_picture(image, box, zoom) for _, box in boxes]
    pictures += [_picture(clear, boxes[n][1], zoom) for n in stamped]
    origins = {n: (box[0], box[1]) for n, (_, box) in enumerate(boxes + [boxes[n] for n in stamped], start=1)}
    rows = parse_tsv(run(program, pictures, ["--psm", "6", "-l", language, "tsv"], scale * 72 * zoom))
    found: dict[int, list[ScannedWord]] = {}
    for picture, word in words_of(rows, origins, scale, zoom):
        found.setdefault(picture, []).append(word)
    for k, n in enumerate(stamped):  # picture n + 1 as scanned, len(boxes) + k + 1 seen through the ink
        found[n + 1] = better_lines(found.get(n + 1, []), found.pop(len(boxes) + k + 1, []))
    owners = {n: cell for n, (cell, _) in enumerate(boxes, start=1)}
    read = list(owners.values())
    return unique([w for n, words in found.items() for w in words if not smaller_holds(w, owners[n], read)])


def _outside(image, cells: list[Cell], scale: float):
    """``image`` with ``cells`` whitened: what stands outside the table."""
    from PIL import ImageDraw

    image = image.copy()
    draw = ImageDraw.Draw(image)
    for cell in cells:
        draw.rectangle([cell.x0 * scale, cell.top * scale, cell.x1 * scale, cell.bottom * scale], fill=255)
    return image


def _read_page(program: str, language: str, image, scale: float, zoom: float) -> list[ScannedWord]:
    """The words of ``image`` read as a page (Tesseract finds its blocks: ``--psm 3``)."""
    picture = _picture(image, (0, 0, image.width, image.height), zoom)
    rows = parse_tsv(run(program, [picture], ["--psm", "3", "-l", language, "tsv"], scale * 72 * zoom))
    return [w for _, w in words_of(rows, {1: (0, 0)}, scale, zoom)]
