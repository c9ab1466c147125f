"""Building blocks of an edition's declarative description.

An edition is a tree of plain frozen dataclasses: parts, tables, blocks, header
trees and relations. Every label of the official format is typed exactly once,
in the modules that build these trees; everything else (loader, checks,
renderer, scaffold, importer, data export) walks them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Self


class Kind(enum.Enum):
    """What a cell may hold."""

    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # any integer (2019 本年增/减)
    AMOUNT = "amount"  # non-negative decimal, 万元


class _Tree:
    """Walking a header tree; Col and Row share it."""

    children: tuple[Self, ...]

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self, prefix: tuple[Self, ...] = ()) -> Iterator[tuple[tuple[Self, ...], Self]]:
        """Yield (ancestors, leaf) pairs in document order."""
        if self.is_leaf:
            yield prefix, self
        for child in self.children:
            yield from child.leaves(prefix + (self,))

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class Col(_Tree):
    """A node of a column header tree; a leaf is a data column."""

    key: str
    label: str
    children: tuple[Col, ...] = ()
    kind: Kind = Kind.COUNT
    total: bool = False


@dataclass(frozen=True)
class Row(_Tree):
    """A node of a row header tree; a leaf is a data row."""

    key: str
    label: str
    children: tuple[Row, ...] = ()
    total: bool = False


@dataclass(frozen=True)
class Cell:
    """One official cell: its stable field id, labels and where it sits in the YAML file."""

    id: str  # stable field id, e.g. "t3.new.natural"
    table: str  # "t2" | "t3" | "t4"
    row_labels: tuple[str, ...]  # row header path, outermost first (may be empty)
    col_labels: tuple[str, ...]  # column header path, outermost first
    yaml_path: tuple[str, ...]  # keys from the file's root to the value
    kind: Kind
    total: bool  # a total: computed when nobody typed it, checked when someone did
    block: str | None = None  # table 2 block heading, e.g. 第二十条第（一）项

    @property
    def label(self) -> str:
        """The full official label, e.g. 「一、本年新收政府信息公开申请数量」×「自然人」."""
        row = " ".join(self.row_labels)
        col = " ".join(self.col_labels)
        parts = [p for p in (self.block, row, col) if p]
        return "「" + "」×「".join(parts) + "」"


@dataclass(frozen=True)
class Block:
    """A rectangular piece of a table: a row tree against a column tree."""

    key: str
    rows: tuple[Row, ...]
    cols: tuple[Col, ...]
    heading: str | None = None  # a spanning heading row (table 2: 第二十条第（N）项)
    stub: str | None = None  # the label over the row headers (table 2: 信息内容)
    corner_note: str | None = None  # table 3's 勾稽 note in the corner
    col_group: str | None = None  # a label spanning all column headers (table 3: 申请人情况)


@dataclass(frozen=True)
class Relation:
    """sum(lhs) == sum(rhs): an official cross-check (R1-R4)."""

    check: str  # "R1".."R4"
    table: str
    scope: str  # the row or column the relation runs along, for messages
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    defines_total: bool  # lhs is one total cell computable from rhs


@dataclass(frozen=True)
class Table:
    key: str  # "t2" | "t3" | "t4"
    number: str  # 表二 …
    title: str
    part: int
    blocks: tuple[Block, ...]
    cells: tuple[Cell, ...] = field(default=())
    relations: tuple[Relation, ...] = field(default=())

    def cell(self, cell_id: str) -> Cell:
        for c in self.cells:
            if c.id == cell_id:
                return c
        raise KeyError(cell_id)


@dataclass(frozen=True)
class Part:
    number: int
    heading: str  # 一、总体情况
    filename: str  # 1-overview.md
    table: str | None  # "t2" for part 2 …
    hint: str  # one-line guidance shown in the scaffold


@dataclass(frozen=True)
class Edition:
    key: str  # "2021" | "2019"
    name: str  # the document that defines it
    parts: tuple[Part, ...]
    tables: tuple[Table, ...]
    markers: tuple[str, ...]  # labels that only this edition prints (import detection)

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    @property
    def cells(self) -> dict[str, Cell]:
        return {c.id: c for t in self.tables for c in t.cells}
