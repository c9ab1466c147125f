"""Plain text copied from a web page: paragraphs one a line, tables as tab-separated rows
(positions kept) or as cells flattened one a line ending in "|" (blank cells lost)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from gkgen.importer.doc import Block, Document, Flat, Grid, Para

T = TypeVar("T", Flat, Grid)


def read_text(text: str) -> Document:
    """The blocks of a plain-text report."""
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.endswith("|") or stripped.startswith("|"):
            cells = [c.strip() for c in stripped.split("|") if c.strip()]
            _open(blocks, Flat).tokens.extend(cells)
        elif "\t" in line.strip(" \u3000"):
            _open(blocks, Grid).rows.append([c.strip() for c in line.rstrip("\n").split("\t")])
        else:
            blocks.append(Para(stripped))
    return Document(blocks, source_kind="文本")


def _open(blocks: list[Block], kind: type[T]) -> T:
    """The block being filled: the last one if it is of this kind, else a new empty one."""
    last = blocks[-1] if blocks else None
    if not isinstance(last, kind):
        last = kind([])
        blocks.append(last)
    return last


def read_text_file(path: Path) -> Document:
    from gkgen.importer.sources import decode

    return read_text(decode(path))
