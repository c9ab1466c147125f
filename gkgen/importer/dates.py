"""The publication date a page prints: <meta name="PubDate">, a "发布时间：2024-03-08" line of
the page (not the crawler's 采集时间 or the CMS's 生成时间), or the date under the signature."""

from __future__ import annotations

import datetime as dt
import re

from gkgen.importer.log import Found

META_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "articlepubdate", "dc.date",
              "publishtime", "pubtime")
_LABELLED = re.compile(r"(?<![采集生成更新打印浏览修改访问])(?:发布时间|发布日期|发文日期|公开日期|时间|日期)"
                       r"\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_META = re.compile(r"^\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def from_meta(meta: dict[str, str]) -> Found | None:
    for name in META_NAMES:
        for key, value in meta.items():
            m = _META.match(value) if key.lower() == name else None
            date = _iso(*m.groups()) if m else None
            if date:
                return Found(date, f"网页的 <meta name=\"{key}\">")
    return None


def from_page(texts: list[str]) -> Found | None:
    """The first labelled date among the page's lines (before the report's text)."""
    for text in texts:
        if len(text) > 300:
            continue
        m = _LABELLED.search(text)
        date = _iso(*m.groups()) if m else None
        if m and date:
            return Found(date, f"网页上印的“{m.group(0)}”")
    return None


def publication(meta: dict[str, str], texts: list[str], signed: str | None,
                notes: list[str]) -> Found | None:
    """The publication date and where it was read; a disagreement is noted, the page wins."""
    found = from_meta(meta) or from_page(texts)
    if found and signed and signed != found.value:
        notes.append(f"落款日期 {signed} 与{found.how}（{found.value}）不同，发布日期按后者；请核对。")
    if found:
        return found
    return Found(signed, "报告末尾的落款日期") if signed else None
