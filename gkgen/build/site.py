"""`gkgen build`: check everything, render what changed, then swap the new output in.

The checks run before anything is rendered; rendered files go into a fresh folder next to
the output (``gkgen.build.output.Staging``), and that folder replaces the old output in one
step. A failed build leaves the previous output untouched.

Incremental: the cache ``<root>/.gkgen-cache/`` (``gkgen.build.cache``; in the site, never in
the published output) records what the last build into an output folder was made from. A report whose inputs are unchanged is not rendered again (its files
are hard-linked from the old output); a PDF whose print page, images, fonts and print.css
are unchanged is not rendered again either; site pages and the open data are rebuilt only
when their inputs change; and when nothing at all changed the output is left alone.

Parallel: reports render in worker processes (``jobs``), each a pure function of its job
(``render_report``); this process is the single writer. A large HTML build forks workers
that also load and check whole bodies (``gkgen.build.parallel``, ``gkgen.build.fork``).

Output layout (all links relative, so it works on any static host, under a sub-path
and from file://):

    index.html                     site index: bodies × years, newest first
    <body>/index.html              the body's reports
    <body>/<year>/index.html       the report
    <body>/<year>/report.pdf       its print PDF (A4, GB/T 9704 layout)
    <body>/<year>/data.json        every cell under its field id
    <body>/<year>/report.docx      the report in Word, tables.xlsx its tables in Excel
    data/reports.csv, reports.json every cell of every report (tables.xlsx: in Excel)
    static/…                       style sheets
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from gkgen.build.cache import (
    CACHE_DIR,
    Manifest,
    ReportEntry,
    finding_from,
    finding_json,
    intact,
    load_manifest,
    output_stat,
    save_manifest,
    tree_intact,
)
from gkgen.build.output import Staging, UnsafeOutput, check_output_dir
from gkgen.build.parallel import carried
from gkgen.build.plan import Inputs, page_key, report_key, scan, slim
from gkgen.checks import apply_severity
from gkgen.checks.run import default_jobs, run_checks
from gkgen.findings import ERROR, Finding
from gkgen.i18n import os_error_zh
from gkgen.model import Report, Site
from gkgen.render import dataset
from gkgen.render.pages import (
    environment,
    load_templates,
    render_page,
    static_files,
    template_dirs,
)
from gkgen.render.office import XLSX
from gkgen.render.office.xlsx import site_xlsx
from gkgen.render.pdfout import PdfFailed, init_worker
from gkgen.render.report import RenderedReport, ReportJob, SiteInfo, render_report
from gkgen.render.site import page_contexts

R = TypeVar("R")


class BuildError(Exception):
    """The build could not finish for a reason other than the content (message in Chinese)."""


PAGE_TEMPLATES = ("report.html", "index.html", "body.html")


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
    written: list[str] = field(default_factory=list)  # files written anew (not carried over)
    reports: int = 0
    rendered: list[str] = field(default_factory=list)  # reports rendered by this build
    skipped: list[str] = field(default_factory=list)  # reports taken unchanged from the cache
    pdfs: list[str] = field(default_factory=list)  # reports whose PDF was rendered
    pages: list[str] = field(default_factory=list)  # site pages, open data, static files rebuilt
    unchanged: bool = False  # nothing changed: the output was left exactly as it was
    manifest: Manifest | None = field(default=None, repr=False)  # the cache of a new output

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


def _finding_key(f: Finding) -> tuple[str, str, int, int, str]:
    return (f.id, str(f.pos.file), f.pos.line, f.pos.column, f.message)


# The jobs of the current parallel render, for worker processes forked from this one: they find
# the job in their copy of memory instead of receiving it pickled (pickling was the main
# process's largest cost on big sites). Under spawn the jobs are pickled as usual.
_INHERITED: list[ReportJob] = []


def _render_inherited(index: int) -> RenderedReport:
    return render_report(_INHERITED[index])


class Renders:
    """Rendered reports in job order, from this process or from a pool of worker processes.

    With a pool, every job is handed out on creation, so the caller can do other work (the
    site pages) while the workers render; close() ends the pool whatever happened.
    """

    def __init__(self, jobs: list[ReportJob], workers: int, pdf: bool, reporter: Reporter) -> None:
        self.total, self.reporter = len(jobs), reporter
        self.pool: ProcessPoolExecutor | None = None
        if workers <= 1 or len(jobs) <= 1:
            self.results: Iterator[RenderedReport] = map(render_report, jobs)
            return
        context = multiprocessing.get_context()
        inherit = context.get_start_method() == "fork"
        _INHERITED[:] = jobs if inherit else []
        self.pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context,
                                        initializer=init_worker,
                                        initargs=(pdf and any(j.pdf for j in jobs),))
        chunk = 1 if pdf else max(1, min(16, len(jobs) // (workers * 4)))
        try:
            self.results = (
                self.pool.map(_render_inherited, range(len(jobs)), chunksize=chunk) if inherit
                else self.pool.map(render_report, jobs, chunksize=chunk))
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[RenderedReport]:
        for i, rendered in enumerate(self.results, 1):
            self.reporter.report_done(rendered.key, i, self.total)
            yield rendered

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _INHERITED.clear()


class Writer:
    """The single writer: puts each output file into the staging tree, once, and records it."""

    def __init__(self, staging: Staging, old: Manifest | None, out: Path, root: Path) -> None:
        self.staging, self.old, self.out, self.root = staging, old, out, root
        self.new = Manifest()
        self.written: list[str] = []
        self._owner: dict[str, str] = {}

    def _claim(self, rel: str, owner: str) -> None:
        if self._owner.setdefault(rel, owner) != owner:
            raise BuildError(f"两个来源要生成同一个文件：{rel}")

    def write(self, rel: str, data: bytes, owner: str) -> None:
        """A file with new bytes."""
        self._claim(rel, owner)
        self.new.outputs[rel] = _stat(self.staging.write(rel, data))
        self.written.append(rel)

    def carry(self, rel: str, owner: str) -> None:
        """A file unchanged since the last build."""
        self._claim(rel, owner)
        self.new.outputs[rel] = _stat(self.staging.carry(rel, self.out / rel))

    def can_carry(self, rels: list[str]) -> bool:
        """True when the old output still holds these files as the last build wrote them."""
        return self.old is not None and intact(self.out, self.old, rels)


def _stat(path: Path) -> list[int]:
    stat = output_stat(path)
    assert stat is not None
    return stat


def _report_jobs(reports: list[Report], info: SiteInfo, inputs: Inputs, writer: Writer,
                 pdf: bool) -> tuple[list[ReportJob], list[str]]:
    """Jobs for the reports to render; the others are carried over unchanged."""
    jobs: list[ReportJob] = []
    skipped: list[str] = []
    old = writer.old.reports if writer.old else {}
    for report in reports:
        entry = old.get(report.key)
        key = report_key(inputs, report, entry)
        writer.new.reports[report.key] = ReportEntry(key, [])
        if entry and writer.old and carried(writer.old, writer.out, entry, key):
            for rel in entry.files:
                writer.carry(rel, report.key)
            writer.new.reports[report.key] = entry
            skipped.append(report.key)
            continue
        reuse = None
        pdf_rel = f"{report.key}/report.pdf"
        if entry and entry.pdf_key and pdf_rel in entry.files and writer.can_carry([pdf_rel]):
            reuse = entry.pdf_key
        jobs.append(ReportJob(info, slim(report), pdf, inputs.salt, reuse, inputs.links,
                              inputs.office))
    return jobs, skipped


def _take(writer: Writer, inputs: Inputs, job: ReportJob, rendered: RenderedReport) -> list[str]:
    """Write one rendered report; its PDF is carried over when the job could reuse it."""
    pdf_rel = f"{rendered.key}/report.pdf"
    for rel, data in sorted(rendered.files.items()):
        writer.write(rel, data, rendered.key)
    rels = sorted(rendered.files)
    if job.pdf and pdf_rel not in rendered.files:
        writer.carry(pdf_rel, rendered.key)
        rels = sorted([*rels, pdf_rel])
    entry = writer.new.reports[rendered.key]
    entry.files, entry.pdf_key = rels, rendered.pdf_key
    entry.images = [p.resolve().relative_to(inputs.content).as_posix() for p in rendered.images]
    entry.key = report_key(inputs, job.report, entry)  # with the images this rendering used
    entry.findings = [finding_json(f, writer.root) for f in rendered.findings]
    return [rendered.key] if pdf_rel in rendered.files else []


def _site_files(writer: Writer, info: SiteInfo, reports: list[Report], inputs: Inputs,
                data: list[tuple[str, str]] | None) -> list[str]:
    """Index pages, open data and static files; each rebuilt only when its inputs changed.

    data: the reports' shares of the open data, when workers made them (gkgen.build.parallel).
    """
    made: list[str] = []
    wanted: dict[str, tuple[str, bytes | None, object]] = {}
    for rel, (name, context) in page_contexts(info, reports, inputs.links).items():
        wanted[rel] = (page_key(inputs, name, context), None, (name, context))
    data_key = inputs.data_key
    wanted["data/reports.json"] = (data_key, None, "json")
    wanted["data/reports.csv"] = (data_key, None, "csv")
    if inputs.office:
        wanted[f"data/{XLSX}"] = (data_key, None, "xlsx")
    for rel, path in static_files(info.templates):
        wanted[rel] = (inputs.files.of(path), None, path)
    for rel, (key, _, what) in wanted.items():
        writer.new.pages[rel] = key
        if writer.old and writer.old.pages.get(rel) == key and writer.can_carry([rel]):
            writer.carry(rel, "site")
            continue
        if isinstance(what, tuple):
            made_data = render_page(info.templates, what[0], what[1]).encode("utf-8")
        elif what == "json":
            made_data = dataset.site_json_of(info.title, [r.edition for r in reports],
                                             [j for j, _ in data] if data is not None else
                                             [dataset.json_part(r) for r in reports])
        elif what == "csv":
            made_data = dataset.site_csv_of([c for _, c in data] if data is not None else
                                            [dataset.csv_part(r) for r in reports])
        elif what == "xlsx":
            made_data = site_xlsx(info.title, [r.edition for r in reports],
                                  [json.loads(j) for j, _ in data] if data is not None else
                                  [dataset.report_record(r, labels=False) for r in reports])
        else:
            assert isinstance(what, Path)
            made_data = what.read_bytes()
        writer.write(rel, made_data, "site")
        made.append(rel)
    return made


def _unchanged(out: Path, root: Path, old: Manifest, adopted: bool) -> BuildResult:
    if adopted:  # out was seeded from another output: its cache is now out's too
        save_manifest(root, out, old)
    findings = [finding_from(f, root) for f in old.findings]
    return BuildResult(True, findings, out, reports=old.report_count, skipped=sorted(old.reports),
                       unchanged=True)


def _old_manifest(root: Path, out: Path, seeded_from: Path | None) -> tuple[Manifest | None, bool]:
    """The cache of out, else that of the output out was seeded from; and whether it was adopted."""
    old = load_manifest(root, out)
    if old is None and seeded_from is not None:
        old = load_manifest(root, seeded_from)
        return old, old is not None
    return old, False


def build_site(root: Path, out: Path | None = None, *, pdf: bool = True,
               jobs: int | None = None, clean: bool = False,
               reporter: Reporter | None = None, seeded_from: Path | None = None,
               pdf_links: bool | None = None, office: bool = True) -> BuildResult:
    """Check the site at root and, when no check fails, build what changed into out.

    out defaults to root/output; jobs to one worker process per core; clean ignores the
    cache and builds everything. seeded_from names an earlier output of this site that out
    is a hard-linked copy of (the preview server's fresh folders): its cache is used for out.
    pdf_links makes pages link to report.pdf even when pdf=False (the preview renders on request).
    office adds report.docx and tables.xlsx to every report and data/tables.xlsx to the site.
    Raises BuildError, or TemplateFailed when a page template cannot be loaded or rendered;
    either way the old output and the cache are left as they were.
    """
    reporter = reporter or NullReporter()
    root = root.resolve()
    out = (out or root / "output").resolve()
    try:
        check_output_dir(out, [root / "content", root / "templates", root / CACHE_DIR])
    except UnsafeOutput as exc:
        raise BuildError(f"不能使用这个输出目录：{exc}。") from None
    environment.cache_clear()  # templates may have changed since this process last built
    old, adopted = (None, False) if clean else _old_manifest(root, out, seeded_from)
    inputs = scan(root, template_dirs(root), pdf, old, pdf_links, office)
    if old and old.fingerprint == inputs.fingerprint and tree_intact(out, old):
        return _unchanged(out, root, old, adopted)
    reporter.stage("check")
    workers = jobs or default_jobs()
    from gkgen.build import fork as buildfork  # it builds on this module

    pending = buildfork.start_workers(root, inputs, old, out, pdf, workers)
    result = None
    if pending is not None:
        try:
            result = _writing(out, lambda: buildfork.build_forked(pending, inputs, old, out,
                                                                  reporter))
        finally:
            pending.close()
    if result is None:  # the serial build (its reports may still render in workers)
        checked = run_checks(root)
        findings = list(checked.findings)
        if any(f.severity == ERROR for f in findings):
            return BuildResult(False, findings, out)
        result = _writing(out, lambda: _build(checked.site, inputs, old, out, pdf, workers,
                                              findings, reporter))
    if result.manifest is not None:
        save_manifest(root, out, result.manifest)
    return result


def _writing(out: Path, build: Callable[[], R]) -> R:
    """build(), its failures to write or to make a PDF raised as BuildError."""
    try:
        return build()
    except PdfFailed as exc:
        raise BuildError(str(exc)) from None
    except OSError as exc:
        raise BuildError(f"无法写入输出目录 {out}：{os_error_zh(exc)}。") from None


def _build(site: Site, inputs: Inputs, old: Manifest | None, out: Path, pdf: bool, workers: int,
           findings: list[Finding], reporter: Reporter) -> BuildResult:
    info = site_info(site)
    reports = site.reports()
    load_templates(info.templates, PAGE_TEMPLATES)  # a syntax error stops here, before rendering
    with Staging(out) as staging:
        writer = Writer(staging, old, out, info.root)
        todo, skipped = _report_jobs(reports, info, inputs, writer, pdf)
        reporter.stage("render")
        pdfs: list[str] = []
        known = {_finding_key(f) for f in findings}
        renders = Renders(todo, workers, pdf, reporter)
        try:
            # The site pages need the loaded reports only: made while the workers render.
            pages = _site_files(writer, info, reports, inputs, None) if renders.pool else None
            for job, rendered in zip(todo, renders, strict=True):
                # the checks already ran the renderer's image vetting (F9): no finding twice
                findings.extend(f for f in apply_severity(site, rendered.findings)
                                if _finding_key(f) not in known)
                pdfs.extend(_take(writer, inputs, job, rendered))
        finally:
            renders.close()
        findings = _sorted(findings)
        rendered_keys = [j.report.key for j in todo]
        if any(f.severity == ERROR for f in findings):
            return BuildResult(False, findings, out, reports=len(reports), rendered=rendered_keys)
        reporter.stage("site")
        if pages is None:
            pages = _site_files(writer, info, reports, inputs, None)
        _commit(writer, staging, inputs, findings, len(reports), reporter)
    return BuildResult(True, findings, out, sorted(writer.written), len(reports),
                       rendered_keys, skipped, pdfs, sorted(pages), manifest=writer.new)


def _commit(writer: Writer, staging: Staging, inputs: Inputs, findings: list[Finding],
            reports: int, reporter: Reporter) -> None:
    reporter.stage("write")
    manifest = writer.new
    manifest.fingerprint, manifest.scanned_ns = inputs.fingerprint, inputs.files.started_ns
    manifest.inputs = inputs.files.seen
    manifest.findings = [finding_json(f, writer.root) for f in findings]
    manifest.report_count = reports
    staging.commit()

