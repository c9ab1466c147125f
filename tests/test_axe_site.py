"""axe-core (WCAG 2.1 A/AA) over every page of the built example site, at 1280 px and 390 px,
in the normal and the 大字 reading mode: 0 violations. One chromium, one tab per width and mode."""

from __future__ import annotations

from typing import Any

import pytest
from browser import AXE_JS, Browser
from buildsite import pages
from viewing import DESKTOP, LARGE_TEXT, PHONE

from gkgen.build.site import BuildResult

RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                 resultTypes: ['violations']})).violations"""
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _brief(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']}: {v.get('help')} {[n.get('target') for n in v['nodes']][:3]}"
            for v in violations]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_every_page_has_no_axe_violations(built: BuildResult, browser: Browser,
                                          size: tuple[int, int], large: bool) -> None:
    urls = [p.resolve().as_uri() for p in pages(built.out)]
    urls.append((built.out / "search.html").resolve().as_uri() + "?q=社保扩面")  # with results
    assert len(urls) >= 9
    context = browser._browser.new_context(viewport={"width": size[0], "height": size[1]})
    problems: dict[str, list[str]] = {}
    try:
        tab = context.new_page()
        for url in urls:
            tab.goto(url, wait_until="load")
            if large:
                tab.check(LARGE_TEXT)
            tab.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
            found = tab.evaluate(RUN, TAGS)
            if found:
                problems[url.rsplit(built.out.name, 1)[-1]] = _brief(found)
    finally:
        context.close()
    assert problems == {}
