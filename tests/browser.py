"""Test helpers that look at the HTML the way a user agent and a validator do.

* :func:`axe_violations` loads a page in Debian's headless ``chromium`` (driven by the
  Python ``playwright`` package; ``playwright install`` is never run, no browser is
  downloaded) and runs axe-core's WCAG 2.0/2.1 A and AA rules.
* :func:`vnu_errors` runs the Nu Html Checker (``vnu.jar``) on files.

Both need ``bash scripts/setup.sh --test`` (chromium, Java, node_modules). For many pages,
open one :class:`Browser` (e.g. in a session-scoped fixture) and call
:meth:`Browser.axe` on each: a launch costs ~0.5 s, a page ~1 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

#: vnu reports paged-media CSS (valid for WeasyPrint, unknown to browsers) as CSS errors;
#: messages that start with "CSS:" and mention one of these are dropped.
PRINT_ONLY_CSS = (
    "bookmark-",
    "string-set",
    "string(",
    "counter(page",
    "counter(pages",
    "target-counter",
    "leader(",
    "running(",
    "element(",
    "footnote",
    "@top-",
    "@bottom-",
    "@left-",
    "@right-",
    "margin box",
    "bleed",
    "marks",
    "orphans",
    "widows",
    "break-before",
    "break-after",
    "break-inside",
    "page-break",
    "-weasy-",
)

SETUP_HINT = "run `bash scripts/setup.sh --test`"


class ToolMissingError(RuntimeError):
    """A browser, Java runtime or node module the helpers need is not installed."""


def _url(target: str | os.PathLike[str]) -> str:
    if isinstance(target, str) and urlsplit(target).scheme in ("http", "https", "file"):
        return target
    path = Path(target).resolve()
    if not path.exists():
        raise FileNotFoundError(path)
    return path.as_uri()


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise ToolMissingError(f"chromium is not installed: {SETUP_HINT}")
    return path


class Browser:
    """Headless Debian chromium under playwright; use as a context manager.

    Playwright's sync API allows one running instance per thread: while a Browser is
    open, :func:`axe_violations` uses it instead of starting another.
    """

    _active: Browser | None = None

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def __enter__(self) -> Browser:
        from playwright.sync_api import sync_playwright

        if not AXE_JS.is_file():
            raise ToolMissingError(f"{AXE_JS} missing: {SETUP_HINT}")
        if Browser._active is not None:
            raise RuntimeError("a Browser is already open in this process; reuse it")
        executable = chromium_path()
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
            )
        except BaseException:
            self._playwright.stop()
            raise
        Browser._active = self
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            if self._playwright is not None:
                self._playwright.stop()
            self._browser = self._playwright = None
            if Browser._active is self:
                Browser._active = None

    def axe(
        self, target: str | os.PathLike[str], tags: Sequence[str] = AXE_TAGS
    ) -> list[dict[str, Any]]:
        """axe-core violations (``[{"id", "impact", "help", "nodes": [...]}, ...]``)."""
        if self._browser is None:
            raise RuntimeError("use Browser() as a context manager")
        url = _url(target)
        origin = urlsplit(url)[:2]
        context = self._browser.new_context()
        try:
            page = context.new_page()

            # Hermetic: a page under test may load local files and its own origin only.
            def guard(route: Any) -> None:
                request_url = route.request.url
                parts = urlsplit(request_url)
                if parts.scheme in ("file", "data", "blob") or parts[:2] == origin:
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", guard)
            page.goto(url, wait_until="load")
            page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
            result = page.evaluate(
                """async (tags) => await axe.run(document, {
                    runOnly: {type: 'tag', values: tags},
                    resultTypes: ['violations'],
                })""",
                list(tags),
            )
        finally:
            context.close()
        violations: list[dict[str, Any]] = result["violations"]
        return violations


def axe_violations(
    path_or_url: str | os.PathLike[str], tags: Sequence[str] = AXE_TAGS
) -> list[dict[str, Any]]:
    """Load one page in headless chromium and return axe-core's WCAG 2.1 A/AA violations."""
    if Browser._active is not None:
        return Browser._active.axe(path_or_url, tags)
    with Browser() as browser:
        return browser.axe(path_or_url, tags)


def is_print_only_css(message: dict[str, Any]) -> bool:
    """A vnu CSS error about paged-media CSS that only WeasyPrint understands."""
    text = str(message.get("message", ""))
    return text.startswith("CSS:") and any(marker in text for marker in PRINT_ONLY_CSS)


def vnu_report(paths: Iterable[str | os.PathLike[str]]) -> list[dict[str, Any]]:
    """All of vnu's error messages (JSON objects) for the files, in one JVM run."""
    files = [str(Path(p).resolve()) for p in paths]
    if not files:
        return []
    java = shutil.which("java")
    if java is None:
        raise ToolMissingError(f"java is not installed: {SETUP_HINT}")
    if not VNU_JAR.is_file():
        raise ToolMissingError(f"{VNU_JAR} missing: {SETUP_HINT}")
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"vnu failed ({proc.returncode}): {proc.stderr or proc.stdout}") from exc
    return [
        m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")
    ]


def format_vnu(messages: Iterable[dict[str, Any]]) -> list[str]:
    """vnu messages as ``"path:line:col: message"`` strings."""
    out = []
    for m in messages:
        url = str(m.get("url", ""))
        where = urlsplit(url).path if url.startswith("file:") else url
        out.append(f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['message']}")
    return out


def vnu_errors(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """vnu errors (print-only CSS dropped) as ``"path:line:col: message"``; [] = valid."""
    return format_vnu(m for m in vnu_report(paths) if not is_print_only_css(m))
