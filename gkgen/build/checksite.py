"""`gkgen check`: the build pipeline without rendering — plan, tasks, an executor, no writer.

Reports whose load-and-check record is stored (gkgen.build.records) are neither read nor
checked again; the others are read and checked by the tasks (in worker processes when there
are several), and their records are stored for the next run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from gkgen.build.cache import load_manifest
from gkgen.build.executors import executor
from gkgen.build.gather import Gathered, site_level
from gkgen.build.plan import scan
from gkgen.build.planner import plan_bodies, tasks_of
from gkgen.build.records import Records
from gkgen.build.tasks import Context, run_task
from gkgen.checks.run import CheckResult, result_of, scope_of
from gkgen.content.load import load_settings
from gkgen.findings import Finding
from gkgen.region.settings import RegionSettings
from gkgen.render.pages import template_dirs
from gkgen.render.report import SiteInfo


def check_site(root: Path, path: Path | None = None, *, jobs: int | None = None,
               cache: bool = True, scheduler: str | None = None) -> CheckResult:
    """Check the reports under path (default: the whole site), reusing stored records.

    cache=False neither reads nor stores records (gkgen check --no-cache).
    """
    root = root.resolve()
    scope = scope_of(root, path)
    old = load_manifest(root, root / "output") if cache else None
    inputs = scan(root, (), False, old)  # the default output's digests spare re-reading files
    findings: list[Finding] = []
    site = load_settings(root, findings)
    records = Records(root, inputs.files, read=cache, write=cache)
    plans = plan_bodies(site, inputs, records, scope)
    tasks = tasks_of(plans, pdf=False)
    info = SiteInfo(root, site.title, site.base_url, site.language, template_dirs(root),
                    RegionSettings.of(site.region, site.township_deadline))
    context = Context(info, site, inputs.code)
    gathered = Gathered(plans, records)
    try:
        if tasks:
            runner = executor(jobs, len(tasks), sum(t.size for t in tasks), False, scheduler)
            try:
                for task_result in runner.run(functools.partial(run_task, context), tasks):
                    for _ in gathered.add(task_result):
                        pass
            finally:
                runner.close()
        if scope == site.content.resolve():  # site-level checks see every body: the whole site only
            # before save(): new records' parts still wait in this run's folder
            findings.extend(site_level(gathered, site, root / "output"))
        records.save(prune=scope == site.content.resolve())
    finally:
        records.close()
    result = result_of(site, [], findings + gathered.all_findings(), scope,
                       len(gathered.reports()))
    order = {slot.key: i for i, slot in enumerate(s for p in plans for s in p.slots)}
    result.checked = sorted(gathered.checked, key=lambda k: order.get(k, -1))
    return result
