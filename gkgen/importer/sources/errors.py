"""The refusal every source reader raises, and a file name as it can be shown in one."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source file that cannot be read; the message is for the author (Chinese)."""


def shown(path: Path) -> str:
    """A file name as it can be printed on one line (a newline in a name is shown as \\n)."""
    text = str(path)
    return repr(text)[1:-1] if any(ch in text for ch in "\n\r\t\x00") else text
