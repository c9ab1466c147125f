"""The scraped sample (flattened cells, blanks lost) and a 2019-edition report copied as text."""

from __future__ import annotations

import json
from pathlib import Path

from test_import_common import FIXTURES, empty_site, run, typed

LEGACY = FIXTURES / "legacy-report-2021-flattened.txt"
T3_COLS = ("natural", "business", "research", "charity", "legal", "other", "total")


def _import_legacy(root: Path) -> tuple[Path, str]:
    res = run(empty_site(root), "import", str(LEGACY), "--body", "legacy", "--year", "2021",
              "--name", "某市某办公室")
    assert res.exit_code == 0, res.output
    return root / "content" / "legacy" / "2021", res.output


def test_legacy_asks_for_the_year_instead_of_guessing(tmp_path: Path) -> None:
    res = run(empty_site(tmp_path), "import", str(LEGACY), "--body", "legacy")
    assert res.exit_code == 2
    assert "无法确定报告年度" in res.output and "--year" in res.output
    assert not (tmp_path / "content" / "legacy").exists()


def test_legacy_certain_cells_are_read(tmp_path: Path) -> None:
    _import_legacy(tmp_path)
    v = typed(tmp_path, "legacy", 2021)
    assert (v["t2.normative.issued"], v["t2.normative.repealed"], v["t2.normative.in_force"]) == (49, 0, 49)
    assert (v["t2.rules.issued"], v["t2.licensing.decisions"], v["t2.fees.amount"]) == (0, 0, 0)


def test_legacy_lost_positions_are_left_empty_and_logged(tmp_path: Path) -> None:
    folder, output = _import_legacy(tmp_path)
    v = typed(tmp_path, "legacy", 2021)
    for row in ("new", "result.granted", "result.total", "carried"):
        assert all(v[f"t3.{row}.{c}"] is None for c in T3_COLS), row
    assert all(value is None for cell, value in v.items() if cell.startswith("t4."))
    log = (folder / "import-log.md").read_text(encoding="utf-8")
    lost = log.split("## 来源中空白的单元格")[0]
    for row in ("「一、本年新收政府信息公开申请数量」行", "（一）予以公开」行", "（七）总计」行"):
        assert row in lost and "来源只印出 2 个数字（13、13），本行有 7 格" in lost
    assert "可能：自然人=13、总计=13" in lost
    assert "来源只印出 4 个数字（1、1、2、2），本行有 15 格" in lost
    assert "可能：行政复议结果维持=1、行政复议总计=1、未经复议直接起诉结果维持=2、未经复议直接起诉总计=2" in lost
    assert "「二、上年结转政府信息公开申请数量」行" in log.split("## 来源中空白的单元格")[1]
    assert "“商业 企业” → 「商业企业」" in log
    assert "「一、本年新收政府信息公开申请数量」行" in output  # the summary names them too


def test_legacy_check_reports_the_sources_faults(tmp_path: Path) -> None:
    _import_legacy(tmp_path)
    res = run(tmp_path, "check", "--format", "json")
    found = json.loads(res.stdout)
    n2 = [f for f in found if f["id"] == "N2"]
    assert n2 and n2[0]["file"].endswith("5-problems.md") and "2021年,我办将" in n2[0]["message"]
    blanks = {c["field"] for f in found if f["id"] == "R5" for c in f["cells"]}
    assert {"t3.new.natural", "t3.carried.total", "t4.review.total"} <= blanks
    assert "t2.normative.issued" not in blanks


def test_legacy_narrative_is_kept_verbatim(tmp_path: Path) -> None:
    folder, _ = _import_legacy(tmp_path)
    overview = (folder / "1-overview.md").read_text(encoding="utf-8")
    assert overview.startswith("一、重点领域信息公开\n\n(一)做好精准扶贫领域信息公开。")
    assert "\n\n四,政府信息公开条例落实\n\n" in overview  # the part's own headings stay paragraphs
    problems = (folder / "5-problems.md").read_text(encoding="utf-8")
    assert "2021年,我办将着力做好以下工作:" in problems  # never corrected: check reports it
    assert (folder / "6-other.md").read_text(encoding="utf-8") == "无\n"


def test_2019_edition_imports_as_2019_and_checks_with_its_rules(tmp_path: Path) -> None:
    res = run(empty_site(tmp_path), "import", str(FIXTURES / "report-2019-tabs.txt"), "--body", "czj")
    assert res.exit_code == 0, res.output
    assert "格式版本：2019（表二中有“本年新制作数量”" in res.output
    assert "年度：2020（标题“示例县财政局2020年度政府信息公开工作年度报告”及统计期限）" in res.output
    folder = tmp_path / "content" / "czj" / "2020"
    assert 'edition: "2019"' in (folder / "report.yaml").read_text(encoding="utf-8")
    assert "published: 2021-01-20" in (folder / "report.yaml").read_text(encoding="utf-8")
    v = typed(tmp_path, "czj", 2020)
    assert v["t2.licensing.change"] == -2 and str(v["t2.procurement.amount"]) == "86.4"
    assert v["t3.result.other.natural"] == 1  # the 2019 （六）其他处理 has no sub-items
    assert v["t3.new.total"] == 7  # the source's own (wrong) total is kept as typed
    found = json.loads(run(tmp_path, "check", "--format", "json").stdout)
    assert [(f["id"], f["cells"][0]["field"]) for f in found if f["id"] in ("R2", "R5")] == [
        ("R2", "t3.new.total")]
    assert "版权所有" not in (folder / "6-other.md").read_text(encoding="utf-8")
