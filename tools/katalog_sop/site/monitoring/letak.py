"""Where the monitoring pages live in the site.

- ``monitoring/<unit>/index.md``: a unit's monitoring page, its rounds and
  evaluations, with the blank Tabel 7 of every SOP of the unit to print;
- ``monitoring/<unit>/<record>.md``: one round's Tabel 7, filled in, named as
  its record file (``monitoring/<unit>/2026-06.yaml`` -> ``.../2026-06.md``);
- ``kepatuhan/monitoring/...``: the dashboard's lists in full, in pages; ``kepatuhan/monitoring.csv``: every
  SOP's state as CSV.

Components are :func:`katalog_sop.site.paths.component`'s, so a record named
``index`` or anything odd gets a hashed name and never meets the unit's
``index.md``; SOPs outside any unit folder have the reserved unit folder.
"""

from __future__ import annotations

from katalog_sop.monitoring.model import Putaran
from katalog_sop.site.monitoring.keadaan import record_parts
from katalog_sop.site.paths import NO_UNIT, component, page_path


CSV = "kepatuhan/monitoring.csv"
"""Every SOP's monitoring and evaluation state, for auditors' spreadsheets (:mod:`.ekspor`)."""


def unit(unit_id: str) -> str:
    return f"monitoring/{component(unit_id) if unit_id else NO_UNIT}/index.md"


def putaran(unit_id: str, parts: tuple[str, ...]) -> str:
    """The page of a round; ``parts``: its record file below the unit's folder (:func:`.keadaan.record_parts`)."""
    return page_path("monitoring", unit_id or NO_UNIT, *parts)


def putaran_of(record: Putaran) -> str:
    return putaran(record.unit, record_parts(record.path, record.unit))


def due_list(page: int = 1) -> str:
    return "kepatuhan/monitoring/index.md" if page == 1 else f"kepatuhan/monitoring/halaman-{page}.md"


def problems_list(page: int = 1) -> str:
    return "kepatuhan/monitoring/tindak-lanjut.md" if page == 1 else f"kepatuhan/monitoring/tindak-lanjut-{page}.md"
