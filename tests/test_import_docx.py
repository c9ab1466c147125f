"""A Word file made from a report (headings, paragraphs, lists, tables with merged cells),
and the Word-specific import tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_import_common import blocks, empty_site, rendered, run, typed

from gkgen.findings import fmt
from gkgen.format import Block, Col, Row, Table
from gkgen.model import Report

docx = pytest.importorskip("docx", reason="python-docx (test extra) is not installed")


def _leaves(cols: tuple[Col, ...]) -> int:
    return sum(_leaves(c.children) if c.children else 1 for c in cols)


def _depth(cols: tuple[Col, ...]) -> int:
    return max((c.depth() for c in cols), default=0)


def _put(table: Any, r: int, c: int, r2: int, c2: int, text: str) -> None:
    cell = table.cell(r, c)
    if (r2, c2) != (r, c):
        cell = cell.merge(table.cell(r2, c2))
    cell.text = text


def _col_headers(t: Any, cols: tuple[Col, ...], r: int, c: int, bottom: int) -> None:
    for col in cols:
        width = _leaves(col.children) if col.children else 1
        _put(t, r, c, r if col.children else bottom, c + width - 1, col.label)
        _col_headers(t, col.children, r + 1, c, bottom)
        c += width


def _row_leaves(rows: tuple[Row, ...]) -> list[tuple[tuple[Row, ...], Row]]:
    return [pair for top in rows for pair in top.leaves()]


def _table3_or_4(doc: Any, table: Table, report: Report) -> None:
    block: Block = table.blocks[0]
    group = 1 if block.col_group else 0
    head = group + _depth(block.cols)
    stub = max((r.depth() for r in block.rows), default=0)
    leaves = _row_leaves(block.rows)
    t = doc.add_table(rows=head + max(len(leaves), 1), cols=stub + _leaves(block.cols))
    if block.corner_note:
        _put(t, 0, 0, head - 1, stub - 1, block.corner_note)
    if block.col_group:
        _put(t, 0, stub, 0, stub + _leaves(block.cols) - 1, block.col_group)
    _col_headers(t, block.cols, group, stub, head - 1)
    cells = [c for c in table.cells]
    per_row = _leaves(block.cols)
    spans: dict[int, tuple[Row, int, int, int]] = {}
    for i, (anc, row) in enumerate(leaves or [((), None)]):  # type: ignore[list-item]
        r = head + i
        for depth, node in enumerate(anc):
            first = spans.get(id(node), (node, r, r, depth))[1]
            spans[id(node)] = (node, first, r, depth)
        if row is not None:
            _put(t, r, len(anc), r, stub - 1, row.label)
        for j, cell in enumerate(cells[i * per_row:(i + 1) * per_row]):
            t.cell(r, stub + j).text = fmt(report.number(cell.id))
    for node, first, last, depth in spans.values():
        _put(t, first, depth, last, depth, node.label)


def _table2(doc: Any, table: Table, report: Report) -> None:
    t = doc.add_table(rows=0, cols=4)
    for block in table.blocks:
        cols = [c for top in block.cols for _, c in top.leaves()]
        for texts in ([block.heading or ""], [block.stub or "", *(c.label for c in cols)]):
            _row(t, texts)
        for row in block.rows:
            ids = [c.id for c in table.cells if c.block == block.heading and c.row_labels == (row.label,)]
            _row(t, [row.label, *(fmt(report.number(i)) for i in ids)])


def _row(t: Any, texts: list[str]) -> None:
    cells = t.add_row().cells
    last = len(texts) - 1
    for i, text in enumerate(texts[:-1]):
        cells[i].text = text
    target = cells[last].merge(cells[3]) if last < 3 else cells[last]
    target.text = texts[-1]


def _narrative(doc: Any, report: Report, part: int) -> None:
    for kind, text in rendered(report, part):
        if kind == "h":
            doc.add_heading(text, level=2)
        elif text.startswith("•"):
            doc.add_paragraph(text[1:], style="List Bullet")
        else:
            doc.add_paragraph(text)


def write_docx(report: Report, path: Path) -> None:
    """A .docx of a loaded report, laid out like a published Word report."""
    doc = docx.Document()
    doc.add_heading(report.full_title, level=0)
    for part in report.edition.parts:
        doc.add_heading(part.heading, level=1)
        if part.table is None:
            _narrative(doc, report, part.number)
        elif part.table == "t2":
            _table2(doc, report.edition.table("t2"), report)
        else:
            _table3_or_4(doc, report.edition.table(part.table), report)
    doc.add_paragraph(report.body.name)
    if report.published:
        p = report.published
        doc.add_paragraph(f"{p.year}年{p.month}月{p.day}日")
    doc.save(str(path))


def test_docx_merged_cells_and_title(tmp_path: Path) -> None:
    from test_import_common import copy_example
    from test_import_common import report as load_report

    src = copy_example(tmp_path / "src")
    r = load_report(src, "shiyi-gov", 2022)
    write_docx(r, tmp_path / "r.docx")
    dst = empty_site(tmp_path / "dst")
    res = run(dst, "import", str(tmp_path / "r.docx"), "--body", "g")
    assert res.exit_code == 0, res.output
    assert "年度：2022（标题“示例市人民政府2022年政府信息公开工作年度报告”" in res.output
    assert "发布日期" in res.output
    values = typed(dst, "g", 2022)
    assert values["t3.result.total.total"] == r.number("t3.result.total.total")
    assert values["t4.suit.direct.total"] == r.number("t4.suit.direct.total")
    assert blocks((dst / "content/g/2022/5-problems.md").read_text(encoding="utf-8")) == rendered(r, 5)


def test_missing_python_docx_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    (tmp_path / "a.docx").write_bytes(b"PK")
    res = run(empty_site(tmp_path / "s"), "import", str(tmp_path / "a.docx"), "--body", "x")
    assert res.exit_code == 2
    assert "需要 python-docx" in res.output and "Traceback" not in res.output
