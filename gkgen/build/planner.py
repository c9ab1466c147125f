"""The plan of a run: every report folder of the site, what the caches know of it, and the tasks.

A report whose load-and-check record is stored (gkgen.build.records) is not read again for
its findings; a report whose output files are intact and whose key is unchanged is not
rendered again. Whatever remains becomes tasks (gkgen.build.tasks): one per body, or, when
PDFs are made, one per report to render, so that a cluster can spread the slow PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gkgen.build.cache import Manifest, ReportEntry, intact
from gkgen.build.plan import Inputs, body_key, check_key, folder_key
from gkgen.build.records import BodyRecord, Records, ReportRecord
from gkgen.build.tasks import Task
from gkgen.build.writer import carried
from gkgen.checks import apply_severity
from gkgen.checks.run import in_scope
from gkgen.content.load import YEAR_DIR, body_dirs
from gkgen.findings import ERROR
from gkgen.model import Site


@dataclass
class Slot:
    """One report folder: content/<slug>/<year>."""

    slug: str
    year: int
    check_key: str
    record: ReportRecord | None  # its stored load-and-check record, when valid
    entry: ReportEntry | None = None  # what the old output's manifest says of it
    render: bool = False
    reuse_pdf: str | None = None
    intact: bool = False  # its old files were found unchanged (carried over as they are)

    @property
    def key(self) -> str:
        return f"{self.slug}/{self.year}"


@dataclass
class BodyPlan:
    slug: str
    dir: Path
    key: str
    record: BodyRecord | None
    slots: list[Slot] = field(default_factory=list)


def plan_bodies(site: Site, inputs: Inputs, records: Records,
                scope: Path | None = None) -> list[BodyPlan]:
    """Every body folder (under scope, when given) with its report folders, in site order."""
    plans: list[BodyPlan] = []
    for body_dir in body_dirs(site):
        if scope is not None and not in_scope(body_dir, scope):
            continue
        key = body_key(inputs, body_dir.name)
        plan = BodyPlan(body_dir.name, body_dir, key, records.body(key))
        plans.append(plan)
        if plan.record is not None and plan.record.body is None:
            continue  # no body.yaml: none of its reports can be read
        for year_dir in sorted(body_dir.iterdir()):
            if not (year_dir.is_dir() and YEAR_DIR.match(year_dir.name)):
                continue
            if scope is not None and not in_scope(year_dir, scope):
                continue
            year = int(year_dir.name)
            ckey = check_key(inputs, body_dir.name, year)
            plan.slots.append(Slot(body_dir.name, year, ckey, records.report(ckey)))
    return plans


def _fails(site: Site, record: ReportRecord | None) -> bool:
    return record is not None and any(f.severity == ERROR
                                      for f in apply_severity(site, record.findings))


def plan_renders(plans: list[BodyPlan], site: Site, inputs: Inputs, old: Manifest | None,
                 out: Path) -> None:
    """Mark the reports to render: those whose key changed or whose files are not intact.

    A report whose stored record has errors is not rendered (the build will stop).
    """
    olds = old.reports if old else {}
    for slot in (s for p in plans for s in p.slots):
        slot.entry = entry = olds.get(slot.key)
        if _fails(site, slot.record):
            continue
        key = folder_key(inputs, slot.slug, slot.year, entry)
        if entry and old and carried(old, out, entry, key):
            slot.intact = True
            continue
        slot.render = True
        pdf_rel = f"{slot.key}/report.pdf"
        if entry and old and entry.pdf_key and pdf_rel in entry.files \
                and intact(out, old, [pdf_rel]):
            slot.reuse_pdf = entry.pdf_key


def tasks_of(plans: list[BodyPlan], pdf: bool) -> list[Task]:
    """The tasks of the plan; with PDFs, one per report to render (PDFs are the slow part)."""
    tasks: list[Task] = []
    for plan in plans:
        check = tuple(s.year for s in plan.slots if s.record is None)
        render = tuple(s.year for s in plan.slots if s.render)
        reuse = {s.year: s.reuse_pdf for s in plan.slots if s.render and s.reuse_pdf}
        first = plan.record is None
        if not (check or render or first):
            continue
        if not pdf or len(render) <= 1:
            tasks.append(Task(plan.slug, check, render, tuple(reuse.items()), first))
            continue
        for year in render:
            tasks.append(Task(plan.slug, (year,) if year in check else (), (year,),
                              tuple((y, k) for y, k in reuse.items() if y == year), first))
            first = False
        rest = tuple(y for y in check if y not in render)
        if rest:
            tasks.append(Task(plan.slug, rest, (), (), False))
    return sorted(tasks, key=lambda t: -t.size)  # the largest first: workers end together
