"""A site's templates/static/extra.css adds to the official style sheet without forking it."""

from __future__ import annotations

from pathlib import Path

from browser import Browser
from conftest import make_site
from viewing import opened

from gkgen.build.site import build_site

RULE = "h1, h1.title { color: rgb(0, 102, 51); }\n"


def _build(root: Path, out: Path) -> None:
    result = build_site(root, out, pdf=False)
    assert result.ok, [f.message for f in result.findings]


def test_extra_css_is_linked_after_the_official_sheet_and_wins(tmp_path: Path,
                                                                browser: Browser) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    _build(root, out)
    official = (out / "static" / "extra.css").read_text(encoding="utf-8")
    assert "{" not in official  # the official extra.css is empty (comments only)
    html = (out / "x" / "2022" / "index.html").read_text(encoding="utf-8")
    assert html.index("static/site.css") < html.index("static/extra.css")
    with opened(browser, out / "x" / "2022" / "index.html") as tab:
        before = tab.eval_on_selector("h1", "e => getComputedStyle(e).color")
    assert before != "rgb(0, 102, 51)"

    own = root / "templates" / "static" / "extra.css"
    own.parent.mkdir(parents=True)
    own.write_text(RULE, encoding="utf-8")
    _build(root, out)  # an incremental build picks the new file up
    assert (out / "static" / "extra.css").read_text(encoding="utf-8") == RULE
    assert (out / "static" / "site.css").is_file()  # the official sheet is still there
    for page in ("index.html", "x/2022/index.html"):
        with opened(browser, out / page) as tab:
            assert tab.eval_on_selector("h1", "e => getComputedStyle(e).color") == "rgb(0, 102, 51)"
            # the rest of the official look still applies
            assert tab.eval_on_selector("body", "e => getComputedStyle(e).maxWidth") == "960px"
