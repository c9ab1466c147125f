"""Text normalisation for matching what a published page prints against the official format.

Matching keys go through NFKC (full-width punctuation and digits become half-width, and the
Kangxi-radical look-alikes U+2F00–U+2FDF and CJK radical supplements become the ordinary
ideographs), lose every kind of white space (spaces inside labels, &nbsp;, ideographic and
zero-width spaces) and unify the quotes and list punctuation that pages vary.
Narrative text is never NFKC'd (that would turn "，" into ","): only the radicals are mapped.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gkgen.content.tableload import norm as _core_norm

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
# "1、属于国家秘密" and "1．" are the same numbering as "1."
_NUM_SEP = re.compile(r"^(\d+)[、,]")
_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d+[.、,])")
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def key(text: str) -> str:
    """The matching key of a label: NFKC, no white space, unified quotes and numbering."""
    s = _core_norm(text.translate(_ZERO_WIDTH)).translate(_QUOTES)
    s = s.replace("：", ":").replace("，", ",")
    return _NUM_SEP.sub(r"\1.", s)


def strip_numbering(k: str) -> str:
    """A matching key without its leading numbering ("一、", "(二)", "3.")."""
    return _PREFIX.sub("", k)


def fix_radicals(text: str) -> tuple[str, int]:
    """Text with Kangxi/CJK-radical look-alikes replaced by the ordinary characters; the count."""
    count = 0

    def one(m: re.Match[str]) -> str:
        nonlocal count
        mapped = unicodedata.normalize("NFKC", m.group(0))
        if mapped != m.group(0):
            count += 1
        return mapped

    return _RADICALS.sub(one, text), count


def clean_cell(text: str) -> str:
    """A cell's text with &nbsp;, zero-width and surrounding white space removed."""
    return " ".join(text.translate(_ZERO_WIDTH).replace("\xa0", " ").replace("\u3000", " ").split())


def is_blank(text: str) -> bool:
    """Nothing printed in the cell."""
    return not clean_cell(text)


def number(text: str) -> tuple[Decimal | None, bool]:
    """The number a cell prints (full-width digits and thousands separators allowed), and
    whether thousands separators were removed; (None, False) when it is not a number."""
    s = "".join(unicodedata.normalize("NFKC", clean_cell(text)).split())
    grouped = bool(_THOUSANDS.match(s))
    if grouped:
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return None, False
    try:
        return Decimal(s), grouped
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return None, False
