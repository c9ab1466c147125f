"""A Word report whose table 3 sits in a text box (w:txbxContent inside w:drawing, in an
mc:AlternateContent whose VML mc:Fallback repeats the box): python-docx does not show it, the
importer reads it where it is anchored, and once. Content controls (w:sdt) are read too,
except the table of contents, whose lines would pass for the part headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from docxmake import para, report_body, save, text_box
from test_import_common import empty_site, run, typed
from test_import_make import values_for

from gkgen.findings import Number
from gkgen.importer.doc import Grid, Para
from gkgen.importer.sources.docx import read_docx

docx = pytest.importorskip("docx", reason="python-docx (test extra) is not installed")
TITLE = "示例县财政局2023年政府信息公开工作年度报告"


def test_table_in_a_text_box_read_once_where_anchored(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    src = tmp_path / "report.docx"
    save(src, report_body(TITLE, values, boxed="t3"))
    assert len(docx.Document(str(src)).tables) == 2  # python-docx sees tables 2 and 4 only
    doc = read_docx(src)
    grids = [i for i, b in enumerate(doc.blocks) if isinstance(b, Grid)]
    assert len(grids) == 3  # the fallback's copy of the box is not read again
    heading = next(i for i, b in enumerate(doc.blocks)
                   if isinstance(b, Para) and b.text == "三、收到和处理政府信息公开申请情况")
    assert doc.blocks[heading + 1] == Para("（见下表）") and heading + 2 in grids
    assert any("1 个文本框" in n for n in doc.notes)
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "czj")
    assert res.exit_code == 0, res.output
    assert typed(root, "czj", 2023) == values


def test_fallback_read_when_there_is_no_choice(tmp_path: Path) -> None:
    box = text_box(para("文本框中的一段正文。"))
    only_fallback = box.replace(box[box.index("<mc:Choice"):box.index("<mc:Fallback>")], "")
    src = tmp_path / "box.docx"
    save(src, para("框前。") + only_fallback + para("框后。"))
    assert [b.text for b in read_docx(src).blocks if isinstance(b, Para)] == ["框前。", "文本框中的一段正文。", "框后。"]


def test_content_controls_read_but_not_the_table_of_contents(tmp_path: Path) -> None:
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
           f'</w:sdtPr><w:sdtContent>{para("一、总体情况	1")}{para("二、主动公开政府信息情况	2")}</w:sdtContent></w:sdt>')
    control = f'<w:sdt><w:sdtPr/><w:sdtContent>{para("控件中的一段正文。")}</w:sdtContent></w:sdt>'
    src = tmp_path / "sdt.docx"
    save(src, toc + para("一、总体情况") + control)
    assert [b.text for b in read_docx(src).blocks if isinstance(b, Para)] == ["一、总体情况", "控件中的一段正文。"]
