"""The site as `gkgen status` needs it: bodies and each report's settings, without the tables.

Reading report.yaml alone is enough to know a report's publication date and whether it is a
draft; `gkgen check` says what else is wrong with a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gkgen.content.load import YEAR_DIR, _yaml_file, body_dirs, load_body, load_settings
from gkgen.content.meta import REPORT_FIELDS, read_fields
from gkgen.findings import Finding
from gkgen.format import edition
from gkgen.model import Body, Report, Site


@dataclass
class LightSite:
    site: Site
    bodies: list[Body] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def light_site(root: Path) -> LightSite:
    """Every body (its body.yaml) and report (its report.yaml) of the site at root."""
    findings: list[Finding] = []
    site = load_settings(root, findings)
    out = LightSite(site, findings=findings)
    for body_dir in body_dirs(site):
        body = load_body(body_dir, findings, years=())
        if body is None:
            continue
        out.bodies.append(body)
        for year_dir in sorted(p for p in body_dir.iterdir() if p.is_dir() and YEAR_DIR.match(p.name)):
            report = _light_report(body, year_dir, findings)
            if report is not None:
                out.reports.append(report)
    return out


def _light_report(body: Body, year_dir: Path, findings: list[Finding]) -> Report | None:
    path = year_dir / "report.yaml"
    if not path.is_file():
        return None
    values, where = read_fields(path, _yaml_file(path, findings), REPORT_FIELDS, findings)
    year = int(year_dir.name)
    key = values.get("edition") or ("2019" if year <= 2020 else "2021")
    report = Report(body, year, year_dir, edition(key), values.get("published"), values.get("title"))
    report.draft = values.get("draft", "published" not in where)
    report.changes = values.get("changes", [])
    return report
