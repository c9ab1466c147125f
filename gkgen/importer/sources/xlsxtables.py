"""Which official table each row of a workbook belongs to, and the workbook as one page.

A workbook has no part headings: its tables may sit one per sheet, several to a sheet, with
or without captions. Each row is given to the table whose labels it prints most (a row with
no label, like table 4's row of figures, stays with the table above it), and the rows of each
table are then put under that table's official part heading, in the official order, so the
importer finds every table in its own part, whatever the sheet names or positions.
"""

from __future__ import annotations

from gkgen.format import EDITIONS
from gkgen.format.parts import PARTS
from gkgen.importer.cells import is_number
from gkgen.importer.doc import Block, Grid, Para
from gkgen.importer.labels import label_index

TABLES = tuple(p.table for p in PARTS if p.table)


def _votes(row: list[str]) -> dict[str, int]:
    """How many cells of a row are labels of each table (either edition)."""
    out: dict[str, int] = {}
    texts = [t for t in row if t and not is_number(t) and len(t) <= 80]
    for table in TABLES:
        out[table] = max(sum(1 for t in texts if label_index(ed, table).match(t) is not None)
                         for ed in EDITIONS)
    return out


def split_grid(grid: Grid, current: str | None = None) -> list[tuple[str | None, Grid]]:
    """A grid cut into runs of rows of one table each (None: rows before any label)."""
    runs: list[tuple[str | None, list[list[str]]]] = []
    for row in grid.rows:
        votes = _votes(row)
        best = max(votes.values())
        if best and votes.get(current or "", 0) < best:
            current = next(t for t in TABLES if votes[t] == best)
        if not runs or runs[-1][0] != current:
            runs.append((current, []))
        runs[-1][1].append(row)
    return [(table, Grid(rows)) for table, rows in runs]


def assemble(paras: list[Para], tagged: list[tuple[str | None, Grid]], notes: list[str],
             where: dict[int, str]) -> list[Block]:
    """Title paragraphs first, then each table's part heading and its grids, in part order.

    where names the sheet of each tagged grid (by its index), for the log.
    """
    blocks: list[Block] = list(paras)
    for i, (table, grid) in enumerate(tagged):
        if table is None and any(c for row in grid.rows for c in row):
            notes.append(f"工作表「{where.get(i, '')}」中有 {len(grid.rows)} 行不属于三张统计表，未导入。")
    for part in PARTS:
        grids = [g for t, g in tagged if t == part.table and part.table]
        if grids:
            blocks.append(Para(part.heading, level=2))
            blocks.extend(grids)
    return blocks

