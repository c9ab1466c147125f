"""An Excel (.xlsx) workbook laid out like the official tables, read with openpyxl.

Every worksheet becomes paragraphs (its title rows) and a grid of cell texts; the tables are
then found by their labels like those of any other source (gkgen.importer.tables), so the
position of a table on its sheet, extra title rows and the sheet's name do not matter.
Merged cells count once per row and are repeated down the rows they span; numbers stored as
numbers or as text read the same; an empty cell stays blank, never 0. A formula is read only
from the result the file saved with it: when there is none, the cell is left unread and the
log says so (gkgen never computes a cell the source does not show). A flat sheet (one row
per cell: field id or official label, value; gkgen's own "数据" sheet) is read as well
(gkgen.importer.sources.xlsxflat); where it and a table sheet both give a row, they must agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from gkgen.importer.doc import Block, Document, Grid, Para
from gkgen.importer.sources.xlsxflat import flat_blocks, flat_header
from gkgen.importer.sources.xlsxtables import assemble, split_grid
from gkgen.importer.sources.xlsxzip import check_package

MISSING = "读取 Excel 文件需要 openpyxl，当前环境中没有安装。请运行 pip install openpyxl 后重试。"
BLOCK_HEADING = "第二十条"  # table 2's block headings are one-cell rows that belong to the table
SITE_HEAD = "机关目录"  # first cell of gkgen's site workbook (gkgen.render.office.xlsx)
MAX_ROWS, MAX_COLS = 2000, 120  # an official table, even with notes, is far smaller
FORMULA_MARK = "公式"  # stands where a formula's saved result is missing (read as not a number)

Cell = tuple[str, int]  # (text, columns it spans)


def read_xlsx(path: Path) -> Document:
    """The worksheets of a workbook as paragraphs and grids, in sheet order."""
    from gkgen.importer.sources import SourceError

    check_package(path, SourceError)
    try:
        import openpyxl
    except ImportError:
        raise SourceError(MISSING) from None
    try:
        shown = openpyxl.load_workbook(path, data_only=True)
        typed = openpyxl.load_workbook(path, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise SourceError(f"无法打开 Excel 文件 {path.name}：文件已损坏，或不是 .xlsx 格式"
                          "（旧的 .xls 请先在 Excel 或 WPS 中另存为 .xlsx；加密的工作簿请先取消密码）。") from None
    paras: list[Para] = []
    tagged: list[tuple[str | None, Grid]] = []
    where: dict[int, str] = {}
    notes: list[str] = []
    for ws in shown.worksheets:
        if ws.cell(1, 1).value == SITE_HEAD:
            raise SourceError(f"{path.name} 是 gkgen 的站点汇总工作簿（每行一份报告），不是一份报告的统计表。"
                              "请导入各报告目录中的 tables.xlsx。")
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLS:
            notes.append(f"工作表「{ws.title}」有 {ws.max_row} 行、{ws.max_column} 列，超过统计表的大小"
                         f"（上限 {MAX_ROWS} 行、{MAX_COLS} 列），未导入。")
            continue
        rows = _rows(ws, typed[ws.title], notes)
        texts = [[t for t, _ in row] for row in rows]
        head = flat_header(texts)
        if head is not None:
            paras.extend(Para(" ".join(t for t in row if t)) for row in texts[:head])
            found = flat_blocks(ws.title, texts, notes)
        else:
            found = _tagged(_blocks(rows), paras)
        for table, grid in found:
            where[len(tagged)] = ws.title
            tagged.append((table, grid))
    blocks = assemble(paras, tagged, notes, where)
    title = shown.properties.title or None
    return Document(blocks, title=title, source_kind="Excel（.xlsx）", notes=notes, tables_only=True)


def refuse_xls(path: Path) -> Document:
    """An old binary Excel file: refused with the way out."""
    from gkgen.importer.sources import SourceError

    raise SourceError(f"不支持旧版 Excel（.xls）文件 {path.name}，请先用 Excel 或 WPS 另存为 .xlsx 后再导入。")


def _merges(ws: Any) -> dict[tuple[int, int], tuple[int, int, int]]:
    """(row, col) -> (top row, left col, width) of the merged range covering it."""
    spans: dict[tuple[int, int], tuple[int, int, int]] = {}
    for rng in ws.merged_cells.ranges:
        if (rng.max_row - rng.min_row + 1) * (rng.max_col - rng.min_col + 1) > MAX_ROWS * 4:
            continue  # a giant merge is decoration; its text still shows in its first cell
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                spans[(r, c)] = (rng.min_row, rng.min_col, rng.max_col - rng.min_col + 1)
    return spans


def _rows(ws: Any, formulas: Any, notes: list[str]) -> list[list[Cell]]:
    """The sheet's non-empty rows; a merged cell once per row, repeated down its rows."""
    spans = _merges(ws)
    first, width = _used_columns(ws, spans)
    out: list[list[Cell]] = []
    for r in range(1, ws.max_row + 1):
        row: list[Cell] = []
        c = first
        while c <= width:
            top, left, span = spans.get((r, c), (r, c, 1))
            if c != left:  # inside a merge that started in an earlier column of this row
                c += 1
                continue
            row.append((_text(ws, formulas, top, left, notes if top == r else []), span))
            c += span
        if any(t for t, _ in row):
            out.append(row)
    return out


