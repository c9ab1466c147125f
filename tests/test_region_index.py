"""The site index as a 年报专栏 (issue 11, points 1–2): hierarchy order, statuses as text, held drafts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildsite import Tags
from regionsite import region_site, set_date

from gkgen.build.site import BuildResult, build_site
from gkgen.model import Body
from gkgen.region.hierarchy import tree


def _body(slug: str, name: str, level: str, parent: str = "", order: int | None = None) -> Body:
    return Body(slug, Path(slug), name, level, parent=parent, order=order)


def test_tree_order_government_departments_townships() -> None:
    t = tree([
        _body("a-town", "甲镇人民政府", "township", "某市人民政府"),
        _body("b-edu", "某市教育局", "department", "gov"),
        _body("c-hrss", "某市人社局", "department", "某市人民政府", order=1),
        _body("gov", "某市人民政府", "government"),
        _body("lone", "西县人民政府", "government", "不存在的上级"),
        _body("d-sub", "教育局下属中心", "department", "b-edu"),
    ])
    assert [n.slug for n in t.ordered()] == ["gov", "c-hrss", "b-edu", "d-sub", "a-town", "lone"]
    assert [n.depth for n in t.ordered()] == [0, 1, 1, 2, 1, 0]
    assert t.parent_of("d-sub") is not None and t.parent_of("d-sub").slug == "b-edu"  # type: ignore[union-attr]


def test_a_parent_loop_keeps_the_first_link() -> None:
    t = tree([_body("a", "甲", "department", "b"), _body("b", "乙", "department", "a")])
    assert [(n.slug, n.depth) for n in t.ordered()] == [("b", 0), ("a", 1)]


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = region_site(tmp_path_factory.mktemp("region") / "site")
    result = build_site(root, root / "output", pdf=False, office=False, jobs=1, drafts=False)
    assert result.ok, [f"{f.pos} {f.id} {f.message}" for f in result.findings]
    return root, result


def _rows(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [re.sub(r"<[^>]+>", "", row) for row in body.split("<tr")[1:]]


def test_index_lists_bodies_in_hierarchy_order(region: tuple[Path, BuildResult]) -> None:
    root, _ = region
    rows = _rows((root / "output" / "index.html").read_text(encoding="utf-8"))
    names = [r.split("（")[0].split(">", 1)[-1].strip() for r in rows]
    assert names == ["某市人民政府", "某市人力资源和社会保障局", "某市教育局", "某市自然资源和规划局",
                     "某市城关镇人民政府"]


def test_index_shows_every_status_as_text(region: tuple[Path, BuildResult]) -> None:
    root, _ = region
    html = (root / "output" / "index.html").read_text(encoding="utf-8")
    rows = dict(zip(["gov", "hrss", "edu", "nr", "town"], _rows(html), strict=True))
    assert "按时发布" in rows["gov"] and "2024年3月20日发布" in rows["gov"]
    assert "逾期20天" in rows["edu"] and "2024年2月20日发布" in rows["edu"]
    assert rows["nr"].count("缺报") == 1  # 2023 only; 2022 on time
    assert "草稿" in rows["town"]
    assert "发布状态截至2024年6月30日" in html
    assert "2023年度：按时发布 2 个，逾期发布 1 个，缺报 1 个，草稿 1 个" in html


def test_a_held_draft_shows_its_status_and_nothing_of_its_content(region: tuple[Path, BuildResult]) -> None:
    root, result = region
    out = root / "output"
    assert result.held == ["town/2023"]
    assert not (out / "town" / "2023").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="town/2023/' not in index
    body = (out / "town" / "index.html").read_text(encoding="utf-8")
    assert "状态：草稿，尚未发布，已过期限122天（期限2024年2月29日）" in body
    assert 'href="2023/' not in body


def test_body_page_names_level_parent_and_status(region: tuple[Path, BuildResult]) -> None:
    root, _ = region
    html = (root / "output" / "edu" / "index.html").read_text(encoding="utf-8")
    tags = Tags(html)
    crumbs = [a["href"] for a in tags.find("a") if a.get("href", "").endswith("index.html")]
    assert "../gov/index.html" in crumbs
    assert "县级以上人民政府部门" in html
    assert "状态：逾期20天发布（2024年2月20日发布，期限2024年1月31日）" in html
    assert "状态：按时发布（2023年1月20日发布，期限2023年1月31日）" in html
    nr = (root / "output" / "nr" / "index.html").read_text(encoding="utf-8")
    assert "状态：缺报：已过期限151天仍未发布（期限2024年1月31日）" in nr


def test_pages_showing_status_are_rebuilt_when_the_day_changes(tmp_path: Path) -> None:
    root = region_site(tmp_path / "site", status_date="2024-01-10")
    out = root / "output"
    assert build_site(root, out, pdf=False, office=False, jobs=1).ok
    before = (out / "nr" / "index.html").read_text(encoding="utf-8")
    assert "尚未发布，未到期限（期限2024年1月31日）" in before
    again = build_site(root, out, pdf=False, office=False, jobs=1)
    assert again.unchanged
    set_date(root, "2024-02-01")
    later = build_site(root, out, pdf=False, office=False, jobs=1)
    assert "index.html" in later.pages and "nr/index.html" in later.pages
    assert "缺报：已过期限1天仍未发布" in (out / "nr" / "index.html").read_text(encoding="utf-8")
