"""The report page laid out by real chromium: how the official tables' column labels wrap.

At desktop width a short label breaks only between its two-character words (结果/维持,
never 结果维/持; 自然人 stays whole), and on a phone the tables still scroll inside their
own regions (tests/test_a11y.py checks that the page itself never scrolls sideways).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import Browser

from gkgen.build.site import BuildResult
from gkgen.render.tables import is_short_label

# Every column header's text split into the lines chromium drew it on.
LINES_JS = """() => [...document.querySelectorAll('table.official th[scope="col"]')].map(th => {
  const text = th.textContent, lines = [];
  let top = null;
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const y = Math.round(range.getBoundingClientRect().top);
      if (top === null || Math.abs(y - top) > 4) { lines.push(''); top = y; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return [text, lines];
})"""






def _header_lines(browser: Browser, page: Path, width: int) -> list[tuple[str, list[str]]]:
    context: Any = browser._browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(page.as_uri())
        return [(text, lines) for text, lines in tab.evaluate(LINES_JS)]
    finally:
        context.close()


def _report_pages(built: BuildResult) -> list[Path]:
    return sorted(p for p in built.out.glob("*/*/index.html"))


@pytest.mark.parametrize("width", [1200, 1024])
def test_short_column_labels_break_only_between_words(built: BuildResult, browser: Browser,
                                                      width: int) -> None:
    seen = set()
    for page in _report_pages(built):
        for text, lines in _header_lines(browser, page, width):
            if not is_short_label(text):
                continue
            seen.add(text)
            if len(text) % 2:
                assert lines == [text], (page.parent.name, width, lines)  # 自然人 stays whole
            else:
                assert all(len(line) % 2 == 0 for line in lines), (page.parent.name, width, lines)
    assert {"自然人", "商业企业", "结果维持", "尚未审结"} <= seen


def test_tables_still_scroll_in_their_regions_on_a_phone(built: BuildResult,
                                                         browser: Browser) -> None:
    context: Any = browser._browser.new_context(viewport={"width": 390, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(_report_pages(built)[0].as_uri())
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.evaluate("""[...document.querySelectorAll('table.official')]
            .every(t => t.closest('.table-scroll').scrollWidth > t.closest('.table-scroll').clientWidth
                        || t.offsetWidth <= 390)""")
    finally:
        context.close()
