"""`gkgen new`: which level a new body gets, and the publication deadline that follows."""

from __future__ import annotations

from gkgen.checks.narrative import deadline
from gkgen.model import LEVELS, Body, Site


def choose_level(level: str | None, name: str | None) -> tuple[str, str]:
    """The level given by --level, else the one the body's name implies; and how it was chosen."""
    if level:
        return level, "按 --level 指定"
    if not name:
        return "department", "未给出 --name，按默认"
    from gkgen.importer.files import guess_level

    return guess_level(name)[0], f"按名称“{name}”判断"


def level_note(site: Site, body: Body, year: int, how: str) -> str:
    """One line for the author: the level, why, and the deadline."""
    due = deadline(site, body, year)
    label = LEVELS.get(body.level, body.level)
    where = f"，当地规定 {body.deadline}" if body.deadline else ""
    return (f"机关层级：{label}（{body.level}，{how}）；"
            f"{year} 年度报告的发布期限：{due.year} 年 {due.month} 月 {due.day} 日{where}。")
