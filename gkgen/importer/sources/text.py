"""Plain text and converter output: paragraphs one a line (or wrapped over several lines, as
PDF-to-text converters leave them), `#` headings, Markdown pipe tables (separator rows are not
cells), tab-separated rows (positions kept) and cells flattened one a line ending in "|"
(blank cells lost)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from gkgen.importer.doc import Block, Document, Flat, Grid, Para

T = TypeVar("T", Flat, Grid)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")
_SEPARATOR = re.compile(r"^:?-{2,}:?$")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
_ENDS = "。！？；：:;!?”）)》"
WRAP_MIN = 14  # a line this long that ends mid-sentence may be wrapped
MAX_HTML_LINES = 5_000  # lines of one embedded HTML table
_TABLE_OPEN = re.compile(r"<table[\s>]", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>\s*$", re.I)
MAX_LINE = 200_000  # characters of one line kept (a page is never one line this long)


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a Markdown pipe row ("| a | b |"), [] for a separator row, None otherwise."""
    s = line.strip()
    if len(s) < 3 or not (s.startswith("|") and s.endswith("|")):
        return None
    cells = [c.strip() for c in s[1:-1].split("|")]
    if not any(cells):
        return None  # "|||": a flattened table's blank cells
    if all(_SEPARATOR.match(c.replace(" ", "")) for c in cells if c) and all(cells):
        return []
    return cells


def read_text(text: str) -> Document:
    """The blocks of a plain-text or Markdown report."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    notes: list[str] = []
    if any(len(line) > MAX_LINE for line in lines):
        notes.append(f"来源中有超过 {MAX_LINE} 个字符的一行，只读取了每行的前 {MAX_LINE} 个字符。")
        lines = [line[:MAX_LINE] for line in lines]
    blocks: list[Block] = []
    last_pipe = False
    html: list[str] = []  # the lines of an HTML table embedded in Markdown
    for line in lines:
        stripped = line.strip()
        if html or _TABLE_OPEN.search(stripped):
            html.append(line)
            if _TABLE_CLOSE.search(stripped) or len(html) > MAX_HTML_LINES:
                blocks += _html_blocks("\n".join(html))
                html = []
            continue
        if not stripped:
            last_pipe = False
            continue
        cells = pipe_cells(stripped)
        if cells is not None:
            if cells:
                grid = _open(blocks, Grid) if last_pipe else _new(blocks, Grid)
                grid.rows.append(cells)
            last_pipe = True
            continue
        last_pipe = False
        if stripped.endswith("|") or stripped.startswith("|"):
            cells = [c.strip() for c in stripped.split("|") if c.strip()]
            _open(blocks, Flat).tokens.extend(cells)
        elif "\t" in line.strip(" \u3000"):
            _open(blocks, Grid).rows.append([c.strip() for c in line.rstrip("\n").split("\t")])
        else:
            blocks.append(_para(stripped))
    if html:
        blocks += _html_blocks("\n".join(html))
    if _wrapped(blocks):
        blocks = join_lines(blocks)
        notes.append("来源的段落被折成了多行（PDF 转换的文字），已按句子重新连成段落。")
    return Document(blocks, source_kind="文本", notes=notes)


def _html_blocks(text: str) -> list[Block]:
    """An HTML table inside Markdown (converters write one where a table has spans)."""
    from gkgen.importer.sources.html import read_html

    return read_html(text).blocks


def _para(line: str) -> Para:
    m = _HEADING.match(line)
    if m and m.group(2):
        return Para(m.group(2), level=len(m.group(1)))
    b = _BOLD.match(line)
    if b and len(b.group(1)) <= 40:
        return Para(b.group(1), level=3)
    return Para(line)


def _wrapped(blocks: list[Block]) -> bool:
    """Whether most long lines end mid-sentence: text wrapped at a page width."""
    long = [b.text for b in blocks if isinstance(b, Para) and not b.level and len(b.text) >= WRAP_MIN]
    widths = sorted(width(t) for t in long if t[-1] not in _ENDS)
    if len(widths) < 8 or len(widths) < 0.5 * len(long):
        return False
    page = widths[int(0.9 * (len(widths) - 1))]  # the page width, ignoring a few overlong lines
    at_page = sum(0.9 * page <= w <= 1.05 * page for w in widths)
    return at_page >= 0.6 * len(widths)


def width(text: str) -> int:
    """Printed width: a CJK character counts two, ASCII one."""
    return sum(1 if ch.isascii() else 2 for ch in text)


def join_lines(blocks: list[Block]) -> list[Block]:
    """Lines of one wrapped paragraph joined (CJK: no space between): a line is wrapped when
    it is about as wide as the page's full lines and ends mid-sentence."""
    widths = sorted(width(b.text) for b in blocks if isinstance(b, Para) and not b.level
                    and len(b.text) >= WRAP_MIN)
    full = 0.85 * widths[len(widths) // 2] if widths else 0
    out: list[Block] = []
    last = 0  # width of the last line joined into out[-1]
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Para) and isinstance(prev, Para) and not block.level
                and not prev.level and last >= full and prev.text[-1] not in _ENDS
                and not _NUMBERED.match(block.text)
                and not (_NUMBERED.match(prev.text) and len(prev.text) <= 30 and "。" not in prev.text)):
            out[-1] = Para(_join(prev.text, block.text))
        else:
            out.append(block)
        last = width(block.text) if isinstance(block, Para) else 0
    return out


def _join(a: str, b: str) -> str:
    if a[-1:].isascii() and b[:1].isascii() and a[-1:].isalnum() and b[:1].isalnum():
        return a + " " + b
    return a + b


def _new(blocks: list[Block], kind: type[T]) -> T:
    block = kind([])
    blocks.append(block)
    return block


def _open(blocks: list[Block], kind: type[T]) -> T:
    """The block being filled: the last one if it is of this kind, else a new empty one."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, kind):
        last = kind([])
        blocks.append(last)
    return last


def read_text_file(path: Path) -> Document:
    from gkgen.importer.sources.limits import decode

    return read_text(decode(path))
