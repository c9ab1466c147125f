"""Source readers: one published report file in, a Document out.

READERS maps a file suffix to the reader's "module:function"; a new format registers itself
by adding its suffix here (or calling register()). Every file is checked against the limits
below before a reader sees it, so a hostile file gets a refusal, not a hang.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from gkgen.i18n import os_error_zh
from gkgen.importer.doc import Document

MAX_BYTES = 20 * 1024 * 1024  # a report page is well under 2 MB; a PDF under 10 MB
MAX_UNPACKED = 60 * 1024 * 1024  # all members of an Office file, unpacked

Reader = Callable[[Path], Document]
READERS: dict[str, str | Reader] = {
    ".html": "gkgen.importer.sources.html:read_html_file",
    ".htm": "gkgen.importer.sources.html:read_html_file",
    ".xhtml": "gkgen.importer.sources.html:read_html_file",
    ".shtml": "gkgen.importer.sources.html:read_html_file",
    ".docx": "gkgen.importer.sources.docx:read_docx",
    ".pdf": "gkgen.importer.sources.pdf:read_pdf",
    ".txt": "gkgen.importer.sources.text:read_text_file",
    ".md": "gkgen.importer.sources.text:read_text_file",
    ".markdown": "gkgen.importer.sources.text:read_text_file",
    ".xlsx": "gkgen.importer.sources.xlsx:read_xlsx",
    ".xlsm": "gkgen.importer.sources.xlsx:read_xlsx",
    ".xls": "gkgen.importer.sources.xlsx:refuse_xls",
}
SUFFIXES = frozenset(READERS)


class SourceError(Exception):
    """A source file that cannot be read; the message is for the author (Chinese)."""


def register(suffix: str, reader: str | Reader) -> None:
    """Let a reader handle files ending in suffix (".xlsx")."""
    READERS[suffix.lower()] = reader


def _reader(suffix: str) -> Reader:
    entry = READERS.get(suffix, READERS[".txt"])
    if not isinstance(entry, str):
        return entry
    module, func = entry.split(":")
    try:
        found: Reader = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        raise SourceError(f"暂不支持导入 {suffix} 文件。") from None
    return found


def shown(path: Path) -> str:
    """A file name as it can be printed on one line (a newline in a name is shown as \\n)."""
    text = str(path)
    return repr(text)[1:-1] if any(ch in text for ch in "\n\r\t\x00") else text


def read_document(path: Path) -> Document:
    """The document in path, chosen by its extension (unknown extensions are read as text)."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise SourceError("不支持旧版 Word（.doc）文件，请先用 Word 或 WPS 另存为 .docx 后再导入。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"无法读取文件 {shown(path)}：{os_error_zh(exc)}") from None
    if size > MAX_BYTES:
        raise SourceError(f"文件 {shown(path)} 有 {size // (1024 * 1024)} MB，超过导入上限 "
                          f"{MAX_BYTES // (1024 * 1024)} MB；年度报告的网页或文件不会这么大，请确认选对了文件。")
    try:
        return _reader(suffix)(path)
    except RecursionError:
        raise SourceError(f"{shown(path)} 的结构嵌套过深，无法导入。") from None


def decode(path: Path) -> str:
    """A file's text: UTF-8 (with or without BOM), else GB18030 (many Chinese sites)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"无法读取文件 {shown(path)}：{os_error_zh(exc)}") from None
    if b"\x00" in data[:65536]:
        raise SourceError(f"{shown(path)} 不是文字文件（含有二进制内容），无法导入。"
                          "支持的格式：网页 .html、Word .docx、PDF、文字 .txt/.md。")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"文件 {shown(path)} 既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取。")
