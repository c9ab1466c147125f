"""Table 3 on a phone (390 px) and a desktop (1280 px): its figures stand beside their labels.

The labels keep a sticky column; the figures scroll beside them inside the table's own
region, and the page as a whole never scrolls sideways. Checked in Debian's chromium on the
built example site, in both reading modes.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser import Browser
from viewing import DESKTOP, PHONE, opened

from gkgen.build.site import BuildResult
from gkgen.format import edition

T3 = edition("2021").table("t3").blocks[0]
CELLS = sum(len(list(r.leaves())) for r in T3.rows) * sum(len(list(c.leaves())) for c in T3.cols)

# (row header id, first data cell, last data cell) of rows 一, 二, 三（一）and a deep row
ROWS = [
    ("t3-requests-r-new", "t3.new.natural", "t3.new.total"),
    ("t3-requests-r-carried", "t3.carried.natural", "t3.carried.total"),
    ("t3-requests-r-result-granted", "t3.result.granted.natural", "t3.result.granted.total"),
    ("t3-requests-r-result-denied-secret", "t3.result.denied.secret.natural",
     "t3.result.denied.secret.total"),
]

# Is the element drawn at its own centre (not hidden under a sticky label, not clipped)?
SHOWN = """(el) => {
    el.scrollIntoView({block: 'center', inline: 'nearest'});
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    return {left: r.left, right: r.right, width: r.width,
            drawn: top !== null && (top === el || el.contains(top))};
}"""


def _box(tab: Any, selector: str) -> dict[str, Any]:
    box: dict[str, Any] = tab.eval_on_selector(selector, SHOWN)
    return box


def _report_page(built: BuildResult) -> Any:
    return built.out / "shiyi-gov" / "2022" / "index.html"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_table_3_figures_stand_beside_their_labels(built: BuildResult, browser: Browser,
                                                    size: tuple[int, int], large: bool) -> None:
    width = size[0]
    with opened(browser, _report_page(built), size, large) as tab:
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        for head, first, _ in ROWS:
            label = _box(tab, f"#{head}")
            cell = _box(tab, f"td[data-field='{first}']")
            assert label["drawn"] and cell["drawn"], (head, label, cell)
            assert label["left"] >= 0 and label["right"] <= cell["left"] + 1, (label, cell)
            assert cell["right"] <= width and cell["width"] > 0, (first, cell, width)
        # The rest of each row is a scroll of the table's region away, and the label stays.
        tab.eval_on_selector("#t3", "t => { t.parentElement.scrollLeft = 10000; }")
        for head, _, last in ROWS:
            cell = tab.eval_on_selector(f"td[data-field='{last}']", SHOWN)
            label = tab.eval_on_selector(f"#{head}", SHOWN)
            assert cell["drawn"] and cell["right"] <= width, (last, cell)
            assert label["drawn"] and label["right"] <= cell["left"] + 1, (head, label)
        assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_the_phone_layout_is_still_one_table_with_its_headers(built: BuildResult,
                                                              browser: Browser) -> None:
    with opened(browser, _report_page(built), PHONE) as tab:
        sticky = tab.eval_on_selector("#t3-requests-r-new", "e => getComputedStyle(e).position")
        assert sticky == "sticky"  # the phone rules apply at this width
        broken = tab.evaluate("""() => {
            const t = document.querySelector('table.t3');
            const bad = [];
            for (const td of t.querySelectorAll('td[data-field]')) {
                const ids = td.getAttribute('headers').split(' ');
                if (!ids.every(id => { const h = document.getElementById(id);
                                       return h && h.tagName === 'TH' && t.contains(h); }))
                    bad.push(td.dataset.field);
            }
            return [document.querySelectorAll('table.t3').length,
                    t.querySelectorAll('th[scope]').length === t.querySelectorAll('th').length,
                    t.querySelectorAll('td[data-field]').length, bad];
        }""")
        assert broken == [1, True, CELLS, []]
