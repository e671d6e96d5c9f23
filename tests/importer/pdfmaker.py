"""A small PDF writer for the import tests: pages of text, lines, boxes and figures, drawn in one of
the ways agencies' PDFs draw them (stroked lines, thin filled bars, strokes outlined as thin figures),
so that every case the importer must read is made here and no real document is needed.

Coordinates are points from the page's top left, as the importer uses them.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 792.0, 612.0


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@dataclass
class Canvas:
    style: str = "lines"
    """How lines are drawn: "lines" (stroked), "bars" (thin filled rectangles) or "outlines" (thin filled figures)."""
    ops: list[str] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)

    def _y(self, y: float) -> float:
        return HEIGHT - y

    def text(self, x: float, y: float, text: str, size: float = 7.0) -> None:
        """``text`` with its top at ``y``."""
        self.ops.append(f"BT /F1 {size} Tf {x:.2f} {self._y(y + size * 0.8):.2f} Td ({_escape(text)}) Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.7) -> None:
        if self.style == "lines" or (x0 != x1 and y0 != y1):
            self.ops.append(f"{width} w {x0:.2f} {self._y(y0):.2f} m {x1:.2f} {self._y(y1):.2f} l S")
            return
        h = width / 2
        if y0 == y1:
            a, b = sorted((x0, x1))
            corners = [(a, y0 - h), (b, y0 - h), (b, y0 + h), (a, y0 + h)]
        else:
            a, b = sorted((y0, y1))
            corners = [(x0 - h, a), (x0 + h, a), (x0 + h, b), (x0 - h, b)]
        if self.style == "bars":
            (ax, ay), _, (bx, by), _ = corners
            self.ops.append(f"{ax:.2f} {self._y(by):.2f} {bx - ax:.2f} {by - ay:.2f} re f")
        else:
            self.polygon(corners, fill=True)

    def polyline(self, points: list[tuple[float, float]], width: float = 0.7) -> None:
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            self.line(ax, ay, bx, by, width)

    def polygon(self, points: list[tuple[float, float]], fill: bool = False, width: float = 0.8) -> None:
        path = " ".join(f"{x:.2f} {self._y(y):.2f} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points))
        self.ops.append(f"{width} w {path} h {'f' if fill else 'S'}")

    def box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(f"0.8 w {x0:.2f} {self._y(y1):.2f} {x1 - x0:.2f} {y1 - y0:.2f} re S")

    def diamond(self, cx: float, cy: float, w: float, h: float) -> None:
        self.polygon([(cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2), (cx - w / 2, cy)])

    def capsule(self, cx: float, cy: float, w: float, h: float) -> None:
        r = h / 2
        points = [(cx - w / 2 + r, cy - r), (cx + w / 2 - r, cy - r)]
        for step in range(1, 6):
            angle = -math.pi / 2 + math.pi * step / 6
            points.append((cx + w / 2 - r + r * math.cos(angle), cy + r * math.sin(angle)))
        points += [(cx + w / 2 - r, cy + r), (cx - w / 2 + r, cy + r)]
        for step in range(1, 6):
            angle = math.pi / 2 + math.pi * step / 6
            points.append((cx - w / 2 + r + r * math.cos(angle), cy + r * math.sin(angle)))
        self.polygon(points)

    def connector(self, cx: float, top: float, letter: str) -> None:
        """An off-page connector: a pentagon pointing down, its letter inside."""
        self.polygon([(cx - 9, top), (cx + 9, top), (cx + 9, top + 6), (cx, top + 10), (cx - 9, top + 6)])
        self.text(cx - 2.5, top + 0.5, letter, 5)

    def head(self, x: float, y: float, direction: str) -> None:
        """A filled arrowhead whose tip is at (x, y), pointing "down", "up", "left" or "right"."""
        d = {"down": (0, -1), "up": (0, 1), "left": (1, 0), "right": (-1, 0)}[direction]
        bx, by = x + d[0] * 5, y + d[1] * 5
        px, py = -d[1] * 2.5, d[0] * 2.5
        self.polygon([(x, y), (bx + px, by + py), (bx - px, by - py)], fill=True)

    def image(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.images.append((x0, y0, x1, y1))


def write_pdf(path: Path, pages: list[Canvas]) -> Path:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixel = zlib.compress(bytes([255, 0, 0]))
    image = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
                b"/Filter /FlateDecode /Length " + str(len(pixel)).encode() + b" >>\nstream\n" + pixel + b"\nendstream")
    kids = []
    for canvas in pages:
        ops = list(canvas.ops)
        for x0, y0, x1, y1 in canvas.images:
            ops.append(f"q {x1 - x0:.2f} 0 0 {y1 - y0:.2f} {x0:.2f} {HEIGHT - y1:.2f} cm /Im1 Do Q")
        content = zlib.compress("\n".join(ops).encode("latin-1"))
        stream = add(b"<< /Length " + str(len(content)).encode() + b" /Filter /FlateDecode >>\nstream\n" + content + b"\nendstream")
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {WIDTH:.0f} {HEIGHT:.0f}] "
            f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> >> /Contents {stream} 0 R >>".encode()
        ))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
