"""An official table's rows of cells (gkgen.render.tables.Layout) placed on a grid.

HTML lays out colspan/rowspan itself; Word and Excel need each cell's row and column.
This is the HTML table algorithm: each cell takes the first column its row leaves free.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkgen.format import Table
from gkgen.model import Report
from gkgen.render.tables import HCell, table_layout


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    rows: int  # rows spanned
    cols: int  # columns spanned
    cell: HCell

    @property
    def field(self) -> str | None:
        """The field id of a data cell."""
        return self.cell.attrs.get("data-field")

    @property
    def header(self) -> bool:
        return self.cell.tag == "th" or "corner" in self.cell.attrs.get("class", "")


def place(rows: list[list[HCell]]) -> tuple[list[list[Placed]], int]:
    """Each row's cells with their positions, and the grid's width."""
    taken: set[tuple[int, int]] = set()
    out: list[list[Placed]] = []
    width = 0
    for r, cells in enumerate(rows):
        placed: list[Placed] = []
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            span_r = int(cell.attrs.get("rowspan", "1"))
            span_c = int(cell.attrs.get("colspan", "1"))
            placed.append(Placed(r, c, span_r, span_c, cell))
            taken.update((r + i, c + j) for i in range(span_r) for j in range(span_c))
            c += span_c
            width = max(width, c)
        out.append(placed)
    return out, width


@dataclass(frozen=True)
class Frame:
    """An official table's geometry: the same for every report of an edition."""

    caption: str
    cells: tuple[Placed, ...]  # row by row; a data cell's text is not to be used (see field)
    width: int
    rows: int
    head: int  # header rows (repeated on every page)
    group_ends: frozenset[int]  # the last row of each group of rows kept together

    @property
    def first_data(self) -> int:
        """The first column holding figures (the columns before it hold row labels)."""
        return min((p.col for p in self.cells if p.field), default=0)


_FRAMES: dict[tuple[str, str], Frame] = {}


def frame(table: Table, report: Report) -> Frame:
    """The frame of a table of the report's edition (computed once per process)."""
    key = (report.edition.key, table.key)
    found = _FRAMES.get(key)
    if found is None:
        layout = table_layout(table, report)
        rows = [*layout.head, *(row for group in layout.groups for row in group)]
        placed, width = place(rows)
        ends, n = set(), len(layout.head)
        for group in layout.groups:
            n += len(group)
            ends.add(n - 1)
        found = _FRAMES[key] = Frame(layout.caption, tuple(p for row in placed for p in row),
                                     width, len(rows), len(layout.head), frozenset(ends))
    return found
