"""Source readers: one published report file in, a Document out.

READERS maps a file suffix to the reader's "module:function"; a new format registers itself
by adding its suffix here (or calling register()). Every file is checked against the limits
below before a reader sees it, so a hostile file gets a refusal, not a hang.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from gkgen.importer.doc import Document
from gkgen.importer.sources.errors import SourceError, shown
from gkgen.importer.sources.limits import MAX_BYTES, MAX_UNPACKED, check_size, check_zip, decode

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


def read_document(path: Path) -> Document:
    """The document in path, chosen by its extension (unknown extensions are read as text)."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise SourceError("不支持旧版 Word（.doc）文件，请先用 Word 或 WPS 另存为 .docx 后再导入。")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in path.name):
        raise SourceError(f"文件名“{shown(path)}”中含有换行等控制字符，无法导入；请先把文件改名（只用文字、"
                          "数字和常见标点）后再导入。")
    check_size(path)
    if suffix == ".xlsx":  # read_docx checks its own file (so does any direct caller of it)
        check_zip(path)
    try:
        return _reader(suffix)(path)
    except RecursionError:
        raise SourceError(f"{shown(path)} 的结构嵌套过深，无法导入。") from None


__all__ = ["MAX_BYTES", "MAX_UNPACKED", "READERS", "SUFFIXES", "SourceError", "decode", "read_document",
           "register", "shown"]
