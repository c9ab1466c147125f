"""Full-width punctuation that a Chinese input method types where YAML needs the ASCII one.

Found only where YAML already failed (or read a mapping as one long text); official labels
that rightly hold such characters (（单位：万元）, “三安全一稳定”), quoted text and comments are
never blamed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gkgen.format import EDITIONS, edition

_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """text's lines as YAML counts them."""
    return _BREAK.split(text)


# Full-width punctuation that a Chinese input method types where YAML needs the ASCII one:
# character -> (what it is, what it should be, the ASCII character).
LOOKALIKES: dict[str, tuple[str, str, str]] = {
    "，": ("全角逗号", "半角逗号", ","), "：": ("全角冒号", "半角冒号", ":"),
    "｛": ("全角花括号", "半角花括号", "{"), "｝": ("全角花括号", "半角花括号", "}"),
    "［": ("全角方括号", "半角方括号", "["), "］": ("全角方括号", "半角方括号", "]"),
    "【": ("中文方括号", "半角方括号", "["), "】": ("中文方括号", "半角方括号", "]"),
    "“": ("中文引号", "半角引号", '"'), "”": ("中文引号", "半角引号", '"'),
    "＂": ("全角引号", "半角引号", '"'), "＇": ("全角单引号", "半角单引号", "'"),
    "‘": ("中文单引号", "半角单引号", "'"), "’": ("中文单引号", "半角单引号", "'"),
    "\u3000": ("全角空格", "半角空格", " "),
}
IME_HINT = ("中文输入法容易打出全角标点。YAML 的冒号、逗号、括号和引号都必须是半角（英文）符号；"
            "多数输入法可按 Ctrl+. 在中英文标点之间切换。")


def _show(ch: str) -> str:
    if ch in " \u3000":
        return ""
    return f"「{ch}」" if ch in "\"'“”‘’＂＇" else f"“{ch}”"


@dataclass(frozen=True)
class Lookalike:
    """A full-width look-alike of the punctuation YAML needs, at a 1-based place."""

    line: int
    column: int
    char: str

    def message(self) -> str:
        """第 N 列用了全角逗号“，”，请改为半角逗号“,”。"""
        name, ascii_name, ascii = LOOKALIKES[self.char]
        fix = f"请改为{ascii_name}{_show(ascii)}"
        if self.char == "：":
            fix += "，并在其后加一个空格"
        elif ascii in "\"'":
            fix += "，或者去掉引号"
        return f"第 {self.column} 列用了{name}{_show(self.char)}，{fix}。"


@functools.lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    """The official labels that contain a look-alike themselves (（单位：万元）, “三安全一稳定”), longest first."""
    labels = {lab for k in EDITIONS for t in edition(k).tables for c in t.cells for lab in c.yaml_path}
    return tuple(sorted((x for x in labels if any(ch in LOOKALIKES for ch in x)), key=len, reverse=True))


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_PARENS = re.compile(r"（[^（）]*）")
_COMMENT = re.compile(r"(?:^|\s)#.*")


def _mask(line: str) -> str:
    """line with what may rightly hold full-width punctuation blanked out: labels, quoted
    text, （…）, comments."""
    for label in _labels():
        line = line.replace(label, "\0" * len(label))
    line = _QUOTED.sub(lambda m: "\0" * len(m.group()), line)
    line = _PARENS.sub(lambda m: "\0" * len(m.group()), line)
    return _COMMENT.sub(lambda m: "\0" * len(m.group()), line)


def lookalike_at(text: str) -> int | None:
    """The 0-based index of the first suspicious look-alike in one line of text, or None."""
    masked = _mask(text)
    return next((i for i, ch in enumerate(masked) if ch in LOOKALIKES), None)


def find_lookalike(lines: list[str], first: int, last: int, start: int = 0,
                   end: int | None = None) -> Lookalike | None:
    """The first look-alike on lines[first..last] (0-based), from column start of the first line
    to column end of the last."""
    for i in range(first, min(last, len(lines) - 1) + 1):
        line = lines[i]
        lo = start if i == first else 0
        hi = end if i == last and end is not None else len(line)
        at = lookalike_at("\0" * lo + line[lo:hi])
        if at is not None:
            return Lookalike(i + 1, at + 1, line[at])
    return None
