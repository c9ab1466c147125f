"""Every page of the built example site in real chromium with axe-core (WCAG 2.1 A/AA), and vnu."""

from __future__ import annotations

from pathlib import Path

from browser import Browser, vnu_errors
from buildsite import pages

from gkgen.build.site import BuildResult


def _brief(violations: list[dict[str, object]]) -> list[str]:
    out = []
    for v in violations:
        nodes = v.get("nodes") or []
        targets = [n.get("target") for n in nodes][:3]  # type: ignore[union-attr]
        out.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} {targets}")
    return out


def test_site_has_the_expected_pages(built: BuildResult) -> None:
    names = [p.relative_to(built.out).as_posix() for p in pages(built.out)]
    assert "index.html" in names
    assert sum(n.count("/") == 2 and n.endswith("/index.html") and not n.startswith("region/")
               for n in names) == built.reports  # one page per report (roll-up pages apart)
    assert sum(n.count("/") == 1 for n in names) >= 1


def test_axe_finds_no_violations_on_any_page(built: BuildResult, browser: Browser) -> None:
    problems = {}
    for page in pages(built.out):
        found = browser.axe(page)
        if found:
            problems[page.relative_to(built.out).as_posix()] = _brief(found)
    assert problems == {}


def test_phone_width_and_zoom_keep_the_page_from_scrolling_sideways(
        built: BuildResult, browser: Browser) -> None:
    page_path = next(p for p in pages(built.out) if p.relative_to(built.out).as_posix().count("/") == 2)
    context = browser._browser.new_context(viewport={"width": 360, "height": 740},
                                           device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(Path(page_path).as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, width
        # the tables scroll inside their own regions instead
        scrolls = page.evaluate("""[...document.querySelectorAll('.table-scroll')]
            .map(e => e.scrollWidth > e.clientWidth)""")
        assert any(scrolls)
        # 200 % zoom of a 1280 px window = a 640 px layout viewport
        page.set_viewport_size({"width": 640, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 640
    finally:
        context.close()


def test_no_script_is_needed_or_present(built: BuildResult) -> None:
    # search.html alone loads scripts (the index and its search); without them it lists every report
    for page in pages(built.out):
        if page.relative_to(built.out).as_posix() != "search.html":
            assert "<script" not in page.read_text(encoding="utf-8"), page


def test_vnu_finds_no_errors(built: BuildResult) -> None:
    assert vnu_errors(pages(built.out)) == []
