"""`gkgen new`: scaffold a report (and its body) with every cell present."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gkgen.build.output import create_files
from gkgen.checks.narrative import deadline
from gkgen.content.load import load_body
from gkgen.content.scaffold import body_yaml, report_files
from gkgen.content.totals import fill_totals
from gkgen.findings import Number
from gkgen.format import edition as get_edition
from gkgen.model import Body, Report, Site

SITE_YAML = (
    "# 站点设置\n"
    "title: 政府信息公开工作年度报告    # 站点标题\n"
    "base_url: /    # 发布地址；写成完整网址（如 https://www.example.gov.cn/xxgk/ndbg/）时网页带 canonical 链接\n"
    "language: zh-CN\n"
    "# checks:    # 调整检查级别，例如把照抄上年报告（Y3）设为错误\n"
    "#   Y3: error\n"
)


class ReportExists(Exception):
    """The report folder already holds a report."""


@dataclass
class Scaffold:
    files: dict[Path, str]
    carried: dict[str, str] = field(default_factory=dict)  # table -> what was carried over


def default_edition(year: int) -> str:
    return "2021" if year >= 2021 else "2019"


def carry_over(prev: Report | None, edition_key: str,
               values: dict[str, Number | None]) -> dict[str, str]:
    """Copy what the format carries from last year's report into values; say what was copied."""
    said: dict[str, str] = {}
    if prev is None:
        return said
    forward = {k.removeprefix("t3.forward."): prev.number(k) for k in prev.values
               if k.startswith("t3.forward.")}
    if forward and all(v is not None for v in forward.values()):
        for col, v in forward.items():
            if col != "total":
                values[f"t3.carried.{col}"] = v
                values[f"t3.forward.{col}"] = v  # still open until the author records its outcome
        t3 = prev.edition.table("t3")
        carried, fwd = t3.cell("t3.carried.total").row_labels[0], t3.cell("t3.forward.total").row_labels[0]
        said["t3"] = (f"{t3.number}“{carried}”取自 {prev.year} 年报告的“{fwd}”"
                      f"（暂时同样填入本年“{fwd}”，请按实际办理结果修改）")
    if edition_key == "2021" and prev.edition.key == "2021":
        for row in ("rules", "normative"):
            v = prev.number(f"t2.{row}.in_force")
            if v is not None:
                values[f"t2.{row}.in_force"] = v
        t2 = prev.edition.table("t2")
        said["t2"] = (f"{t2.number}“{t2.cell('t2.rules.in_force').col_labels[-1]}”取自 {prev.year} 年报告"
                      "（本年制发、废止后请相应调整）")
    return said


def scaffold(site: Site, slug: str, year: int, edition_key: str | None, name: str | None,
             level: str) -> Scaffold:
    """The files of a new report; raises ReportExists rather than touch an existing one."""
    body_dir = site.content / slug
    folder = body_dir / str(year)
    if folder.exists() and any(folder.iterdir()):
        raise ReportExists(str(folder))
    files: dict[Path, str] = {}
    body: Body | None = None
    if (body_dir / "body.yaml").is_file():
        body = load_body(body_dir, [])
    else:
        files[body_dir / "body.yaml"] = body_yaml(name, level)
    edition = get_edition(edition_key or default_edition(year))
    values: dict[str, Number | None] = {c.id: 0 for c in edition.cells.values() if not c.total}
    prev = body.reports.get(year - 1) if body else None
    carried = carry_over(prev, edition.key, values)
    fill_totals(edition, values)
    due = deadline(site, body or Body(slug, body_dir, name or "", level=level), year).isoformat()
    files.update(report_files(edition, year, due, folder, values, carried))
    return Scaffold(files, carried)


def write(s: Scaffold) -> None:
    create_files(s.files)


class ClimbsOut(Exception):
    """gkgen new run below a folder that is not the site: it would write into a site higher up."""


def site_for_new(cwd: Path, given: Path | None) -> tuple[Path, dict[Path, str]]:
    """The site root gkgen new writes into, and the site files to create with the report.

    Without --site, a site found above cwd is used only when cwd is its root or lies inside its
    content/ folder; anywhere else (a sibling project, a folder below templates/) it refuses.
    """
    from gkgen.content.load import SiteNotFound, find_root

    if given is not None:
        root = given.resolve()
        there = (root / "content" / "site.yaml").exists()
        return root, {} if there else {root / "content" / "site.yaml": SITE_YAML}
    cwd = cwd.resolve()
    try:
        root = find_root(cwd)
    except SiteNotFound:
        return cwd, {cwd / "content" / "site.yaml": SITE_YAML}
    if cwd == root or cwd.is_relative_to(root / "content"):
        return root, {}
    raise ClimbsOut(f"当前目录 {cwd} 不是站点，但上级目录 {root} 是一个 gkgen 站点。"
                    f"为免写错地方，gkgen new 不会写入上级站点。")
