"""Helpers for reading narrative source: comments out, positions kept."""

from __future__ import annotations

import re
from pathlib import Path

from gkgen.findings import Pos

_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_EXPR = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def blank_out(source: str) -> str:
    """The source with Jinja comments and expressions replaced by spaces (same offsets)."""
    blank = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
    return _EXPR.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), blank)


def plain_text(source: str | None) -> str:
    """What the author wrote, without comments and quoting expressions, stripped."""
    if source is None:
        return ""
    return blank_out(source).strip()


def pos_at(path: Path, source: str, offset: int) -> Pos:
    """The 1-based line and column of an offset in source."""
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return Pos(path, line, col)
