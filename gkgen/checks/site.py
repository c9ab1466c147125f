"""Site-level checks (spec section 7, "site-level checks"): they need other bodies' reports.

H1: a body marked as the summary of others (body.yaml ``summary_of``): each of its cells equals
the sum of that cell over the bodies it summarises, for the same year and edition.
H2: a body a summary names has no report (or no report of the summary's edition) for that year;
the sum is then not checked, and the finding lists the children without a report.
S1: a body has no report for a year the site covers, after its deadline (missing).

They run on the region view (gkgen.region.view), made from every report's open-data record, so
`gkgen check`, `gkgen build` and the plain reference (gkgen.checks.run) see the same. Positions:
a summary's own cells are read from its table files (a summary body is one report a year, so
loading it again costs little); the others point at body.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gkgen.checks.changed import changed_checks
from gkgen.content.load import load_report
from gkgen.findings import Finding, Number, Pos, condense, fmt
from gkgen.model import Body, Report, Site
from gkgen.region.entry import Entry
from gkgen.region.settings import RegionSettings
from gkgen.region.view import RegionView, region_view

MAX_NAMES = 5


def _names(entries: list[str]) -> str:
    shown = "、".join(entries[:MAX_NAMES])
    return shown + (f"等 {len(entries)} 个机关" if len(entries) > MAX_NAMES else "")


def site_checks(view: RegionView, bodies: dict[str, Body]) -> list[Finding]:
    """H1, H2 and S1 over the whole site (bodies: every readable body by folder)."""
    out: list[Finding] = []
    for node in view.tree.ordered():
        body = bodies.get(node.slug)
        if body is None:
            continue
        for year in view.years_of(node.slug):
            e = view.entries[(node.slug, year)]
            if not e.report and e.year in view.years and e.status.overdue:
                out.append(Finding(
                    "S1", f"{year} 年度报告缺报：已过发布期限 {e.status.deadline.isoformat()}，"
                    f"站点中没有{body.name}的 {year} 年度报告。", Pos(body.dir / "body.yaml", 1, 1),
                    hint=f"用 gkgen new {body.slug} {year} 新建并发布该报告；如站点不涵盖该年度，"
                    "修改 site.yaml 的 years。", expected=e.status.deadline.isoformat()))
            if body.summary_of and e.report and e.cells:
                out.extend(_summary(view, body, e))
    return out


def _summary(view: RegionView, body: Body, e: Entry) -> list[Finding]:
    """H1 and H2 of one summary report."""
    where = Pos(body.dir / "body.yaml", 1, 1)
    children: list[Entry] = []
    lacking: list[str] = []
    for slug in body.summary_of:
        child = view.entries.get((slug, e.year))
        node = view.tree.nodes.get(slug)
        if node is None:
            lacking.append(f"{slug}（不是本站点的机关目录）")
        elif child is None or not child.report or not child.cells or child.draft:
            lacking.append(f"{node.name}（{child.status.short if child else '无报告'}）")
        elif child.edition != e.edition:
            lacking.append(f"{node.name}（使用 {child.edition} 版格式）")
        else:
            children.append(child)
    if lacking:
        return [Finding("H2", f"{e.year} 年度汇总报告所汇总的下级机关中，{_names(lacking)}没有可计入的报告，"
                        "未核对汇总数字。", where,
                        hint="下级机关的报告齐全后再核对；不再汇总的机关从 body.yaml 的 summary_of 中删去。")]
    return _sums(body, e, children)


def _sums(body: Body, e: Entry, children: list[Entry]) -> list[Finding]:
    report = load_report(body, body.dir / str(e.year), [])
    if report is None:
        return []
    names = _names([c.name for c in children])
    out: list[Finding] = []
    for cid, cell in report.edition.cells.items():
        own = e.cells.get(cid)
        parts = [c.cells.get(cid) for c in children]
        if own is None or any(p is None for p in parts):
            continue  # a blank cell is R5's
        total: Number = sum(p for p in parts if p is not None)
        if own == total:
            continue
        where = report.anchors.get(cid, Pos(report.dir / "report.yaml", 1, 1))
        more = own > total
        gap: Number = own - total if more else total - own
        out.append(Finding(
            "H1", f"汇总报告{cell.label}为 {fmt(own)}，应等于下级机关（{names}）合计的 {fmt(total)}，"
            f"比合计{'多' if more else '少'} {fmt(gap)}。", where,
            hint="核对该单元格和各下级机关报告的同一单元格；逐机关的数字见各报告的 data.json。",
            cells=(cid,), labels=(cell.label,), expected=total, actual=own))
    condense(out)
    return out


def site_findings(site: Site, bodies: list[Body], reports: list[Report],
                  records: list[dict[str, Any] | None], out: Path) -> list[Finding]:
    """Every site-level finding (H1, H2, S1, S2) of the whole site.

    bodies: every readable body; reports: every readable report (light is enough), drafts
    included; records: their open-data records, aligned; out: the published output (S2).
    """
    settings = RegionSettings.of(site.region, site.township_deadline)
    view = region_view(bodies, reports, records, settings)
    found = site_checks(view, {b.slug: b for b in bodies})
    return found + changed_checks(view, out, {r.key: r.dir for r in reports})
