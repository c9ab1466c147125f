"""Narrative Markdown: heading levels under the official part headings, vetted links, tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildsite import Tags
from conftest import edit, make_site

from gkgen.build import build_site
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


def test_canonical_link_uses_base_url_and_empty_parts_say_none(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    edit(root / "content" / "site.yaml", "base_url: /", "base_url: https://example.gov.cn/xxgk/ndbg/")
    (root / "content" / "x" / "2022" / "6-other.md").write_text("", encoding="utf-8")
    result = build_site(root, pdf=False)
    assert result.ok
    html = (result.out / "x/2022/index.html").read_text(encoding="utf-8")
    tags = Tags(html)
    assert tags.find("link", rel="canonical", href="https://example.gov.cn/xxgk/ndbg/x/2022/")
    assert '<h2 id="part-6-heading">六、其他需要报告的事项</h2>\n<p>无。</p>' in html
    assert any(f.id == "N4" for f in result.findings)
