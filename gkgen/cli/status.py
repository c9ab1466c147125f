"""`gkgen status [YEAR]`: every body's report for every year the site covers, and its status."""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from gkgen.cli.zhhelp import ZhCommand
from gkgen.content.load import SiteNotFound, find_root
from gkgen.region.entry import Entry
from gkgen.region.load import light_site
from gkgen.region.settings import RegionSettings
from gkgen.region.status import LATE, MISSING
from gkgen.region.view import RegionView, region_view

HEAD = ("机关", "层级", "发布期限", "发布日期", "状态")
COLOURS = {LATE: "yellow", MISSING: "red"}


def view_of_site(root: Path, today: dt.date | None = None) -> RegionView:
    """The region view of the site at root, from its settings files only."""
    light = light_site(root)
    settings = RegionSettings.of(light.site.region, light.site.township_deadline)
    return region_view(light.bodies, light.reports, [None] * len(light.reports), settings, today)


def row_json(e: Entry) -> dict[str, Any]:
    return {"body": e.body, "name": e.name, "level": e.level, "parent": e.parent or None,
            "year": e.year, "deadline": e.status.deadline.isoformat(),
            "published": e.published.isoformat() if e.published else None,
            "status": e.status.kind, "days": e.status.days, "problem": e.status.problem,
            "text": e.status.text}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(view: RegionView, years: list[int]) -> list[str]:
    """The lines of the text table: one block per year, newest first."""
    lines: list[str] = []
    for year in years:
        rows = [(("  " * view.tree.nodes[e.body].depth) + e.name,
                 view.tree.nodes[e.body].level_name, e.status.deadline.isoformat(),
                 e.published.isoformat() if e.published else "—", e.status.text, e.status.kind)
                for e in view.ordered(year)]
        widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(HEAD[:4])]
        lines.append(click.style(f"{year} 年度", bold=True))
        lines.append("  ".join(_pad(h, w) for h, w in zip(HEAD, widths, strict=False)) + "  " + HEAD[4])
        for *cells, text, kind in rows:
            status = click.style(text, fg=COLOURS[kind]) if kind in COLOURS else text
            lines.append("  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)) + "  " + status)
        lines.append("")
    return lines


@click.command(cls=ZhCommand, short_help="各机关各年度报告的发布状态。")
@click.argument("year", type=click.IntRange(1990, 2100), required=False)
@click.option("--site", "site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", metavar="站点目录", help="站点目录，默认为当前目录的站点。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认，表格）或 json（给 CI 和其他工具）。")
@click.option("--strict", is_flag=True, help="有逾期发布或缺报（含过期未发布的草稿）时以失败（退出码 1）结束。")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="按这一天计算状态（默认为 site.yaml 的 status_date，未设置时为今天）。")
def command(year: int | None, site_dir: Path, fmt: str, strict: bool, on: dt.datetime | None) -> None:
    """列出各机关各年度报告的发布状态：按时发布、逾期 N 天、未到期限、缺报、草稿。

    \b
    YEAR 只列这一年度（默认为站点涵盖的全部年度：site.yaml 的 years，
    未设置时为已有报告的年度范围）。发布期限按机关层级：部门次年1月31日、
    县级以上人民政府次年3月31日、乡镇街道按 site.yaml 的 township_deadline，
    body.yaml 的 deadline 优先。
    退出码：0；--strict 时有逾期或缺报为 1；2 用法错误。
    """
    try:
        root = find_root(site_dir)
    except SiteNotFound:
        raise click.UsageError(f"在 {site_dir} 及其上级目录中找不到 gkgen 站点（content/site.yaml）。") from None
    view = view_of_site(root, on.date() if on else None)
    years = [year] if year is not None else sorted(view.years, reverse=True)
    if year is not None and year not in {y for _, y in view.entries}:
        raise click.UsageError(f"站点没有 {year} 年度：涵盖的年度为 "
                               + "、".join(map(str, view.years)) + "（site.yaml 的 years）。")
    shown = [e for y in years for e in view.ordered(y)]
    if fmt == "json":
        json.dump({"as_of": view.today.isoformat(), "years": years,
                   "reports": [row_json(e) for e in shown]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(f"发布状态截至 {view.today.isoformat()}。")
        for line in table(view, years):
            click.echo(line)
        late = sum(e.status.kind == LATE for e in shown)
        missing = sum(e.status.overdue for e in shown)
        click.echo(f"共 {len(shown)} 项：逾期发布 {late} 项，缺报（含过期未发布的草稿）{missing} 项。")
    if strict and any(e.status.problem for e in shown):
        sys.exit(1)
