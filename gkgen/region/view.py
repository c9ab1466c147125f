"""The region view of a site: the tree, the years covered and every body × year's entry and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gkgen.model import Body, Report
from gkgen.region.entry import Entry, from_report
from gkgen.region.hierarchy import Tree, tree
from gkgen.region.settings import RegionSettings
from gkgen.region.status import Status, covered_years, due, status


@dataclass
class RegionView:
    settings: RegionSettings
    today: dt.date
    tree: Tree
    years: list[int]  # covered, oldest first
    entries: dict[tuple[str, int], Entry]  # every body × (covered year or year with a report)

    def years_of(self, slug: str) -> list[int]:
        """The years shown for a body, newest first."""
        return sorted((y for s, y in self.entries if s == slug), reverse=True)

    def ordered(self, year: int | None = None) -> list[Entry]:
        """The entries in the 年报专栏's order (bodies), newest year first; or one year's."""
        return [self.entries[(n.slug, y)] for n in self.tree.ordered() for y in self.years_of(n.slug)
                if year is None or y == year]

    def problems(self) -> list[Entry]:
        """Every late or overdue entry of a covered year, in index order."""
        return [e for e in self.ordered() if e.year in self.years and e.status.problem]


def deadline_of(body: Body, year: int, settings: RegionSettings) -> dt.date:
    return due(body.level, body.deadline, settings.township_deadline, year)


def region_view(bodies: Iterable[Body], reports: Sequence[Report],
                records: Sequence[dict[str, Any] | None], settings: RegionSettings,
                today: dt.date | None = None) -> RegionView:
    """Everything the index, body pages and `gkgen status` show.

    bodies: every readable body (light); reports: the light reports, published or held drafts
    alike; records: each report's open-data record (None for a held draft), aligned with reports.
    """
    day = today or settings.today()
    listed = {b.slug: b for b in bodies}
    for r in reports:
        listed.setdefault(r.body.slug, r.body)
    t = tree(listed.values())
    years = covered_years(settings.years, {r.year for r in reports})
    entries: dict[tuple[str, int], Entry] = {}
    for report, record in zip(reports, records, strict=True):
        body = listed[report.body.slug]
        st = status(deadline_of(body, report.year, settings), day, True, report.published,
                    report.draft)
        entries[(body.slug, report.year)] = from_report(report, t.nodes[body.slug].parent, st,
                                                        record)
    for slug, body in listed.items():
        for year in years:
            if (slug, year) not in entries:
                st = status(deadline_of(body, year, settings), day, False, None, False)
                entries[(slug, year)] = _absent(body, t.nodes[slug].parent, year, st)
    return RegionView(settings, day, t, years, entries)


def _absent(body: Body, parent: str, year: int, st: Status) -> Entry:
    return Entry(body.slug, body.name, body.level, parent, year, "", "", None, False, st,
                 report=False)
