"""`gkgen check` as a user and CI meet it: exit codes, --strict, --format json, PATH scope."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import assert_findings, cli, cli_json, edit, make_site, report_dir

from gkgen.content.new import scaffold, write
from gkgen.model import Site

JSON_KEYS = {"id", "severity", "file", "line", "column", "message", "hint", "cells", "expected",
             "actual"}


def test_exit_0_without_errors(site: Path) -> None:
    result = cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert "共检查 1 份报告：0 个错误，0 个警告。" in result.output


def test_exit_1_with_errors_and_the_finding_printed(site: Path) -> None:
    edit(report_dir(site, 2022) / "4-reviews.yaml", "结果维持: 0", "结果维持: 无", line=4)
    result = cli("check", str(site))
    assert result.exit_code == 1
    assert "content/x/2022/4-reviews.yaml:4:14: 错误 R5 「行政复议 结果维持」" in result.output.replace(
        str(site) + "/", "")
    assert "提示：" in result.output


def test_exit_2_for_a_path_without_a_site(tmp_path: Path) -> None:
    result = cli("check", str(tmp_path))
    assert result.exit_code == 2
    assert "找不到 gkgen 站点" in result.output
    assert cli("check", str(tmp_path / "no-such-dir")).exit_code == 2


def test_strict_makes_warnings_fail(site: Path) -> None:
    edit(report_dir(site, 2022) / "6-other.md", "本年度未收取信息处理费。", "其他事项无。")
    assert cli("check", str(site)).exit_code == 0
    result = cli("check", "--strict", str(site))
    assert result.exit_code == 1
    assert "N3" in result.output


def test_json_is_a_list_of_objects_with_exactly_the_documented_keys(site: Path) -> None:
    edit(report_dir(site, 2022) / "4-reviews.yaml", "结果维持: 0", "结果维持: 1", line=4)
    edit(report_dir(site, 2022) / "6-other.md", "本年度未收取信息处理费。", "其他事项无。")
    result = cli("check", "--format", "json", str(site))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    for obj in data:
        assert set(obj) == JSON_KEYS
        assert isinstance(obj["line"], int) and isinstance(obj["column"], int)
        for cell in obj["cells"]:
            assert set(cell) == {"field", "label"}
    r4 = next(o for o in data if o["id"] == "R4")
    assert (r4["severity"], r4["expected"], r4["actual"]) == ("error", 1, 0)
    assert r4["cells"][0] == {"field": "t4.review.total", "label": "「行政复议 总计」"}
    n3 = next(o for o in data if o["id"] == "N3")
    assert (n3["severity"], n3["cells"], n3["expected"]) == ("warning", [], None)


def test_json_of_a_clean_site_is_an_empty_list(site: Path) -> None:
    result = cli("check", "--format", "json", str(site))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def _two_bodies(root: Path) -> Path:
    """Body x with 2021 and 2022 (2022 contradicting 2021's 结转), body y broken."""
    make_site(root, (2021, 2022))
    t3_2021 = report_dir(root, 2021) / "3-requests.yaml"
    for line in (4, 33):
        edit(t3_2021, "自然人: 0", "自然人: 2", line=line)
        edit(t3_2021, "总计: 0", "总计: 2", line=line)
    edit(report_dir(root, 2021) / "4-reviews.yaml", "结果维持: 0", "结果维持: 无", line=4)
    write(scaffold(Site(root=root), "y", 2022, None, "某市另一局", "department"))
    edit(report_dir(root, 2022, "y") / "4-reviews.yaml", "结果纠正: 0", "结果纠正: -1", line=4)
    return root


def test_scope_a_report_folder_still_sees_the_previous_year(tmp_path: Path) -> None:
    root = _two_bodies(tmp_path / "site")
    got = cli_json(root)
    assert {(f["id"], f["file"]) for f in got if f["severity"] == "error"} == {
        ("R5", "content/x/2021/4-reviews.yaml"), ("R5", "content/y/2022/4-reviews.yaml")}
    scoped = cli_json(root, root / "content" / "x" / "2022")
    assert_findings(scoped, [
        {"id": "Y1", "file": "content/x/2022/3-requests.yaml", "line": 6, "column": 25,
         "expected": 2, "actual": 0},
        {"id": "Y1", "file": "content/x/2022/3-requests.yaml", "line": 6, "column": 79},
    ])
    result = cli("check", str(root / "content" / "x" / "2022"))
    assert result.exit_code == 0  # the 2021 error and body y's error are out of scope
    assert "共检查 1 份报告" in result.output


def test_scope_a_body_folder(tmp_path: Path) -> None:
    root = _two_bodies(tmp_path / "site")
    y = cli_json(root, root / "content" / "y")
    assert {(f["id"], f["file"]) for f in y if f["severity"] == "error"} == {
        ("R5", "content/y/2022/4-reviews.yaml")}
    assert {f["id"] for f in y} == {"R5", "N4", "N5"}  # y is still a bare scaffold: no text, no date
    assert all(f["file"].startswith("content/y/") for f in y)
    assert cli("check", str(root / "content" / "y")).exit_code == 1
    x = cli_json(root, root / "content" / "x")
    assert all(f["file"].startswith("content/x/") for f in x)
    assert sorted(f["id"] for f in x) == ["R5", "Y1", "Y1"]


def test_scope_includes_the_settings_a_report_depends_on(site: Path) -> None:
    edit(site / "content" / "x" / "body.yaml", "level: department", "level: 部门")
    scoped = cli_json(site, report_dir(site, 2022))
    assert [(f["id"], f["file"]) for f in scoped] == [("F7", "content/x/body.yaml")]


def test_check_runs_from_inside_the_site_by_default(site: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.chdir(report_dir(site, 2022))
    result = cli("check")
    assert result.exit_code == 0 and "共检查 1 份报告" in result.output
