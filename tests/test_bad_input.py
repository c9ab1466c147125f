"""Deliberately broken inputs (tests/fixtures/bad/<case>/): exact findings, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, apply_case, cases, check_case, findings

BAD = cases("bad")


def test_there_is_a_case_for_every_bad_input_class() -> None:
    assert len(BAD) >= 25


@pytest.mark.parametrize("case", BAD)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    spec, result = check_case(case, root)
    assert spec["findings"], "a bad input must say what is wrong"
    for f in spec["findings"]:
        assert f"{f['id']} " in result.output  # printed with its id…
        assert f"{f['file']}:{f['line']}:{f['column']}" in result.output.replace(str(root) + "/", "")


@pytest.mark.parametrize("name", ["gbk-table", "yaml-tab-indent", "jinja-unclosed", "bom-table"])
def test_bad_input_in_a_real_process(name: str, tmp_path: Path) -> None:
    """python -m gkgen check in its own process, run from inside the site."""
    root = tmp_path / "site"
    spec = apply_case(FIXTURES / "bad" / name, root)
    proc = subprocess.run([sys.executable, "-m", "gkgen", "check"], cwd=root, capture_output=True,
                          text=True, timeout=60)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    assert proc.returncode == spec["exit"], out
    for f in spec["findings"]:
        assert f"{f['file']}:{f['line']}:{f['column']}: " in out
        assert f["message"] in out


def test_an_imported_report_gets_one_blank_finding_per_empty_row(tmp_path: Path) -> None:
    """gkgen import leaves the rows a legacy report lost blank: one R5 a row, not one a cell."""
    from test_import_common import FIXTURES as IMPORTS
    from test_import_common import empty_site, run

    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(IMPORTS / "legacy-report-2021-flattened.txt"), "--body", "legacy",
              "--year", "2021", "--name", "某市某办公室")
    assert res.exit_code == 0, res.output
    blanks = [f for f in findings(root) if f["id"] == "R5"]
    rows = [f for f in blanks if "这一行" in f["message"]]
    t3_row = next(f for f in rows if f["message"].startswith("「一、本年新收政府信息公开申请数量」"))
    assert t3_row["message"] == "「一、本年新收政府信息公开申请数量」这一行 7 个单元格都是空白。空白不等于零。"
    assert (t3_row["file"], t3_row["line"], t3_row["column"]) == ("content/legacy/2021/3-requests.yaml", 5, 1)
    assert [c["field"] for c in t3_row["cells"]] == [
        f"t3.new.{c}" for c in ("natural", "business", "research", "charity", "legal", "other", "total")]
    cells = [c["field"] for f in blanks for c in f["cells"]]
    assert len(cells) == len(set(cells)) >= 150  # every blank cell is still named, once
    assert len(blanks) <= 40, [f["message"] for f in blanks]
    assert all(len(f["cells"]) > 1 for f in rows)


def test_an_unreadable_path_says_why_in_chinese(tmp_path: Path) -> None:
    from gkgen.content.source import read_text
    from gkgen.findings import Finding

    out: list[Finding] = []
    assert read_text(tmp_path, out) is None  # a folder where a file belongs
    assert [(f.id, f.message) for f in out] == [("F6", "无法读取文件：这是一个文件夹，不是文件。")]
    assert out[0].hint and "读取权限" in out[0].hint


@pytest.mark.parametrize(("line", "column"), [
    ("  行政事业性收费: {本年收费金额（单位：万元）: 0", None),  # the label's own colon
    ("    3.危及“三安全一稳定”: {自然人: 0, 其他: 0", None),  # the label's own quotes
    ('name: "某市（县）局：办公室"', None),  # quoted text
    ("行政复议: {结果维持: 0  # 注：去年为 1", None),  # a comment
    ("行政复议: {结果维持: 0， 结果纠正: 0", 15),
    ("  行政事业性收费：{本年收费金额（单位：万元）: 0", 10),
    ("    3.危及“三安全一稳定”: {自然人: 0，其他: 0", 26),
])
def test_only_typed_full_width_punctuation_is_blamed(line: str, column: int | None) -> None:
    from gkgen.content.fullwidth import find_lookalike

    found = find_lookalike([line], 0, 0)
    assert (found.column if found else None) == column


@pytest.mark.parametrize(("line", "column"), [
    ("name: 某市某局，办公室", None),  # a comma in a value outside brackets is text
    ("title: 【某市】2022年报告", None),  # brackets around words are text
    ("name：某市某局", 5),
    ("行政复议: 【0, 0, 0, 0, 0】", 7),
    ("行政复议: {结果维持: 0, 总计: 0｝", 22),
    ("  　规章: {本年制发件数: 0}", 3),  # a full-width space in the indentation
])
def test_full_width_punctuation_counts_only_where_yaml_needs_ascii(line: str, column: int | None) -> None:
    from gkgen.content.fullwidth import find_lookalike

    found = find_lookalike([line], 0, 0)
    assert (found.column if found else None) == column
