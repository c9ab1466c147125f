"""Loading a whole site from content/: bodies, years, parts — gathering every finding."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from gkgen.content.meta import (
    BODY_FIELDS,
    PLACEHOLDER_NAME,
    REGION_KEYS,
    REPORT_FIELDS,
    SITE_FIELDS,
    read_fields,
)
from gkgen.content.source import compose_yaml, read_text
from gkgen.content.tableload import load_table
from gkgen.content.totals import complete_totals
from gkgen.findings import Finding, Pos, condense
from gkgen.format import edition
from gkgen.model import Body, Loaded, Narrative, Report, Site

YEAR_DIR = re.compile(r"^(19|20)\d\d$")


class SiteNotFound(Exception):
    """No gkgen site (a folder with content/site.yaml) at or above a path."""


def find_root(start: Path) -> Path:
    """The site root at or above start: the folder that holds content/site.yaml."""
    start = start.resolve()
    for cand in (start, *start.parents):
        if _there(cand / "content" / "site.yaml"):  # the reader says what is wrong with it
            return cand
        if cand.name == "content" and _there(cand / "site.yaml"):
            return cand.parent
    raise SiteNotFound(str(start))


def _there(path: Path) -> bool:
    """The path names something (a file, a FIFO, a dangling or looping link): the reader decides."""
    return path.is_symlink() or path.exists()


def _yaml_file(path: Path, findings: list[Finding], what: str = ""):  # type: ignore[no-untyped-def]
    text = read_text(path, findings, what=what)
    return None if text is None else compose_yaml(path, text, findings)


def load_settings(root: Path, findings: list[Finding]) -> Site:
    """The site with its settings from content/site.yaml, and no bodies yet."""
    site = Site(root=root)
    site_yaml = root / "content" / "site.yaml"
    values, _ = read_fields(site_yaml, _yaml_file(site_yaml, findings), SITE_FIELDS, findings)
    site.title = values.get("title", site.title)
    site.base_url = values.get("base_url", site.base_url)
    site.language = values.get("language", site.language)
    site.severity = values.get("checks", {})
    site.township_deadline = values.get("township_deadline", site.township_deadline)
    site.region = {k: values[k] for k in REGION_KEYS if k in values}
    return site


def body_dirs(site: Site) -> list[Path]:
    """The folders under content/ that hold a body, in a stable order."""
    return sorted(p for p in site.content.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")))


def load_site(root: Path) -> Loaded:
    """Read every body and report under root/content; nothing is written."""
    findings: list[Finding] = []
    site = load_settings(root, findings)
    for body_dir in body_dirs(site):
        body = load_body(body_dir, findings)
        if body:
            site.bodies[body.slug] = body
    return Loaded(site, findings)


def load_body(body_dir: Path, findings: list[Finding],
              years: Collection[int] | None = None) -> Body | None:
    """A body and its reports (those of years only, when given); None (with a finding) when
    body.yaml is missing."""
    body_yaml = body_dir / "body.yaml"
    if not _there(body_yaml):
        findings.append(Finding("F6", f"机关目录“{body_dir.name}”中缺少 body.yaml。", Pos(body_dir),
                                hint=f"运行 gkgen new {body_dir.name} <年度> --name 机关全称 生成。"))
        return None
    values, where = read_fields(body_yaml, _yaml_file(body_yaml, findings), BODY_FIELDS, findings)
    body = Body(slug=body_dir.name, dir=body_dir, name=values.get("name", PLACEHOLDER_NAME),
                level=values.get("level", "department"), region=values.get("region", ""),
                parent=values.get("parent", ""), deadline=values.get("deadline"), meta_pos=where,
                order=values.get("order"), summary_of=values.get("summary_of", ()))
    for year_dir in sorted(p for p in body_dir.iterdir() if p.is_dir() and YEAR_DIR.match(p.name)):
        if years is not None and int(year_dir.name) not in years:
            continue
        report = load_report(body, year_dir, findings)
        if report:
            body.reports[report.year] = report
    return body


def _edition_year(path: Path, year: int, key: str, where: dict[str, Pos],
                  findings: list[Finding]) -> None:
    """F7 when the tables do not fit and the edition is not the one the year's reports use:
    the one line that explains the table errors that follow from it."""
    wanted = "2019" if year <= 2020 else "2021"
    if key == wanted:
        return
    findings.append(Finding(
        "F7", f"“edition”（格式版本）：{year} 年度报告应使用 {wanted} 版格式（{edition(wanted).name}），"
        f"这里写的是 {key} 版；下面的表格错误多由此而来。", where.get("edition", Pos(path, 1, 1)),
        hint=f"改为 edition: \"{wanted}\"（2019、2020 年度用 2019 版，2021 年度起用 2021 版），"
        "表格按该版的模板填写（可用 gkgen new 生成）。"))


def load_report(body: Body, year_dir: Path, findings: list[Finding]) -> Report | None:
    """One year's report: settings, the six parts, table values and totals."""
    report_yaml = year_dir / "report.yaml"
    if not _there(report_yaml):
        findings.append(Finding("F6", f"“{body.slug}/{year_dir.name}”中缺少 report.yaml。", Pos(year_dir),
                                hint="每个年度目录都需要 report.yaml（至少写明 edition: 2021）。"))
        return None
    values, where = read_fields(report_yaml, _yaml_file(report_yaml, findings), REPORT_FIELDS,
                                findings)
    if "edition" not in values:
        return None  # nothing below can be read without knowing the edition
    tables_start = len(findings)
    report = Report(body=body, year=int(year_dir.name), dir=year_dir,
                    edition=edition(values["edition"]), published=values.get("published"),
                    title=values.get("title"), contact=values.get("contact", {}), meta_pos=where,
                    changes=values.get("changes", []))
    # A report without a publication date is a draft; draft: true holds back a dated one too.
    report.draft = values.get("draft", "published" not in where)
    for part in report.edition.parts:
        path = year_dir / part.filename
        if part.table is None:
            text = read_text(path, findings, what=part.heading) if _there(path) else None
            report.narratives[part.number] = Narrative(part.number, path, text)
            continue
        report.table_files[part.table] = path
        table = report.edition.table(part.table)
        node = _yaml_file(path, findings, part.heading) if _there(path) else None
        if not _there(path):
            findings.append(Finding("F6", f"缺少{part.heading}的数据文件 {part.filename}。", Pos(path),
                                    hint="运行 gkgen new 重新生成模板，或从上一年度复制后修改。"))
        if node is None:
            report.missing_tables.add(part.table)
            for cell in table.cells:
                report.anchors[cell.id] = Pos(path, 1, 1)
            continue
        start = len(findings)
        load_table(path, table, node, findings, report.values, report.anchors)
        condense(findings, start)
    if any(f.id in ("F4", "F5") for f in findings[tables_start:]):  # the tables do not fit
        _edition_year(report_yaml, report.year, values["edition"], where, findings)
    complete_totals(report)
    return report
