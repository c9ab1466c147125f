"""Narrative Markdown: heading levels under the official part headings, vetted links, tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildsite import Tags, pdftext, squash
from conftest import edit, make_site

from gkgen.build.site import build_site
from gkgen.render.markdown import link_allowed, render_markdown


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.gov.cn/", True), ("http://a.b/c", True), ("mailto:gk@example.cn", True),
    ("../2021/index.html", True), ("#part-1", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("vbscript:x", False), ("data:text/html,x", False),
    ("file:///etc/passwd", False), ("java\nscript:x", False),
])
def test_link_schemes(url: str, ok: bool) -> None:
    assert link_allowed(url) is ok


def test_author_headings_sit_below_the_part_heading(tmp_path: Path) -> None:
    md = render_markdown("## （一）主动公开\n\n正文\n\n### 1.政策解读\n", tmp_path / "1.md",
                         tmp_path)
    assert "<h3>（一）主动公开</h3>" in md.html and "<h4>1.政策解读</h4>" in md.html


def test_author_tables_scroll_in_a_region(tmp_path: Path) -> None:
    md = render_markdown("| 项目 | 数量 |\n|---|---|\n| 解读 | 3 |\n", tmp_path / "1.md", tmp_path)
    assert md.html.startswith('<div class="table-scroll" role="region" tabindex="0"')
    assert md.html.rstrip().endswith("</table></div>")


def test_relative_links_keep_text_only_in_print(tmp_path: Path) -> None:
    text = "[上年报告](../2021/index.html) [政府网站](https://www.gov.cn/)"
    web = render_markdown(text, tmp_path / "6.md", tmp_path).html
    printed = render_markdown(text, tmp_path / "6.md", tmp_path, for_print=True).html
    assert 'href="../2021/index.html"' in web
    assert "../2021" not in printed and "<span>上年报告</span>" in printed
    assert 'href="https://www.gov.cn/"' in printed


def test_canonical_link_only_for_an_absolute_http_base_url(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    edit(root / "content" / "site.yaml", "base_url: /", "base_url: https://example.gov.cn/xxgk/ndbg/")
    result = build_site(root, pdf=False)
    assert result.ok
    report = Tags((result.out / "x/2022/index.html").read_text(encoding="utf-8"))
    assert report.find("link", rel="canonical", href="https://example.gov.cn/xxgk/ndbg/x/2022/")
    index = Tags((result.out / "index.html").read_text(encoding="utf-8"))
    assert index.find("link", rel="canonical", href="https://example.gov.cn/xxgk/ndbg/")


@pytest.mark.parametrize("base_url", ["/", "/xxgk/ndbg/", "example.gov.cn/xxgk/", "ftp://a.b/"])
def test_no_canonical_link_without_an_absolute_http_base_url(tmp_path: Path,
                                                            base_url: str) -> None:
    """A path cannot be a canonical URL: under a sub-path "/" would name the wrong page."""
    root = make_site(tmp_path / "site")
    edit(root / "content" / "site.yaml", "base_url: /", f"base_url: {base_url}")
    result = build_site(root, pdf=False)
    assert result.ok
    for page in ("index.html", "x/index.html", "x/2022/index.html"):
        html = (result.out / page).read_text(encoding="utf-8")
        assert not Tags(html).find("link", rel="canonical"), (page, base_url)


def test_an_empty_part_is_published_empty(tmp_path: Path) -> None:
    """A part holding only the scaffold's {# … #} note gets its heading and no invented text."""
    root = make_site(tmp_path / "site", narratives=False)
    result = build_site(root, pdf=True)
    assert result.ok
    assert sorted(f.pos.file.name for f in result.findings if f.id == "N4") == [
        "1-overview.md", "5-problems.md", "6-other.md"]
    html = (result.out / "x/2022/index.html").read_text(encoding="utf-8")
    assert "无。" not in html
    for n, heading in ((1, "一、总体情况"), (5, "五、存在的主要问题及改进情况"),
                       (6, "六、其他需要报告的事项")):
        assert re.search(f'<h2 id="part-{n}-heading">{heading}</h2>\\s*</section>', html), n
    text = squash(pdftext(result.out / "x/2022/report.pdf"))
    assert "无。" not in text
    assert "五、存在的主要问题及改进情况六、其他需要报告的事项" in text
