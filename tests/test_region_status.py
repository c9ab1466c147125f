"""Publication status and deadlines (issue 11, point 2): every status with fixed dates, and `gkgen status`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import cli
from regionsite import region_site

from gkgen.region.status import DRAFT, LATE, MISSING, NOT_DUE, ON_TIME, covered_years, due, status

D = dt.date


def test_deadlines_by_level() -> None:
    assert due("department", None, "02-28", 2022) == D(2023, 1, 31)
    assert due("government", None, "02-28", 2022) == D(2023, 3, 31)
    assert due("township", None, "02-28", 2022) == D(2023, 2, 28)
    assert due("township", None, "02-28", 2023) == D(2024, 2, 29)  # the end of February, leap year
    assert due("township", None, "03-15", 2022) == D(2023, 3, 15)  # site.yaml township_deadline
    assert due("department", "02-28", "02-28", 2023) == D(2024, 2, 29)  # body.yaml deadline


def test_on_time() -> None:
    s = status(D(2023, 1, 31), D(2023, 6, 1), True, D(2023, 1, 31), False)
    assert (s.kind, s.days, s.problem) == (ON_TIME, 0, False)
    assert s.text == "按时发布（2023年1月31日发布，期限2023年1月31日）"


def test_late_by_n_days() -> None:
    s = status(D(2023, 1, 31), D(2023, 6, 1), True, D(2023, 2, 20), False)
    assert (s.kind, s.days, s.problem) == (LATE, 20, True)
    assert s.short == "逾期20天"
    assert s.text.startswith("逾期20天发布（2023年2月20日发布")


def test_not_yet_due() -> None:
    s = status(D(2023, 1, 31), D(2023, 1, 31), False, None, False)  # the deadline day itself
    assert (s.kind, s.problem) == (NOT_DUE, False)
    assert s.text == "尚未发布，未到期限（期限2023年1月31日）"


def test_missing() -> None:
    s = status(D(2023, 1, 31), D(2023, 2, 1), False, None, False)
    assert (s.kind, s.days, s.problem) == (MISSING, 1, True)
    assert s.short == "缺报"


def test_published_in_the_future_counts_as_absent() -> None:
    assert status(D(2023, 1, 31), D(2023, 1, 10), True, D(2023, 1, 20), False).kind == NOT_DUE
    assert status(D(2023, 1, 31), D(2023, 2, 10), True, D(2023, 2, 20), False).kind == MISSING


def test_draft_before_and_after_the_deadline() -> None:
    before = status(D(2023, 1, 31), D(2023, 1, 5), True, None, True)
    after = status(D(2023, 1, 31), D(2023, 2, 5), True, D(2023, 1, 20), True)  # draft: true wins
    assert (before.kind, before.problem) == (DRAFT, False)
    assert (after.kind, after.days, after.overdue, after.problem) == (DRAFT, 5, True, True)
    assert "已过期限5天" in after.text


def test_covered_years() -> None:
    assert covered_years((2023, 2021), {2022}) == [2021, 2023]
    assert covered_years((), {2020, 2023}) == [2020, 2021, 2022, 2023]
    assert covered_years((), set()) == []


@pytest.fixture
def region(tmp_path: Path) -> Path:
    return region_site(tmp_path / "site")


def test_status_table(region: Path) -> None:
    result = cli("status", "--site", str(region))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "发布状态截至 2024-06-30" in out  # site.yaml status_date
    block = out[out.index("2023 年度"):out.index("2022 年度")]
    names = ["某市人民政府", "某市人力资源和社会保障局", "某市教育局", "某市自然资源和规划局",
             "某市城关镇人民政府"]
    assert [block.index(n) for n in names] == sorted(block.index(n) for n in names)
    assert "逾期20天发布（2024年2月20日发布，期限2024年1月31日）" in block
    assert "缺报：已过期限" in block and "草稿，尚未发布，已过期限" in block
    assert "共 10 项：逾期发布 1 项，缺报（含过期未发布的草稿）2 项。" in out


def test_status_json_one_year(region: Path) -> None:
    result = cli("status", "2023", "--site", str(region), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2024-06-30" and data["years"] == [2023]
    got = {r["body"]: (r["status"], r["days"], r["published"]) for r in data["reports"]}
    assert got == {"gov": ("on_time", 0, "2024-03-20"), "hrss": ("on_time", 0, "2024-01-26"),
                   "edu": ("late", 20, "2024-02-20"), "nr": ("missing", 151, None),
                   "town": ("draft", 122, None)}
    assert {r["parent"] for r in data["reports"]} == {None, "gov"}


def test_status_on_another_day(region: Path) -> None:
    data = json.loads(cli("status", "2023", "--site", str(region), "--format", "json",
                          "--date", "2024-01-10").stdout)
    got = {r["body"]: r["status"] for r in data["reports"]}
    assert got == {"gov": "not_due", "hrss": "not_due", "edu": "not_due", "nr": "not_due",
                   "town": "draft"}


def test_strict_exit_codes(region: Path) -> None:
    assert cli("status", "--site", str(region), "--strict").exit_code == 1  # late, missing
    assert cli("status", "2022", "--site", str(region), "--strict").exit_code == 0  # all on time
    assert cli("status", "2023", "--site", str(region), "--strict",
               "--date", "2024-01-10").exit_code == 0  # nothing due yet


def test_unknown_year_is_a_usage_error(region: Path) -> None:
    result = cli("status", "2019", "--site", str(region))
    assert result.exit_code == 2 and "站点没有 2019 年度" in result.output
    assert "Traceback" not in result.output


def test_status_is_in_the_help() -> None:
    assert "status" in cli("--help").output
    assert "--strict" in cli("status", "--help").output
