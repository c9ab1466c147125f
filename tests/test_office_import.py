"""`gkgen import FILE.xlsx`: workbooks laid out like a supervising office's sheets, flat sheets,
and hostile workbooks, through the real CLI.

The office workbook is built here with openpyxl and differs from gkgen's own on purpose: the
tables start in column B under extra title rows, tables 2 and 4 share a sheet without
captions, row headers are merged down their rows, some figures are stored as text (one in
full-width digits), one cell is blank and another 0, labels use half-width parentheses and
"1、" numbering, and the totals are formulas that openpyxl saves without a result.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_import_common import copy_example, empty_site, run, typed

from gkgen.findings import Number
from gkgen.format import Cell, Table, edition

openpyxl = pytest.importorskip("openpyxl")

ED = edition("2021")
BLANK = "t3.result.denied.secret.business"  # left empty in the office sheet
ZERO = "t3.result.denied.secret.natural"  # an explicit 0
FULLWIDTH = "t3.new.natural"  # stored as the text "１３"


def _figures() -> dict[str, Number]:
    """A figure for every non-total cell: distinct, so a misplaced one shows."""
    out: dict[str, Number] = {}
    for i, cell in enumerate(c for c in ED.cells.values() if not c.total):
        out[cell.id] = Decimal("1.25") if cell.id == "t2.fees.amount" else i + 1
    out[FULLWIDTH] = 13
    out[ZERO] = 0
    return out


def _office_label(text: str) -> str:
    """How an office retypes a label: half-width parentheses, "1、" numbering."""
    text = text.replace("（一）", "(一)").replace("（二）", "(二)")
    if text[:2] in ("1.", "2.", "3."):
        text = text[0] + "、" + text[2:]
    return text


def _table3(ws: Any, figures: dict[str, Number], top: int) -> dict[str, str]:
    """Table 3 from column B: merged corner and column headers, merged row headers.
    Returns the coordinates of the figure cells by field id."""
    t = ED.table("t3")
    ws.merge_cells(start_row=top, start_column=2, end_row=top + 2, end_column=4)
    ws.cell(top, 2, "项目")
    ws.merge_cells(start_row=top, start_column=5, end_row=top, end_column=11)
    ws.cell(top, 5, "申请人情况")
    ws.merge_cells(start_row=top + 1, start_column=5, end_row=top + 2, end_column=5)
    ws.cell(top + 1, 5, "自然人")
    ws.merge_cells(start_row=top + 1, start_column=6, end_row=top + 1, end_column=10)
    ws.cell(top + 1, 6, "法人或其他组织")
    for i, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        ws.cell(top + 2, 6 + i, label)
    ws.merge_cells(start_row=top + 1, start_column=11, end_row=top + 2, end_column=11)
    ws.cell(top + 1, 11, "总计")
    rows: list[tuple[str, ...]] = []
    by_row: dict[tuple[str, ...], list[Cell]] = {}
    for cell in t.cells:
        if cell.row_labels not in by_row:
            rows.append(cell.row_labels)
        by_row.setdefault(cell.row_labels, []).append(cell)
    where: dict[str, str] = {}
    r = top + 3
    started: dict[tuple[int, str], int] = {}
    for labels in rows:
        for level, label in enumerate(labels):
            last = level == len(labels) - 1
            if last:
                ws.merge_cells(start_row=r, start_column=2 + level, end_row=r, end_column=4)
                ws.cell(r, 2 + level, _office_label(label))
            elif started.get((level, label)) is None:
                span = sum(1 for x in rows if x[:level + 1] == labels[:level + 1])
                ws.merge_cells(start_row=r, start_column=2 + level, end_row=r + span - 1,
                               end_column=2 + level)
                ws.cell(r, 2 + level, _office_label(label))
                started[(level, label)] = r
        for c, cell in enumerate(by_row[labels]):
            target = ws.cell(r, 5 + c)
            where[cell.id] = target.coordinate
            if cell.total:
                target.value = f"=SUM(E{r}:J{r})"
            elif cell.id == BLANK:
                target.value = None
            elif cell.id == FULLWIDTH:
                target.value = "１３"
            elif c % 2:
                target.value = str(figures[cell.id])  # a number stored as text
            else:
                target.value = figures[cell.id]
        r += 1
    return where


def _table2(ws: Any, figures: dict[str, Number], top: int) -> int:
    t: Table = ED.table("t2")
    r = top
    for block in t.blocks:
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
        ws.cell(r, 2, block.heading)
        cells = [c for c in t.cells if c.block == block.heading]
        cols = list(dict.fromkeys(c.col_labels[-1] for c in cells))
        ws.cell(r + 1, 2, block.stub)
        for i, label in enumerate(cols):
            ws.cell(r + 1, 3 + i, label)
        if len(cols) == 1:
            ws.merge_cells(start_row=r + 1, start_column=3, end_row=r + 1, end_column=5)
        r += 2
        for row in dict.fromkeys(c.row_labels for c in cells):
            ws.cell(r, 2, row[-1])
            for i, cell in enumerate(c for c in cells if c.row_labels == row):
                ws.cell(r, 3 + i, float(figures[cell.id]) if cell.id == "t2.fees.amount"
                        else figures[cell.id])
            if len(cols) == 1:
                ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
            r += 1
    return r


def _table4(ws: Any, figures: dict[str, Number], top: int) -> None:
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=6)
    ws.cell(top, 2, "行政复议")
    ws.merge_cells(start_row=top, start_column=7, end_row=top, end_column=16)
    ws.cell(top, 7, "行政诉讼")
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for i, label in enumerate(five):
        ws.merge_cells(start_row=top + 1, start_column=2 + i, end_row=top + 2, end_column=2 + i)
        ws.cell(top + 1, 2 + i, label)
    for g, group in enumerate(["未经复议直接起诉", "复议后起诉"]):
        ws.merge_cells(start_row=top + 1, start_column=7 + 5 * g, end_row=top + 1,
                       end_column=11 + 5 * g)
        ws.cell(top + 1, 7 + 5 * g, group)
        for i, label in enumerate(five):
            ws.cell(top + 2, 7 + 5 * g + i, label)
    for c, cell in enumerate(ED.table("t4").cells):
        ws.cell(top + 3, 2 + c, figures[cell.id])


def office_workbook(path: Path) -> tuple[dict[str, Number], dict[str, str]]:
    """The supervising office's workbook; the figures it holds and table 3's coordinates."""
    figures = _figures()
    for rel in ED.table("t4").relations:  # table 4's totals typed as figures (no formula)
        figures[rel.lhs[0]] = sum(int(figures[x]) for x in rel.rhs)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表3"
    ws.cell(1, 1, "附件2")
    ws.merge_cells("A2:K2")
    ws.cell(2, 1, "示例市某某局2022年政府信息公开工作年度报告")
    ws.cell(3, 2, "填报单位：示例市某某局")
    ws.cell(3, 10, "单位：件")
    where = _table3(ws, figures, 4)
    other = wb.create_sheet("表2和表4")
    other.cell(1, 2, "主动公开和复议诉讼情况")
    end = _table2(other, figures, 3)
    _table4(other, figures, end + 2)
    wb.save(path)
    return figures, where


def test_office_workbook_imports_by_labels(tmp_path: Path) -> None:
    figures, where = office_workbook(tmp_path / "报表.xlsx")
    site = empty_site(tmp_path / "site")
    res = run(site, "import", str(tmp_path / "报表.xlsx"), "--body", "ju", "--name", "示例市某某局")
    assert res.exit_code == 0, res.output
    got = typed(site, "ju", 2022)
    t3_totals = {c.id for c in ED.table("t3").cells if c.total}
    for cid, value in figures.items():
        if cid == BLANK or cid in t3_totals:
            continue
        assert got[cid] == value, cid
    assert got[ZERO] == 0  # 0 stays 0 ...
    assert got[BLANK] is None  # ... and blank stays blank
    assert all(got[c] is None for c in t3_totals)  # formulas without a saved result: not computed
    log = (site / "content" / "ju" / "2022" / "import-log.md").read_text(encoding="utf-8")
    blanks = log.split("## 来源中空白的单元格")[1].split("##")[0]
    assert "「三、本年度办理结果 （三）不予公开 1.属于国家秘密」×「法人或其他组织 商业企业」" in blanks
    total = where["t3.new.total"]
    assert f"单元格 {total} 是公式（=SUM(" in log and "没有保存它的计算结果；gkgen 不计算公式" in log
    assert "“(一)予以公开” → 「（一）予以公开」" in log
    assert "1、属于国家秘密" in log  # the retyped numbering is listed as a label variant


def test_existing_report_keeps_its_text(tmp_path: Path) -> None:
    """An Excel import fills the table files of an existing report and leaves its text alone."""
    src = copy_example(tmp_path / "src")
    res = run(src, "build", "--no-pdf")
    assert res.exit_code == 0, res.output
    folder = src / "content" / "shiyi-gov" / "2022"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "3-requests.yaml").write_text(
        (folder / "3-requests.yaml").read_text(encoding="utf-8").replace("21", "99", 1),
        encoding="utf-8")
    book = src / "output" / "shiyi-gov" / "2022" / "tables.xlsx"
    refused = run(src, "import", str(book), "--body", "shiyi-gov")
    assert refused.exit_code == 1 and "报告已存在" in refused.output
    res = run(src, "import", str(book), "--body", "shiyi-gov", "--force")
    assert res.exit_code == 0, res.output
    for name in ("1-overview.md", "5-problems.md", "6-other.md", "report.yaml"):
        assert (folder / name).read_bytes() == before[name], name
    assert "99" not in (folder / "3-requests.yaml").read_text(encoding="utf-8").split("\n")[4]
    log = (folder / "import-log.md").read_text(encoding="utf-8")
    assert "来源只有统计表" in log and "保持原样" in log
    assert run(src, "check").exit_code == 0


def test_flat_sheet_alone(tmp_path: Path) -> None:
    """A sheet of (table, row, column, value) rows, or of field ids, imports by its labels."""
    figures = _figures()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["示例市某某局2022年政府信息公开工作年度报告"])
    ws.append(["序号", "行", "列", "数值"])
    t3 = [c for c in ED.table("t3").cells if not c.total]
    for i, cell in enumerate(t3):
        ws.append([i + 1, cell.row_labels[-1], " ".join(cell.col_labels), str(figures[cell.id])])
    ids = wb.create_sheet("编号")
    ids.append(["字段编号", "数值"])
    for cell in ED.table("t2").cells:
        ids.append([cell.id, figures[cell.id] if cell.id != "t2.rules.issued" else None])
    ids.append(["t9.nonsense", 5])
    wb.save(tmp_path / "flat.xlsx")
    site = empty_site(tmp_path / "site")
    res = run(site, "import", str(tmp_path / "flat.xlsx"), "--body", "ju", "--name", "示例市某某局")
    assert res.exit_code == 0, res.output
    got = typed(site, "ju", 2022)
    for cell in t3:
        assert got[cell.id] == figures[cell.id], cell.id
    assert got["t2.rules.issued"] is None
    assert got["t2.normative.in_force"] == figures["t2.normative.in_force"]
    assert all(got[c.id] is None for c in ED.table("t4").cells)
    log = (site / "content" / "ju" / "2022" / "import-log.md").read_text(encoding="utf-8")
    assert "t9.nonsense" in log and "不是官方表格中的单元格" in log
    assert "来源中没有找到这张表" in log  # table 4


def test_table_sheet_and_flat_sheet_must_agree(tmp_path: Path) -> None:
    """gkgen's workbook with its flat sheet edited: the row they disagree on is left blank."""
    src = copy_example(tmp_path / "src")
    assert run(src, "build", "--no-pdf").exit_code == 0
    book = src / "output" / "shiyi-gov" / "2022" / "tables.xlsx"
    edited = tmp_path / "edited.xlsx"
    flat = openpyxl.load_workbook(book)["数据"]
    row = next(r[0].row for r in flat.iter_rows() if r[0].value == "t3.new.natural")
    assert flat.cell(row, 4).value == 21
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():  # the cell's value changed in the XML: cached results stay
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet4.xml":
                cell = f'<c r="D{row}" s="0"><v>21</v></c>'.encode()
                assert data.count(cell) == 1
                data = data.replace(cell, cell.replace(b">21<", b">22<"))
            zout.writestr(item, data)
    site = empty_site(tmp_path / "site")
    res = run(site, "import", str(edited), "--body", "shiyi-gov")
    assert res.exit_code == 0, res.output
    got = typed(site, "shiyi-gov", 2022)
    assert got["t3.new.natural"] is None and got["t3.new.total"] is None
    assert got["t3.carried.natural"] == 0
    log = (site / "content" / "shiyi-gov" / "2022" / "import-log.md").read_text(encoding="utf-8")
    assert "出现两次且数字不同" in log


