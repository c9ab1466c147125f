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


_OPEN, _CLOSE = "{[｛［【", "}]｝］】"
_STARTS = ("", ":", "：", ",", "，", "-", *_OPEN)  # what comes before the start of a key or value
_QUOTE_MARKS = "“”‘’＂＇"
_LISTISH = re.compile(r"[^}\]｝］】]*?[\d,，:：]|[^}\]｝］】]*$")  # 【0, 0】, ｛a: 0, not 【某市】


def _suspects(masked: str) -> list[int]:
    """Where, in a masked line, a look-alike stands where YAML needs its ASCII twin: a colon
    that separates a key, a comma or closing bracket inside brackets, an opening bracket or a
    quote where a value starts, a full-width space after a colon or as indentation."""
    out, depth, keyed, prev = [], 0, False, ""
    for i, ch in enumerate(masked):
        # a bounded look ahead: slicing the whole rest of a 2 MB line per character took minutes
        after = masked[i + 1:i + 256].lstrip(" ")[:1] if ch in LOOKALIKES else ""
        if ch in LOOKALIKES and (
                (ch == "：" and not keyed)
                or (ch in "，｝］】" and depth > 0)
                or (ch in "｛［【" and prev in _STARTS and _LISTISH.match(masked, i + 1))
                or (ch in _QUOTE_MARKS and (prev in _STARTS or after in ("", *":：,，", *_CLOSE)))
                or (ch == "\u3000" and prev in ("", ":", "："))):
            out.append(i)
        opens = ch in "{[" or (ch in _OPEN and out[-1:] == [i])  # 【某市】 in a title opens nothing
        if opens:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        if opens or ch == "," or (ch == "，" and depth > 0):
            keyed = False  # a new key may follow
        elif ch == "：" or (ch == ":" and masked[i + 1:i + 2] in ("", " ", "\u3000")):
            keyed = True  # what follows is a value
        if ch not in " \u3000":
            prev = ch
    return out


def lookalike_at(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The 0-based index of the first suspicious look-alike in text[start:end], one line, or None."""
    stop = len(text) if end is None else end
    return next((i for i in _suspects(_mask(text)) if start <= i < stop), None)


def find_lookalike(lines: list[str], first: int, last: int, start: int = 0,
                   end: int | None = None) -> Lookalike | None:
    """The first suspicious look-alike on lines[first..last] (0-based), from column start of the
    first line to column end of the last."""
    for i in range(first, min(last, len(lines) - 1) + 1):
        line = lines[i]
        at = lookalike_at(line, start if i == first else 0, end if i == last else None)
        if at is not None:
            return Lookalike(i + 1, at + 1, line[at])
    return None
