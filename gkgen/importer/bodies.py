"""Which body folder an import writes to: a safe folder name, derived from the body's name
(pinyin) when the site has no such body, and the body's level guessed from its name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from gkgen.content.load import load_body
from gkgen.model import LEVELS

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_SLUG = 40

# Name endings of a government (level "government") that are not "…人民政府".
_GOVERNMENT = re.compile(r"(?:人民政府|管委会|管理委员会|综合实验区|实验区|新区|开发区|示范区|高新区|"
                         r"经济技术开发区|自治州|自治县|自治旗|特别行政区)$")
_TOWNSHIP = re.compile(r"(?:乡|镇|街道)(?:人民政府|办事处)?$|街道办事处$")


def safe_slug(text: str) -> str | None:
    """The folder name if it is one plain folder name (letters, digits, hyphens), else None."""
    return text if SLUG.match(text) else None


def unsafe_reason(text: str) -> str:
    """Why a --body value is refused (Chinese)."""
    if "/" in text or "\\" in text or text in (".", ".."):
        return "不能包含路径分隔符或“..”，只能是 content/ 下的一个目录名"
    if text.startswith((".", "-", "_")):
        return "不能以“.”“-”或“_”开头"
    return "只能由小写字母、数字和连字符组成（最长 64 个字符）"


def pinyin_slug(name: str, taken: set[str]) -> str | None:
    """A folder name from the body's name in pinyin ("ping-tan-zong-he-shi-yan-qu"), shortened
    to initials when long, made unique against taken; None when no letters come out."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    words = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in lazy_pinyin(name, errors="ignore")]
    words = [w for w in words if w]
    if not words:
        return None
    slug = "-".join(words)
    if len(slug) > MAX_SLUG:
        initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
        slug = re.sub(r"[^a-z0-9]", "", "".join(initials).lower())[:MAX_SLUG] or slug[:MAX_SLUG]
    slug = slug.strip("-")
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate if SLUG.match(candidate) else None


def guess_level(name: str) -> tuple[str, str]:
    """The body's level from the ending of its name, and the words that say why (for the log)."""
    t = _TOWNSHIP.search(name)
    if t:
        return "township", f"名称以“{t.group(0)}”结尾"
    m = _GOVERNMENT.search(name)
    if m:
        return "government", f"名称以“{m.group(0)}”结尾"
    return "department", "名称不以“人民政府”“管委会”“综合实验区”“新区”等政府名称结尾"


def level_note(slug: str, level: str, why: str) -> str:
    """The log line that shows the level guess and how to correct it."""
    others = "、".join(f"{k}（{v}）" for k, v in LEVELS.items() if k != level)
    return (f"新建机关 {slug}：层级推断为“{LEVELS[level]}”（{why}），它决定发布期限（N5）。"
            f"如不对，请把 content/{slug}/body.yaml 中的 level 改为 {others}。")


def site_bodies(content: Path) -> Iterator[tuple[str, str]]:
    """The body folders of the site with their names, in folder order."""
    dirs = sorted(p for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    for d in dirs:
        body = load_body(d, []) if (d / "body.yaml").is_file() else None
        if body and not d.name.startswith((".", "_")):
            yield body.slug, body.name
