"""`gkgen check`: load the site, run every check, keep the findings inside the asked scope."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from gkgen.checks import apply_severity, check_report
from gkgen.content.load import YEAR_DIR, body_dirs, load_body, load_settings, load_site
from gkgen.findings import ERROR, WARNING, Finding
from gkgen.model import Body, Report, Site

PARALLEL_FROM = 100  # reports; below this, starting workers costs more than it saves


@dataclass
class CheckResult:
    site: Site
    reports: list[Report]  # empty when the checks ran in worker processes
    findings: list[Finding]
    report_count: int = field(default=-1)

    def __post_init__(self) -> None:
        if self.report_count < 0:
            self.report_count = len(self.reports)

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
    except RuntimeError:  # a symlink loop (its finding names it): judge by the link's own place
        return Path(os.path.abspath(path)).is_relative_to(scope.resolve())


def _in_scope(report_dir: Path, scope: Path) -> bool:
    return _inside(report_dir, scope) or _inside(scope, report_dir)


def _scoped(findings: list[Finding], scope: Path, content: Path) -> list[Finding]:
    # Inside the scope, or a settings file the scope depends on (site.yaml, the body's body.yaml).
    return [f for f in findings if _inside(f.pos.file, scope) or _inside(scope, f.pos.file)
            or _inside(scope, f.pos.file.parent) or not _inside(f.pos.file, content)]


def check_bodies(site: Site, dirs: list[Path], scope: Path,
                 findings: list[Finding]) -> Iterator[tuple[Body, int]]:
    """Load bodies one by one (all their years: Y checks read the previous one) and check the
    reports under scope; yield each body with how many of its reports were checked."""
    for body_dir in dirs:
        body = load_body(body_dir, findings)
        if body is None:
            continue
        site.bodies[body.slug] = body
        count = 0
        for report in body.reports.values():
            if _in_scope(report.dir, scope):
                count += 1
                findings.extend(check_report(site, report))
        del site.bodies[body.slug]
        yield body, count


def _check_bodies(site: Site, dirs: list[Path], scope: Path) -> tuple[int, list[Finding]]:
    findings: list[Finding] = []
    count = sum(n for _, n in check_bodies(site, dirs, scope, findings))
    return count, findings


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_checks(root: Path, scope: Path | None = None, jobs: int = 1) -> CheckResult:
    """Load the whole site (Y checks need other years) and check the reports under scope.

    With jobs > 1 and a large site, bodies are loaded and checked in worker processes; the
    result then has the findings and the count, but no loaded reports.
    """
    scope = (scope or root).resolve()
    if scope == root.resolve():
        scope = (root / "content").resolve()
    if jobs > 1:
        parallel = _run_parallel(root, scope, jobs)
        if parallel is not None:
            return parallel
    loaded = load_site(root)
    site = loaded.site
    findings = list(loaded.findings)
    reports = [r for r in site.reports() if _in_scope(r.dir, scope)]
    for report in reports:
        findings.extend(check_report(site, report))
    return _result(site, reports, findings, scope, len(reports))


def _result(site: Site, reports: list[Report], findings: list[Finding], scope: Path,
            count: int) -> CheckResult:
    findings = apply_severity(site, _scoped(findings, scope, site.content))
    findings.sort(key=lambda f: (str(f.pos.file), f.pos.line, f.pos.column, f.id))
    return CheckResult(site, reports, findings, count)


def body_sizes(dirs: list[Path]) -> dict[Path, int]:
    """The number of year folders in each body folder."""
    return {d: sum(1 for y in d.iterdir() if YEAR_DIR.match(y.name)) for d in dirs}


def body_chunks(sizes: dict[Path, int], count: int) -> list[list[Path]]:
    """Body folders in at most count chunks of about equal report counts."""
    chunks: list[list[Path]] = [[] for _ in range(min(count, len(sizes)))]
    loads = [0] * len(chunks)
    for d in sorted(sizes, key=lambda d: -sizes[d]):  # largest first, onto the lightest chunk
        i = loads.index(min(loads))
        chunks[i].append(d)
        loads[i] += sizes[d]
    return chunks


def _run_parallel(root: Path, scope: Path, jobs: int) -> CheckResult | None:
    findings: list[Finding] = []
    site = load_settings(root, findings)
    dirs = [d for d in body_dirs(site) if _inside(d, scope) or _inside(scope, d)]
    sizes = body_sizes(dirs)
    if sum(sizes.values()) < PARALLEL_FROM or len(dirs) < 2:
        return None
    chunks = body_chunks(sizes, jobs)
    # fork is cheap and safe in a single-threaded process (the CLI); otherwise spawn.
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    with ProcessPoolExecutor(len(chunks), mp_context=multiprocessing.get_context(method)) as pool:
        done = list(pool.map(_check_bodies, [site] * len(chunks), chunks, [scope] * len(chunks)))
    count = sum(n for n, _ in done)
    for _, found in done:
        findings.extend(found)
    return _result(site, [], findings, scope, count)
