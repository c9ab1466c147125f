"""`gkgen new`: every cell present and zero, labels verbatim, never overwrite, carry over."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, edit, findings, report_dir

from gkgen.content.load import load_site
from gkgen.format import EDITIONS, edition


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("key", EDITIONS)
def test_every_cell_is_present_zero_and_labelled(cwd: Path, key: str) -> None:
    result = cli("new", "x", "2022", "--name", "某市某局", "--edition", key)
    assert result.exit_code == 0, result.output
    loaded = load_site(cwd)
    assert loaded.findings == []
    report = loaded.site.bodies["x"].reports[2022]
    assert report.edition.key == key
    ids = set(edition(key).cells)
    assert set(report.values) == ids
    assert all(v.value == 0 and v.typed and v.pos.line > 0 for v in report.values.values())
    for table in edition(key).tables:
        text = (report_dir(cwd, 2022) / edition(key).parts[table.part - 1].filename).read_text(
            encoding="utf-8")
        for cell in table.cells:
            for label in cell.yaml_path:
                assert label in text, (cell.id, label)


def test_default_edition_follows_the_year(cwd: Path) -> None:
    assert cli("new", "x", "2020", "--name", "某市某局").exit_code == 0
    assert 'edition: "2019"' in (report_dir(cwd, 2020) / "report.yaml").read_text(encoding="utf-8")
    assert cli("new", "x", "2021").exit_code == 0
    assert 'edition: "2021"' in (report_dir(cwd, 2021) / "report.yaml").read_text(encoding="utf-8")


def test_fresh_scaffold_passes_check_with_only_warnings_for_what_is_still_to_write(cwd: Path) -> None:
    assert cli("new", "x", "2022", "--name", "某市某局").exit_code == 0
    got = findings(cwd)
    assert {(f["id"], f["severity"]) for f in got} == {("N4", "warning"), ("N5", "warning")}
    assert [f["id"] for f in got].count("N4") == 3  # parts 一、五、六
    n5 = [f for f in got if f["id"] == "N5"]  # the publication date is filled in on publication
    assert len(n5) == 1 and "尚未填写发布日期（法定期限 2023-01-31）" in n5[0]["message"]
    result = cli("check")
    assert result.exit_code == 0 and "0 个错误，4 个警告" in result.output


def test_never_overwrites_an_existing_report(cwd: Path) -> None:
    assert cli("new", "x", "2022", "--name", "某市某局").exit_code == 0
    edit(report_dir(cwd, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 7", line=4)
    before = snapshot(cwd)
    result = cli("new", "x", "2022", "--name", "另一个名字")
    assert result.exit_code == 1
    assert "报告已存在，未做任何修改" in result.output
    assert snapshot(cwd) == before


def test_new_year_for_an_existing_body_keeps_body_yaml(cwd: Path) -> None:
    assert cli("new", "x", "2021", "--name", "某市某局").exit_code == 0
    body = (cwd / "content" / "x" / "body.yaml").read_bytes()
    assert cli("new", "x", "2022", "--name", "别的名字").exit_code == 0
    assert (cwd / "content" / "x" / "body.yaml").read_bytes() == body


def test_carries_over_from_last_year_and_says_so(cwd: Path) -> None:
    assert cli("new", "x", "2021", "--name", "某市某局").exit_code == 0
    t3 = report_dir(cwd, 2021) / "3-requests.yaml"
    for line, value in ((4, "5"), (33, "5")):  # 5 new, all still open at year end
        edit(t3, "商业企业: 0", f"商业企业: {value}", line=line)
        edit(t3, "总计: 0", f"总计: {value}", line=line)
    edit(report_dir(cwd, 2021) / "2-proactive.yaml", "现行有效件数: 0", "现行有效件数: 12", line=6)
    result = cli("new", "x", "2022")
    assert result.exit_code == 0, result.output
    assert "已带入：表三“二、上年结转政府信息公开申请数量”取自 2021 年报告" in result.output
    assert "已带入：表二“现行有效件数”取自 2021 年报告" in result.output
    report = load_site(cwd).site.bodies["x"].reports[2022]
    assert report.number("t3.carried.business") == 5
    assert report.number("t3.carried.total") == 5
    assert report.number("t3.forward.business") == 5  # open until the author records an outcome
    assert report.number("t2.normative.in_force") == 12
    assert "取自 2021 年报告" in (report_dir(cwd, 2022) / "3-requests.yaml").read_text(encoding="utf-8")
    errors = [f for f in findings(cwd) if f["severity"] == "error" or f["id"] in ("Y1", "Y2")]
    assert errors == []


def test_placeholder_name_is_flagged(cwd: Path) -> None:
    assert cli("new", "x", "2022").exit_code == 0
    got = [f for f in findings(cwd) if f["id"] not in ("N4", "N5")]
    assert [(f["id"], f["file"], f["line"], f["column"]) for f in got] == [
        ("F7", "content/x/body.yaml", 2, 7)]
    assert "机关全称尚未填写" in got[0]["message"]
    assert cli("check").exit_code == 1


@pytest.mark.parametrize("slug", ["../up", ".hidden", "a b", "_x"])
def test_bad_body_folder_name_is_a_usage_error(cwd: Path, slug: str) -> None:
    result = cli("new", slug, "2022", "--name", "某市某局")
    assert result.exit_code == 2
    assert not (cwd / "content").exists()
