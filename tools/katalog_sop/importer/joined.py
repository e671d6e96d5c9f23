"""Import stage helper: things joined pair by pair, gathered into groups.

Ink runs of one ruled line, drawn segments of one arrow: each is found by
joining neighbours two at a time, and a group is everything reached through
such joins (a union-find, its paths halved as they are walked).
"""

from __future__ import annotations


class Joins:
    """Joins among the items ``0 .. count - 1``."""

    def __init__(self, count: int):
        self._parent = list(range(count))

    def _root(self, item: int) -> int:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` (and all joined to either) in one group."""
        self._parent[self._root(a)] = self._root(b)

    def groups(self) -> list[list[int]]:
        """Every group, in the order of its first item, its items in order."""
        found: dict[int, list[int]] = {}
        for item in range(len(self._parent)):
            found.setdefault(self._root(item), []).append(item)
        return list(found.values())
