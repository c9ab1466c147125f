"""Every check id (spec section 7) on small real sites: fixtures that trigger it and ones that don't.

tests/fixtures/checks/<case>/expected.yaml holds the edits to a fresh scaffold and the exact
findings; tests/fixtures/bad/ holds the loader's F ids. The unit tests below pin the thresholds
and patterns that fixtures cannot show one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import (
    FIXTURES,
    NARRATIVES,
    apply_case,
    assert_findings,
    cases,
    cli,
    edit,
    findings,
    make_site,
    report_dir,
)

from gkgen.checks.narrative import _PERIOD, _PLAN, FIGURE_PHRASES
from gkgen.checks.years import MIN_CHARS, SIMILAR, similarity
from gkgen.findings import CHECKS


@pytest.mark.parametrize("case", cases("checks"))
def test_check_case(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    spec = apply_case(case, root)
    assert_findings(findings(root), spec["findings"])
    result = cli("check", str(root))
    assert result.exit_code == spec["exit"], result.output
    assert "Traceback" not in result.output


def _expected_ids(kind: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for folder in sorted((FIXTURES / kind).iterdir()):
        spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        for f in spec["findings"]:
            out.setdefault(f["id"], []).append(folder.name)
    return out


def test_every_check_id_has_a_triggering_fixture() -> None:
    seen = _expected_ids("checks") | _expected_ids("bad")
    assert sorted(CHECKS) == sorted(seen), set(CHECKS) ^ set(seen)


def test_every_relation_and_year_check_has_a_quiet_fixture() -> None:
    """For each check a case where its rule is exercised with real figures and holds."""
    quiet = {p.name for p in (FIXTURES / "checks").iterdir()
             if not yaml.safe_load((p / "expected.yaml").read_text(encoding="utf-8"))["findings"]}
    for prefix in ("r1", "r4", "r5", "y1", "y2", "y3", "n1", "n2", "n5"):
        assert any(q.startswith(prefix) for q in quiet), prefix


def test_severity_can_be_raised_and_turned_off(tmp_path: Path) -> None:
    root = tmp_path / "site"
    apply_case(FIXTURES / "checks" / "n3-no-fee", root)
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "checks:\n  N3: error\n",
                         encoding="utf-8")
    assert [(f["id"], f["severity"]) for f in findings(root)] == [("N3", "error")]
    assert cli("check", str(root)).exit_code == 1
    edit(site_yaml, "N3: error", "N3: off")
    assert findings(root) == []


def test_unknown_check_id_in_site_yaml(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "checks:\n  Z9: off\n",
                         encoding="utf-8")
    assert_findings(findings(root), [{"id": "F7", "file": "content/site.yaml", "line": 8,
                                      "column": 3, "message": "未知的检查编号“Z9”"}])


# --- Y3: how similar is "nearly identical" -------------------------------------------------

BASE = ("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "全年主动公开政府信息1234条，办理依申请公开事项，持续加强政府信息管理和平台建设，"
        "不断提升政务公开工作质量和实效。")


def test_y3_same_text_with_new_figures_is_a_copy() -> None:
    assert similarity(BASE, BASE.replace("1234", "98765")) == 1.0


def test_y3_copy_with_one_added_sentence_is_still_a_copy() -> None:
    assert similarity(BASE, BASE + "全年未发生行政复议案件。") >= SIMILAR


def test_y3_shared_opening_but_new_content_is_not_a_copy() -> None:
    other = ("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，围绕优化营商环境重点公开涉企政策，"
             "新设政策解读专栏，举办政府开放日活动两次，邀请企业代表参与政策起草。")
    assert similarity(BASE, other) < SIMILAR


def test_y3_short_parts_are_not_compared(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", (2021, 2022))
    short = NARRATIVES[6]  # part 六 is the same every year, and rightly so
    assert len(short) < MIN_CHARS
    assert (report_dir(root, 2021) / "6-other.md").read_text(encoding="utf-8") == short
    assert [f for f in findings(root) if f["id"] == "Y3"] == []


# --- N1 / N2 patterns ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cell", "number"), [
    ("本年度共收到政府信息公开申请13件", "t3.new.total", "13"),
    ("新收政府信息公开申请数量 7 件", "t3.new.total", "7"),
    ("共办理依申请公开13件", "t3.result.total.total", "13"),
    ("上年结转政府信息公开申请2件", "t3.carried.total", "2"),
    ("结转下年度继续办理3件", "t3.forward.total", "3"),
    ("发生政府信息公开行政复议案件2件", "t4.review.total", "2"),
    ("制发行政规范性文件5件", "t2.normative.issued", "5"),
    ("制作规范性文件4件", "t2.normative.made", "4"),
    ("予以公开13件", "t3.result.granted.total", "13"),
    ("全年行政诉讼3件", "t4.suit.direct.total", "3"),
    ("上年结转2件", "t3.carried.total", "2"),
])
def test_n1_phrases_name_their_cell(text: str, cell: str, number: str) -> None:
    import re

    hits = [(ids, m.group(1)) for pattern, ids in FIGURE_PHRASES for m in re.finditer(pattern, text)]
    assert any(cell in ids and n == number for ids, n in hits), hits


@pytest.mark.parametrize("text", ["收到申请后5个工作日内答复", "主动公开政府信息1234条",
                                  "新收申请中自然人占60%", "部分予以公开4件",
                                  "行政复议结果维持1件", "上年度行政诉讼中尚未审结的1件已判决",
                                  "经审查确定予以公开的公文812件"])
def test_n1_phrases_do_not_read_other_numbers(text: str) -> None:
    import re

    assert [m.group(0) for p, _ in FIGURE_PHRASES for m in re.finditer(p, text)] == []


@pytest.mark.parametrize(("text", "years"), [
    ("2021年，我办将着力做好以下工作", ["2021"]),
    ("2022年我局将进一步加强培训", ["2022"]),
    ("2022年度，计划开展专项检查", ["2022"]),
    ("2023年，我局将丰富解读形式", ["2023"]),
    ("针对2022年工作中发现的问题，我局将整改", []),
    ("2022年存在的问题主要是培训不足，下一步将加强", []),
    ("2022年着力解决了解读形式单一的问题", []),
])
def test_n2_plan_years(text: str, years: list[str]) -> None:
    assert [m.group(1) for m in _PLAN.finditer(text)] == years


@pytest.mark.parametrize(("text", "years"), [
    ("统计期限为2022年1月1日至2022年12月31日", ("2022", "2022")),
    ("自2022年1月1日起至12月31日止", ("2022", None)),
    ("2022年1月至12月", ("2022", None)),
])
def test_n2_statistics_period(text: str, years: tuple[str, str | None]) -> None:
    m = _PERIOD.search(text)
    assert m is not None and m.groups() == years


def test_n4_fresh_scaffold_parts_are_empty(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", narratives=False)
    got = findings(root)
    assert [(f["id"], f["file"]) for f in got] == [
        ("N4", f"content/x/2022/{name}") for name in ("1-overview.md", "5-problems.md", "6-other.md")]
    assert (report_dir(root, 2022) / "1-overview.md").read_text(encoding="utf-8").startswith("{#")


@pytest.mark.parametrize(("text", "other"), [
    ("比上年收到政府信息公开申请15件减少2件", True),
    ("2021年共收到政府信息公开申请20件", True),
    ("去年同期收到政府信息公开申请9件", True),
    ("2022年共收到政府信息公开申请13件", False),
    ("与上年相比，本年收到申请15件", False),
    ("全年收到申请15件", False),
])
def test_n1_skips_figures_about_another_year(text: str, other: bool) -> None:
    from gkgen.checks.narrative import _about_another_year

    assert _about_another_year(text, text.index("收到"), 2022) is other
