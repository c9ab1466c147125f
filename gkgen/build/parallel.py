"""Large HTML builds in forked workers: each loads, checks and renders a share of the bodies.

Loading (YAML to model) is the largest serial cost of a build, and sending loaded reports
between processes costs more than it saves; so on a large site with jobs > 1 and fork, each
worker loads its bodies itself, runs their checks, renders the reports the main process
decided to render (from report keys, known without loading anything), and sends back the
findings, the rendered files and a light copy of every report (what the site pages and the
open data read). The main process decides nothing from the workers' results but whether
the build may proceed, and it remains the single writer.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from gkgen.build.cache import Manifest, ReportEntry, intact
from gkgen.build.plan import Inputs, folder_key, slim
from gkgen.checks import run as check
from gkgen.content.load import YEAR_DIR, body_dirs, load_settings
from gkgen.findings import Finding
from gkgen.format import edition
from gkgen.model import Body, Report, Site
from gkgen.render import dataset
from gkgen.render.report import RenderedReport, ReportJob, SiteInfo, render_report

CHUNKS_PER_JOB = 8  # more chunks than workers: a worker that finishes early takes another


def carried(old: Manifest, out: Path, entry: ReportEntry, key: str) -> bool:
    """True when a report needs no rendering: its old entry has the key and its files are intact.

    A report whose last rendering had findings (a missing image, say) is always rendered.
    """
    return entry.key == key and not entry.findings and intact(out, old, entry.files)


@dataclass
class Light:
    """What the site pages and the open data need of one report (small to pickle)."""

    year: int
    dir: Path
    edition: str
    published: dt.date | None
    title: str | None
    json_part: str  # its share of the open data (gkgen.render.dataset)
    csv_part: str


@dataclass
class Share:
    """One worker's result for its chunk of bodies."""

    findings: list[Finding] = field(default_factory=list)
    bodies: dict[Path, tuple[Body, list[Light]]] = field(default_factory=dict)
    rendered: dict[str, RenderedReport] = field(default_factory=dict)
    failed: bool = False  # a report could not be rendered
    count: int = 0

    def report(self, key: str) -> Report:
        """The light copy of one of the share's reports."""
        slug, year = key.split("/")
        for body, lights in self.bodies.values():
            if body.slug == slug:
                return next(_report(body, x) for x in lights if x.year == int(year))
        raise KeyError(key)


@dataclass
class Prepared:
    """A site loaded, checked and rendered by workers."""

    site: Site  # settings only: no bodies
    findings: list[Finding]  # of the checks, in scope, severities applied, sorted
    reports: list[Report]  # light copies (no values, no text), in site order
    data: list[tuple[str, str]]  # the reports' json_part and csv_part, in the same order
    carry: dict[str, ReportEntry]  # the reports not rendered, with their old entries


class Pending:
    """Workers at work on the chunks of a site; close() ends them whatever happened."""

    def __init__(self, info: SiteInfo, site: Site, dirs: list[Path], findings: list[Finding],
                 carry: dict[str, ReportEntry], chunks: int, workers: int) -> None:
        self.info, self.site, self.dirs, self.findings = info, site, dirs, findings
        self.carry = carry
        self.done: list[Share] = []
        self.total = 0  # reports to render, about (year folders without a report are counted)
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            min(workers, chunks), mp_context=multiprocessing.get_context("fork"))
        try:
            self.futures = [self.pool.submit(_share, i) for i in range(chunks)]
        except BaseException:
            self.close()
            raise

    def shares(self) -> Iterator[Share]:
        """Each chunk's share, as soon as it is done."""
        for future in as_completed(self.futures):
            share = future.result()
            self.done.append(share)
            yield share

    def gather(self) -> Prepared:
        """The checks' findings and the light reports of the whole site, once all shares are in."""
        return _gather(self.site, self.dirs, self.done, self.findings, self.carry)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _INHERITED.clear()


