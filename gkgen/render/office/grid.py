"""An official table's rows of cells (gkgen.render.tables.Layout) placed on a grid.

HTML lays out colspan/rowspan itself; Word and Excel need each cell's row and column.
This is the HTML table algorithm: each cell takes the first column its row leaves free.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkgen.render.tables import HCell


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
