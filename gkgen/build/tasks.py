"""The unit of work: read, check and render some years of one body — a pure function.

``run_task(context, task)`` reads what it needs from the site on disk (a path every worker
shares: this process, a forked worker, or a Dask worker on another machine), and returns the
findings, a light copy of every report it read and the rendered files as bytes. It writes
nothing, so running a task twice (a retry after a lost worker) is harmless — except, on the
machine that runs the build, its files into the staging tree (Context.stage), which the
build's writer then takes in and which a failed build removes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from gkgen.build.cache import FileDigests, code_digest
from gkgen.build.output import write_tree
from gkgen.build.records import Light, image_deps
from gkgen.checks import apply_severity, check_report
from gkgen.content.load import load_body, load_report
from gkgen.findings import ERROR, Finding
from gkgen.model import Body, Report, Site
from gkgen.render import dataset
from gkgen.render.report import RenderedReport, ReportJob, SiteInfo, render_report


class SiteNotShared(Exception):
    """A worker cannot read the site, or runs other gkgen code (message in Chinese)."""


@dataclass
class Context:
    """What every task of one build shares (small: it travels with each task)."""

    info: SiteInfo
    site: Site  # the settings of site.yaml, no bodies
    code: str  # digest of the gkgen code that planned the build (workers must run the same)
    pdf: bool = False
    salt: str = ""
    links: bool = True
    drafts: bool = True  # render drafts (gkgen build --drafts, the preview)
    office: bool = True  # report.docx and tables.xlsx (gkgen.render.office)
    stage: str = ""  # the staging tree when the task runs on this machine: it writes its files
    # there (gkgen.build.output.write_tree) instead of sending them back as bytes


@dataclass(frozen=True)
class Task:
    """Some years of one body: those to read and check, and those to render."""

    slug: str
    check: tuple[int, ...] = ()
    render: tuple[int, ...] = ()
    reuse_pdf: tuple[tuple[int, str], ...] = ()  # (year, key of the PDF the output has)
    body_findings: bool = True  # report what reading body.yaml found (one task per body does)

    @property
    def size(self) -> int:
        return len(set(self.check) | set(self.render))


@dataclass
class Outcome:
    """One report's part of a task's result."""

    year: int
    light: Light | None  # None: the report could not be read (its findings say why)
    findings: list[Finding] | None = None  # of reading and checking it; None: not checked
    deps: list[list[str]] | None = None  # images its narrative points at (records.image_deps)
    rendered: RenderedReport | None = None


@dataclass
class TaskResult:
    slug: str
    body: Body | None  # without reports; None when body.yaml is missing
    body_findings: list[Finding] | None
    outcomes: list[Outcome] = field(default_factory=list)


@functools.cache
def _code() -> str:
    return code_digest(FileDigests())


def light(report: Report) -> Light:
    """The light copy of a loaded report."""
    published = report.published.isoformat() if report.published else None
    return Light(report.year, report.dir, report.edition.key, published, report.title,
                 report.draft, dataset.json_part(report), dataset.csv_part(report),
                 changes=[[c.date.isoformat(), c.note] for c in report.changes])


def bare(body: Body) -> Body:
    """The body without its reports."""
    return Body(body.slug, body.dir, body.name, body.level, body.region, body.parent,
                body.deadline, {}, body.meta_pos, body.order, body.summary_of)


def _shared(context: Context) -> None:
    if not (context.site.content / "site.yaml").is_file():
        raise SiteNotShared(f"工作进程读不到站点 {context.site.root}：各台机器上的站点路径必须相同"
                            "（例如同一网络文件系统挂载在同一路径）。")
    if _code() != context.code:
        raise SiteNotShared("工作进程运行的 gkgen 与本机不同：请在各台机器上安装同一版本的 gkgen。")


def _fails(site: Site, findings: list[Finding] | None) -> bool:
    # A report that fails its checks is not rendered: the build stops anyway, and the
    # renderer need not cope with what the checks refuse.
    return findings is not None and any(f.severity == ERROR for f in apply_severity(site, findings))


def run_task(context: Context, task: Task) -> TaskResult:
    """Read, check and render the task's years (the previous year too, for the Y checks)."""
    _shared(context)
    body_dir = context.site.content / task.slug
    body_findings: list[Finding] = []
    body = load_body(body_dir, body_findings, years=())
    result = TaskResult(task.slug, None if body is None else bare(body),
                        body_findings if task.body_findings else None)
    if body is None:
        return result
    site = Site(**{**context.site.__dict__, "bodies": {body.slug: body}})
    loaded: dict[int, list[Finding]] = {}
    for year in sorted(set(task.check) | set(task.render) | {y - 1 for y in task.check}):
        year_dir = body_dir / str(year)
        if year_dir.is_dir():
            loaded[year] = []
            report = load_report(body, year_dir, loaded[year])
            if report is not None:
                body.reports[year] = report
    reuse = dict(task.reuse_pdf)
    for year in sorted(set(task.check) | set(task.render)):
        report = body.reports.get(year)
        outcome = Outcome(year, None if report is None else light(report))
        if year in task.check:
            outcome.findings = loaded.get(year, []) + (
                check_report(site, report) if report is not None else [])
            outcome.deps = [] if report is None else image_deps(report, context.site.content)
        if report is not None and year in task.render and not _fails(site, outcome.findings) \
                and (context.drafts or not report.draft):
            # --no-pdf keeps (and links) a PDF that is still current
            keep = not context.pdf and reuse.get(year) is not None and bool(context.salt)
            job = ReportJob(context.info, report, context.pdf, context.salt, reuse.get(year),
                            True if keep else context.links, keep_pdf=keep,
                            office=context.office)
            outcome.rendered = render_report(job)
            if context.stage:
                rendered = outcome.rendered
                rendered.stored, rendered.files = write_tree(context.stage, rendered.files), {}
        result.outcomes.append(outcome)
    return result
