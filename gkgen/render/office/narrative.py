"""A narrative part's safe HTML (gkgen.render.markdown) as Word paragraphs.

Word gets what the PDF shows: the same HTML, walked once. Headings keep their level
("（一）" 楷体, "1." 仿宋), ordered list items keep their number written out as
Chinese documents print it ("1.丰富解读方式。"), bullets use the List Bullet style, bold
and italic become 黑体 and 楷体 (as in print.css), and an author's table stays a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

# A line break in the Markdown source joins Chinese text without a space (as CSS does).
_CJK_BREAK = re.compile(r"(?<=[^\x00-\u02ff])\n|\n(?=[^\x00-\u02ff])")
_HEADING = re.compile(r"^h([1-6])$")


@dataclass
class Run:
    text: str
    style: str = ""  # "" | "strong" | "em" | "code"
    br: bool = False  # a line break (<br>) instead of text


@dataclass
class Para:
    style: str  # a docx paragraph style id: Normal, Heading2 …, ListParagraph, ListBullet, Quote
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # list nesting depth (0 outside lists)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Grid:
    """An author's Markdown table: rows of cell texts; the first ``head`` rows are headers."""

    rows: list[list[str]] = field(default_factory=list)
    head: int = 0


Block = Para | Grid


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.para: Para | None = None
        self.inline: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [ordered, next number]
        self.marker: str | None = None  # the number or bullet of the list item just opened
        self.quote = 0
        self.grid: Grid | None = None
        self.cell: list[str] | None = None
        self.in_head = False

    # block structure -------------------------------------------------------------------
    def _open(self, style: str) -> Para:
        self.para = Para(style, level=len(self.lists))
        self.blocks.append(self.para)
        if self.marker is not None:
            if self.marker:
                self.para.runs.append(Run(self.marker))
            else:
                self.para.style = "ListBullet"
            self.marker = None
        return self.para

    def _default_style(self) -> str:
        if self.lists:
            return "ListParagraph"
        return "Quote" if self.quote else "Normal"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        m = _HEADING.match(tag)
        if self.grid is not None:
            self._table_start(tag)
        elif m:
            self._open(f"Heading{max(1, int(m.group(1)) - 1)}")
        elif tag in ("p", "pre"):
            self._open(self._default_style())
        elif tag in ("ol", "ul"):
            start = int(a.get("start", "1") or 1) if tag == "ol" else 0
            self.lists.append([tag == "ol", start])
            self.para = None
        elif tag == "li":
            self.para = None
            ordered, number = self.lists[-1] if self.lists else [0, 0]
            self.marker = f"{number}." if ordered else ""
            if ordered:
                self.lists[-1][1] += 1
        elif tag == "blockquote":
            self.quote += 1
            self.para = None
        elif tag == "table":
            self.para = None
            self.grid = Grid()
        elif tag in ("strong", "b", "em", "i", "code"):
            self.inline.append({"b": "strong", "i": "em"}.get(tag, tag))
        elif tag == "br":
            self._current().runs.append(Run("", br=True))
        elif tag == "img":
            alt = a.get("alt", "")
            self._current().runs.append(Run(f"［图片：{alt}］" if alt else "［图片］"))

    def _table_start(self, tag: str) -> None:
        assert self.grid is not None
        if tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.grid.rows.append([])
            if self.in_head:
                self.grid.head += 1
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.grid is not None:
            if tag == "thead":
                self.in_head = False
            elif tag in ("td", "th") and self.cell is not None:
                self.grid.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "table":
                self.blocks.append(self.grid)
                self.grid = None
            return
        if _HEADING.match(tag) or tag in ("p", "pre", "li"):
            self.para = None
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
            self.para = None
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self.para = None
        elif tag in ("strong", "b", "em", "i", "code") and self.inline:
            self.inline.pop()

    def _current(self) -> Para:
        return self.para or self._open(self._default_style())

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.grid is not None or (self.para is None and not data.strip()):
            return
        text = _CJK_BREAK.sub("", data).replace("\n", " ") if "\n" in data else data
        self._current().runs.append(Run(text, self.inline[-1] if self.inline else ""))


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*?)?)(/?)>")
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?')
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def drive(walker: HTMLParser, html: str) -> None:
    """Feed the walker the tags and text of gkgen's own narrative HTML (markdown-it output:
    well-formed, attributes double-quoted, no raw HTML), four times faster than
    HTMLParser.feed, which a build would otherwise spend a millisecond a report in."""
    html = _COMMENT.sub("", html)
    pos = 0
    for m in _TAG.finditer(html):
        if m.start() > pos:
            walker.handle_data(unescape(html[pos:m.start()]))
        pos = m.end()
        name = m.group(2).lower()
        if m.group(1):
            walker.handle_endtag(name)
            continue
        attrs: list[tuple[str, str | None]] = [(a.lower(), unescape(v)) for a, v in _ATTR.findall(m.group(3))]
        walker.handle_starttag(name, attrs)
        if m.group(4):
            walker.handle_endtag(name)
    if pos < len(html):
        walker.handle_data(unescape(html[pos:]))


def html_blocks(html: str) -> list[Block]:
    """The paragraphs and tables of a part's HTML, in order; empty paragraphs dropped."""
    walker = _Walker()
    drive(walker, html)
    out: list[Block] = []
    for block in walker.blocks:
        if isinstance(block, Para):
            _trim(block)
            if not block.runs:
                continue
        out.append(block)
    return out


def _trim(para: Para) -> None:
    """Leading and trailing white space of a paragraph (HTML ignores it too)."""
    while para.runs and not para.runs[0].br and not para.runs[0].text.strip():
        para.runs.pop(0)
    while para.runs and not para.runs[-1].br and not para.runs[-1].text.strip():
        para.runs.pop()
    if para.runs:
        para.runs[0].text = para.runs[0].text.lstrip()
        para.runs[-1].text = para.runs[-1].text.rstrip()
