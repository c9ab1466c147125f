"""大字模式（适老化）without script: the header's checkbox switches larger type, ≥ 1.5 line
spacing and black-on-white text (contrast ≥ 7:1), measured in Debian's chromium."""

from __future__ import annotations

from typing import Any

import pytest
from browser import Browser
from viewing import LARGE_TEXT, PHONE, opened

from gkgen.build.site import BuildResult

# Font size, line height and the WCAG contrast ratio of an element's text on its background.
STYLE = """(el) => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = el; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || c[3] > 0) { bg = c; break; }
    }
    bg = bg || [255, 255, 255];
    const s = getComputedStyle(el);
    const a = lum(rgb(s.color)), b = lum(bg);
    return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),
            contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""

TEXTS = [".part p", "td.num", "th[scope='row']", ".report-meta dt", ".breadcrumb a",
         ".site-footer p"]


def _styles(tab: Any) -> dict[str, dict[str, float]]:
    return {sel: tab.eval_on_selector(sel, STYLE) for sel in TEXTS}


@pytest.mark.parametrize("size", [PHONE, (1280, 900)], ids=["390px", "1280px"])
def test_the_switch_makes_type_larger_spaced_and_high_contrast(
        built: BuildResult, browser: Browser, size: tuple[int, int]) -> None:
    page = built.out / "shiyi-gov" / "2022" / "index.html"
    with opened(browser, page, size) as tab:
        assert not tab.is_checked(LARGE_TEXT)
        before = _styles(tab)
    with opened(browser, page, size, large=True) as tab:
        after = _styles(tab)
    for sel in TEXTS:
        assert after[sel]["size"] > before[sel]["size"], (sel, before[sel], after[sel])
        assert after[sel]["line"] >= 1.5 * after[sel]["size"] - 0.01, (sel, after[sel])
        assert after[sel]["contrast"] >= 7, (sel, after[sel])
    assert after[".part p"]["size"] >= 18  # MIIT: main text at least 18 px in the large mode


def test_the_switch_works_with_javascript_off(built: BuildResult, browser: Browser) -> None:
    context = browser._browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((built.out / "index.html").resolve().as_uri())
        size = tab.eval_on_selector("h1", "e => parseFloat(getComputedStyle(e).fontSize)")
        tab.click(f"label[for='{LARGE_TEXT[1:]}']")
        larger = tab.eval_on_selector("h1", "e => parseFloat(getComputedStyle(e).fontSize)")
        assert larger > size
    finally:
        context.close()
