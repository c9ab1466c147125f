"""The checks of spec section 7, run over loaded reports. Each rule is one function in a list."""

from __future__ import annotations

from collections.abc import Callable

from gkgen.checks.images import check_images
from gkgen.checks.imported import check_import_marks
from gkgen.checks.narrative import NARRATIVE_CHECKS
from gkgen.checks.relations import check_relations
from gkgen.checks.years import YEAR_CHECKS
from gkgen.findings import CHECKS, Finding
from gkgen.model import Report, Site

Check = Callable[[Site, Report], list[Finding]]

ALL: tuple[Check, ...] = (check_relations, *YEAR_CHECKS, *NARRATIVE_CHECKS, check_images,
                        check_import_marks)


def check_report(site: Site, report: Report) -> list[Finding]:
    """Every finding of every check for one report."""
    return [f for check in ALL for f in check(site, report)]


def apply_severity(site: Site, findings: list[Finding]) -> list[Finding]:
    """Findings with the site's severity overrides applied ("off" drops them)."""
    out = []
    for f in findings:
        sev = site.severity.get(f.id, f.severity)
        if sev == "off":
            continue
        if sev != f.severity:
            f = Finding(**{**f.__dict__, "severity": sev})
        out.append(f)
    return out


__all__ = ["ALL", "CHECKS", "apply_severity", "check_report"]
