"""A PDF with a text layer, through poppler's pdftotext: read as plain text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from gkgen.importer.doc import Block, Document, Para
from gkgen.importer.sources.text import read_text


def read_pdf(path: Path) -> Document:
    """The text of a PDF, read like text copied from a page (table cells lose their positions)."""
    from gkgen.importer.sources import SourceError

    exe = shutil.which("pdftotext")
    if exe is None:
        raise SourceError("读取 PDF 需要 pdftotext（poppler-utils），当前环境中没有安装。")
    try:
        done = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"pdftotext 无法读取 {path.name}：{exc}") from None
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise SourceError(f"{path.name} 没有文字层（可能是扫描件），无法导入。")
    lines = [line for line in text.replace("\f", "\n").split("\n") if not _PAGE_NUMBER.match(line)]
    doc = read_text("\n".join(lines))
    doc.blocks = join_wrapped(doc.blocks)
    doc.source_kind = "PDF"
    doc.cells_by_space = True
    doc.notes.append("PDF 中的表格以文字形式读出，空白单元格的位置无法确定。")
    return doc


_PAGE_NUMBER = re.compile(r"^\s*[—–\-]?\s*\d{1,3}\s*[—–\-]?\s*$")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
FULL_LINE = 20  # a printed line at least this long that ends mid-sentence was wrapped
_ENDS = "。：:；;！!？?"


def join_wrapped(blocks: list[Block]) -> list[Block]:
    """Paragraphs that the page width wrapped joined again (CJK text: no space between)."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Para) and isinstance(prev, Para) and len(prev.text) >= FULL_LINE
                and prev.text[-1] not in _ENDS and " " not in prev.text + block.text
                and not _NUMBERED.match(block.text)):
            out[-1] = Para(prev.text + block.text)
        else:
            out.append(block)
    return out