@dataclass
class _Context:
    inputs: Inputs
    info: SiteInfo
    site: Site
    chunks: list[list[Path]]
    carry: set[str]


# The state of the current parallel build, for workers forked from this process.
_INHERITED: list[_Context] = []


def _light(report: Report) -> Light:
    return Light(report.year, report.dir, report.edition.key, report.published, report.title,
                 dataset.json_part(report), dataset.csv_part(report))


def _share(index: int) -> Share:
    """Load, check and render the bodies of one chunk (in a worker)."""
    ctx = _INHERITED[0]
    share = Share()
    content = ctx.site.content
    for body, count in check.check_bodies(ctx.site, ctx.chunks[index], content, share.findings):
        share.count += count
        lights = [_light(r) for _, r in sorted(body.reports.items())]
        bare = Body(body.slug, body.dir, body.name, body.level, body.region, body.parent,
                    body.deadline)
        share.bodies[body.dir] = (bare, lights)
        if not share.failed:
            _render(ctx, body, share)
    return share


def _render(ctx: _Context, body: Body, share: Share) -> None:
    inputs = ctx.inputs
    try:
        for _, report in sorted(body.reports.items()):
            if report.key not in ctx.carry:
                job = ReportJob(ctx.info, slim(report), False, inputs.salt, None, inputs.links,
                                inputs.office)
                share.rendered[report.key] = render_report(job)
    except Exception:  # the serial build will say why, after the checks (as it always does)
        share.failed = True


def _report(body: Body, light: Light) -> Report:
    return Report(body, light.year, light.dir, edition(light.edition), light.published,
                  light.title)


def eligible(root: Path, workers: int, pdf: bool) -> bool:
    """True when this build can run its bodies in forked workers."""
    return (workers > 1 and not pdf and threading.active_count() == 1
            and multiprocessing.get_start_method(allow_none=True) in (None, "fork")
            and "fork" in multiprocessing.get_all_start_methods())


def start(root: Path, inputs: Inputs, old: Manifest | None, out: Path, info: SiteInfo,
          workers: int) -> Pending | None:
    """Workers loading, checking and rendering the site; None when the site is too small."""
    findings: list[Finding] = []
    site = load_settings(root, findings)
    dirs = body_dirs(site)
    sizes = check.body_sizes(dirs)
    if sum(sizes.values()) < check.PARALLEL_FROM or len(dirs) < 2:
        return None
    carry: dict[str, ReportEntry] = {}
    for d in dirs:
        for year_dir in d.iterdir():
            entry = old.reports.get(f"{d.name}/{year_dir.name}") if old else None
            if old and entry and YEAR_DIR.match(year_dir.name) and carried(
                    old, out, entry, folder_key(inputs, d.name, int(year_dir.name), entry)):
                carry[f"{d.name}/{year_dir.name}"] = entry
    chunks = check.body_chunks(sizes, workers * CHUNKS_PER_JOB)
    _INHERITED[:] = [_Context(inputs, info, site, chunks, set(carry))]
    pending = Pending(info, site, dirs, findings, carry, len(chunks), workers)
    pending.total = sum(sizes.values()) - len(carry)
    return pending


def _gather(site: Site, dirs: list[Path], shares: list[Share], findings: list[Finding],
            carry: dict[str, ReportEntry]) -> Prepared:
    bodies: dict[Path, tuple[Body, list[Light]]] = {}
    findings = list(findings)
    for share in shares:
        findings.extend(share.findings)
        bodies.update(share.bodies)
    lights = [(body, light) for d in dirs if d in bodies for body in [bodies[d][0]]
              for light in bodies[d][1]]
    reports = [_report(body, light) for body, light in lights]
    data = [(light.json_part, light.csv_part) for _, light in lights]
    checked = check._result(site, [], findings, site.content.resolve(), len(reports))
    rendered = {k for share in shares for k in share.rendered}
    carry = {k: e for k, e in carry.items() if k not in rendered}
    return Prepared(site, checked.findings, reports, data, carry)

