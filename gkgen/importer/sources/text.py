"""Plain text copied from a web page: paragraphs one a line, tables as tab-separated rows
(positions kept) or as cells flattened one a line ending in "|" (blank cells lost)."""

from __future__ import annotations

from gkgen.importer.doc import Block, Document, Flat, Grid, Para


def read_text(text: str) -> Document:
    """The blocks of a plain-text report."""
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.endswith("|") or stripped.startswith("|"):
            cells = [c.strip() for c in stripped.split("|") if c.strip()]
            _flat(blocks).tokens.extend(cells)
        elif "\t" in line.strip(" \u3000"):
            _grid(blocks).rows.append([c.strip() for c in line.rstrip("\n").split("\t")])
        else:
            blocks.append(Para(stripped))
    return Document(blocks, source_kind="文本")


def _flat(blocks: list[Block]) -> Flat:
    if not blocks or not isinstance(blocks[-1], Flat):
        blocks.append(Flat([]))
    last = blocks[-1]
    assert isinstance(last, Flat)
    return last


def _grid(blocks: list[Block]) -> Grid:
    if not blocks or not isinstance(blocks[-1], Grid):
        blocks.append(Grid([]))
    last = blocks[-1]
    assert isinstance(last, Grid)
    return last
