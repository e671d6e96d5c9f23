"""Drawn sheets kept on disk during a build, not in memory, until their page is written.

A sheet is most of an SOP page's weight (about 35 KB of SVG). MkDocs reads
and converts every page before it writes the first one, so sheets put into
the pages' HTML then would all sit in memory at once: 700 MB at 20,000 SOPs.
Instead each SOP's sheet HTML is written here as it is drawn, and read back
only when its page's final HTML is written (the plugin's ``on_post_page``).
The folder is a private temporary one, removed when the build ends, fails
or is interrupted. I/O only; what a sheet looks like is :mod:`katalog_sop.site.lembar`'s.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class SheetFiles:
    """Sheet HTML by SOP id, in files of a temporary folder."""

    def __init__(self) -> None:
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix="katalog-sop-lembar-"))
        self.names: dict[str, str] = {}

    def put(self, sop_id: str, html: str) -> None:
        name = f"{len(self.names)}.html"  # numbered: an SOP id may hold any character
        (self.folder / name).write_text(html, encoding="utf-8")
        self.names[sop_id] = name

    def get(self, sop_id: str) -> str:
        name = self.names.get(sop_id)
        if name is None or self.folder is None:
            return ""
        return (self.folder / name).read_text(encoding="utf-8")

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