def _used_columns(ws: Any, spans: dict[tuple[int, int], tuple[int, int, int]]) -> tuple[int, int]:
    """The first and last column holding anything (empty margins are not part of a table)."""
    first, last = ws.max_column + 1, 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and str(cell.value).strip():
                first, last = min(first, cell.column), max(last, cell.column)
    for (r, c), (top, left, width) in spans.items():
        if (r, c) == (top, left) and ws.cell(top, left).value is not None:
            last = max(last, left + width - 1)
    return min(first, last or 1), last


def _text(ws: Any, formulas: Any, r: int, c: int, notes: list[str]) -> str:
    value = ws.cell(r, c).value
    if value is None:
        source = formulas.cell(r, c).value
        if isinstance(source, str) and source.startswith("="):
            notes.append(f"工作表「{ws.title}」单元格 {ws.cell(r, c).coordinate} 是公式（{source[:60]}），"
                         "文件中没有保存它的计算结果；gkgen 不计算公式，此格未导入。"
                         "请在 Excel 或 WPS 中打开、保存后重新导入，或对照原表填写。")
            return FORMULA_MARK
        return ""
    return shown_value(value)


def shown_value(value: object) -> str:
    """A cell value as text: numbers as Excel shows them (15 significant digits, no exponent)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(format(value, ".15g")).normalize(), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).replace("\xa0", " ").split())


def _blocks(rows: list[list[Cell]]) -> list[Block]:
    """Title rows as paragraphs, the rest as grids (a title between two tables splits them)."""
    out: list[Block] = []
    grid: list[list[str]] = []
    width = max((sum(s for _, s in row) for row in rows), default=0)
    for row in rows:
        filled = [(t, s) for t, s in row if t]
        if len(filled) == 1 and _is_title(filled[0], width, not grid):
            if grid:
                out.append(Grid(grid))
                grid = []
            out.append(Para(filled[0][0]))
            continue
        grid.append([t for t, _ in row])
    if grid:
        out.append(Grid(grid))
    return out


def _tagged(blocks: list[Block], paras: list[Para]) -> list[tuple[str | None, Grid]]:
    """A sheet's grids cut by table; its title paragraphs go to paras."""
    out: list[tuple[str | None, Grid]] = []
    current: str | None = None
    for block in blocks:
        if isinstance(block, Para):
            paras.append(block)
        elif isinstance(block, Grid):
            for table, grid in split_grid(block, current):
                out.append((table, grid))
                current = table
    return out


def _is_title(cell: Cell, width: int, leading: bool) -> bool:
    text, span = cell
    if text.startswith(BLOCK_HEADING):
        return False
    return leading or span * 2 >= width
