"""A Word (.docx) report, read with python-docx (an optional dependency, imported lazily)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gkgen.importer.doc import Block, Document, Grid, Para
from gkgen.importer.sources.errors import SourceError

_HEADING = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)
MISSING = ("读取 Word 文件需要 python-docx，当前环境中没有安装。请运行 pip install python-docx "
           "后重试，或在 Word/WPS 中把报告另存为网页（.html）再导入。")


def read_docx(path: Path) -> Document:
    """The blocks of a .docx file, paragraphs and tables in document order."""
    try:
        import docx  # type: ignore[import-not-found,import-untyped,unused-ignore]
        from docx.table import Table  # type: ignore[import-not-found,import-untyped,unused-ignore]
        from docx.text.paragraph import Paragraph  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise SourceError(MISSING) from None
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise SourceError(f"无法打开 Word 文件 {path.name}：文件已损坏，或不是 .docx 格式（旧的 .doc 请先在 Word 或 WPS 中另存为 .docx）。") from None
    blocks: list[Block] = []
    counters: dict[str, int] = {}
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = _para(Paragraph(child, document), counters)
            if para:
                blocks.append(para)
        elif tag == "tbl":
            counters.clear()
            blocks.append(Grid(_grid(Table(child, document))))
    title = document.core_properties.title or None
    return Document(blocks, title=title, source_kind="Word（.docx）")


def _para(p: Any, counters: dict[str, int]) -> Para | None:
    text = " ".join(p.text.replace("\xa0", " ").split())
    style = p.style.name if p.style is not None else ""
    if not text:
        return None
    m = _HEADING.match(style)
    if m:
        counters.clear()
        return Para(text, level=int(m.group(1)))
    if style == "Title":
        return Para(text, level=1)
    if style.startswith("List Number"):
        counters[style] = counters.get(style, 0) + 1
        return Para(text, ordinal=counters[style])
    counters.clear()
    if style.startswith("List Bullet"):
        return Para(text, bullet=True)
    return Para(text)


def _grid(table: Any) -> list[list[str]]:
    """Rows of cell texts; a merged cell once per row (python-docx repeats it per grid column)."""
    rows = []
    for row in table.rows:
        out: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:
                continue
            last = cell._tc
            out.append(" ".join(cell.text.replace("\xa0", " ").split()))
        rows.append(out)
    return rows
