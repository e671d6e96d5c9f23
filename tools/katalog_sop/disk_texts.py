"""Texts kept on disk during a build instead of in memory: drawn sheets, and generated pages' HTML.

MkDocs reads and converts every page before it writes the first one, and
keeps every page's HTML until the end; at 20,000 SOPs that alone is over a
gigabyte. The plugin keeps the bulk on disk instead:

- each SOP's drawn sheet (about 35 KB of SVG) from the moment it is drawn
  until its page's final HTML is written (``on_post_page``);
- each generated page's converted HTML from ``on_page_content`` until the
  theme renders the page (``on_page_context``).

The folder is made inside the plugin's scratch folder beside the site
(:func:`katalog_sop.publish.scratch_dir`), removed when the build ends, fails
or is interrupted, and by the next build when one was killed. I/O only; what
the texts say is the pages stage's business.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class DiskTexts:
    """Texts by key, each in a file of a temporary folder; ``take`` reads one back and forgets it."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(mode=0o700)
        self.folder: Path | None = folder
        self.names: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.names

    def put(self, key: str, text: str) -> None:
        name = self.names.get(key) or f"{len(self.names)}.txt"  # numbered: a key may hold any character
        (self.folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        self.names[key] = name

    def get(self, key: str) -> str:
        name = self.names.get(key)
        if name is None or self.folder is None:
            return ""
        return (self.folder / name).read_text(encoding="utf-8", errors="surrogatepass")

    def take(self, key: str) -> str:
        text = self.get(key)
        name = self.names.pop(key, None)
        if name is not None and self.folder is not None:
            (self.folder / name).unlink(missing_ok=True)
        return text

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
