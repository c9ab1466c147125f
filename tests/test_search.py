"""Site search for Chinese queries: the bigram index (gkgen.render.search) in real chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import Browser
from viewing import PHONE, opened

from gkgen.build.site import BuildResult, build_site
from gkgen.render.search import INDEX, doc_text, fold, index_js, page_text


def _results(tab: Any) -> list[str]:
    links: list[str] = tab.eval_on_selector_all(
        "#search-results a", "as => as.map(a => a.getAttribute('href'))")
    return links


@pytest.mark.parametrize(("query", "expected"), [
    ("示例市人力资源和社会保障局", ["shiyi-hrss/*"]),  # every report of the body, as built
    ("社保扩面", ["shiyi-hrss/2021/index.html"]),  # a phrase of one narrative
    ("图解42期", ["shiyi-gov/2022/index.html"]),  # Chinese with digits
    ("ＡＢＣ不存在的词语", []),
])
def test_a_chinese_query_finds_the_right_reports(built: BuildResult, browser: Browser,
                                                 query: str, expected: list[str]) -> None:
    url = (built.out / "search.html").resolve().as_uri() + "?q=" + query
    if expected and expected[0].endswith("/*"):
        body = expected[0][:-2]
        expected = sorted(p.relative_to(built.out).as_posix() for p in built.out.glob(f"{body}/*/index.html"))
        assert len(expected) >= 2
    with opened(browser, url) as tab:
        assert sorted(_results(tab)) == expected
        status = tab.inner_text("#search-status")
        assert (f"找到 {len(expected)} 份报告" if expected else "没有找到报告") in status
        assert tab.input_value("#site-search-q") == query


def test_the_header_form_leads_to_the_results(built: BuildResult, browser: Browser) -> None:
    with opened(browser, built.out / "shiyi-gov" / "2022" / "index.html", PHONE) as tab:
        tab.fill("#site-search-q", "社保扩面")
        tab.press("#site-search-q", "Enter")
        tab.wait_for_url("**/search.html?q=*")
        assert _results(tab) == ["shiyi-hrss/2021/index.html"]
        tab.click("#search-results a")
        tab.wait_for_url("**/shiyi-hrss/2021/index.html")


def test_without_javascript_the_search_page_lists_every_report(built: BuildResult,
                                                               browser: Browser) -> None:
    context = browser._browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((built.out / "search.html").resolve().as_uri() + "?q=社保扩面")
        links = tab.eval_on_selector_all("section a", "as => as.map(a => a.getAttribute('href'))")
        assert sorted(links) == sorted(p.relative_to(built.out).as_posix() for p in
                                       built.out.glob("*/*/index.html"))
        assert not tab.is_visible("#search-results")
    finally:
        context.close()


def test_text_is_folded_as_the_browser_folds_a_query() -> None:
    assert fold("社保 扩面\n２０２２年") == "社保扩面2022年"  # full-width digits fold (NFKC)
    assert fold("ＡＢＣ") == "abc"  # and letters, lower case
    text = doc_text("某局2022年度报告", "某局", "<main><p>社保扩面</p><table><tr><td>自然人</td></tr></table></main>")
    assert "社保扩面" in text and "自然人" not in text and "某局2022年度报告" in text


def test_page_text_leaves_out_tables_and_navigation() -> None:
    page = ("<nav>首页</nav><main><p>正文&amp;内容</p><table><tr><th>自然人</th></tr></table>"
            "<script>x</script></main><footer>页脚</footer>")
    assert page_text(page).split() == ["正文&内容"]


def test_the_index_is_deterministic_and_inert() -> None:
    docs = [("a/2022/index.html", "甲</script>", "甲", 2022, "正文")]
    assert index_js(docs) == index_js(list(docs))
    assert b"</script>" not in index_js(docs)


def test_a_no_op_build_carries_the_index_and_a_changed_report_rebuilds_it(
        tmp_path: Path) -> None:
    from conftest import make_site, report_dir

    root = make_site(tmp_path / "site", years=(2021, 2022))  # 2021 is carried over
    out = tmp_path / "out"
    first = build_site(root, out, pdf=False, office=False)
    assert first.ok and INDEX in first.written
    again = build_site(root, out, pdf=False, office=False)
    assert again.ok and INDEX not in again.written
    overview = report_dir(root, 2022) / "1-overview.md"
    overview.write_text(overview.read_text(encoding="utf-8") + "\n新增加的独特词语。\n",
                        encoding="utf-8")
    third = build_site(root, out, pdf=False, office=False)
    assert third.ok and INDEX in third.written
    assert "独特".encode() in (out / INDEX).read_bytes()
    # rebuilt from the old index's lines and the changed report's new text: as a clean build makes it
    clean = build_site(root, tmp_path / "clean", pdf=False, office=False, clean=True)
    assert (out / INDEX).read_bytes() == (clean.out / INDEX).read_bytes()
