"""Source readers: one published report file in, a Document out."""

from __future__ import annotations

from pathlib import Path

from gkgen.i18n import os_error_zh
from gkgen.importer.doc import Document


class SourceError(Exception):
    """A source file that cannot be read; the message is for the author (Chinese)."""


def read_document(path: Path) -> Document:
    """The document in path, chosen by its extension (.html/.htm, .docx, .pdf, other = text)."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml", ".shtml"):
        from gkgen.importer.sources.html import read_html

        return read_html(decode(path))
    if suffix == ".docx":
        from gkgen.importer.sources.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from gkgen.importer.sources.pdf import read_pdf

        return read_pdf(path)
    if suffix == ".doc":
        raise SourceError("不支持旧版 Word（.doc）文件，请先用 Word 或 WPS 另存为 .docx 后再导入。")
    from gkgen.importer.sources.text import read_text

    return read_text(decode(path))


def decode(path: Path) -> str:
    """A file's text: UTF-8 (with or without BOM), else GB18030 (many Chinese sites)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"无法读取文件 {path}：{os_error_zh(exc)}") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"文件 {path} 既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取。")
