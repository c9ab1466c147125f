"""A PDF read by geometry: made here with WeasyPrint from HTML (ruled tables, table 3 crossing a
page, labels wrapped in narrow columns, a "— 7 —" page footer); one row that cannot be resolved
is left blank with its reason while the rest of its table is kept."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_import_common import empty_site, report, run, typed
from test_import_make import PARTS_TEXT, table_rows, values_for

from gkgen.findings import Number
from gkgen.format import edition

pytest.importorskip("pdfplumber")
weasyprint = pytest.importorskip("weasyprint")

BODY = "示例县发展和改革局"
CSS = """@page { size: A4; margin: 20mm 20mm 25mm;
  @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 0.8pt solid #000; padding: 5pt 2pt; font-size: 9pt; text-align: center; }
p { text-indent: 2em; margin: 0; line-height: 1.6; }
"""
BROKEN_ROW = "1.属于国家秘密"


def _table(key: str, values: dict[str, Number | None]) -> str:
    out = ["<table>"]
    for row in table_rows(edition("2021").table(key), values):
        if any(t == BROKEN_ROW for t, *_ in row):
            row = row[:-1]  # one cell missing: this row cannot be placed
        cells = "".join(f"<td colspan={cs} rowspan={rs}>{html.escape(t)}</td>" for t, cs, rs, _ in row)
        out.append(f"<tr>{cells}</tr>")
    return "\n".join(out) + "</table>"


def make_pdf(path: Path, values: dict[str, Number | None]) -> None:
    ed = edition("2021")
    body = [f"<h1>{BODY}2023年政府信息公开工作年度报告</h1>"]
    filler = "本局坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设，各项工作稳步推进。" * 6
    for part in ed.parts:
        body.append(f"<p><b>{part.heading}</b></p>")
        if part.table:
            body.append(_table(part.table, values))
        else:
            body.append(f"<p>{PARTS_TEXT[part.number]}</p>")
            if part.number == 1:
                body += [f"<p>{filler}</p>"] * 3  # table 3 then starts low and crosses a page
    page = f"<html><head><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    weasyprint.HTML(string=page).write_pdf(path)


def test_pdf_tables_read_from_their_ruling_lines(tmp_path: Path) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    src = tmp_path / "report.pdf"
    make_pdf(src, values)
    import pdfplumber

    with pdfplumber.open(str(src)) as pdf:  # the fixture is what it claims to be
        pages = [p.extract_text() or "" for p in pdf.pages]
        cells = [c or "" for p in pdf.pages for t in p.extract_tables() for row in t for c in row]
    assert any("\n" in c and "公开" in c for c in cells)  # labels wrapped in their cells
    where = [i for i, t in enumerate(pages) if "予以公开" in t or "（七）总计" in t]
    assert "（七）总计" not in pages[where[0]] and len(pages) >= 3  # table 3 crosses a page
    assert any("— 2 —" in t for t in pages)
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "fgj")
    assert res.exit_code == 0, res.output
    got = typed(root, "fgj", 2023)
    broken = {c.id for c in edition("2021").table("t3").cells if c.row_labels[-1] == BROKEN_ROW}
    assert len(broken) == 7 and all(got[c] is None for c in broken)
    assert {c: v for c, v in got.items() if c not in broken} == {
        c: v for c, v in values.items() if c not in broken}
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "表三 「三、本年度办理结果 （三）不予公开 1.属于国家秘密」行" in log
    assert "应为 7 格，无法对应，整行留空" in log
    reads = log.split("## 读出的单元格及其出处")[1].split("\n## ")[0]
    start, end = where[0] + 1, where[-1] + 1  # the pages table 3 is printed on
    total = values["t3.result.total.total"]
    assert (f"- 表三 「三、本年度办理结果 （七）总计」×「总计」 = {total}：第 {end} 页的表格，"
            "行“（七）总计”，列“总计”") in reads
    granted = values["t3.result.granted.natural"]
    assert f"「三、本年度办理结果 （一）予以公开」×「自然人」 = {granted}：第 {start} 页的表格" in reads
    assert start < end
    r = report(root, "fgj", 2023)
    for n in (1, 5, 6):
        assert PARTS_TEXT[n].split("。")[0] in (r.narratives[n].source or "")
    assert "—" not in "".join(r.narratives[n].source or "" for n in (1, 5, 6))  # footers dropped
