"""Table 3 in print: a spanning row header stays with its rows; figure columns stay readable."""

from __future__ import annotations

import re

from buildsite import pdftext

from gkgen.build.site import BuildResult
from gkgen.format import edition

T3 = edition("2021").table("t3")
RESULT = T3.cell("t3.result.granted.total").row_labels  # 三、本年度办理结果, （一）予以公开


def test_each_top_level_row_of_table_3_is_its_own_row_group(built: BuildResult) -> None:
    html = (built.out / "shiyi-gov" / "2022" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('class="official t3"'):]
    table = table[:table.index("</table>")]
    groups = re.findall(r"<tbody>(.*?)</tbody>", table, re.S)
    assert len(groups) == len(T3.blocks[0].rows) == 4
    result_rows = len(list(T3.blocks[0].rows[2].leaves()))
    assert RESULT[0] in groups[2] and groups[2].count("<tr>") == result_rows == 22


def test_the_result_label_is_printed_with_its_rows_not_below_one(built: BuildResult) -> None:
    pdf = built.out / "shiyi-gov" / "2022" / "report.pdf"
    pages = [p.replace("\n", "") for p in pdftext(pdf, "-raw").split("\f")]
    label = RESULT[0][-3:]  # the label wraps in its narrow cell; its last characters
    first_rows = [T3.cell(f"t3.result.{k}.total").row_labels[-1][:6]
                  for k in ("granted", "partial", "denied.secret")]
    with_label = [p for p in pages if label in p]
    assert with_label and all(row in with_label[0] for row in first_rows)


def test_applicant_labels_break_between_words_not_letters(built: BuildResult) -> None:
    pdf = built.out / "shiyi-gov" / "2022" / "report.pdf"
    lines = [line.strip() for line in pdftext(pdf, "-raw").splitlines()]
    assert "企业" in lines or any(line.endswith("商业 企业") for line in lines) or "商业企业" in lines
    assert "企" not in lines and "业" not in lines  # not one character a line
