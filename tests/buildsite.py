"""Built sites shared by the build, HTML, PDF and accessibility tests (each built once per session)."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from gkgen.build.site import BuildResult, build_site

REPO = Path(__file__).resolve().parents[1]
_BUILT: dict[str, BuildResult] = {}


def example_build(tmp: Path) -> BuildResult:
    """The repository's example site (content/) built with PDFs, once per test session."""
    if "example" not in _BUILT:
        assert (REPO / "content" / "site.yaml").is_file(), "the example site is missing"
        result = build_site(REPO, tmp / "example-out")
        assert result.ok, [f"{f.pos} {f.id} {f.message}" for f in result.findings]
        _BUILT["example"] = result
    return _BUILT["example"]


def pages(out: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(out.rglob("*.html"))


def pdftext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdfinfo(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdfinfo", *args, str(pdf)], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """Text without any white space (PDF lines wrap inside cells and paragraphs)."""
    return re.sub(r"\s+", "", text)


class Tags(HTMLParser):
    """Start tags of an HTML page with their attributes, and its text pieces.

    A <wbr> (a line-break opportunity) does not split a piece: 结果<wbr>维持 is one.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._join = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._join = tag == "wbr" and bool(self.text)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._join = False

    def handle_data(self, data: str) -> None:
        if self._join:
            self.text[-1] += data
        else:
            self.text.append(data)
        self._join = False

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]
