"""`gkgen new`: which level a new body gets, and the publication deadline that follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gkgen.model import LEVELS, Body, Report, Site


def choose_level(level: str | None, name: str | None) -> tuple[str, str]:
    """The level given by --level, else the one the body's name implies; and how it was chosen."""
    if level:
        return level, "按 --level 指定"
    if not name:
        return "department", "未给出 --name，按默认"
    from gkgen.importer.files import guess_level

    return guess_level(name)[0], f"按名称“{name}”判断"


def site_settings(root: Path) -> Site:
    """A site with the settings of content/site.yaml (the township deadline), bodies not loaded."""
    from gkgen.findings import Finding
    from gkgen.meta import SITE_FIELDS, read_fields
    from gkgen.source import compose_yaml, read_text

    site = Site(root=root)
    path = site.content / "site.yaml"
    if path.is_file():
        ignored: list[Finding] = []  # `gkgen check` reports problems in site.yaml
        text = read_text(path, ignored)
        node = None if text is None else compose_yaml(path, text, ignored)
        values, _ = read_fields(path, node, SITE_FIELDS, ignored)
        site.township_deadline = values.get("township_deadline", site.township_deadline)
    return site


def due_date(site: Site, body: Body, year: int) -> dt.date:
    """The last day the body may publish its report for year."""
    from gkgen.checks.narrative import deadline
    from gkgen.format import edition
    from gkgen.new import default_edition

    probe = Report(body=body, year=year, dir=body.dir / str(year),
                   edition=edition(default_edition(year)))
    return deadline(site, probe)


def level_note(site: Site, body: Body, year: int, how: str) -> str:
    """One line for the author: the level, why, and the deadline."""
    due = due_date(site, body, year)
    label = LEVELS.get(body.level, body.level)
    where = f"，当地规定 {body.deadline}" if body.deadline else ""
    return (f"机关层级：{label}（{body.level}，{how}）；"
            f"{year} 年度报告的发布期限：{due.year} 年 {due.month} 月 {due.day} 日{where}。")
