"""Which edition, which body and which year a published report is — or that nothing says so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkgen.format import EDITIONS
from gkgen.format import edition as get_edition
from gkgen.importer.doc import Block, Flat, Grid, Para
from gkgen.importer.labels import label_index
from gkgen.importer.normalize import key

_TITLE = re.compile(r"^(?P<before>.*?)(?P<year>(?:19|20)\d\d)\s*年(?:度)?(?P<after>.*?)"
                    r"政府信息公开(?:工作)?年度报告$")
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~)\s*"
                     r"(?:((?:19|20)\d\d)\s*年\s*)?12\s*月\s*31\s*日")
_NOISE = re.compile(r"^(?:关于)?|(?:关于)$")


@dataclass
class Guess:
    value: str | None
    how: str  # Chinese: where it was found, or why not


def _texts(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Flat):
            out += b.tokens
        elif isinstance(b, Grid):
            out += [c for row in b.rows for c in row]
    return out


def detect_edition(blocks: list[Block]) -> Guess:
    """The edition whose markers (gkgen.format Edition.markers) the tables print."""
    texts = _texts(blocks) + [w for b in blocks if isinstance(b, Para) and len(b.text) <= 60
                              for w in [b.text, *b.text.split()]]
    hits: dict[str, list[str]] = {}
    for ed in EDITIONS:
        markers = {key(m): m for m in get_edition(ed).markers}
        index = label_index(ed, "t2")
        for t in texts:
            m = index.match(t) if len(t) <= 40 else None
            if m and key(m.text) in markers and markers[key(m.text)] not in hits.get(ed, []):
                hits.setdefault(ed, []).append(markers[key(m.text)])
    if len(hits) == 1:
        ed, found = next(iter(hits.items()))
        return Guess(ed, "表二中有" + "、".join(f"“{m}”" for m in found) + f"（{get_edition(ed).name}）")
    if not hits:
        return Guess(None, "表格中没有找到能区分格式版本的标签")
    return Guess(None, "表格中同时出现了两个版本的标签：" + "；".join(
        f"{ed}版 " + "、".join(ms) for ed, ms in hits.items()))


@dataclass
class TitleFacts:
    title: str | None = None
    name: str | None = None
    year: int | None = None
    how: str = ""


_PREFIX = re.compile(r"^(?:#+\s*|标题\s*[:：]\s*|题目\s*[:：]\s*|【标题】|正文\s*[:：]?\s*)+")
_SITE_SUFFIX = re.compile(r"[-_|—–]+[^-_|—–]{1,30}$")  # "…年度报告-沭阳县发改局" (page title)


def _clean(raw: str) -> str:
    text = " ".join(raw.split()).strip("《》 ")
    text = _PREFIX.sub("", text).strip("《》 ")
    return text.replace(" ", "")


def _one(text: str) -> re.Match[str] | None:
    if len(text) > 120:
        return None
    m = _TITLE.match(text)
    if m is None and _SITE_SUFFIX.search(text):
        m = _TITLE.match(_SITE_SUFFIX.sub("", text))
    return m


def read_title(candidates: list[str]) -> TitleFacts:
    """Body name and year from the first line that reads as a report title; a title set on two
    or three lines ("2024 年上海市科委政府信息公开工作" / "年度报告") is read whole, and prefixes
    ("标题：", "#") are not part of the name."""
    lines = [t for t in (_clean(raw) for raw in candidates) if t]
    for n in (1, 2, 3):  # a title on one line first, else on two, else three
        for i in range(len(lines) - n + 1):
            parts = lines[i:i + n]
            if n > 1 and any(len(t) > 40 or re.search(r"[>＞|。：:]", t) for t in parts):
                continue
            joined = "".join(parts)
            m = _one(joined)
            if m:
                joined = m.string
                name = (m.group("before") or m.group("after")).strip()
                name = _NOISE.sub("", name).strip("：: ") or None
                if name is None and i > 0 and 0 < len(lines[i - 1]) <= 40 and n == 1:
                    name = _NOISE.sub("", lines[i - 1]) or None  # the name on the line before
                    joined = lines[i - 1] + joined
                how = f"标题“{joined}”" + (f"（来源中分 {n} 行）" if n > 1 else "")
                return TitleFacts(joined, name, int(m.group("year")), how)
    return TitleFacts()


def period_year(texts: list[str]) -> tuple[int | None, str]:
    """The year of the statistics period (Y-01-01 to Y-12-31), and the words it was read from;
    also when a line break splits it ("2025" / "年 1 月 1 日至 12 月 31 日")."""
    for i, t in enumerate(texts):
        for text in (t, t[-200:] + (texts[i + 1][:200] if i + 1 < len(texts) else "")):
            m = _PERIOD.search(text)
            if m:
                return int(m.group(1)), " ".join(m.group(0).split())
    return None, ""


def detect_year(title: TitleFacts, narrative: list[str]) -> Guess:
    """The report year from the title and the statistics period; a disagreement is no answer."""
    period, words = period_year(narrative)
    if title.year and period and title.year != period:
        return Guess(None, f"标题写 {title.year} 年，统计期限“{words}”写 {period} 年，两者不一致")
    if title.year:
        return Guess(str(title.year), f"标题“{title.title}”" + ("及统计期限" if period else ""))
    if period:
        return Guess(str(period), f"统计期限“{words}”")
    return Guess(None, "标题和统计期限都没有写明年度")
