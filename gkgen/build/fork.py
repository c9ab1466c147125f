"""The build of gkgen.build.parallel: the main process writes what the workers send, as it comes."""

from __future__ import annotations

from pathlib import Path

from gkgen.build.cache import Manifest, ReportEntry
from gkgen.build.output import Staging
from gkgen.build.parallel import Pending, eligible, start
from gkgen.build.plan import Inputs, report_key
from gkgen.build.site import (
    PAGE_TEMPLATES,
    BuildResult,
    Reporter,
    Writer,
    _commit,
    _finding_key,
    _site_files,
    _sorted,
    _take,
    site_info,
)
from gkgen.checks import apply_severity
from gkgen.content.load import load_settings
from gkgen.findings import fails
from gkgen.render.pages import load_templates
from gkgen.render.report import RenderedReport, ReportJob


def start_workers(root: Path, inputs: Inputs, old: Manifest | None, out: Path, pdf: bool,
                  workers: int) -> Pending | None:
    """Workers loading, checking and rendering the site, when that pays (gkgen.build.parallel)."""
    if not eligible(root, workers, pdf):
        return None
    info = site_info(load_settings(root, []))
    try:  # loaded before forking: the workers inherit them
        load_templates(info.templates, PAGE_TEMPLATES)
    except Exception:  # the serial path reports it, after the checks
        return None
    return start(root, inputs, old, out, info, workers)


def build_forked(pending: Pending, inputs: Inputs, old: Manifest | None, out: Path,
                  reporter: Reporter, drafts: bool = True, strict: bool = False) -> BuildResult | None:
    """The build of gkgen.build.parallel: rendered files are written while the workers still work.

    None when a worker could not render a report: the serial build then runs instead.
    """
    info = pending.info
    with Staging(out) as staging:
        writer = Writer(staging, old, out, info.root)
        olds = old.reports if old else {}
        renders: dict[str, RenderedReport] = {}
        for share in pending.shares():
            if share.failed:
                return None
            for key, rendered in share.rendered.items():
                report = share.report(key)
                writer.new.reports[key] = ReportEntry(report_key(inputs, report, olds.get(key)), [])
                _take(writer, inputs, ReportJob(info, report, False), rendered)
                renders[key] = rendered
                reporter.report_done(key, len(renders), max(len(renders), pending.total))
        prepared = pending.gather()
        if not drafts and any(r.draft for r in prepared.reports):
            return None  # the serial build holds the drafts back
        findings = list(prepared.findings)
        if fails(findings, strict):
            return BuildResult(False, findings, out)
        reporter.stage("render")
        known = {_finding_key(f) for f in findings}
        skipped: list[str] = []
        for report in prepared.reports:
            entry = prepared.carry.get(report.key)
            if entry is not None:
                for rel in entry.files:
                    writer.carry(rel, report.key)
                writer.new.reports[report.key] = entry
                skipped.append(report.key)
            else:
                findings.extend(f for f in apply_severity(prepared.site,
                                                          renders[report.key].findings)
                                if _finding_key(f) not in known)
        writer.new.reports = {r.key: writer.new.reports[r.key] for r in prepared.reports}
        findings = _sorted(findings)
        rendered_keys = [r.key for r in prepared.reports if r.key in renders]
        if fails(findings, strict):
            return BuildResult(False, findings, out, reports=len(prepared.reports),
                               rendered=rendered_keys)
        reporter.stage("site")
        pages = _site_files(writer, info, prepared.reports, inputs, prepared.data)
        _commit(writer, staging, inputs, findings, len(prepared.reports), reporter)
    return BuildResult(True, findings, out, sorted(writer.written), len(prepared.reports),
                       rendered_keys, skipped, [], sorted(pages), manifest=writer.new,
                       had_drafts=any(r.draft for r in prepared.reports))
