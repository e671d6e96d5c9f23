"""Scanned copies of text-layer PDFs, for the import benchmark: the same SOP, its text layer the truth.

Each page is drawn at 150 or 200 dpi, turned a quarter, a half or three
quarters (or not at all), the turn shown either in the picture alone or
undone by the PDF's own /Rotate flag, tilted up to 2 degrees, sprinkled with
specks and greyed, then saved as a picture-only PDF, as an office scanner or a
phone app makes one. What was done to each page is returned, so the benchmark
knows the rotation the importer must find: the quarter turns the picture
shows once the flag is applied.

Deterministic: the n-th page of the n-th file gets the same treatment every run.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

TURNS = (0, 90, 180, 270)


@dataclass
class ScanSpec:
    dpi: int
    turn: int
    """Degrees the content is turned counter-clockwise in the picture."""
    flag: int
    """The page's /Rotate flag (clockwise, applied by a viewer)."""
    tilt: float
    noise: float

    @property
    def shown(self) -> int:
        """The quarter turns a reader sees once the flag is applied: what the importer must undo (clockwise)."""
        return (self.turn - self.flag) % 360


def spec_for(file_number: int, page_number: int) -> ScanSpec:
    rng = random.Random(file_number * 1000 + page_number)
    turn = TURNS[(file_number + page_number) % 4]
    flag = turn if rng.random() < 0.4 else 0  # sometimes the scanner sets the flag so a viewer shows it upright
    return ScanSpec(dpi=rng.choice((150, 200)), turn=turn, flag=flag, tilt=rng.uniform(-2.0, 2.0), noise=rng.uniform(0.002, 0.01))


def _picture(page, spec: ScanSpec, rng: random.Random):
    from PIL import Image

    image = page.render(scale=spec.dpi / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(spec.tilt, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if spec.turn:
        image = image.rotate(spec.turn, expand=True)
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * spec.noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 90, 255))
    return image.point(lambda v: 40 + v * 200 // 255)  # grey paper, grey ink, as a scan shows them


def scan_copy(pdf: Path, out: Path, file_number: int) -> list[ScanSpec]:
    """Write a scanned copy of ``pdf`` at ``out``; what was done to each page."""
    import pypdfium2
    from pypdf import PdfReader, PdfWriter

    document = pypdfium2.PdfDocument(str(pdf))
    specs, pictures = [], []
    for number in range(len(document)):
        spec = spec_for(file_number, number)
        rng = random.Random(file_number * 7919 + number)
        pictures.append(_picture(document[number], spec, rng))
        specs.append(spec)
    document.close()
    writer = PdfWriter()
    for picture, spec in zip(pictures, specs):  # each page at its own resolution, as it was drawn
        buffer = io.BytesIO()
        picture.save(buffer, "PDF", resolution=float(spec.dpi))
        page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
        if spec.flag:
            page.rotate(spec.flag)
        writer.add_page(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as file:
        writer.write(file)
    return specs
