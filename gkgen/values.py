"""Parsing one table cell as typed by an author: never coerced, every doubt a finding."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gkgen.findings import Finding, Number, Pos
from gkgen.format import Cell, Kind

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?\d+(\.\d+)?$")
_BLANKS = {"", "~", "null", "Null", "NULL"}
_KIND_TEXT = {
    Kind.COUNT: "非负整数",
    Kind.SIGNED: "整数（可为负数）",
    Kind.AMOUNT: "非负数（单位：万元，可带小数）",
}


def parse_cell(raw: str, quoted: bool, cell: Cell, pos: Pos) -> tuple[Number | None, Finding | None]:
    """The value of raw for cell, or None and an R5 finding saying what is wrong."""
    if raw.isascii() and raw.isdigit():  # the common case: a plain count
        return (Decimal(raw) if cell.kind is Kind.AMOUNT else int(raw)), None
    text = raw.strip()

    def bad(msg: str, hint: str) -> tuple[None, Finding]:
        return None, Finding("R5", f"{cell.label}：{msg}", pos, hint=hint, cells=(cell.id,),
                             labels=(cell.label,), actual=raw)

    if text in _BLANKS and not (quoted and text):
        return bad("单元格空白。空白不等于零。", "如果该项确实为零，请填写 0。")
    narrow = unicodedata.normalize("NFKC", text).replace(" ", "")
    if narrow != text and _DEC.match(narrow):
        return bad(f"“{text}”含有全角数字或符号。", f"请改为半角数字：{narrow}")
    if _DEC.match(text.replace(",", "").replace("，", "")) and ("," in text or "，" in text):
        return bad(f"“{text}”含有千位分隔符。", f"请去掉逗号，写作 {text.replace(',', '').replace('，', '')}")
    if not _DEC.match(text):
        m = re.match(r"^[+-]?\d+(\.\d+)?", narrow)
        if m:
            return bad(f"“{text}”不是单纯的数字。", f"只填写数字，不要带单位或说明，例如 {m.group(0)}。")
        return bad(f"“{text}”不是数字，应填写{_KIND_TEXT[cell.kind]}。", "请填写阿拉伯数字，例如 0 或 13。")
    if cell.kind is Kind.AMOUNT:
        try:
            value: Number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only decimals
            return bad(f"“{text}”不是数字。", "请填写阿拉伯数字。")
        if value < 0:
            return bad(f"金额“{text}”为负数。", "收费金额不能为负数。")
        return value, None
    if not _INT.match(text):
        return bad(f"“{text}”不是整数，应填写{_KIND_TEXT[cell.kind]}。", "件数、数量只能是整数。")
    value = int(text)
    if value < 0 and cell.kind is Kind.COUNT:
        return bad(f"“{text}”为负数，应填写{_KIND_TEXT[cell.kind]}。", "件数、数量不能为负数。")
    return value, None
