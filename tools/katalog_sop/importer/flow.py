"""Import stage, the flow: each symbol's exits from the wires read, in the source format's terms.

A symbol's exits are the wires leaving it (a wire into an off-page
connector goes on from the connector of the same letter). A row's symbols are
put in flow order where a wire runs between two of them; a capsule nothing
leaves is an end, one nothing enters a start. A row with a symbol whose way
out was not read (and that is no end) keeps its flow unknown: no arrow is
written for it rather than a guessed one.
"""

from __future__ import annotations

from katalog_sop.importer.steps import Table
from katalog_sop.importer.symbols import Symbol


def exits_of(tables: list[Table]) -> dict[int, list[tuple[str | None, list[Symbol], bool]]]:
    """id(symbol) -> its exits as (label, targets, plain line), over all tables (connectors followed)."""
    out: dict[int, list[tuple[str | None, list[Symbol], bool]]] = {}
    for table in tables:
        leaving = {}
        for wire in table.wires:
            for source in wire.sources:
                if source.kind == "penghubung":
                    leaving.setdefault(source.text.strip(), []).extend(wire.targets)
        for wire in table.wires:
            targets: list[Symbol] = []
            for target in wire.targets:
                if target.kind == "penghubung":
                    targets += leaving.get(target.text.strip(), [])
                else:
                    targets.append(target)
            targets = [t for t in targets if t.kind != "penghubung"]
            for source in wire.sources:
                if source.kind == "penghubung" or not targets:
                    continue
                mine = [t for t in targets if t is not source]
                if mine:
                    out.setdefault(id(source), []).append((wire.label, mine, wire.plain))
    return out


def entered(exits: dict[int, list]) -> set[int]:
    return {id(t) for found in exits.values() for _, targets, _ in found for t in targets}


def flow_order(row_symbols: list[tuple[int, Symbol]], exits: dict[int, list]) -> list[tuple[int, Symbol]]:
    """The row's symbols in flow order: one a wire of the row leads to comes after the one it leaves."""
    symbols = list(row_symbols)
    inside = {id(s) for _, s in symbols}
    after: dict[int, set[int]] = {id(s): set() for _, s in symbols}
    for _, s in symbols:
        for _, targets, _ in exits.get(id(s), []):
            for t in targets:
                if id(t) in inside and id(t) != id(s):
                    after[id(t)].add(id(s))
    outside = {id(t) for source, found in exits.items() if source not in inside for _, targets, _ in found for t in targets}
    ordered: list[tuple[int, Symbol]] = []
    while symbols:
        ready = [item for item in symbols if not (after[id(item[1])] - {id(s) for _, s in ordered})] or symbols
        # a loop inside the row (a decision sending back to the box before it): the row starts where
        # an arrow from another row comes in
        item = next((i for i in ready if id(i[1]) in outside), ready[0])
        ordered.append(item)
        symbols.remove(item)
    return ordered
