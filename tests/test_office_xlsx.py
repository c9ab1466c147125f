"""tables.xlsx opened with openpyxl: each official table on a sheet laid out like the printed
table (merged header cells, labels verbatim), figures as numbers, totals as formulas over the
right cells (found here by their labels, not by gkgen's own layout code), the flat sheet, and
no text cell that a spreadsheet would evaluate."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import edit, make_site, report_dir

from gkgen.build.site import build_site
from gkgen.content.load import load_site
from gkgen.format import Table
from gkgen.model import Report

openpyxl = pytest.importorskip("openpyxl")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def out(built: Any) -> Path:
    return Path(built.out)


def _reports() -> list[Report]:
    site = load_site(REPO).site
    return [r for b in site.bodies.values() for r in b.reports.values()]


def num(v: object) -> object:
    """A report's figure as a spreadsheet holds it (decimals as floats)."""
    return float(v) if isinstance(v, Decimal) else v


def _book(out: Path, r: Report, data_only: bool = False) -> Any:
    return openpyxl.load_workbook(out / r.body.slug / str(r.year) / "tables.xlsx", data_only=data_only)


def _text(ws: Any, row: int, col: int) -> str:
    """What a cell shows, a merged cell's text in every cell it covers."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            row, col = rng.min_row, rng.min_col
            break
    value = ws.cell(row, col).value
    return "" if value is None else str(value)


def _path(texts: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for t in texts:
        if t and (not out or out[-1] != t):
            out.append(t)
    return tuple(out)


def positions(ws: Any, table: Table) -> dict[str, str]:
    """Each field's cell on a sheet of table 3 or 4, found by its row and column labels."""
    data = [r for r in range(3, ws.max_row + 1)
            if any(isinstance(c.value, int | float) or str(c.value).startswith("=") for c in ws[r])]
    first_row = data[0]
    first_col = min(c.column for c in ws[first_row] if isinstance(c.value, int | float)
                    or str(c.value).startswith("="))
    group = {b.col_group for b in table.blocks}
    found: dict[str, str] = {}
    for cell in table.cells:
        for r in data:
            if _path([_text(ws, r, c) for c in range(1, first_col)]) != cell.row_labels:
                continue
            for c in range(first_col, ws.max_column + 1):
                head = _path([_text(ws, h, c) for h in range(3, first_row)])
                if tuple(x for x in head if x not in group) == cell.col_labels:
                    found[cell.id] = ws.cell(r, c).coordinate
    return found


def test_sheets_and_merged_headers(out: Path) -> None:
    for r in _reports():
        wb = _book(out, r)
        assert wb.sheetnames == ["表二", "表三", "表四", "数据"]
        for ws, table in zip(wb.worksheets, r.edition.tables, strict=False):
            assert ws["A1"].value == r.full_title
            assert ws["A2"].value == f"{table.number}\u3000{table.title}"
    t3 = _book(out, _reports()[0])["表三"]
    merged = {str(m) for m in t3.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5"} <= merged  # corner, 申请人情况, …
    assert t3["A3"].value.startswith("（本列数据的勾稽关系为") and t3["D3"].value == "申请人情况"
    three = next(m for m in t3.merged_cells.ranges if t3.cell(m.min_row, m.min_col).value == "三、本年度办理结果")
    assert three.max_row - three.min_row + 1 == 22 and (three.min_col, three.max_col) == (1, 1)


def test_labels_figures_and_formulas(out: Path) -> None:
    for r in _reports():
        wb, cached = _book(out, r), _book(out, r, data_only=True)
        for table in r.edition.tables[1:]:  # tables 3 and 4: a row and column label per cell
            ws = wb[table.number]
            where = positions(ws, table)
            assert set(where) == {c.id for c in table.cells}, table.number  # labels verbatim
            totals: dict[str, list[set[str]]] = {}
            for rel in table.relations:
                if rel.defines_total:  # (七)总计 x 总计 is both a row and a column total
                    totals.setdefault(rel.lhs[0], []).append({where[x] for x in rel.rhs})
            for cell in table.cells:
                got = ws[where[cell.id]].value
                value = cached[table.number][where[cell.id]].value
                assert value == num(r.number(cell.id)), (r.body.slug, r.year, cell.id)
                if cell.id in totals:
                    m = re.fullmatch(r"=SUM\(([A-Z0-9,]+)\)", str(got))
                    assert m, (cell.id, got)
                    assert set(m.group(1).split(",")) in totals[cell.id], cell.id
                else:
                    assert isinstance(got, int) and ws[where[cell.id]].data_type == "n", cell.id


def test_table2_figures_are_numbers(out: Path) -> None:
    for r in _reports():
        ws = _book(out, r)["表二"]
        numbers = [c.value for row in ws.iter_rows(min_row=3) for c in row
                   if isinstance(c.value, int | float)]
        expected = [num(r.number(c.id)) for c in r.edition.table("t2").cells]
        assert numbers == expected, (r.body.slug, r.year)


def test_flat_sheet_has_every_cell(out: Path) -> None:
    for r in _reports():
        rows = list(_book(out, r)["数据"].iter_rows(values_only=True))
        assert rows[0] == ("字段编号", "表", "官方标签", "数值", "计算所得")
        cells = list(r.edition.cells.values())
        assert [row[0] for row in rows[1:]] == [c.id for c in cells]
        assert [row[2] for row in rows[1:]] == [c.label for c in cells]
        assert [row[3] for row in rows[1:]] == [num(r.number(c.id)) for c in cells]
        assert {row[4] for row in rows[1:] if not r.edition.cells[row[0]].total} <= {"否"}


def test_text_cells_cannot_carry_formulas(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    evil = '=HYPERLINK("http://evil.example/","点击")2022年政府信息公开工作年度报告'
    (report_dir(root, 2022) / "report.yaml").write_text(
        (report_dir(root, 2022) / "report.yaml").read_text(encoding="utf-8")
        + f"title: '{evil}'\n", encoding="utf-8")
    edit(root / "content" / "x" / "body.yaml", "某市某局", '"@SUM(1)某市某局"')
    result = build_site(root, tmp_path / "out", pdf=False)
    assert result.ok, [f"{f.pos} {f.id} {f.message}" for f in result.findings]
    wb = openpyxl.load_workbook(tmp_path / "out" / "x" / "2022" / "tables.xlsx")
    for ws in wb.worksheets[:3]:
        assert ws["A1"].value == "'" + evil and ws["A1"].data_type == "s"
    site = openpyxl.load_workbook(tmp_path / "out" / "data" / "tables.xlsx")
    names = [c.value for c in site.worksheets[0]["B"] if c.value]
    assert "'@SUM(1)某市某局" in names
    for book in (wb, site):
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        assert re.fullmatch(r"=SUM\([A-Z0-9,]+\)", c.value), c.value
