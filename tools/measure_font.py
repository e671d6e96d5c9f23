"""Write the advance widths of a TrueType font as the data the sheet's text wrapping uses.

Usage: python tools/measure_font.py FONT.ttf "Font Name" > tools/katalog_sop/diagram/font_widths.json

The sheet must wrap text the same on every machine, so widths are measured
once from the font and kept as data, not read from whatever fonts a machine
has. Reads only the 'head', 'hhea', 'hmtx' and 'cmap' (format 4) tables.
"""

from __future__ import annotations

import json
import struct
import sys

FIRST, LAST = 0x20, 0x24F  # Basic Latin to Latin Extended-B: every letter Indonesian uses, and more


def _tables(font: bytes) -> dict[str, int]:
    count = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _, offset, _ = struct.unpack(">4sIII", font[12 + 16 * index : 28 + 16 * index])
        tables[tag.decode("latin-1")] = offset
    return tables


def _cmap_format4(font: bytes, cmap: int) -> dict[int, int]:
    count = struct.unpack(">H", font[cmap + 2 : cmap + 4])[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack(">HHI", font[cmap + 4 + 8 * index : cmap + 12 + 8 * index])
        sub = cmap + offset
        if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack(">H", font[sub : sub + 2])[0] == 4:
            break
    else:
        raise SystemExit("no Unicode BMP (format 4) cmap in this font")
    segments = struct.unpack(">H", font[sub + 6 : sub + 8])[0] // 2
    ends = struct.unpack(f">{segments}H", font[sub + 14 : sub + 14 + 2 * segments])
    base = sub + 16 + 2 * segments
    starts = struct.unpack(f">{segments}H", font[base : base + 2 * segments])
    deltas = struct.unpack(f">{segments}h", font[base + 2 * segments : base + 4 * segments])
    range_base = base + 4 * segments
    offsets = struct.unpack(f">{segments}H", font[range_base : range_base + 2 * segments])
    glyphs = {}
    for seg in range(segments):
        for code in range(starts[seg], ends[seg] + 1):
            if code == 0xFFFF:
                continue
            if offsets[seg] == 0:
                glyph = (code + deltas[seg]) & 0xFFFF
            else:
                where = range_base + 2 * seg + offsets[seg] + 2 * (code - starts[seg])
                glyph = struct.unpack(">H", font[where : where + 2])[0]
                glyph = (glyph + deltas[seg]) & 0xFFFF if glyph else 0
            glyphs[code] = glyph
    return glyphs


def measure(path: str) -> tuple[int, dict[str, int]]:
    font = open(path, "rb").read()
    tables = _tables(font)
    units = struct.unpack(">H", font[tables["head"] + 18 : tables["head"] + 20])[0]
    metrics = struct.unpack(">H", font[tables["hhea"] + 34 : tables["hhea"] + 36])[0]
    hmtx = tables["hmtx"]
    advances = [struct.unpack(">H", font[hmtx + 4 * i : hmtx + 4 * i + 2])[0] for i in range(metrics)]
    glyphs = _cmap_format4(font, tables["cmap"])
    widths = {}
    for code in range(FIRST, LAST + 1):
        glyph = glyphs.get(code)
        if glyph:
            widths[chr(code)] = advances[min(glyph, metrics - 1)]
    return units, widths


def main() -> None:
    path, name = sys.argv[1], sys.argv[2]
    units, widths = measure(path)
    json.dump({"font": name, "units_per_em": units, "widths": widths}, sys.stdout, ensure_ascii=False, indent=0, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
