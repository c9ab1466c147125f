"""Derive cells and relations from a table's header trees."""

from __future__ import annotations

from collections.abc import Iterator

from gkgen.format.spec import Block, Cell, Col, Relation, Row, Table


def _ids(nodes: tuple[Row, ...] | tuple[Col, ...]) -> list[str]:
    return [n.key for n in nodes if n.key]


_CELLS: dict[int, tuple[Block, tuple[Cell, ...]]] = {}


def cells_of(table: str, block: Block) -> tuple[Cell, ...]:
    """block_cells(table, block) as a tuple, made once per block (editions live as long as
    the process, and every report of an edition lays out the same cells)."""
    key = id(block)
    hit = _CELLS.get(key)
    if hit is None or hit[0] is not block or (hit[1] and hit[1][0].table != table):
        hit = _CELLS[key] = (block, tuple(block_cells(table, block)))
    return hit[1]


def block_cells(table: str, block: Block) -> Iterator[Cell]:
    """Every cell of a block, row by row, in document order."""
    row_leaves: list[tuple[tuple[Row, ...], Row | None]] = []
    for top in block.rows:
        row_leaves.extend(top.leaves())
    if not row_leaves:
        row_leaves = [((), None)]
    col_leaves = [leaf for top in block.cols for leaf in top.leaves()]
    for row_anc, row in row_leaves:
        row_path = row_anc + ((row,) if row else ())
        for col_anc, col in col_leaves:
            col_path = col_anc + (col,)
            yaml_path: list[str] = []
            if block.heading:
                yaml_path.append(block.heading)
            yaml_path += [r.label for r in row_path]
            yaml_path += [c.label for c in col_anc if c.key] + [col.label]
            yield Cell(
                id=".".join([table, *_ids(row_path), *_ids(col_path)]),
                table=table,
                row_labels=tuple(r.label for r in row_path),
                col_labels=tuple(c.label for c in col_path),
                yaml_path=tuple(yaml_path),
                kind=col.kind,
                total=col.total or bool(row and row.total),
                block=block.heading,
            )


def make_table(key: str, number: str, title: str, part: int, blocks: tuple[Block, ...],
               relations: tuple[Relation, ...] = ()) -> Table:
    """A table with its cells derived from its blocks."""
    cells = tuple(c for b in blocks for c in block_cells(key, b))
    ids = [c.id for c in cells]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate cell ids in {key}")
    table = Table(key, number, title, part, blocks, cells, relations)
    for rel in relations:
        for cid in rel.lhs + rel.rhs:
            table.cell(cid)  # fail fast on a typo in a relation
    return table
