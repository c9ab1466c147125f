"""Open data a user opens: one row per report, the official labels as column headers.

``data/reports-wide.csv`` and ``data/reports.xlsx`` hold the same rows, in the index's order: the
body (folder, name, level, parent, region), year, edition, publication date, status (and days
late), then every official cell under its official label (both editions' cells: a cell of the
other edition is blank). Blank stays blank, never 0. Text cells pass through
gkgen.render.cellsafe (no formula injection); the workbook is written by the project's own
SpreadsheetML writer (gkgen.render.office.sheet), like data/tables.xlsx.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gkgen.findings import Number
from gkgen.format import EDITIONS
from gkgen.format import edition as get_edition
from gkgen.model import LEVELS
from gkgen.region.entry import Entry
from gkgen.region.status import LATE
from gkgen.region.view import RegionView
from gkgen.render.cellsafe import csv_text, text_cell
from gkgen.render.office.package import text
from gkgen.render.office.sheet import HEAD, PLAIN, Sheet, column, workbook

META_COLUMNS = ("机关目录", "机关名称", "机关层级", "上级机关", "所在地区", "年度", "格式版本",
                "发布日期", "发布状态", "逾期天数", "修改记录条数")
META_TYPES = {"年度": "integer", "发布日期": "date", "逾期天数": "integer", "修改记录条数": "integer"}
META_DOCS = {
    "机关目录": "机关在 content/ 下的目录名", "机关层级": "body.yaml 的 level（中文）",
    "上级机关": "body.yaml 的 parent", "格式版本": "2021（国办公开办函〔2021〕30号）或 2019（〔2019〕60号）",
    "发布状态": "按时发布、逾期N天、未到期限等（按生成当天计算）", "逾期天数": "逾期发布时晚于期限的天数，其余留空",
}
WIDE_SHEET = "报告"


def field_columns() -> list[tuple[str, str, str]]:
    """(field id, column header, kind) of every cell of every edition, newest edition first.

    The header is the official label; a label two fields share gets its field id appended.
    """
    out: dict[str, tuple[str, str]] = {}
    for key in sorted(EDITIONS, reverse=True):
        for cid, cell in get_edition(key).cells.items():
            out.setdefault(cid, (cell.label, cell.kind.value))
    labels = [lab for lab, _ in out.values()]
    return [(cid, lab if labels.count(lab) == 1 else f"{lab}（{cid}）", kind)
            for cid, (lab, kind) in out.items()]


def header() -> list[str]:
    return [*META_COLUMNS, *(h for _, h, _ in field_columns())]


def plain(v: Number | None) -> int | float | None:
    """A cell as a CSV/Excel number (an amount in 万元 keeps its decimals)."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def published_entries(view: RegionView, keys: set[str]) -> list[Entry]:
    """The entries of the given reports (those the site publishes): bodies in the index's order,
    each body's years oldest first (one pass over the entries, not one per body)."""
    years = _years(view)
    out = []
    for node in view.tree.ordered():
        for year in sorted(years.get(node.slug, ())):
            e = view.entries[(node.slug, year)]
            if e.report and e.key in keys:
                out.append(e)
    return out


def _years(view: RegionView) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for slug, year in view.entries:
        out.setdefault(slug, []).append(year)
    return out


def row(view: RegionView, e: Entry, cols: Sequence[tuple[str, str, str]],
        regions: dict[str, str]) -> list[Any]:
    parent = view.tree.parent_of(e.body)
    st = e.status
    return [e.body, e.name, LEVELS.get(e.level, e.level), parent.name if parent else "",
            regions.get(e.body, ""), e.year, e.edition,
            e.published.isoformat() if e.published else None, st.short,
            st.days if st.kind == LATE else None, len(e.changes),
            *(plain(e.cells.get(cid)) for cid, _, _ in cols)]


def wide_rows(view: RegionView, keys: set[str], regions: dict[str, str]) -> list[list[Any]]:
    """The rows of the wide table (without the header)."""
    cols = field_columns()
    return [row(view, e, cols, regions) for e in published_entries(view, keys)]


def wide_csv(rows: list[list[Any]]) -> bytes:
    """data/reports-wide.csv (UTF-8 with BOM, so Excel reads it)."""
    return csv_text([header(), *rows]).encode("utf-8-sig")


def _number(v: int | float | Decimal) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return repr(v) if isinstance(v, float) else str(v)


def sheet_of(name: str, head: Sequence[str], rows: Sequence[Sequence[Any]],
             widths: Sequence[float] = ()) -> tuple[str, str]:
    """(name, worksheet XML) of a plain table: a header row, then rows of numbers and texts.

    The header comes from gkgen.render.office.sheet.Sheet; the rows are written here in one
    pass (a workbook of 1,000 reports × 400 columns: per-cell objects would cost seconds).
    Texts are made safe (gkgen.render.cellsafe); blank cells are present and empty.
    """
    sheet = Sheet(name, freeze="A2")
    for c, h in enumerate(head):
        sheet.text(0, c, h, HEAD)
        sheet.widths[c] = widths[c] if c < len(widths) else 14
    letters = [column(c) for c in range(max([len(head), *(len(r) for r in rows)]))]
    out: list[str] = []
    for r, values in enumerate(rows, 2):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(values):
            where = f'<c r="{letters[c]}{r}" s="{PLAIN}"'
            if type(v) is int:  # most cells: no other test needed
                out.append(f"{where}><v>{v}</v></c>")
            elif v is None or v == "":
                out.append(where + "/>")
            elif isinstance(v, int | float | Decimal) and not isinstance(v, bool):
                out.append(f"{where}><v>{_number(v)}</v></c>")
            else:
                out.append(f'{where} t="inlineStr"><is><t xml:space="preserve">'
                           f"{text(text_cell(str(v)))}</t></is></c>")
        out.append("</row>")
    xml = sheet.xml()
    end = xml.index("</sheetData>")
    return name, xml[:end] + "".join(out) + xml[end:]


def wide_xlsx(title: str, rows: list[list[Any]]) -> bytes:
    """data/reports.xlsx: the wide table, and a sheet naming each column's field id."""
    main = sheet_of(WIDE_SHEET, header(), rows, (14, 30, 20, 30, 14, 8, 8, 12, 12, 8, 8))
    fields = sheet_of("字段", ["列名", "字段编号", "类型"],
                      [[h, cid, kind] for cid, h, kind in field_columns()], (90, 36, 10))
    return workbook([main, fields], title, title,
                    f"{title}：每份报告一行，列名为官方标签，由 gkgen 生成。", None)
