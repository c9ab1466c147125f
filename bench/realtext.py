"""The prose of a source file, read without the importer, and which of it no part file holds.

A line of prose is one with a sentence end (。) or, when at least 20 characters long, a comma:
table labels and page furniture rarely are. Text inside HTML tables and Markdown pipe rows is
not prose. Comparison ignores white space, Markdown escapes and NFKC differences, so a
paragraph wrapped over several PDF lines is found line by line in the joined part text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
_SKIP = {"script", "style", "head", "title", "table"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.lines[-1] += data


def source_lines(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".shtml"):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        return parser.lines
    if suffix == ".pdf":
        exe = shutil.which("pdftotext")
        if exe is None:
            return []
        out = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                             check=False, timeout=120).stdout.decode("utf-8", "replace")
        return out.split("\n")
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.split("\n") if not line.strip().startswith("|")]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.replace("\\", ""))
    return "".join(text.split())


def is_prose(line: str) -> bool:
    s = _norm(line)
    return "。" in s or (len(s) >= 20 and "," in s)


def _labels() -> str:
    """Every official table label of both editions, normalised and joined (table text)."""
    from gkgen.format import EDITIONS, edition
    from gkgen.importer.labels import label_index

    out = []
    for ed in EDITIONS:
        e = edition(ed)
        for t in e.tables:
            out += [lab.text for lab in label_index(ed, t.key).labels]
    return "\n".join(_norm(t) for t in out)


def lost_paragraphs(path: Path, parts_text: str) -> tuple[int, list[str]]:
    """How many prose lines the source has, and those that no part file holds (a line that is
    part of an official table label is table text, not prose)."""
    haystack = _norm(re.sub(r"^#+\s*", "", parts_text, flags=re.M))
    labels = _labels()
    prose = [line.strip() for line in source_lines(path) if is_prose(line)
             and _norm(line) not in labels]
    return len(prose), [p for p in prose if _norm(p) not in haystack]