def _refused(tmp_path: Path, name: str, data: bytes | None = None) -> str:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    res = run(empty_site(tmp_path / "site"), "import", str(path), "--body", "x", "--name", "某局")
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    return str(res.output)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(70):
                member.write(chunk)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 1024 * 1024
    out = _refused(tmp_path, "bomb.xlsx")
    assert "可能是恶意构造的文件" in out and "解压后有 70 MB" in out and "bomb.xlsx" in out


def test_damaged_and_foreign_workbooks_are_refused(tmp_path: Path) -> None:
    assert "文件已损坏，或不是 .xlsx 格式" in _refused(tmp_path, "a.xlsx", b"PK\x03\x04garbage")
    src = copy_example(tmp_path / "src")
    assert run(src, "build", "--no-pdf").exit_code == 0
    out = _refused(tmp_path, "site.xlsx", (src / "output" / "data" / "tables.xlsx").read_bytes())
    assert "站点汇总工作簿" in out


def test_huge_sheet_is_skipped_with_a_reason(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    ws.append(["示例市某某局2022年政府信息公开工作年度报告"])
    ws.cell(5000, 3, "x")
    wb.save(tmp_path / "huge.xlsx")
    site = empty_site(tmp_path / "site")
    res = run(site, "import", str(tmp_path / "huge.xlsx"), "--body", "ju", "--name", "示例市某某局",
              "--year", "2022")
    assert res.exit_code == 0, res.output
    log = (site / "content" / "ju" / "2022" / "import-log.md").read_text(encoding="utf-8")
    assert "工作表「明细」有 5000 行" in log and "未导入" in log
    assert all(v is None for v in typed(site, "ju", 2022).values())


def test_old_xls_is_refused_with_the_way_out(tmp_path: Path) -> None:
    out = _refused(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "不支持旧版 Excel（.xls）" in out and "另存为 .xlsx" in out
