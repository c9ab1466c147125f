"""Roll-ups: each sum against the cells of the built reports (their own data.json), blanks, left-outs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rollupsite import (
    BLANK,
    BLANK_CELL,
    DRAFT,
    MISSING,
    YEARS,
    below,
    build,
    make_region,
    number,
    published,
    read_csv,
    record,
)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_region(tmp_path_factory.mktemp("region") / "site")
    build(root)
    return root


def _expected(root: Path, year: int, group: set[str] | None) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Every cell summed over the group's published reports, from their data.json; blanks apart."""
    out = root / "output"
    sums: dict[str, Any] = {}
    blanks: dict[str, list[str]] = {}
    for slug in published(root, year):
        if group is not None and slug not in group:
            continue
        rec = record(out, f"{slug}/{year}")
        for cid, v in rec["cells"].items():
            if v is None:
                blanks.setdefault(cid, []).append(rec["body_name"])
            else:
                sums[cid] = sums.get(cid, 0) + v
    return sums, blanks


def _check_csv(root: Path, rel: str, group: set[str] | None, year: int) -> list[dict[str, str]]:
    rows = read_csv(root / "output" / rel)
    sums, blanks = _expected(root, year, group)
    members = len([s for s in published(root, year) if group is None or s in group])
    assert len(rows) == 200  # every cell of the 2021 edition
    for row in rows:
        cid = row["字段编号"]
        assert int(row["计入报告数"]) == members
        if cid in blanks:
            assert row["合计"] == "", cid  # never a partial sum that looks complete, never 0
            assert row["空白的报告"].split("、") == blanks[cid]
            assert number(row["其余报告之和"]) == sums.get(cid, 0)
        else:
            assert number(row["合计"]) == sums[cid], cid
            assert row["空白报告数"] == "0" and row["其余报告之和"] == ""
    return rows


@pytest.mark.parametrize("year", YEARS)
def test_the_roll_up_of_all_bodies_is_the_sum_of_every_published_report(region: Path,
                                                                        year: int) -> None:
    rows = _check_csv(region, f"region/{year}/all.csv", None, year)
    assert {r["汇总范围"] for r in rows} == {"全部机关"}


@pytest.mark.parametrize("parent", ["b0000", "b0001", "b0010"])
def test_each_parent_rolls_up_itself_and_everything_below_it(region: Path, parent: str) -> None:
    for year in YEARS:
        _check_csv(region, f"region/{year}/of-{parent}.csv", below(parent), year)


def test_bodies_without_children_have_no_roll_up(region: Path) -> None:
    names = {p.name for p in (region / "output" / "region" / "2024").iterdir()}
    assert {n for n in names if n.startswith("of-") and n.endswith(".csv")
            and n.count(".") == 1} == {"of-b0000.csv", "of-b0001.csv", "of-b0010.csv"}


def _page_cells(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-field="([^"]+)"[^>]*>([^<]*)<', html))


def test_the_page_shows_the_same_sums_as_its_csv(region: Path) -> None:
    out = region / "output" / "region" / "2024"
    cells = _page_cells((out / "all.html").read_text(encoding="utf-8"))
    rows = {r["字段编号"]: r["合计"] for r in read_csv(out / "all.csv")}
    assert len(cells) == 200
    assert cells == rows  # a blank sum is an empty cell on the page too


def test_blank_cells_are_said_so_with_the_reports_and_the_others_sum(region: Path) -> None:
    html = (region / "output" / "region" / "2024" / "all.html").read_text(encoding="utf-8")
    name = record(region / "output", "b0005/2024")["body_name"]  # any member but the blank one
    blank_name = _name(region, BLANK)
    section = html[html.index('id="blanks-heading"'):html.index('id="figures-heading"')]
    assert "空白不等于零" in section and "「行政复议 结果纠正」" in section
    assert blank_name in section and name not in section
    others, _ = _expected(region, 2024, None)
    assert f"{others[BLANK_CELL]}（9 份报告）" in section
    # the year without blanks says that every cell is a full sum
    html23 = (region / "output" / "region" / "2023" / "all.html").read_text(encoding="utf-8")
    assert "没有空白单元格，每一格都是完整的合计" in html23


