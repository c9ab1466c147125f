"""Open a built page in the shared chromium at a given viewport, in either reading mode."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from browser import Browser

PHONE = (390, 844)
DESKTOP = (1280, 900)
LARGE_TEXT = "#large-text"  # the header's 大字模式 checkbox (templates/tools.html)


@contextmanager
def opened(browser: Browser, page: Path | str, size: tuple[int, int] = DESKTOP,
           large: bool = False) -> Iterator[Any]:
    """A playwright page showing the file (or URL) at size; large: 大字模式 switched on by a click."""
    context = browser._browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        tab = context.new_page()
        tab.goto(page if isinstance(page, str) else Path(page).resolve().as_uri(), wait_until="load")
        if large:
            tab.click(f"label[for='{LARGE_TEXT[1:]}']")
            assert tab.is_checked(LARGE_TEXT)
        yield tab
    finally:
        context.close()
