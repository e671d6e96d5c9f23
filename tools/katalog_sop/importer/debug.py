"""Import stage, the review pictures: each page with what was read drawn over it.

Columns are tinted by their role and named, rows outlined, symbols boxed in
the colour of their kind, arrows drawn in red from where they leave to where
they enter, with their labels; a maintainer checks a draft against the page
at a glance. A scanned page is drawn as it was read: stood upright and
straightened, with the ruled lines found (thin, dark red) and each word OCR
read boxed in blue (orange where the OCR was unsure).
"""

from __future__ import annotations

from pathlib import Path

COLOURS = {"proses": (0, 140, 0), "keputusan": (0, 0, 230), "terminator": (200, 0, 200), "gambar": (230, 120, 0)}
ROLE_TINTS = {"no": (230, 230, 230), "kegiatan": (255, 245, 200), "pelaksana": (220, 240, 255),
              "kelengkapan": (235, 255, 235), "waktu": (235, 255, 235), "output": (235, 255, 235), "keterangan": (245, 235, 255)}
RESOLUTION = 80


def write_pictures(pdf: Path, draft, folder: Path) -> list[Path]:
    """One PNG per page of ``pdf`` under ``folder`` (``<name>-h<N>.png``); the paths written."""
    import pdfplumber
    from PIL import ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    scale = RESOLUTION / 72
    written = []
    scans = {scan.page.number: scan for scan in getattr(draft, "scans", []) if getattr(scan, "image", None) is not None}
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages):
            if draft.pages and number not in draft.pages:
                continue  # another SOP of the same file: its own draft draws it
            scale = RESOLUTION / 72
            if number in scans:  # the straightened picture OCR read, not the page as filed
                scan = scans[number]
                size = (round(scan.image.width * RESOLUTION / 72 / scan.scale), round(scan.image.height * RESOLUTION / 72 / scan.scale))
                picture = scan.image.convert("RGB").resize(size)
            else:
                picture = page.to_image(resolution=RESOLUTION).annotated.convert("RGB")
            overlay = picture.copy()
            draw = ImageDraw.Draw(overlay)
            box = lambda x0, y0, x1, y1: [x0 * scale, y0 * scale, x1 * scale, y1 * scale]  # noqa: E731
            if number in scans:
                _read_marks(draw, scans[number].page, box)
            for table in draft.tables:
                rows = [r for r in table.rows if r.page == number]
                if not rows:
                    continue
                top, bottom = rows[0].top, rows[-1].bottom
                for column in table.columns:
                    draw.rectangle(box(column.x0, top, column.x1, bottom), fill=ROLE_TINTS.get(column.role, (255, 255, 255)))
                for row in rows:
                    draw.rectangle(box(table.columns[0].x0, row.top, table.columns[-1].x1, row.bottom), outline=(120, 120, 120))
            picture = _blend(picture, overlay)
            draw = ImageDraw.Draw(picture)
            for table in draft.tables:
                rows = [r for r in table.rows if r.page == number]
                if rows:
                    for column in table.columns:
                        name = column.role if column.role != "pelaksana" else f"pelaksana: {column.label}"
                        draw.text(((column.x0 + 2) * scale, (rows[0].top - 9) * scale), name[:28], fill=(90, 90, 90))
                for row in rows:
                    for _, symbol in row.symbols:
                        colour = COLOURS.get(symbol.kind, (0, 0, 0))
                        draw.rectangle(box(symbol.x0, symbol.top, symbol.x1, symbol.bottom), outline=colour, width=3)
                for wire in table.wires:
                    if wire.page != number:
                        continue
                    for segment in wire.segments:
                        draw.line(box(segment.x0, segment.y0, segment.x1, segment.y1), fill=(230, 0, 0), width=2)
                    for target in wire.targets:
                        cx, cy = target.cx * scale, target.cy * scale
                        draw.ellipse([cx - 4, cy - 4, cx + 4, cy + 4], fill=(230, 0, 0))
                    if wire.label:
                        x, y = wire.segments[0].x0, wire.segments[0].y0
                        draw.text((x * scale + 3, y * scale + 2), wire.label[:30], fill=(230, 0, 0))
            target = folder / f"{pdf.stem}-h{number + 1}.png"
            picture.save(target)
            written.append(target)
    return written


def _read_marks(draw, page, box) -> None:
    """What the scan reader found: its ruled lines and the words it read."""
    for segment in page.segments:
        draw.line(box(segment.x0, segment.y0, segment.x1, segment.y1), fill=(150, 0, 0), width=1)
    for word in page.words:
        sure = getattr(word, "confidence", 100.0) >= 60
        draw.rectangle(box(word.x0, word.top, word.x1, word.bottom), outline=(0, 70, 230) if sure else (240, 140, 0))


def _blend(base, overlay):
    from PIL import Image

    return Image.blend(base, overlay, 0.35)
