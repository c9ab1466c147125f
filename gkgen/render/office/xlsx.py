"""tables.xlsx: the official tables as Excel sheets, for one report and for the whole site.

A report's workbook has one sheet per official table laid out like the printed table (the
same rows and merged header cells as the HTML and Word tables: gkgen.render.office.grid),
figures as numbers and every total the format defines (R2-R4) as a formula that Excel
recalculates, plus a flat sheet with one row per cell. The site's workbook has one sheet
per edition in use, with a row per report and a column per field.
"""

from __future__ import annotations

from typing import Any

from gkgen.format import Edition, Table
from gkgen.model import Report
from gkgen.render.office.grid import Placed, frame
from gkgen.render.office.sheet import (
    HEAD,
    LABEL,
    NOTE,
    NUM,
    PLAIN,
    TITLE,
    Sheet,
    numbers,
    plain_row,
    ref,
    shared_strings,
    texts,
    workbook,
)
from gkgen.render.office.template import Segments, fill

FLAT = "数据"
FLAT_COLUMNS = ("字段编号", "表", "官方标签", "数值", "计算所得")
TOP = 2  # rows above a table: the report title and the table's caption


def _formulas(table: Table) -> dict[str, tuple[str, ...]]:
    """Each total cell and the cells it is the sum of (the first relation defining it)."""
    out: dict[str, tuple[str, ...]] = {}
    for rel in table.relations:
        if rel.defines_total and rel.lhs[0] not in out:
            out[rel.lhs[0]] = rel.rhs
    return out


def _header_style(p: Placed) -> int:
    if p.cell.tag != "th":
        return NOTE  # the corner note of table 3
    return LABEL if p.cell.attrs.get("scope") == "row" else HEAD


def table_sheet(table: Table, report: Report) -> Sheet:
    """One official table on a sheet as printed, with slots for the title and the figures."""
    f = frame(table, report)
    sheet = Sheet(table.number)
    sheet.slot(0, 0, "title", "title", TITLE)
    sheet.merge(0, 0, 1, f.width, TITLE)
    sheet.text(1, 0, f.caption, TITLE)
    sheet.merge(1, 0, 1, f.width, TITLE)
    where = {p.field: ref(TOP + p.row, p.col) for p in f.cells if p.field}
    sums = _formulas(table)
    for p in f.cells:
        r = TOP + p.row
        if p.field is None:
            style = _header_style(p)
            sheet.text(r, p.col, p.cell.text, style)
            sheet.merge(r, p.col, p.rows, p.cols, style)
            continue
        parts = sums.get(p.field)
        formula = ("SUM(" + ",".join(where[x] for x in parts) + ")"
                   if parts and all(x in where for x in parts) else None)
        sheet.slot(r, p.col, p.field, "figure", NUM, formula)
        sheet.merge(r, p.col, p.rows, p.cols, NUM)
    label = {1: [28.0], 2: [14.0, 24.0], 3: [12.0, 16.0, 40.0]}.get(f.first_data,
                                                                     [14.0] * f.first_data)
    for c in range(f.width):
        sheet.widths[c] = label[c] if c < f.first_data else (16.0 if f.first_data == 1 else 10.0)
    sheet.freeze = ref(TOP + f.head, 0) if f.head else None
    return sheet


def flat_sheet(edition: Edition, strings: list[str]) -> Sheet:
    """One row per official cell: field id, labels, value, whether gkgen computed it.

    The texts are the same in every report of the edition: they go to the shared strings
    (written and compressed once per process), so a report's sheet holds little but figures.
    """
    index: dict[str, int] = {t: i for i, t in enumerate(strings)}

    def shared(t: str) -> int:
        if t not in index:
            index[t] = len(strings)
            strings.append(t)
        return index[t]

    sheet = Sheet(FLAT, freeze="A2")
    for c, name in enumerate(FLAT_COLUMNS):
        sheet.text(0, c, name, HEAD)
    for r, (cid, cell) in enumerate(edition.cells.items(), 1):
        for c, value in enumerate((cid, cell.table, cell.label)):
            sheet.shared(r, c, shared(value), PLAIN)
        sheet.slot(r, 3, cid, "figure", PLAIN)
        sheet.slot(r, 4, cid, "computed", PLAIN, shared=True)
    for c, w in enumerate((30, 6, 90, 10, 10)):
        sheet.widths[c] = w
    return sheet


_COMPUTED = {True: "否", False: "是"}
_SHEETS: dict[str, tuple[list[tuple[str, Segments]], str]] = {}


def _sheets(report: Report) -> tuple[list[tuple[str, Segments]], str]:
    """The edition's sheets with their slots, and its shared strings (made once per process)."""
    key = report.edition.key
    if key not in _SHEETS:
        strings = list(_COMPUTED.values())  # "否" is 0, "是" is 1
        sheets = [table_sheet(t, report) for t in report.edition.tables]
        sheets.append(flat_sheet(report.edition, strings))
        _SHEETS[key] = ([(s.name, s.segments()) for s in sheets], shared_strings(strings))
    return _SHEETS[key]


_SHARED = {True: "0", False: "1"}  # the index of _COMPUTED[typed] in the shared strings


def report_xlsx(report: Report) -> bytes:
    """The bytes of a report's tables.xlsx (reproducible)."""
    values = {
        "title": texts({"title": report.full_title}),
        "figure": numbers({k: v.value for k, v in report.values.items()}),
        "computed": {k: _SHARED[v.typed] for k, v in report.values.items()},
    }
    segments, strings = _sheets(report)
    sheets = [(name, fill(seg, values)) for name, seg in segments]
    note = f"{report.full_title}的统计表（{report.edition.name}格式），由 gkgen 生成。"
    return workbook(sheets, report.full_title, report.body.name, note, report.published, strings)


def _edition_sheet(edition: Edition, records: list[dict[str, Any]]) -> tuple[str, str]:
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
    ids = list(edition.cells)
    for r, record in enumerate(records, 3):
        cells = record["cells"]
        sheet.rows_xml.append(plain_row(r, [record["body"], record["body_name"], record["year"],
                                            *(cells.get(cid) for cid in ids)]))
    return sheet.name, sheet.xml()


def site_xlsx(title: str, editions: list[Edition], records: list[dict[str, Any]]) -> bytes:
    """data/tables.xlsx: every report's cells, a sheet per edition in use (newest first).

    records are the reports' open-data records (gkgen.render.dataset.report_record).
    """
    used = sorted({e.key: e for e in editions}.items(), reverse=True)
    sheets = [_edition_sheet(e, [r for r in records if r["edition"] == key]) for key, e in used]
    if not sheets:
        sheets = [("报告", Sheet("报告").xml())]
    return workbook(sheets, title, title, f"{title}：全部报告的统计表数据，由 gkgen 生成。", None)
