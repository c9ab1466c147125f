"""Parsing one table cell as typed by an author: never coerced, every doubt a finding."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from gkgen.content.fullwidth import IME_HINT, LOOKALIKES
from gkgen.findings import Finding, Number, Pos
from gkgen.format import Cell, Kind

_INT = re.compile(r"^[+-]?\d+$", re.ASCII)
_DEC = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
_BLANKS = {"", "~", "null", "Null", "NULL"}
_KIND_TEXT = {
    Kind.COUNT: "非负整数",
    Kind.SIGNED: "整数（可为负数）",
    Kind.AMOUNT: "非负数（单位：万元，可带小数）",
}


def is_blank(raw: str, quoted: bool) -> bool:
    """Whether a typed cell is blank: empty, ~ or null ("" in quotes too; "null" in quotes is text)."""
    text = raw.strip()
    return text in _BLANKS and not (quoted and text)


# Ways of writing a number that YAML knows but a report does not: the plain form is given.
_FORMS: tuple[tuple[re.Pattern[str], str, Callable[[str], Decimal]], ...] = (
    (re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$", re.ASCII), "是科学计数法", lambda t: Decimal(t)),
    (re.compile(r"^[+-]?\d+(_\d+)+(\.\d+)?$", re.ASCII), "中含有下划线", lambda t: Decimal(t.replace("_", ""))),
    (re.compile(r"^[+-]?0[xX][0-9a-fA-F]+$"), "是十六进制写法", lambda t: Decimal(int(t, 16))),
    (re.compile(r"^[+-]?0[oO][0-7]+$"), "是八进制写法", lambda t: Decimal(int(t, 8))),
    (re.compile(r"^[+-]?0[bB][01]+$"), "是二进制写法", lambda t: Decimal(int(t, 2))),
)
_NOTHING = {"无", "没有", "暂无", "零", "〇", "-", "--", "—", "——", "–", "/", "／", "、"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$", re.ASCII)
_SPACED = re.compile(r"^[+-]?\d{1,3}( \d{3})+(\.\d+)?$", re.ASCII)
_LEADING = re.compile(r"^[+-]?\d+(\.\d+)?", re.ASCII)


def _too_long(text: str) -> bool:
    """More digits than any figure has, or an exponent that would overflow (1e99999999)."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS or len(text) > 4 * MAX_DIGITS:
        return True
    m = re.search(r"[eE]([+-]?\d+)$", text)
    return m is not None and abs(int(m.group(1))) > MAX_DIGITS


def excerpt(text: str, limit: int = 40) -> str:
    """At most limit characters of text, for a message (a 1 MB line is not repeated whole)."""
    return text if len(text) <= limit else text[:limit] + f"…（共 {len(text)} 个字符）"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


MAX_DIGITS = 15  # no count or amount of a report has more; beyond, Python's int() refuses at 4,300


def parse_cell(raw: str, quoted: bool, cell: Cell, pos: Pos) -> tuple[Number | None, Finding | None]:
    """The value of raw for cell, or None and an R5 finding saying what is wrong."""
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS:  # the common case: a plain count
        return (Decimal(raw) if cell.kind is Kind.AMOUNT else int(raw)), None
    text = raw.strip()

    def bad(msg: str, hint: str) -> tuple[None, Finding]:
        return None, Finding("R5", f"{cell.label}：{msg}", pos, hint=hint, cells=(cell.id,),
                             labels=(cell.label,), actual=excerpt(raw))

    if _too_long(text):
        return bad(f"“{excerpt(text)}”位数过多（超过 {MAX_DIGITS} 位），不是一个合理的数字。",
                   "核对该格：件数、金额都不会超过 15 位数字；可能误粘贴了其他内容。")

    if is_blank(raw, quoted):
        return bad("单元格空白。空白不等于零。", "如果该项确实为零，请填写 0。")
    if not _DEC.match(text):
        return _not_a_number(text, cell, bad)
    if cell.kind is Kind.AMOUNT:
        value: Number = Decimal(text)
        if value < 0:
            return bad(f"金额“{text}”为负数。", "收费金额不能为负数；没有收费的填 0。")
        return value, None
    if not _INT.match(text):
        whole = Decimal(text)
        fix = f"，写作 {_plain(whole)}" if whole == whole.to_integral_value() else ""
        return bad(f"“{text}”不是整数，应填写{_KIND_TEXT[cell.kind]}。", f"件数、数量只能是整数{fix}。")
    value = int(text)
    if value < 0 and cell.kind is Kind.COUNT:
        return bad(f"“{text}”为负数，应填写{_KIND_TEXT[cell.kind]}。", "件数、数量不能为负数；没有发生的填 0。")
    return value, None


def _not_a_number(text: str, cell: Cell,
                  bad: Callable[[str, str], tuple[None, Finding]]) -> tuple[None, Finding]:
    """Why text is not a number, with the number it was probably meant to be."""
    narrow = unicodedata.normalize("NFKC", text)
    if " " in narrow.strip() and _DEC.match(narrow.replace(" ", "")):
        if _SPACED.match(narrow):
            return bad(f"“{text}”中间有空格。", f"去掉空格，写作 {narrow.replace(' ', '')}")
        return bad(f"“{text}”中间有空格。", "如果是两个数，应各占一格，用逗号“,”隔开；如果是一个数，请去掉空格。")
    if narrow != text and _DEC.match(narrow):
        return bad(f"“{text}”含有全角数字或符号。", f"请改为半角数字：{narrow}")
    if _THOUSANDS.match(text):
        plain = text.replace(",", "").replace("，", "")
        return bad(f"“{text}”含有千位分隔符。", f"请去掉逗号，写作 {plain}")
    for form, what, value in _FORMS:
        if form.match(text):
            return bad(f"“{text}”{what}。", f"请直接写出数字：{_plain(value(text))}")
    stray = [ch for ch in text if ch in LOOKALIKES]
    if stray and _DEC.match("".join(ch for ch in text if ch not in LOOKALIKES)):
        number = "".join(ch for ch in text if ch not in LOOKALIKES)
        name = LOOKALIKES[stray[0]][0]
        comma = "花括号里项与项之间用半角逗号“,”分隔。" if stray[0] == "，" else ""
        return bad(f"“{text}”中多了{name}“{stray[0]}”。", f"这一格只填数字 {number}。{comma}{IME_HINT}")
    if text in _NOTHING:
        return bad(f"“{text}”不是数字。", "没有发生的请填 0；表格只能填写阿拉伯数字。")
    m = _LEADING.match(narrow)
    if m:
        number = m.group(0)
        if cell.kind is Kind.AMOUNT and text.endswith("元") and not text.endswith("万元"):
            number = _plain(Decimal(number) / 10000)
            return bad(f"“{text}”带了单位“元”，本栏以万元为单位。", f"只填写以万元计的数字：{number}")
        return bad(f"“{text}”不是单纯的数字。", f"只填写数字，不要带单位或说明，例如 {number}")
    return bad(f"“{text}”不是数字，应填写{_KIND_TEXT[cell.kind]}。", "请填写阿拉伯数字；没有发生的填 0。")
