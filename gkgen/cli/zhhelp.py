"""Help pages that read well in Chinese: "用法：", full-width colons after headings, Chinese
placeholders, and text measured and wrapped by display width (a Chinese character takes two
columns; lines break between characters, never before closing punctuation, and lines of a
paragraph join without a stray space)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import click

NO_LINE_START = frozenset("，。、；：？！）》」』”’…—%")
NO_LINE_END = frozenset("（《「『“‘")


def is_wide(ch: str) -> bool:
    """True for characters a terminal shows two columns wide (CJK, full-width punctuation)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def width(text: str) -> int:
    """Display width of text in terminal columns (styles ignored)."""
    return sum(2 if is_wide(ch) else 1 for ch in click.unstyle(text))


def _pieces(text: str) -> Iterator[str]:
    """Runs of spaces, runs of narrow characters, and single wide characters."""
    run = ""
    for ch in text:
        if is_wide(ch) or (run and run[-1].isspace() != ch.isspace()):
            if run:
                yield run
            run = ""
        if is_wide(ch):
            yield ch
        else:
            run += ch
    if run:
        yield run


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: closing punctuation sticks to what precedes it, opening to what
    follows."""
    out: list[str] = []
    glue_next = False
    for piece in _pieces(text):
        if out and not piece.isspace() and (glue_next or piece[0] in NO_LINE_START):
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in NO_LINE_END
    return out


def wrap(text: str, limit: int) -> list[str]:
    """text broken into lines of at most limit columns (a too-long token gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for tok in tokens(text):
        if tok.isspace():
            line += " " if line else ""
        elif line and width(line + tok) > limit:
            lines.append(line.rstrip())
            line = tok
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _is_wide_punct(ch: str) -> bool:
    return is_wide(ch) and unicodedata.category(ch).startswith("P")


def join_lines(lines: Iterable[str]) -> str:
    """Lines of a paragraph as one: nothing between two Chinese characters or next to Chinese
    punctuation, a space otherwise (as between Chinese and Latin words)."""
    text = ""
    for line in (raw.strip() for raw in lines):
        if text and line:
            left, right = text[-1], line[0]
            if not ((is_wide(left) and is_wide(right)) or _is_wide_punct(left)
                    or _is_wide_punct(right)):
                text += " "
        text += line
    return text


class ZhHelpFormatter(click.HelpFormatter):
    """click's help formatter, measuring and wrapping Chinese text by display width."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        limit = max(self.width - self.current_indent, 11)
        out: list[str] = []
        for para in re.split(r"\n[ \t]*\n", text.expandtabs()):
            lines = para.strip("\n").splitlines()
            if lines and lines[0].strip() == "\b":  # click's mark: keep these lines as written
                out.append("\n".join(indent + line.rstrip() for line in lines[1:]))
            elif any(line.strip() for line in lines):
                out.append("\n".join(indent + line for line in wrap(join_lines(lines), limit)))
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((width(row[0]) for row in rows), default=0), col_max)
        first_col = first_width + col_spacing
        limit = max(self.width - first_col - 2, 10)
        pad = " " * (first_col + self.current_indent)
        for first, second in ((row[0], row[1] if len(row) > 1 else "") for row in rows):
            self.write(f"{'':>{self.current_indent}}{first}")
            lines = wrap(second, limit)
            if not lines:
                self.write("\n")
                continue
            if width(first) <= first_width:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + pad)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(pad + line + "\n")


class ZhContext(click.Context):
    formatter_class = ZhHelpFormatter


class ZhCommand(click.Command):
    """A command whose help and usage lines read in Chinese."""

    context_class = ZhContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class ZhGroup(click.Group):
    """A group whose help reads in Chinese, and whose commands' help does too."""

    context_class = ZhContext
    command_class = ZhCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)
