"""Rules withdrawn, by id, with the reason: their ids are never reused, and a configuration naming one is told why.

Plain data, imported by the rule registry and by the configuration reader alike.
"""

from __future__ import annotations

from types import MappingProxyType

RETIRED = MappingProxyType({
    "SOPAP-W02": "satuan waktu yang bercampur (menit, jam, hari) adalah hal biasa pada SOP nyata dan bukan temuan",
})
