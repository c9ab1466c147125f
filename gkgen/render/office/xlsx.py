"""tables.xlsx: the official tables as Excel sheets, for one report and for the whole site.

A report's workbook has one sheet per official table laid out like the printed table (the
same rows and merged header cells as the HTML and Word tables, gkgen.render.tables.Layout),
figures as numbers and every total that the format defines (R2-R4) as a formula that Excel
recalculates, plus a flat sheet with one row per cell. The site's workbook has one sheet per
edition with a row per report and a column per field.
"""

from __future__ import annotations

from typing import Any

from gkgen.format import Edition, Table
from gkgen.model import Report
from gkgen.render.office.grid import Placed, place
from gkgen.render.office.sheet import HEAD, LABEL, NOTE, NUM, PLAIN, TITLE, Sheet, ref, workbook
from gkgen.render.tables import Layout

FLAT = "数据"
FLAT_COLUMNS = ("字段编号", "表", "项目", "行", "列", "官方标签", "数值", "计算所得")
TOP = 2  # rows above a table: the report title and the table's caption


def _formulas(table: Table) -> dict[str, tuple[str, ...]]:
    """Each total cell and the cells it is the sum of (the first relation defining it)."""
    out: dict[str, tuple[str, ...]] = {}
    for rel in table.relations:
        if rel.defines_total and rel.lhs[0] not in out:
            out[rel.lhs[0]] = rel.rhs
    return out


def _sum(refs: list[str]) -> str:
    return "SUM(" + ",".join(refs) + ")"


def _header_style(p: Placed) -> int:
    if "corner" in p.cell.attrs.get("class", ""):
        return NOTE
    return LABEL if p.cell.attrs.get("scope") == "row" else HEAD


def table_sheet(table: Table, layout: Layout, report: Report) -> Sheet:
    """One official table on a sheet, as printed; totals as formulas."""
    sheet = Sheet(table.number)
    rows = [*layout.head, *(row for group in layout.groups for row in group)]
    placed, width = place(rows)
    sheet.text(0, 0, report.full_title, TITLE)
    sheet.merge(0, 0, 1, width, TITLE)
    sheet.text(1, 0, layout.caption, TITLE)
    sheet.merge(1, 0, 1, width, TITLE)
    where: dict[str, str] = {}
    cells = [p for row in placed for p in row]
    for p in cells:
        if p.field:
            where[p.field] = ref(TOP + p.row, p.col)
    sums = _formulas(table)
    for p in cells:
        r = TOP + p.row
        if p.field is None:
            style = _header_style(p)
            sheet.text(r, p.col, p.cell.text, style)
            sheet.merge(r, p.col, p.rows, p.cols, style)
            continue
        value = report.number(p.field)
        parts = sums.get(p.field)
        if parts and all(f in where for f in parts):
            sheet.formula(r, p.col, _sum([where[f] for f in parts]), value)
        else:
            sheet.number(r, p.col, value)
        sheet.merge(r, p.col, p.rows, p.cols, NUM)
    first_data = min((p.col for p in cells if p.field), default=0)
    label = {1: [28.0], 2: [14.0, 24.0], 3: [12.0, 16.0, 40.0]}.get(first_data, [14.0] * first_data)
    for c in range(width):
        sheet.widths[c] = label[c] if c < first_data else (16.0 if first_data == 1 else 10.0)
    sheet.freeze = ref(TOP + len(layout.head), 0) if layout.head else None
    return sheet


def flat_sheet(report: Report) -> Sheet:
    """One row per official cell: field id, labels, value, whether gkgen computed it."""
    sheet = Sheet(FLAT, freeze="A2")
    for c, name in enumerate(FLAT_COLUMNS):
        sheet.text(0, c, name, HEAD)
    for r, (cid, cell) in enumerate(report.edition.cells.items(), 1):
        v = report.values.get(cid)
        row = (cid, cell.table, cell.block or "", " ".join(cell.row_labels),
               " ".join(cell.col_labels), cell.label)
        for c, value in enumerate(row):
            sheet.text(r, c, value, PLAIN)
        sheet.number(r, 6, v.value if v else None, PLAIN)
        sheet.text(r, 7, "" if v is None else ("否" if v.typed else "是"), PLAIN)
    for c, w in enumerate((30, 6, 18, 40, 24, 60, 10, 10)):
        sheet.widths[c] = w
    return sheet


def report_xlsx(report: Report, layouts: dict[str, Layout]) -> bytes:
    """The bytes of a report's tables.xlsx (reproducible)."""
    sheets = [table_sheet(t, layouts[t.key], report) for t in report.edition.tables]
    sheets.append(flat_sheet(report))
    note = f"{report.full_title}的统计表（{report.edition.name}格式），由 gkgen 生成。"
    return workbook(sheets, report.full_title, report.body.name, note, report.published)


def _edition_sheet(edition: Edition, records: list[dict[str, Any]]) -> Sheet:
    sheet = Sheet(f"{edition.key}版（{edition.name}）", freeze="A4")
    fixed = ("机关目录", "机关名称", "年度")
    for c, name in enumerate(fixed):
        sheet.text(0, c, name, HEAD)
        sheet.merge(0, c, 3, 1, HEAD)
        sheet.widths[c] = (14, 30, 8)[c]
    col = len(fixed)
    for table in edition.tables:
        sheet.text(0, col, f"{table.number}　{table.title}", HEAD)
        sheet.merge(0, col, 1, len(table.cells), HEAD)
        for cell in table.cells:
            sheet.text(1, col, cell.label.strip("「」").replace("」×「", " "), HEAD)
            sheet.text(2, col, cell.id, HEAD)
            sheet.widths[col] = 14
            col += 1
    for r, record in enumerate(records, 3):
        sheet.text(r, 0, record["body"], PLAIN)
        sheet.text(r, 1, record["body_name"], PLAIN)
        sheet.number(r, 2, record["year"], PLAIN)
        cells = record["cells"]
        for c, cid in enumerate(edition.cells, len(fixed)):
            sheet.number(r, c, cells.get(cid), PLAIN)
    return sheet


def site_xlsx(title: str, editions: list[Edition], records: list[dict[str, Any]]) -> bytes:
    """data/tables.xlsx: every report's cells, a sheet per edition in use (newest first)."""
    used = sorted({e.key: e for e in editions}.items(), reverse=True)
    sheets = [_edition_sheet(e, [r for r in records if r["edition"] == key]) for key, e in used]
    if not sheets:
        sheets = [Sheet("报告")]
    return workbook(sheets, title, title, f"{title}：全部报告的统计表数据，由 gkgen 生成。", None)
