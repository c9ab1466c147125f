"""Finding the six parts of a report in a page: official headings and their published variants."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from gkgen.format import Part
from gkgen.format import edition as get_edition
from gkgen.importer.doc import Block, Para
from gkgen.importer.normalize import key

# Heading wordings seen in published reports (spec section 2), by part number.
HEADING_VARIANTS: dict[int, tuple[str, ...]] = {
    4: ("因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况"),
    5: ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的主要问题和改进情况",
        "存在的主要问题及改进措施", "存在的主要问题及整改措施", "存在的主要问题及整改情况"),
    6: ("其他需要报告的事项情况",),
}
NUMERALS = "一二三四五六"
_NUMBERED = re.compile(r"^([一二三四五六])[、.,:]?(.+?)[:。.]?$")
_FIRST = re.compile(r"^[一二三四五六][、.,:]")
SIMILAR = 0.8
# What a numbered heading must say to stand for a part when its wording is the office's own
# ("五、存在的问题和下一步打算"); only with the part's own numeral.
KEYWORDS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"^(?:工作)?总体情况|^总体概况|^概述$"),
    2: re.compile(r"主动公开"),
    3: re.compile(r"(?:收到|受理).*申请|依申请公开"),
    4: re.compile(r"行政复议.*行政诉讼|复议.*诉讼"),
    5: re.compile(r"问题.*(?:改进|整改|措施|打算|计划)|存在.*问题|不足"),
    6: re.compile(r"其他.*(?:报告|事项)"),
}


@dataclass
class Heading:
    part: Part
    text: str
    how: str  # "" when printed exactly as the official heading


@dataclass
class Split:
    """A page cut into the six parts; what came before and after is kept for detection."""

    before: list[Block] = field(default_factory=list)
    parts: dict[int, list[Block]] = field(default_factory=dict)
    headings: dict[int, Heading] = field(default_factory=dict)
    levels: dict[int, int] = field(default_factory=dict)  # heading level of each part
    run_in: int = 0  # headings found inside a paragraph, where the page was cut (gkgen.importer.runin)


def _body(heading: str) -> str:
    return key(heading)[2:] if _FIRST.match(key(heading)) else key(heading)


def part_heading(text: str, level: int, after: int) -> Heading | None:
    """The part (numbered above `after`) a paragraph is the heading of, if it is one."""
    k = key(text)
    m = _NUMBERED.match(k)
    numeral, body = (m.group(1), m.group(2)) if m else (None, k)
    if numeral is None and level == 0:
        return None
    for part in get_edition("2021").parts:
        if part.number <= after:
            continue
        same = numeral is None or NUMERALS.index(numeral) + 1 == part.number
        how = _fits(part, body)
        if how is None and numeral and same and len(body) <= 30 and KEYWORDS[part.number].search(body):
            how = "本机关的写法"
        if how is not None and not same and how in ("文字相近", "本机关的写法"):
            continue  # a mis-numbered heading must say the official words
        if how is not None:
            exact = text.strip() == part.heading
            if not same:
                how = f"编号为“{numeral}”，" + how
            return Heading(part, text.strip(), "" if exact else how)
    return None


def _fits(part: Part, body: str) -> str | None:
    official = _body(part.heading)
    if body == official:
        return "标点或空格不同"
    if any(body == key(v) for v in HEADING_VARIANTS.get(part.number, ())):
        return "常见改写"
    if difflib.SequenceMatcher(None, body, official).ratio() >= SIMILAR:
        return "文字相近"
    return None


def split_parts(blocks: list[Block]) -> Split:
    """The blocks of each part, in page order; a heading must come after the previous one."""
    return split_own(blocks)[0]


def split_own(blocks: list[Block]) -> tuple[Split, dict[int, int]]:
    """The split, and the index of each paragraph that is a part heading by itself -> its part."""
    out = Split()
    own: dict[int, int] = {}  # index of each heading paragraph -> its part
    current = 0
    for i, block in enumerate(blocks):
        if isinstance(block, Para) and len(block.text) <= 60:
            h = part_heading(block.text, block.level, current)
            if h is not None:
                current = h.part.number
                own[i] = current
                out.headings[current] = h
                out.levels[current] = block.level
                out.parts[current] = []
                continue
        if current:
            out.parts[current].append(block)
        else:
            out.before.append(block)
    return out, own