def _name(root: Path, key: str) -> str:
    text = (root / "content" / key.split("/")[0] / "body.yaml").read_text(encoding="utf-8")
    m = re.search(r"^name: (\S+)", text, re.M)
    assert m
    return m.group(1)


def test_drafts_and_missing_reports_are_left_out_with_the_reason(region: Path) -> None:
    html = (region / "output" / "region" / "2024" / "all.html").read_text(encoding="utf-8")
    left = html[html.index('id="left-out-heading"'):html.index('id="blanks-heading"')]
    assert re.search(_name(region, DRAFT) + r"</a>：报告为草稿，尚未发布，不计入", left)
    assert re.search(_name(region, MISSING) + r"</a>：无2024年度报告（缺报）", left)
    assert left.count("<li>") == 2
    members = html[html.index("计入的机关（"):html.index("</details>")]
    assert "计入的机关（10 个）" in members and _name(region, DRAFT) not in members


def test_the_breakdown_lists_each_member_and_the_same_totals(region: Path) -> None:
    out = region / "output" / "region" / "2024"
    html = (out / "all.bodies.html").read_text(encoding="utf-8")
    rollup = (out / "all.html").read_text(encoding="utf-8")
    assert 'href="all.bodies.html"' in rollup  # one click away
    for slug in published(region, 2024):
        assert f'href="../../{slug}/2024/index.html"' in html
    sums = {r["字段编号"]: r["合计"] for r in read_csv(out / "all.csv")}
    foot = re.search(r"表三：各机关数字.*?<tfoot><tr><th scope=\"row\">合计</th>(.*?)</tr>", html,
                     re.S)
    assert foot
    t3_totals = re.findall(r'class="num">([^<]*)<', foot.group(1))
    expected = [sums[c] for c in sums if c.startswith("t3.") and c.endswith(".total")]
    assert t3_totals == expected
    # the breakdown CSV: one row per member, in the page's order, each the member's own cells
    rows = read_csv(out / "all.bodies.csv")
    first = html[:html.index("</table>")]
    order = re.findall(r'href="\.\./\.\./(b\d+)/2024/index.html"', first)
    assert [r["机关目录"] for r in rows] == order
    assert sorted(order) == published(region, 2024)
    for r in rows:
        own = record(region / "output", f"{r['机关目录']}/2024")["cells"]
        assert number(r["「一、本年新收政府信息公开申请数量」×「总计」"]) == own["t3.new.total"]


def test_the_region_index_links_every_roll_up_and_shows_formulas(region: Path) -> None:
    html = (region / "output" / "region" / "index.html").read_text(encoding="utf-8")
    for year in YEARS:
        assert f'href="{year}/all.html"' in html
        for parent in ("b0000", "b0001", "b0010"):
            assert f'href="{year}/of-{parent}.html"' in html
    assert "（表三「（一）予以公开」+「（二）部分公开" in html
    assert '<svg' in html and 'role="img"' in html and "<desc" in html


def test_rollups_false_leaves_the_roll_ups_out(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site", "rollups: false\n")
    result = build(root)
    out = root / "output"
    assert not (out / "region").exists()
    assert not any(p.startswith("region/") for p in result.pages)
    assert not (out / "data" / "rollups.csv").exists()
    assert (out / "data" / "reports-wide.csv").is_file()


def test_the_index_links_the_roll_ups_and_every_roll_up_link_resolves(region: Path) -> None:
    out = region / "output"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="region/index.html"' in index and 'href="datapackage.json"' in index
    pages = sorted((out / "region").rglob("*.html"))
    assert len(pages) == 1 + 2 * 2 * 4  # the index; per year, all + 3 parents, page + breakdown
    for page in pages:
        for href in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
            if not href.startswith(("http:", "https:", "mailto:")):
                assert (page.parent / href).resolve().is_file(), (page, href)


def test_without_roll_ups_the_index_does_not_link_them(tmp_path: Path) -> None:
    root = make_region(tmp_path / "site", "rollups: false\n")
    build(root)
    index = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert "region/index.html" not in index and 'href="datapackage.json"' in index
