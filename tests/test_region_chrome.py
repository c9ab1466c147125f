"""What a government site must carry (issue 11, point 6): footer, <meta>, the change log and S2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from buildsite import Tags
from conftest import cli, edit, make_site

from gkgen.build.site import build_site

GOV_SITE = """government_site:
  网站名称: 某市人民政府门户网站
  网站域名: www.example.gov.cn
  网站标识码: "4100000001"
  栏目名称: 政府信息公开工作年度报告
  主办单位: 某市人民政府办公室
  ICP备案号: 豫ICP备00000000号
  公安机关备案号: 豫公网安备41000002000001号
  联系方式: 0394-1234567
"""


def _build(root: Path) -> list[str]:
    result = build_site(root, root / "output", pdf=False, office=False, jobs=1)
    assert result.ok, [f"{f.pos} {f.id} {f.message}" for f in result.findings]
    return [f"{f.id} {f.pos.file.name}:{f.pos.line} {f.message}" for f in result.findings]


def _meta(path: Path) -> dict[str, str]:
    return {a["name"]: a["content"] for a in Tags(path.read_text(encoding="utf-8")).find("meta")
            if "name" in a}


@pytest.fixture
def gov_site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site")
    path = root / "content" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "base_url: /", "base_url: https://www.example.gov.cn/ndbg/") + GOV_SITE, encoding="utf-8")
    return root


def test_every_page_names_the_site_and_report_pages_the_article(gov_site: Path) -> None:
    _build(gov_site)
    out = gov_site / "output"
    for page in (out / "index.html", out / "x" / "index.html", out / "x" / "2022" / "index.html"):
        meta = _meta(page)
        assert meta["SiteName"] == "某市人民政府门户网站", page
        assert meta["SiteDomain"] == "www.example.gov.cn"
        assert meta["SiteIDCode"] == "4100000001"
        assert meta["ColumnName"] == "政府信息公开工作年度报告"
    article = _meta(out / "x" / "2022" / "index.html")
    assert article["ArticleTitle"] == "某市某局2022年政府信息公开工作年度报告"
    assert article["PubDate"] == "2023-01-31"
    assert article["ContentSource"] == article["Author"] == "某市某局"
    assert "2022年度" in article["Keywords"] and article["Description"].startswith("某市某局2022年")
    assert article["Url"] == "https://www.example.gov.cn/ndbg/x/2022/"
    assert "ArticleTitle" not in _meta(out / "index.html")
    assert _meta(out / "index.html")["ColumnType"] == "政府信息公开工作年度报告"


def test_footer_carries_the_government_site_lines(gov_site: Path) -> None:
    _build(gov_site)
    for page in ("index.html", "x/index.html", "x/2022/index.html"):
        html = (gov_site / "output" / page).read_text(encoding="utf-8")
        footer = html[html.index('<footer class="site-footer">'):html.index("</footer>")]
        for line in ("主办单位：某市人民政府办公室", "网站标识码：4100000001", "ICP备案号：豫ICP备00000000号",
                     "公安机关备案号：豫公网安备41000002000001号", "联系方式：0394-1234567"):
            assert line in footer, (page, line)


def test_without_settings_no_footer_lines_and_the_title_names_the_site(site: Path) -> None:
    _build(site)
    html = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert 'class="gov-footer"' not in html
    meta = _meta(site / "output" / "index.html")
    assert meta["SiteName"] == "政府信息公开工作年度报告" and "SiteIDCode" not in meta
    assert "Url" not in _meta(site / "output" / "x" / "2022" / "index.html")  # base_url is a path


def test_an_unknown_government_site_key_is_named(site: Path) -> None:
    path = site / "content" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "government_site:\n  主办: 某办\n", encoding="utf-8")
    result = cli("check", str(site))
    assert result.exit_code == 1
    assert "F7" in result.output and "未知的项目“主办”" in result.output and "主办单位" in result.output


def test_change_log_is_shown_on_the_report_page(site: Path) -> None:
    report = site / "content" / "x" / "2022" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8")
                      + "changes:\n  - {date: 2023-03-02, note: 更正表三自然人一栏}\n", encoding="utf-8")
    _build(site)
    html = (site / "output" / "x" / "2022" / "index.html").read_text(encoding="utf-8")
    log = html[html.index('<section class="change-log"'):]
    assert '<time datetime="2023-03-02">2023年3月2日</time>：更正表三自然人一栏' in log
    assert "发布后有修改记录" in (site / "output" / "x" / "index.html").read_text(encoding="utf-8")
    data = json.loads((site / "output" / "x" / "2022" / "data.json").read_text(encoding="utf-8"))
    assert data["changes"] == [{"date": "2023-03-02", "note": "更正表三自然人一栏"}]


def test_a_bad_change_entry_is_named(site: Path) -> None:
    report = site / "content" / "x" / "2022" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "changes:\n  - 改了表三\n", encoding="utf-8")
    result = cli("check", str(site))
    assert result.exit_code == 1 and "每条修改记录应写作" in result.output


def test_figures_changed_after_publication_warn_until_logged(site: Path) -> None:
    assert not [f for f in _build(site) if f.startswith("S2")]
    t2 = site / "content" / "x" / "2022" / "2-proactive.yaml"
    edit(t2, "本年制发件数: 0", "本年制发件数: 4", line=6)
    edit(t2, "现行有效件数: 0", "现行有效件数: 4", line=6)
    result = cli("check", str(site))
    assert result.exit_code == 0
    assert "警告 S2" in result.output and "由 0 改为 4" in result.output
    assert "report.yaml:3:1" in result.output  # the published: line
    report = site / "content" / "x" / "2022" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8")
                      + "changes:\n  - {date: 2023-03-02, note: 更正表二行政规范性文件}\n", encoding="utf-8")
    assert "S2" not in cli("check", str(site)).output
    assert not [f for f in _build(site) if f.startswith("S2")]
    edit(t2, "本年制发件数: 4", "本年制发件数: 5", line=6)  # a second change, same old log
    edit(t2, "现行有效件数: 4", "现行有效件数: 5", line=6)
    assert [f for f in _build(site) if f.startswith("S2")]  # gkgen build says so too


def test_a_draft_never_built_as_published_has_nothing_to_compare(site: Path) -> None:
    edit(site / "content" / "x" / "2022" / "report.yaml", "published:", "# published:", line=3)
    assert build_site(site, site / "output", pdf=False, office=False, jobs=1).ok
    edit(site / "content" / "x" / "2022" / "report.yaml", "# published:", "published:", line=3)
    edit(site / "content" / "x" / "2022" / "2-proactive.yaml", "本年制发件数: 0", "本年制发件数: 4", line=6)
    edit(site / "content" / "x" / "2022" / "2-proactive.yaml", "现行有效件数: 0", "现行有效件数: 4", line=6)
    assert "S2" not in cli("check", str(site)).output
