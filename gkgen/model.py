"""The content model of a site: bodies, their yearly reports, values with source positions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkgen.findings import Finding, Number, Pos
from gkgen.format import Edition

LEVELS: dict[str, str] = {
    "department": "县级以上人民政府部门",
    "government": "县级以上人民政府",
    "township": "乡镇人民政府、街道办事处",
}


@dataclass
class Value:
    """A cell's value: typed by someone (with its position) or computed from its parts."""

    value: Number | None
    pos: Pos
    typed: bool = True


@dataclass
class Narrative:
    part: int
    path: Path
    source: str | None  # None when the file is missing or unreadable


@dataclass(frozen=True)
class Change:
    """One entry of a published report's change log (report.yaml changes:)."""

    date: dt.date
    note: str


@dataclass(eq=False)  # a loaded report is an entity: identity, not field equality
class Report:
    body: Body
    year: int
    dir: Path
    edition: Edition
    published: dt.date | None = None
    title: str | None = None
    draft: bool = False  # not to be published: no `published` date, or `draft: true`
    contact: dict[str, str] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    anchors: dict[str, Pos] = field(default_factory=dict)  # where each cell is or belongs
    narratives: dict[int, Narrative] = field(default_factory=dict)
    table_files: dict[str, Path] = field(default_factory=dict)
    missing_tables: set[str] = field(default_factory=set)
    meta_pos: dict[str, Pos] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)  # report.yaml changes: (after publication)

    @property
    def full_title(self) -> str:
        return self.title or f"{self.body.name}{self.year}年政府信息公开工作年度报告"

    @property
    def key(self) -> str:
        return f"{self.body.slug}/{self.year}"

    def number(self, cell_id: str) -> Number | None:
        v = self.values.get(cell_id)
        return v.value if v else None


@dataclass
class Body:
    slug: str
    dir: Path
    name: str
    level: str = "department"
    region: str = ""
    parent: str = ""
    deadline: str | None = None  # "MM-DD" of year+1 when set locally
    reports: dict[int, Report] = field(default_factory=dict)
    meta_pos: dict[str, Pos] = field(default_factory=dict)
    order: int | None = None  # place among its siblings in the site's index (body.yaml order:)
    summary_of: tuple[str, ...] = ()  # folders of the bodies its report sums (body.yaml)


@dataclass
class Site:
    root: Path
    title: str = "政府信息公开工作年度报告"
    base_url: str = "/"
    language: str = "zh-CN"
    severity: dict[str, str] = field(default_factory=dict)  # check id -> error|warning|off
    township_deadline: str = "02-28"
    bodies: dict[str, Body] = field(default_factory=dict)
    region: dict[str, Any] = field(default_factory=dict)  # site.yaml's region settings (gkgen.region)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def reports(self) -> list[Report]:
        return [r for b in self.bodies.values() for _, r in sorted(b.reports.items())]

    def previous(self, report: Report) -> Report | None:
        return report.body.reports.get(report.year - 1)


@dataclass
class Loaded:
    """A site as loaded, with everything the loader had to say about it."""

    site: Site
    findings: list[Finding]
