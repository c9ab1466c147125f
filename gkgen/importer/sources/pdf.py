"""A PDF with a text layer, through poppler's pdftotext: read as plain text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from gkgen.importer.doc import Document
from gkgen.importer.sources.text import read_text


def read_pdf(path: Path) -> Document:
    """The text of a PDF, read like text copied from a page (table cells lose their positions)."""
    from gkgen.importer.sources import SourceError

    exe = shutil.which("pdftotext")
    if exe is None:
        raise SourceError("读取 PDF 需要 pdftotext（poppler-utils），当前环境中没有安装。")
    try:
        done = subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"pdftotext 无法读取 {path.name}：{exc}") from None
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise SourceError(f"{path.name} 没有文字层（可能是扫描件），无法导入。")
    doc = read_text(text)
    doc.source_kind = "PDF"
    doc.notes.append("PDF 中的表格以文字形式读出，空白单元格的位置无法确定。")
    return doc
