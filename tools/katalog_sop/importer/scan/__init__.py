"""Import of scanned pages: a PDF page with no text layer read into the same page geometry.

A scan is a picture. It is drawn (pypdfium2), stood upright and
straightened, its ruled lines found (numpy), and its text read cell by cell
by Tesseract when that program is installed (it is optional: without it the
lines are still found and the notes say the text was not read). The result
is a :class:`~katalog_sop.importer.page.Page`, so the grid, identity and step
readers run on a scan as on a page with a text layer.

Entry point: :func:`read_scanned_page`. Needs numpy and Pillow beside the
import's own dependencies; Tesseract (with its ``ind`` and ``osd`` models)
as a program, not a Python package.
"""

from __future__ import annotations

from katalog_sop.importer.scan.words import ScannedWord
from katalog_sop.importer.scan.raster import page_count
from katalog_sop.importer.scan.reader import NO_TESSERACT, ScannedPage, read_scanned_page

__all__ = ["NO_TESSERACT", "ScannedPage", "ScannedWord", "page_count", "read_scanned_page"]
