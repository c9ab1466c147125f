"""A flat sheet: one row per official cell (a field id, or the official labels, and a value).

gkgen's own workbooks carry one ("数据": 字段编号, 表, 官方标签, 数值, 计算所得) and some
supervising offices collect figures that way. Each row is matched to its official cell by
field id, by the full official label, or by a row label and a column label, never by its
position; the figures are then laid out as rows of the official table (official labels
first, values in column order) and placed like any other grid, with the same log.
"""

from __future__ import annotations

from functools import cache

from gkgen.format import EDITIONS, Cell, Edition
from gkgen.format import edition as get_edition
from gkgen.importer.doc import Grid
from gkgen.importer.normalize import key

VALUE_HEADS = ("数值", "数量", "数据", "值", "数字", "填报数", "填报数值")
ID_HEADS = ("字段编号", "字段", "编号")
LABEL_HEADS = ("官方标签", "标签", "指标", "指标名称", "项目", "单元格")
ROW_HEADS = ("行", "行标签", "行标题", "行名称")
COL_HEADS = ("列", "列标签", "列标题", "列名称")
CONFLICT = "不一致"  # stands where the sheet gives one cell two different values (not a number)


def _find(row: list[str], heads: tuple[str, ...]) -> int | None:
    keys = {key(h) for h in heads}
    return next((i for i, t in enumerate(row) if key(t) in keys), None)


def _columns(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """(header row index, {"value"|"id"|"label"|"row"|"col": column}) of a flat sheet."""
    for r, row in enumerate(rows[:5]):
        value = _find(row, VALUE_HEADS)
        if value is None:
            continue
        found = {"value": value}
        for name, heads in (("id", ID_HEADS), ("label", LABEL_HEADS), ("row", ROW_HEADS),
                            ("col", COL_HEADS)):
            i = _find(row, heads)
            if i is not None:
                found[name] = i
        if "id" in found or "label" in found or ("row" in found and "col" in found):
            return r, found
    return None


def flat_header(rows: list[list[str]]) -> int | None:
    """The index of a flat sheet's header row (the rows above are its titles), else None."""
    found = _columns(rows)
    return found[0] if found else None


@cache
def _lookup() -> dict[str, tuple[Cell, ...]]:
    """Every way a flat sheet names a cell, normalised, to the cells it may mean."""
    out: dict[str, list[Cell]] = {}
    for ed in EDITIONS:
        for cell in get_edition(ed).cells.values():
            parts = [p for p in (cell.block, " ".join(cell.row_labels), " ".join(cell.col_labels)) if p]
            names = {cell.id, cell.label, "".join(parts), "×".join(parts),
                     "|".join(("row", " ".join(cell.row_labels), " ".join(cell.col_labels))),
                     "|".join(("row", cell.row_labels[-1] if cell.row_labels else "",
                               " ".join(cell.col_labels)))}
            for name in names:
                bucket = out.setdefault(key(name), [])
                if cell not in bucket:
                    bucket.append(cell)
    return {k: tuple(v) for k, v in out.items()}


def _cell(row: list[str], cols: dict[str, int]) -> tuple[Cell, ...]:
    def at(name: str) -> str:
        i = cols.get(name)
        return row[i] if i is not None and i < len(row) else ""

    table = _lookup()
    for name in ("id", "label"):
        if at(name) and key(at(name)) in table:
            return table[key(at(name))]
    if at("row") or at("col"):
        return table.get(key("|".join(("row", at("row"), at("col")))), ())
    return ()


def _edition(found: dict[str, list[tuple[Cell, str]]]) -> Edition:
    """The edition with most of the table 2 cells named (table 3 and 4 are shared)."""
    def votes(ed: str) -> int:
        cells = get_edition(ed).cells
        return sum(cells.get(c.id) == c for pairs in found.values() for c, _ in pairs
                   if c.table == "t2")

    return get_edition(max(EDITIONS, key=votes))


def flat_blocks(sheet: str, rows: list[list[str]], notes: list[str]) -> list[tuple[str | None, Grid]]:
    """The flat sheet's figures as rows of the official tables, one grid per table."""
    cols = _columns(rows)
    assert cols is not None
    start, where = cols
    found: dict[str, list[tuple[Cell, str]]] = {}
    for n, row in enumerate(rows[start + 1:], start + 2):
        cells = _cell(row, where)
        value = row[where["value"]] if where["value"] < len(row) else ""
        if not cells:
            if any(row):
                notes.append(f"工作表「{sheet}」第 {n} 行（{'、'.join(t for t in row if t)[:60]}）"
                             "不是官方表格中的单元格，未导入。")
            continue
        for cell in cells:
            found.setdefault(cell.id, []).append((cell, value))
    ed = _edition(found)
    values: dict[str, str] = {}
    for cid, pairs in found.items():
        texts = {v for c, v in pairs if ed.cells.get(cid) == c}
        if len(texts) > 1:
            notes.append(f"工作表「{sheet}」中 {ed.cells[cid].label} 出现多次且数值不同"
                         f"（{'、'.join(sorted(texts))}），未导入。")
            values[cid] = CONFLICT
        elif texts:
            values[cid] = texts.pop()
    if not values:
        return []
    notes.append(f"工作表「{sheet}」是逐格数据表，按字段编号或官方标签读取了 {len(values)} 格。")
    return [(t.key, _grid(ed, t.key, values)) for t in ed.tables
            if any(c.id in values for c in t.cells)]


def _grid(ed: Edition, table: str, values: dict[str, str]) -> Grid:
    """Rows of an official table: its column labels, then each row's labels and values."""
    t = ed.table(table)
    heads: list[str] = []
    for cell in t.cells:
        for label in cell.col_labels:
            if label not in heads:
                heads.append(label)
    rows: dict[tuple[str | None, tuple[str, ...]], list[str]] = {}
    named: set[tuple[str | None, tuple[str, ...]]] = set()
    for cell in t.cells:
        where = (cell.block, cell.row_labels)
        rows.setdefault(where, [x for x in (cell.block, *cell.row_labels) if x])
        rows[where].append(values.get(cell.id, ""))
        if cell.id in values:
            named.add(where)
    # a row the sheet does not name at all is left out: "not found", rather than "blank"
    return Grid([heads, *(row for where, row in rows.items() if where in named)])
