"""`gkgen check`: load the site, run every check, keep the findings inside the asked scope."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gkgen.checks import apply_severity, check_report
from gkgen.findings import ERROR, WARNING, Finding
from gkgen.load import load_site
from gkgen.model import Report, Site


@dataclass
class CheckResult:
    site: Site
    reports: list[Report]
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)


def _inside(path: Path, scope: Path) -> bool:
    try:
        path.resolve().relative_to(scope.resolve())
        return True
    except ValueError:
        return False


def run_checks(root: Path, scope: Path | None = None) -> CheckResult:
    """Load the whole site (Y checks need other years) and check the reports under scope."""
    scope = (scope or root).resolve()
    if scope == root.resolve():
        scope = (root / "content").resolve()
    loaded = load_site(root)
    site = loaded.site
    findings = list(loaded.findings)
    reports = [r for r in site.reports() if _inside(r.dir, scope) or _inside(scope, r.dir)]
    for report in reports:
        findings.extend(check_report(site, report))
    # Inside the scope, or a settings file the scope depends on (site.yaml, the body's body.yaml).
    findings = [f for f in findings if _inside(f.pos.file, scope) or _inside(scope, f.pos.file)
                or _inside(scope, f.pos.file.parent) or not _inside(f.pos.file, site.content)]
    findings = apply_severity(site, findings)
    findings.sort(key=lambda f: (str(f.pos.file), f.pos.line, f.pos.column, f.id))
    return CheckResult(site, reports, findings)
