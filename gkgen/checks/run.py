"""Running the checks over a loaded site, and keeping the findings inside the asked scope.

``run_checks`` reads the whole site in this process and checks it, with no cache: the plain
reference that the cached, parallel pipeline (gkgen.build.checksite, what `gkgen check`
runs) must always agree with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from gkgen.checks import apply_severity, check_report
from gkgen.checks.site import site_findings
from gkgen.content.load import load_site
from gkgen.findings import ERROR, WARNING, Finding
from gkgen.model import Report, Site
from gkgen.render.dataset import report_record


@dataclass
class CheckResult:
    site: Site
    reports: list[Report]  # empty when the reports were read elsewhere (workers, the cache)
    findings: list[Finding]
    report_count: int = field(default=-1)
    checked: list[str] = field(default_factory=list)  # reports read and checked anew

    def __post_init__(self) -> None:
        if self.report_count < 0:
            self.report_count = len(self.reports)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)


def inside(path: Path, scope: Path) -> bool:
    """True when path is scope or lies below it."""
    try:
        path.resolve().relative_to(scope.resolve())
        return True
    except ValueError:
        return False
    except RuntimeError:  # a symlink loop (its finding names it): judge by the link's own place
        return Path(os.path.abspath(path)).is_relative_to(scope.resolve())


def in_scope(folder: Path, scope: Path) -> bool:
    """True when a body or report folder is inside the scope, or holds it."""
    return inside(folder, scope) or inside(scope, folder)


def scope_of(root: Path, path: Path | None) -> Path:
    """The folder whose reports are checked: path, or the whole content/ for the site root."""
    scope = (path or root).resolve()
    return (root / "content").resolve() if scope == root.resolve() else scope


def scoped(findings: list[Finding], scope: Path, content: Path) -> list[Finding]:
    """The findings inside the scope, or in a settings file it depends on (site.yaml, body.yaml)."""
    return [f for f in findings if inside(f.pos.file, scope) or inside(scope, f.pos.file)
            or inside(scope, f.pos.file.parent) or not inside(f.pos.file, content)]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings by file, line, column and id."""
    return sorted(findings, key=lambda f: (str(f.pos.file), f.pos.line, f.pos.column, f.id))


def result_of(site: Site, reports: list[Report], findings: list[Finding], scope: Path,
              count: int) -> CheckResult:
    """The result: findings in scope, the site's severities applied, sorted."""
    findings = sort_findings(apply_severity(site, scoped(findings, scope, site.content)))
    return CheckResult(site, reports, findings, count)


def run_checks(root: Path, scope: Path | None = None) -> CheckResult:
    """Load the whole site (Y checks need other years) and check the reports under scope."""
    scope = scope_of(root, scope)
    loaded = load_site(root)
    site = loaded.site
    findings = list(loaded.findings)
    reports = [r for r in site.reports() if in_scope(r.dir, scope)]
    for report in reports:
        findings.extend(check_report(site, report))
    if scope == site.content.resolve():  # site-level checks see every body: the whole site only
        every = site.reports()
        findings.extend(site_findings(site, list(site.bodies.values()), every,
                                      [report_record(r, labels=False) for r in every],
                                      root / "output"))
    result = result_of(site, reports, findings, scope, len(reports))
    result.checked = [r.key for r in reports]
    return result
