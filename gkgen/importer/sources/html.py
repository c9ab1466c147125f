"""A saved web page: real <table>s (rowspan/colspan kept), headings, paragraphs and lists.

Page furniture (<script>, <style>, <nav>, <header>, <footer>, forms) is skipped; layout
tables (a table holding tables) are read as ordinary flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from gkgen.importer.doc import Block, Document, Grid, Para
from gkgen.importer.sources.errors import SourceError

VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
SKIP = {"script", "style", "nav", "header", "footer", "form", "noscript", "select", "button",
        "template", "svg", "iframe", "head", "aside"}
BLOCK = {"p", "div", "section", "article", "main", "body", "blockquote", "center", "dd", "dt",
         "dl", "figure", "figcaption", "caption", "address", "pre"}
HEADINGS = {f"h{i}": i for i in range(1, 7)}
# Opening one of these closes an open element of the same group (sloppy HTML without end tags).
IMPLIED = {"p": {"p"}, "li": {"li"}, "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
           "thead": {"tbody", "thead", "tr", "td", "th"}, "tbody": {"tbody", "thead", "tr", "td", "th"}}
MAX_DEPTH = 150  # open elements kept; deeper ones are read as text of their parent
STOP = {"table", "ul", "ol", "div", "body"}  # implied closing never crosses these


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.meta: dict[str, str] = {}
        self.deep = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
        if len(self.stack) > MAX_DEPTH:
            self.deep = True
            return  # nested past any real page: the text is kept, the nesting is not
        self._imply(tag)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if a.get("name") and a.get("content") and len(self.meta) < 200:
            self.meta.setdefault(a["name"], a["content"][:200])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def _imply(self, tag: str) -> None:
        closes = IMPLIED.get(tag, set())
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t in closes:
                del self.stack[i:]
                return
            if t in STOP or t == tag:
                return

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def text_of(node: Node | str) -> str:
    """The visible text inside a node; <br> becomes a line break."""
    if isinstance(node, str):
        return node
    if node.tag in SKIP:
        return ""
    if node.tag == "br":
        return "\n"
    return "".join(text_of(c) for c in node.children)


def _has(node: Node, tag: str) -> bool:
    return any(isinstance(c, Node) and (c.tag == tag or _has(c, tag)) for c in node.children)


@dataclass
class _Walker:
    blocks: list[Block] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)
    title: str | None = None

    def flush(self) -> None:
        text = "".join(self.inline)
        self.inline.clear()
        for line in text.split("\n"):
            line = " ".join(line.replace("\xa0", " ").split())
            if line:
                self.blocks.append(Para(line))

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.inline.append(child)
            else:
                self.element(child)

    def element(self, node: Node) -> None:
        tag = node.tag
        if tag in SKIP or tag == "title":
            return
        if tag == "br":
            self.inline.append("\n")
        elif tag in HEADINGS:
            self.flush()
            text = " ".join(text_of(node).split())
            if text:
                self.blocks.append(Para(text, level=HEADINGS[tag]))
        elif tag == "table" and not _has(node, "table"):
            self.flush()
            self.blocks.append(Grid(grid(node)))
        elif tag in ("ol", "ul"):
            self.flush()
            self.items(node)
        elif tag in BLOCK or tag in ("table", "tr", "td", "th", "li", "tbody", "thead"):
            self.flush()
            self.walk(node)
            self.flush()
        else:
            self.walk(node)

    def items(self, node: Node) -> None:
        ordinal = _int(node.attrs.get("start"), 1)
        for child in node.children:
            if isinstance(child, Node) and child.tag == "li":
                text = " ".join(text_of(child).split())
                n = _int(child.attrs.get("value"), ordinal)
                if text:
                    self.blocks.append(Para(text, ordinal=n if node.tag == "ol" else None,
                                            bullet=node.tag == "ul"))
                ordinal = n + 1


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _rows(node: Node) -> list[Node]:
    out = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                out.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                out += _rows(child)
    return out


def grid(table: Node) -> list[list[str]]:
    """The rows of a table: colspans once per row, rowspans repeated in every row they cover."""
    carry: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    out = []
    for tr in _rows(table):
        row: list[str] = []
        col = 0
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        for cell in cells:
            col = _carried(carry, col, row)
            text = " ".join(text_of(cell).replace("\xa0", " ").split())
            span, down = _int(cell.attrs.get("colspan"), 1), _int(cell.attrs.get("rowspan"), 1)
            row.append(text)
            for c in range(col, col + max(span, 1)):
                if down > 1:
                    carry[c] = (text, down - 1)
            col += max(span, 1)
        _carried(carry, col, row, to_end=True)
        out.append(row)
    return out


def _carried(carry: dict[int, tuple[str, int]], col: int, row: list[str], to_end: bool = False) -> int:
    """Repeat the texts of rowspans covering col (onwards); the next free column."""
    while col in carry or (to_end and any(c >= col for c in carry)):
        if col in carry:
            text, left = carry[col]
            first = col
            while col in carry and carry[col] == (text, left):
                col += 1
            row.append(text)
            for c in range(first, col):
                if left > 1:
                    carry[c] = (text, left - 1)
                else:
                    del carry[c]
        else:
            col += 1
    return col


def _title(node: Node) -> str | None:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == "title":
                return " ".join(text_of(child).split()) or None
            found = _title(child)
            if found:
                return found
    return None


def read_html(text: str) -> Document:
    """The blocks of a web page."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    if builder.deep:
        raise SourceError(f"网页中的元素嵌套超过 {MAX_DEPTH} 层（例如表格里套表格），不是正常的报告页面，无法导入。"
                          "请确认选对了文件，或把报告另存为网页后再导入。")
    walker = _Walker(title=_title(builder.root))
    walker.walk(builder.root)
    walker.flush()
    return Document(walker.blocks, title=walker.title, source_kind="HTML", meta=builder.meta)


def read_html_file(path: Path) -> Document:
    from gkgen.importer.sources.limits import decode

    return read_html(decode(path))
