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


def _page_texts(pdf_path: object) -> tuple[list[str], list[float], float, float]:
    """Each page's text (no spaces), the bottom of its lowest text line above the page number,
    and the text block's top and bottom over the whole document."""
    import pdfplumber

    texts, bottoms, tops = [], [], []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            words = [w for w in page.extract_words() if "—" not in w["text"]]  # not "— 5 —"
            texts.append("".join(w["text"] for w in words))
            bottoms.append(max((w["bottom"] for w in words), default=0.0))
            tops.append(min((w["top"] for w in words), default=page.height))
    return texts, bottoms, min(tops), max(bottoms)


def test_table_3_starts_where_its_header_and_first_rows_fit_and_leaves_no_gap(
        built: BuildResult) -> None:
    for key in ("shiyi-gov/2022", "shiyi-gov/2021", "shiyi-hrss/2021"):
        texts, bottoms, top, bottom = _page_texts(built.out / key / "report.pdf")
        head = next(i for i, t in enumerate(texts) if "申请人情况" in t)  # repeats on each page
        first = [T3.cell(f"t3.{k}.total").row_labels[-1][2:8] for k in ("new", "carried")]
        first += [T3.cell(f"t3.result.{k}.total").row_labels[-1][3:7] for k in ("granted", "partial")]
        assert all(label in texts[head] for label in first), (key, head, first)
        last = T3.cell("t3.forward.total").row_labels[-1][2:]  # 结转下年度继续办理
        end = next(i for i in range(head, len(texts)) if last in texts[i])
        half = top + (bottom - top) / 2
        for i in range(head, end):  # every page the table runs over is at least half full
            assert bottoms[i] >= half, (key, i + 1, bottoms[i], half)
        if head > 0:  # the page before the table is not left mostly empty by a break either
            assert bottoms[head - 1] >= top + (bottom - top) * 0.5, (key, head, bottoms[head - 1])
