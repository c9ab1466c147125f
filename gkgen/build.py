"""`gkgen build`: check everything, render everything in memory, then swap the output in.

Gather first, then emit: the checks run before anything is rendered, every file is
rendered before anything is written, and the new tree replaces the old one in one
step. A failed build leaves the previous output untouched.

Output layout (all links relative, so it works on any static host, under a sub-path
and from file://):

    index.html                     site index: bodies × years, newest first
    <body>/index.html              the body's reports
    <body>/<year>/index.html       the report
    <body>/<year>/report.pdf       its print PDF (A4, GB/T 9704 layout)
    <body>/<year>/data.json        every cell under its field id
    data/reports.csv, reports.json every cell of every report
    static/…                       style sheets
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gkgen import dataset
from gkgen.check import run_checks
from gkgen.checks import apply_severity
from gkgen.findings import ERROR, Finding
from gkgen.model import Site
from gkgen.output import UnsafeOutput, check_output_dir, replace_tree
from gkgen.render.pages import static_files, template_dirs
from gkgen.render.pdfout import PdfFailed
from gkgen.render.report import RenderedReport, ReportJob, SiteInfo, render_report
from gkgen.render.site import site_pages


class BuildError(Exception):
    """The build could not finish for a reason other than the content (message in Chinese)."""


class Reporter(Protocol):
    """Progress events of a build; the builder never prints."""

    def stage(self, name: str) -> None:
        """A new stage begins: "check", "render", "site", "write"."""

    def report_done(self, key: str, done: int, total: int) -> None:
        """One report's files are rendered."""


class NullReporter:
    """A reporter that ignores everything."""

    def stage(self, name: str) -> None:
        pass

    def report_done(self, key: str, done: int, total: int) -> None:
        pass


@dataclass
class BuildResult:
    ok: bool
    findings: list[Finding]
    out: Path
    written: list[str] = field(default_factory=list)
    reports: int = 0

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity != ERROR for f in self.findings)


def site_info(site: Site) -> SiteInfo:
    """The picklable part of a site that pages need."""
    return SiteInfo(site.root.resolve(), site.title, site.base_url, site.language,
                    template_dirs(site.root))


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (str(f.pos.file), f.pos.line, f.pos.column, f.id))


def _render_all(jobs: list[ReportJob], workers: int,
                reporter: Reporter) -> Iterator[RenderedReport]:
    if workers <= 1 or len(jobs) <= 1:
        results: Iterator[RenderedReport] = map(render_report, jobs)
        for i, rendered in enumerate(results, 1):
            reporter.report_done(rendered.key, i, len(jobs))
            yield rendered
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        for i, rendered in enumerate(pool.map(render_report, jobs), 1):
            reporter.report_done(rendered.key, i, len(jobs))
            yield rendered


def _add(files: dict[str, bytes], more: dict[str, bytes]) -> None:
    clash = sorted(set(files) & set(more))
    if clash:
        raise BuildError("两个来源要生成同一个文件：" + "、".join(clash))
    files.update(more)


def build_site(root: Path, out: Path | None = None, *, pdf: bool = True, jobs: int = 1,
               reporter: Reporter | None = None) -> BuildResult:
    """Check the site at root and, when no check fails, build it into out (default root/output)."""
    reporter = reporter or NullReporter()
    root = root.resolve()
    out = (out or root / "output").resolve()
    try:
        check_output_dir(out, [root / "content", root / "templates"])
    except UnsafeOutput as exc:
        raise BuildError(f"不能使用这个输出目录：{exc}。") from None
    reporter.stage("check")
    checked = run_checks(root)
    findings = list(checked.findings)
    if any(f.severity == ERROR for f in findings):
        return BuildResult(False, findings, out)
    info = site_info(checked.site)
    reports = checked.site.reports()
    reporter.stage("render")
    files: dict[str, bytes] = {}
    try:
        for rendered in _render_all([ReportJob(info, r, pdf) for r in reports], jobs, reporter):
            findings.extend(apply_severity(checked.site, rendered.findings))
            _add(files, rendered.files)
    except PdfFailed as exc:
        raise BuildError(str(exc)) from None
    findings = _sorted(findings)
    if any(f.severity == ERROR for f in findings):
        return BuildResult(False, findings, out, reports=len(reports))
    reporter.stage("site")
    _add(files, site_pages(info, reports, pdf))
    _add(files, {"data/reports.json": dataset.site_json(info.title, reports),
                 "data/reports.csv": dataset.site_csv(reports)})
    _add(files, {rel: path.read_bytes() for rel, path in static_files(info.templates)})
    reporter.stage("write")
    try:
        replace_tree(out, files)
    except OSError as exc:
        raise BuildError(f"无法写入输出目录 {out}：{exc.strerror or exc}。") from None
    return BuildResult(True, findings, out, sorted(files), reports=len(reports))
