"""`gkgen build`: one pipeline — plan, tasks, an executor, the single writer, the site pages.

1. plan (gkgen.build.plan, .planner): digest every input; a report whose load-and-check record
   is stored (gkgen.build.records) is not read for its findings, a report whose output is
   intact and whose key is unchanged is not rendered. When nothing changed at all, the
   output is left alone.
2. tasks (gkgen.build.tasks): read, check and render some years of one body; pure functions
   of their inputs that return findings, light copies and files as bytes.
3. an executor (gkgen.build.executors) runs them: this process, local worker processes
   (``jobs``, default one per core), or a Dask cluster (``scheduler``). Nothing else differs.
4. the single writer (gkgen.build.writer) puts the files into a staging folder as they come;
5. the site step (gkgen.build.sitepages) makes the index pages and open data from every
   report's light copy; then, only when no check failed, the staging folder replaces the
   output in one step (gkgen.build.output.Staging) and the caches are saved. A failed build
   leaves the previous output and the caches untouched.

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

import functools
from pathlib import Path

from gkgen.build.cache import (
    CACHE_DIR,
    Manifest,
    finding_from,
    finding_json,
    load_manifest,
    save_manifest,
    tree_intact,
)
from gkgen.build.executors import ExecutorFailed, executor, local_workers
from gkgen.build.gather import Gathered, site_level
from gkgen.build.output import Staging, UnsafeOutput, check_output_dir
from gkgen.build.plan import Inputs, scan
from gkgen.build.planner import plan_bodies, plan_renders, tasks_of
from gkgen.build.records import Records
from gkgen.build.result import BuildError, BuildResult, NullReporter, Reporter
from gkgen.build.sitepages import site_files
from gkgen.build.tasks import Context, SiteNotShared, run_task
from gkgen.build.writer import Writer
from gkgen.checks import apply_severity
from gkgen.checks.run import sort_findings
from gkgen.content.load import load_settings
from gkgen.findings import Finding, fails
from gkgen.i18n import os_error_zh
from gkgen.model import Site
from gkgen.region.settings import RegionSettings
from gkgen.render.pages import environment, load_templates, template_dirs
from gkgen.render.pdfout import PdfFailed
from gkgen.render.report import SiteInfo

__all__ = ["BuildError", "BuildResult", "Reporter", "build_site", "site_info"]

PAGE_TEMPLATES = ("report.html", "index.html", "body.html")


def site_info(site: Site) -> SiteInfo:
    """The picklable part of a site that pages need."""
    return SiteInfo(site.root.resolve(), site.title, site.base_url, site.language,
                    template_dirs(site.root), RegionSettings.of(site.region, site.township_deadline))


def _finding_key(f: Finding) -> tuple[str, str, int, int, str]:
    return (f.id, str(f.pos.file), f.pos.line, f.pos.column, f.message)


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
               pdf_links: bool | None = None, scheduler: str | None = None,
               drafts: bool = True, strict: bool = False, office: bool = True) -> BuildResult:
    """Check the site at root and, when no check fails, build what changed into out.

    out defaults to root/output; jobs to one worker process per core; scheduler names a Dask
    scheduler (tcp://host:port; default: the GKGEN_SCHEDULER environment variable) whose
    workers then run the tasks; clean ignores the caches and builds everything. seeded_from
    names an earlier output of this site that out is a hard-linked copy of (the preview
    server's fresh folders): its cache is used for out. pdf_links makes pages link to
    report.pdf even when pdf=False (the preview renders on request). drafts=False leaves the
    drafts out (gkgen build without --drafts); strict=True fails the build on any warning.
    office adds report.docx and tables.xlsx to every report and data/tables.xlsx to the site.
    Raises BuildError, or TemplateFailed when a page template cannot be loaded or rendered;
    either way the old output and the caches are left as they were.
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
    if old and old.fingerprint == inputs.fingerprint \
            and old.options in (_options(drafts, strict), _options(None, strict)) \
            and tree_intact(out, old):
        return _unchanged(out, root, old, adopted)
    reporter.stage("check")
    site_findings: list[Finding] = []
    site = load_settings(root, site_findings)
    info = site_info(site)
    if not (old and old.templates_key == inputs.templates_key):  # parsed fine the last time
        load_templates(info.templates, PAGE_TEMPLATES)  # a syntax error stops here, before any work
    records = Records(root, inputs.files, read=not clean)
    try:
        return _build(root, out, site, info, inputs, old, records, site_findings, reporter,
                      jobs, scheduler, drafts, strict)
    finally:
        records.close()  # what a failed build checked is not kept


def _build(root: Path, out: Path, site: Site, info: SiteInfo, inputs: Inputs,
           old: Manifest | None, records: Records, site_findings: list[Finding],
           reporter: Reporter, jobs: int | None, scheduler: str | None, drafts: bool,
           strict: bool) -> BuildResult:
    try:
        with Staging(out) as staging:
            result = _run(Writer(staging, old, out, root), site, info, inputs, records,
                          site_findings, reporter, jobs, scheduler, drafts, strict)
            if result.ok:
                _commit(result, staging, inputs, reporter)
    except PdfFailed as exc:
        raise BuildError(str(exc)) from None
    except (ExecutorFailed, SiteNotShared) as exc:
        raise BuildError(str(exc)) from None
    except OSError as exc:
        raise BuildError(f"无法写入输出目录 {out}：{os_error_zh(exc)}。") from None
    if result.manifest is not None:
        result.manifest.options = _options(drafts if result.had_drafts else None, strict)
        save_manifest(root, out, result.manifest)
        records.save(prune=True)
    return result


def _run(writer: Writer, site: Site, info: SiteInfo, inputs: Inputs, records: Records,
         site_findings: list[Finding], reporter: Reporter, jobs: int | None,
         scheduler: str | None, drafts: bool = True, strict: bool = False) -> BuildResult:
    plans = plan_bodies(site, inputs, records)
    plan_renders(plans, site, inputs, writer.old, writer.out)
    tasks = tasks_of(plans, inputs.pdf)
    gathered = Gathered(plans, records)
    rendered_keys: list[str] = []
    render_findings: list[Finding] = []
    pdfs: list[str] = []
    total = sum(len(t.render) for t in tasks)
    if tasks:
        reporter.stage("render")
        runner = executor(jobs, len(tasks), sum(t.size for t in tasks), inputs.pdf, scheduler)
        context = Context(info, site, inputs.code, inputs.pdf, inputs.salt, inputs.links, drafts,
                          inputs.office, str(writer.staging.path) if runner.local else "")
        try:
            for task_result in runner.run(functools.partial(run_task, context), tasks):
                for rendered in gathered.add(task_result):
                    if writer.take(inputs, rendered, inputs.pdf):
                        pdfs.append(rendered.key)
                    rendered_keys.append(rendered.key)
                    render_findings.extend(rendered.findings)
                    reporter.report_done(rendered.key, len(rendered_keys), total)
        finally:
            runner.close()
    published = writer.root / "output"
    # a report carried over unchanged is in out exactly as its cells are now: S2 skips it
    only = {s.key for p in plans for s in p.slots if not s.intact} \
        if writer.out == published.resolve() else None
    findings = site_findings + gathered.all_findings() + site_level(gathered, site, published, only)
    result = _findings(site, findings, render_findings)
    had_drafts = gathered.drafts()
    held = frozenset() if drafts else frozenset(had_drafts)
    keys = [k for k in gathered.reports() if k not in held]
    order = {k: i for i, k in enumerate(keys)}
    rendered_keys.sort(key=lambda k: order.get(k, -1))
    done = BuildResult(False, result, writer.out, reports=len(keys), rendered=rendered_keys,
                       checked=sorted(gathered.checked, key=lambda k: order.get(k, -1)),
                       loaded=sorted(set(gathered.loaded), key=lambda k: order.get(k, -1)))
    done.held, done.had_drafts = sorted(held, key=lambda k: order.get(k, -1)), bool(had_drafts)
    if fails(result, strict):
        return done
    for slot in (s for p in plans for s in p.slots):
        if not slot.render and slot.key in order and slot.entry is not None:
            writer.carry_report(slot.key, slot.entry, slot.intact)
            done.skipped.append(slot.key)
    writer.new.reports = {k: writer.new.reports[k] for k in keys if k in writer.new.reports}
    reporter.stage("site")
    kept = frozenset() if inputs.pdf else frozenset(
        k for k, e in writer.new.reports.items() if f"{k}/report.pdf" in e.files)
    done.pages = sorted(site_files(writer, info, gathered.site_data(held), inputs, kept,
                                   workers=local_workers(jobs, scheduler)))
    done.ok, done.written, done.pdfs = True, sorted(writer.written), sorted(pdfs, key=lambda k: order.get(k, -1))
    done.manifest = writer.new
    writer.new.findings = [finding_json(f, writer.root) for f in result]
    writer.new.report_count = len(keys)
    return done


def _findings(site: Site, findings: list[Finding], render_findings: list[Finding]) -> list[Finding]:
    """The checks' findings, severities applied; then the renderer's, those not found already."""
    findings = apply_severity(site, findings)
    known = {_finding_key(f) for f in findings}
    findings.extend(f for f in apply_severity(site, render_findings)
                    if _finding_key(f) not in known)
    return sort_findings(findings)


def _commit(result: BuildResult, staging: Staging, inputs: Inputs, reporter: Reporter) -> None:
    reporter.stage("write")
    manifest = result.manifest
    assert manifest is not None
    manifest.fingerprint, manifest.scanned_ns = inputs.fingerprint, inputs.files.started_ns
    manifest.inputs = inputs.files.seen
    manifest.templates_key, manifest.template_digests = inputs.templates_key, inputs.template_digests()
    staging.commit()


def _options(drafts: bool | None, strict: bool) -> str:
    """The options a no-op build must share with the last one (drafts: None when there were none)."""
    return f"drafts={drafts} strict={strict}"
