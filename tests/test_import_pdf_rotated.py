"""A PDF (made with WeasyPrint) whose table 3 prints its row-group labels turned a quarter
turn — 三、本年度办理结果 over its 22 rows and （三）不予公开 over its 8, set with
transform: rotate(∓90deg) — or stacked a character a line (what writing-mode: vertical-rl
prints; WeasyPrint lays that out as a narrow cell). The labels are read along their own
direction and every row by its labels."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_import_common import empty_site, run, typed
from test_import_make import PARTS_TEXT, table_rows, values_for

from gkgen.findings import Number
from gkgen.format import edition
from gkgen.importer.doc import Grid
from gkgen.importer.sources.pdf import read_pdf

pdfplumber = pytest.importorskip("pdfplumber")
weasyprint = pytest.importorskip("weasyprint")

TURNED = ("三、本年度办理结果", "（三）不予公开")  # tall enough for their text turned
LENGTH = 9 * 9  # pt: nine characters of 9 pt, the longest turned label
CSS = f"""@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 12pt; }}
h1 {{ font-size: 12pt; }}
.t3 {{ page-break-before: always; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
td {{ border: 0.8pt solid #000; padding: 4pt 2pt; font-size: 9pt; text-align: center; }}
td.turned {{ padding: 0; width: 15pt; }}
td.turned div {{ width: {LENGTH}pt; height: 9pt; line-height: 9pt; margin-right: {15 - LENGTH}pt;
  white-space: nowrap; }}
td.stacked {{ width: 9pt; word-break: break-all; line-height: 1.1; }}
"""


def _cell(text: str, cs: int, rs: int, how: str) -> str:
    if text not in TURNED or rs == 1:
        return f"<td colspan={cs} rowspan={rs}>{html.escape(text)}</td>"
    if how == "stacked":
        return f"<td class=stacked colspan={cs} rowspan={rs}>{html.escape(text)}</td>"
    shift = 7.5 - LENGTH / 2  # the turned box's middle onto the cell's middle
    style = f"transform: translateX({shift}pt) rotate({how}deg)"
    return f"<td class=turned colspan={cs} rowspan={rs}><div style='{style}'>{html.escape(text)}</div></td>"


def make_pdf(path: Path, values: dict[str, Number | None], how: str) -> None:
    ed = edition("2021")
    body = ["<h1>示例县财政局2023年政府信息公开工作年度报告</h1>"]
    for part in ed.parts:
        body.append(f"<p class={part.table or 'p'}><b>{part.heading}</b></p>")
        if part.table is None:
            body.append(f"<p>{PARTS_TEXT[part.number]}</p>")
            continue
        rows = ["<tr>" + "".join(_cell(t, cs, rs, how if part.table == "t3" else "")
                                 for t, cs, rs, _ in row) + "</tr>"
                for row in table_rows(ed.table(part.table), values)]
        body.append("<table>" + "\n".join(rows) + "</table>")
    page = f"<html><head><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    weasyprint.HTML(string=page).write_pdf(path)


@pytest.mark.parametrize("how", ["-90", "90", "stacked"], ids=["rotate-90", "rotate90", "stacked"])
def test_turned_row_group_labels(tmp_path: Path, how: str) -> None:
    values: dict[str, Number | None] = dict(values_for("2021"))
    src = tmp_path / "report.pdf"
    make_pdf(src, values, how)
    with pdfplumber.open(str(src)) as pdf:  # the fixture is what it claims to be
        chars = [c for p in pdf.pages for c in p.chars]
        raw = [c or "" for p in pdf.pages for t in p.extract_tables() for row in t for c in row]
    turned = [c for c in chars if not c["upright"]]
    if how == "stacked":
        assert not turned and "三\n、\n本\n年\n度\n办\n理\n结\n果" in raw
    else:
        assert "".join(c["text"] for c in turned) in ("".join(TURNED), "".join(t[::-1] for t in TURNED))
        assert {c["matrix"][1] > 0 for c in turned} == {how == "-90"}  # anticlockwise: runs upwards
    grids = [b for b in read_pdf(src).blocks if isinstance(b, Grid)]
    t3 = next(g for g in grids if any("（七）总计" in r for r in g.rows))
    firsts = [r[:2] for r in t3.rows if r[0] in TURNED]
    assert firsts == [["三、本年度办理结果", "（一）予以公开"], ["（三）不予公开", "1.属于国家秘密"]]
    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(src), "--body", "fgj")
    assert res.exit_code == 0, res.output
    assert typed(root, "fgj", 2023) == values
    log = (root / "content" / "fgj" / "2023" / "import-log.md").read_text(encoding="utf-8")
    assert "无法识别的文字" not in log
    granted = values["t3.result.granted.natural"]
    assert (f"「三、本年度办理结果 （一）予以公开」×「自然人」 = {granted}：第 2 页的表格，"
            "行“三、本年度办理结果 / （一）予以公开”，列“自然人”") in log
