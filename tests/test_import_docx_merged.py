"""Word tables as Word saves merged cells (w:gridSpan across columns, w:vMerge down the rows):
table 3's "一、本年新收政府信息公开申请数量" spanning the three row-header columns, the
"三、本年度办理结果" group label merged down over its 22 rows, the column group header
"申请人情况" spanning all seven columns — every cell is read by its labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from docxmake import report_body, save, table
from test_import_common import empty_site, report, run, typed
from test_import_make import PARTS_TEXT, table_rows, values_for

from gkgen.findings import Number
from gkgen.format import edition
from gkgen.importer.doc import Grid
from gkgen.importer.sources.docx import read_docx

pytest.importorskip("docx", reason="python-docx (test extra) is not installed")
TITLE = "示例县财政局2023年政府信息公开工作年度报告"


def test_merged_cells_make_the_grid_rows(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    src = tmp_path / "t3.docx"
    save(src, table(list(table_rows(edition("2021").table("t3"), values))))
    grids = [b for b in read_docx(src).blocks if isinstance(b, Grid)]
    assert len(grids) == 1
    rows = grids[0].rows
    corner = rows[0][0]
    assert rows[0] == [corner, "申请人情况"]  # the group header spans the seven columns once
    assert rows[1] == [corner, "自然人", "法人或其他组织", "总计"]  # the corner merged down
    assert rows[2] == [corner, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert rows[3][0] == "一、本年新收政府信息公开申请数量" and len(rows[3]) == 8  # spans three columns
    group = [r for r in rows if r[0] == "三、本年度办理结果"]
    assert len(group) == 22  # merged down: repeated in every row it covers
    assert rows[7][:3] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert rows[8][:3] == ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"]


def test_word_report_with_merged_tables_imports_every_cell(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    values["t3.new.natural"] = None  # a blank cell stays blank
    src = tmp_path / "report.docx"
    save(src, report_body(TITLE, values))
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "czj")
    assert res.exit_code == 0, res.output
    assert typed(root, "czj", 2023) == values
    log = (root / "content" / "czj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "- 表三 「三、本年度办理结果 （三）不予公开 1.属于国家秘密」×「法人或其他组织 商业企业」 = " \
           f"{values['t3.result.denied.secret.business']}：行“三、本年度办理结果 / （三）不予公开 / " \
           "1.属于国家秘密”，列“商业企业”" in log
    r = report(root, "czj", 2023)
    assert PARTS_TEXT[1] in (r.narratives[1].source or "")


def test_grid_before_and_legacy_horizontal_merge(tmp_path: Path) -> None:
    """Rows that skip grid columns (w:gridBefore) and the old w:hMerge are read from the cells."""
    def tc(text: str, pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    span, before = '<w:gridSpan w:val="2"/>', '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    h_start, h_cont = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
    v_start, v_cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    xml = ("<w:tbl><w:tblPr/>"
           f"<w:tr>{tc('甲', span)}{tc('乙')}</w:tr>"
           f"<w:tr>{before}{tc('丙')}{tc('丁')}</w:tr>"
           f"<w:tr>{tc('戊')}{tc('己', h_start)}{tc('', h_cont)}</w:tr>"
           f"<w:tr>{tc('庚', v_start)}{tc('辛')}{tc('壬')}</w:tr>"
           f"<w:tr>{tc('', v_cont)}{tc('癸')}{tc('子')}</w:tr>"
           "</w:tbl>")
    src = tmp_path / "t.docx"
    save(src, xml)
    grids = [b for b in read_docx(src).blocks if isinstance(b, Grid)]
    assert grids[0].rows == [["甲", "乙"], ["丙", "丁"], ["戊", "己"], ["庚", "辛", "壬"], ["庚", "癸", "子"]]
