"""The browser/validator helpers must find real problems, or their silence means nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    from tests.browser import (
        Browser,
        axe_violations,
        format_vnu,
        is_print_only_css,
        vnu_errors,
        vnu_report,
    )
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from browser import (  # type: ignore[no-redef]
        Browser,
        axe_violations,
        format_vnu,
        is_print_only_css,
        vnu_errors,
        vnu_report,
    )

GOOD = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>某某市2021年政府信息公开工作年度报告</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>某某市2021年政府信息公开工作年度报告</h1>
<section id="part-1" aria-labelledby="h-part-1"><h2 id="h-part-1">一、总体情况</h2>
<p>本机关认真贯彻落实《中华人民共和国政府信息公开条例》。</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="示意图" width="1" height="1">
<table>
<caption>主动公开政府信息情况</caption>
<thead><tr><th scope="col">信息内容</th><th scope="col">本年制发件数</th></tr></thead>
<tbody><tr><th scope="row">规章</th><td>3</td></tr></tbody>
</table>
</section>
</main>
</body>
</html>
"""

# img without alt (axe: image-alt; vnu: error), <p><div>…</p> (vnu: stray </p>),
# a duplicate id (vnu: duplicate ID).
BAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>坏页面</title></head>
<body>
<main>
<h1 id="dup">坏页面</h1>
<p><div id="dup">块元素在段落里</div></p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">
</main>
</body>
</html>
"""


PRINT_CSS_PAGE = GOOD.replace(
    "</head>",
    "<style>h2 { bookmark-level: 1; } @page { @bottom-right { content: counter(page) } }"
    "</style></head>",
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pages")
    (root / "good.html").write_text(GOOD, encoding="utf-8")
    (root / "bad.html").write_text(BAD, encoding="utf-8")
    (root / "print.html").write_text(PRINT_CSS_PAGE, encoding="utf-8")
    return {name: root / f"{name}.html" for name in ("good", "bad", "print")}


@pytest.fixture(scope="module")
def vnu(pages: dict[str, Path]) -> list[dict[str, Any]]:
    """One JVM run over all pages (vnu's start-up is most of its cost)."""
    return vnu_report(pages.values())


def errors_for(messages: list[dict[str, Any]], page: Path) -> list[str]:
    return [e for e in format_vnu(messages) if e.startswith(str(page.resolve()) + ":")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def test_axe_passes_a_good_page(browser: Browser, pages: dict[str, Path]) -> None:
    assert browser.axe(pages["good"]) == []


def test_axe_finds_an_image_without_alt(browser: Browser, pages: dict[str, Path]) -> None:
    ids = {v["id"] for v in browser.axe(pages["bad"])}
    assert "image-alt" in ids


def test_axe_violations_one_shot(pages: dict[str, Path]) -> None:
    violations = axe_violations(str(pages["bad"]))
    assert [v for v in violations if v["id"] == "image-alt"][0]["nodes"]


def test_vnu_passes_good_and_catches_bad(vnu: list[dict[str, Any]], pages: dict[str, Path]) -> None:
    assert errors_for(vnu, pages["good"]) == []
    text = "\n".join(errors_for(vnu, pages["bad"]))
    assert "Duplicate ID" in text
    assert "“p”" in text  # the stray </p> after <p><div>
    assert "alt" in text


def test_vnu_print_only_css_is_filtered(vnu: list[dict[str, Any]], pages: dict[str, Path]) -> None:
    raw = errors_for(vnu, pages["print"])
    assert any("bookmark-level" in e for e in raw)  # vnu does complain ...
    kept = [m for m in vnu if not is_print_only_css(m)]
    assert errors_for(kept, pages["print"]) == []  # ... and the filter drops it


def test_vnu_errors_end_to_end(pages: dict[str, Path]) -> None:
    errors = vnu_errors([pages["print"], pages["bad"]])
    assert errors and all(e.startswith(str(pages["bad"].resolve()) + ":") for e in errors)
    assert vnu_errors([]) == []
