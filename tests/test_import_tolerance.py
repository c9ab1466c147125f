"""What real pages do, one tolerance a test: each asserts the cells it imports (spec section 2,
issue point 3). tolerant-2021.html is the built example report dressed as a government page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_import_common import FIXTURES, empty_site, run, typed

from gkgen.findings import Number

HTML = FIXTURES / "tolerant-2021.html"
MISSING = FIXTURES / "missing-table-2021.txt"


@pytest.fixture(scope="module")
def tolerant(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Number | None], str, Path]:
    root = empty_site(tmp_path_factory.mktemp("tolerant"))
    res = run(root, "import", str(HTML), "--body", "g")
    assert res.exit_code == 0, res.output
    folder = root / "content" / "g" / "2021"
    return typed(root, "g", 2021), (folder / "import-log.md").read_text(encoding="utf-8"), folder


@pytest.fixture(scope="module")
def missing(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Number | None], str, Path]:
    root = empty_site(tmp_path_factory.mktemp("missing"))
    res = run(root, "import", str(MISSING), "--body", "town")
    assert res.exit_code == 0, res.output
    folder = root / "content" / "town" / "2022"
    return typed(root, "town", 2022), (folder / "import-log.md").read_text(encoding="utf-8"), folder


def test_half_width_punctuation_in_labels(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = tolerant
    assert (v["t2.rules.issued"], v["t2.fees.amount"]) == (0, 0)  # 第二十条第(一)项, (单位:万元)
    assert "“第二十条第(一)项” → 「第二十条第（一）项」" in log


def test_spaces_inside_labels(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = tolerant
    assert v["t3.result.granted.business"] == 0 and v["t3.result.granted.research"] == 0
    assert "“商业 企业” → 「商业企业」" in log and "“科研 机构” → 「科研机构」" in log


def test_shortened_and_reworded_labels(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = tolerant
    assert v["t2.rules.issued"] == 0 and v["t2.normative.in_force"] == 1049
    assert v["t3.result.partial.natural"] == 0 and v["t3.result.denied.internal.total"] == 0
    for printed in ("“本年发件” → 「本年制发件数」（常见改写）", "“现行有效件” → 「现行有效件数」",
                    "只计这一情况,不计其他情形）” → 「（二）部分公开", "“5.属于三类内容事务信息” → 「5.属于三类内部事务信息」"):
        assert printed in log


def test_heading_variants(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, folder = tolerant
    assert v["t4.review.upheld"] == 1 and v["t4.suit.direct.total"] == 2  # part 四 under its variant
    assert "“四、因政府信息公开工作被申请行政复议和提起行政诉讼情况” → 「四、政府信息公开行政复议、行政诉讼情况」" in log
    assert "“五、存在问题及改进情况”" in log and "“二.主动公开政府信息情况”" in log
    assert (folder / "5-problems.md").read_text(encoding="utf-8").startswith("2021年，全市政府信息公开工作")


def test_kangxi_radicals(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, folder = tolerant
    assert v["t2.penalty.decisions"] == 0  # ⾏政处罚 with U+2F8F
    assert "\u2f8f" not in (folder / "1-overview.md").read_text(encoding="utf-8")
    assert "2021年，示例市人民政府以推进政务公开" in (folder / "1-overview.md").read_text(encoding="utf-8")
    assert "1 个康熙部首等形近字符" in log


def test_blank_and_nbsp_cells_stay_empty(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = tolerant
    assert v["t3.new.business"] is None and v["t3.carried.natural"] is None
    assert v["t3.new.research"] == 0 and v["t3.carried.business"] == 0  # positions kept
    blanks = log.split("## 来源中空白的单元格")[1].split("## ")[0]
    assert "「一、本年新收政府信息公开申请数量」×「法人或其他组织 商业企业」：来源中空白" in blanks
    assert "「二、上年结转政府信息公开申请数量」×「自然人」：来源中空白" in blanks


def test_padded_full_width_and_grouped_numbers(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = tolerant
    assert v["t2.normative.issued"] == 49  # "  49 "
    assert v["t3.new.natural"] == 13  # "１３"
    assert v["t2.licensing.decisions"] == 1234 and "“1,234”，已去掉千位分隔符" in log


def test_page_text_before_and_after(tolerant: tuple[dict[str, Number | None], str, Path]) -> None:
    _, log, folder = tolerant
    overview = (folder / "1-overview.md").read_text(encoding="utf-8")
    assert overview.startswith("本报告依据《中华人民共和国政府信息公开条例》")
    assert "浏览次数" not in overview
    other = (folder / "6-other.md").read_text(encoding="utf-8")
    assert "版权所有" not in other and "2022年3月15日" not in other
    assert other.rstrip().endswith("一站式服务。")
    assert "published: 2022-03-15" in (folder / "report.yaml").read_text(encoding="utf-8")
    assert "报告正文之后的网页文字未导入" in log


def test_table_missing_altogether(missing: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = missing
    assert all(value is None for cell, value in v.items() if cell.startswith(("t3.", "t4.")))
    assert "表四 全部 15 格" in log and "来源中没有找到这张表" in log
    assert "表三中无法识别的文字“本年度未收到政府信息公开申请。”" in log


def test_tab_separated_rows_keep_blank_positions(missing: tuple[dict[str, Number | None], str, Path]) -> None:
    v, log, _ = missing
    assert (v["t2.normative.issued"], v["t2.normative.repealed"], v["t2.normative.in_force"]) == (2, None, 5)
    assert v["t2.penalty.decisions"] is None and "无法读取来源中的“—”" in log
    assert v["t2.fees.amount"] == Decimal(0) and v["t2.coercion.decisions"] == 0


def test_numbered_lines_stay_paragraphs(missing: tuple[dict[str, Number | None], str, Path]) -> None:
    _, _, folder = missing
    problems = (folder / "5-problems.md").read_text(encoding="utf-8")
    assert problems.endswith("1\\.公开内容不够全面。2023年，我镇将逐项梳理公开目录。\n\n2\\.更新不够及时。\n")


def test_prose_in_table_parts_is_kept_and_marked(missing: tuple[dict[str, Number | None], str, Path]) -> None:
    _, log, folder = missing
    problems = (folder / "5-problems.md").read_text(encoding="utf-8")
    head = problems.split("1\\.公开内容不够全面")[0]
    assert head.count("【导入待核】") == 2
    assert "本年度未收到政府信息公开申请。" in head and "本年度未发生政府信息公开行政复议、行政诉讼。" in head
    assert "已放入「五、存在的主要问题及改进情况」开头" in log
    assert "\n\n（一）主动公开\n\n" in (folder / "1-overview.md").read_text(encoding="utf-8")
