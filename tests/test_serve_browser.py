"""A page open in a real browser (Debian's headless chromium) reloads by itself after a save."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkgen.serve.overlay import OVERLAY_ID
from gkgen.serve.session import Session

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium is not installed (scripts/setup.sh --test)")


@pytest.fixture()
def session(tmp_path: Path) -> Iterator[Session]:
    done = subprocess.run([sys.executable, "-m", "gkgen", "new", "x", "2022", "--name", "某机关"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    with Session(tmp_path, port=0) as s:
        yield s


def test_an_open_page_reloads_itself_after_a_save(session: Session) -> None:
    from playwright.sync_api import sync_playwright

    overview = session.root / "content/x/2022/1-overview.md"
    requests_yaml = session.root / "content/x/2022/3-requests.yaml"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{session.url}x/2022/")
            page.wait_for_function("() => document.getElementById('gkgen-reload') !== null")
            page.evaluate("() => { window.__notReloaded = true; }")

            overview.write_text(overview.read_text(encoding="utf-8") + "\n浏览器里的新段落。\n",
                                encoding="utf-8")
            page.wait_for_function(
                "() => window.__notReloaded === undefined"
                " && document.body.innerText.includes('浏览器里的新段落')", timeout=3000)

            page.evaluate("() => { window.__notReloaded = true; }")
            text = requests_yaml.read_text(encoding="utf-8")
            requests_yaml.write_text(text.replace("自然人: 0", "自然人: 5", 1), encoding="utf-8")
            alert = page.get_by_role("alert")
            alert.wait_for(timeout=3000)
            assert "R1" in alert.inner_text()
            assert page.evaluate(f"() => document.getElementById('{OVERLAY_ID}') !== null")
            assert "浏览器里的新段落" in page.inner_text("body")  # the last good page stays

            requests_yaml.write_text(text, encoding="utf-8")
            page.wait_for_function(
                f"() => document.getElementById('{OVERLAY_ID}') === null", timeout=3000)
        finally:
            browser.close()
