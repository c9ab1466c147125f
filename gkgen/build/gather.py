"""Gathering a run's results: each report's findings and light copy, from its task or its record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gkgen.build.planner import BodyPlan
from gkgen.build.records import Light, Records, findings_json, light_json
from gkgen.build.sitepages import SiteData
from gkgen.build.tasks import TaskResult
from gkgen.checks.site import site_findings
from gkgen.findings import Finding
from gkgen.format import edition
from gkgen.model import Body, Report, Site
from gkgen.region.entry import record_of
from gkgen.render.report import RenderedReport


def _body_json(body: Body | None) -> dict[str, Any] | None:
    return None if body is None else {
        "name": body.name, "level": body.level, "region": body.region, "parent": body.parent,
        "deadline": body.deadline, "order": body.order, "summary_of": list(body.summary_of)}


class Gathered:
    """What the run knows of every report of its plan; records are kept for Records.save()."""

    def __init__(self, plans: list[BodyPlan], records: Records) -> None:
        self.plans, self.records = plans, records
        self.root, self.content = records.root, records.content
        self.slots = {s.key: s for p in plans for s in p.slots}
        self.bodies: dict[str, Body | None] = {}
        self.body_findings: dict[str, list[Finding]] = {}
        self.lights: dict[str, Light | None] = {}
        self.findings: dict[str, list[Finding]] = {}
        self.checked: list[str] = []
        self.loaded: list[str] = []
        for plan in plans:
            if plan.record is not None:
                data = plan.record.body
                self.bodies[plan.slug] = None if data is None else Body(
                    plan.slug, plan.dir, **{**data, "summary_of": tuple(  # type: ignore[arg-type]
                        data["summary_of"] or ())})
                self.body_findings[plan.slug] = plan.record.findings
            for slot in plan.slots:
                if slot.record is not None:
                    self.lights[slot.key] = slot.record.light
                    self.findings[slot.key] = slot.record.findings

    def add(self, result: TaskResult) -> Iterator[RenderedReport]:
        """Take a task's result; yield its rendered reports (for the writer)."""
        slug = result.slug
        if result.body_findings is not None:
            self.body_findings[slug] = result.body_findings
            plan = next(p for p in self.plans if p.slug == slug)
            self.records.put(plan.key, {"findings": findings_json(result.body_findings,
                                                                  self.root),
                                        "body": _body_json(result.body)})
        self.bodies.setdefault(slug, result.body)
        for outcome in result.outcomes:
            key = f"{slug}/{outcome.year}"
            self.loaded.append(key)
            if outcome.findings is not None:
                self.checked.append(key)
                self.findings[key], self.lights[key] = outcome.findings, outcome.light
                deps = outcome.deps
                for dep in deps or []:
                    dep[1] = self.records.files.of(self.content / dep[0])
                if deps is not None:
                    light = None if outcome.light is None else light_json(outcome.light,
                                                                          self.content)
                    stored = self.records.put(self.slots[key].check_key, {
                        "findings": findings_json(outcome.findings, self.root),
                        "light": light, "deps": deps})
                    if stored is not None and outcome.light is not None:
                        # the open data waits on disk for the site step, not in memory
                        outcome.light.json_part = outcome.light.csv_part = ""
                        outcome.light.parts_file = stored
            if outcome.rendered is not None:
                yield outcome.rendered

    def all_findings(self) -> list[Finding]:
        """The findings of reading and checking every body and report, in site order."""
        found: list[Finding] = []
        for plan in self.plans:
            found.extend(self.body_findings.get(plan.slug, []))
            for slot in plan.slots:
                found.extend(self.findings.get(slot.key, []))
        return found

    def reports(self) -> list[str]:
        """The keys of the reports that could be read, in site order."""
        return [s.key for p in self.plans if self.bodies.get(p.slug) is not None
                for s in p.slots if self.lights.get(s.key) is not None]

    def drafts(self) -> list[str]:
        """The keys of the readable reports that are drafts, in site order."""
        return [k for k in self.reports() if (light := self.lights.get(k)) and light.draft]

    def site_data(self, held: frozenset[str] = frozenset()) -> SiteData:
        """Light copies of the site's reports (but those held back), for the site pages and data."""
        data = SiteData()
        for plan in self.plans:
            body = self.bodies.get(plan.slug)
            if body is None:
                continue
            data.bodies.append(body)
            for slot in plan.slots:
                light = self.lights.get(slot.key)
                if light is None:
                    continue
                published = dt.date.fromisoformat(light.published) if light.published else None
                report = Report(body, light.year, light.dir, edition(light.edition), published,
                                light.title, light.draft)
                if slot.key in held:  # its status (草稿) is shown, nothing of its content
                    data.held.append(report)
                    continue
                body.reports[light.year] = report
                data.reports.append(report)
                data.lights.append(light)
        return data


def site_level(gathered: Gathered, site: Site, out: Path) -> list[Finding]:
    """The site-level checks (gkgen.checks.site) over every readable report, drafts included."""
    data = gathered.site_data()
    return site_findings(site, data.bodies, data.reports, [record_of(j) for j, _ in data.parts], out)
