"""Counting, for many sets at once, how many of some sets each belongs to: one bit per set, a counter per bit.

A set is a bit in an int (a mask); ``planes[k]`` holds bit ``k`` of every
counter, so adding a mask to all counters at once costs a few big-int
operations, however many sets there are. Near-duplicate SOPs (SOPAP-C03)
and ``sop diff``'s step matching use it to find, for each text, the texts
that share enough words with it without comparing every pair. Pure functions.
"""

from __future__ import annotations


def add_to_counters(planes: list[int], mask: int) -> None:
    """Add 1 to the counter of each bit in ``mask``; ``planes[k]`` holds bit ``k`` of all."""
    carry = mask
    for k, plane in enumerate(planes):
        planes[k], carry = plane ^ carry, plane & carry
        if not carry:
            return
    planes.append(carry)


def counters_at_least(planes: list[int], value: int, among: int) -> int:
    """The bits of ``among`` whose counter is at least ``value``, compared from the highest bit down."""
    if value <= 0 or value.bit_length() > len(planes):
        return among if value <= 0 else 0
    greater, equal = 0, among
    for k in range(len(planes) - 1, -1, -1):
        if value >> k & 1:
            equal &= planes[k]
        else:
            greater |= equal & planes[k]
            equal &= ~planes[k]
    return greater | equal
