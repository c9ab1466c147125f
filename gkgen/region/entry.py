"""One body × year as the region view sees it: the body, the report's dates, its status and cells.

Made from light data only (a light Report and its open-data record, ``SiteData.parts``), so the
pages and roll-ups are the same whether a report was read by this build or taken from the
check cache. A held draft (gkgen build without --drafts) is an entry without cells.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gkgen.findings import Number
from gkgen.model import Report
from gkgen.region.status import Status


@dataclass(frozen=True)
class Entry:
    """A report (or a missing one: report=False) of one body for one year."""

    body: str  # the body's folder (slug)
    name: str
    level: str
    parent: str  # the parent's slug in the tree ("" at the top)
    year: int
    edition: str  # "" when there is no report
    title: str
    published: dt.date | None
    draft: bool
    status: Status
    report: bool = True  # False: no report for a year the site covers
    changes: tuple[tuple[dt.date, str], ...] = ()
    cells: dict[str, Number | None] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return f"{self.body}/{self.year}"


def _number(v: Any) -> Number | None:
    if v is None or isinstance(v, int | Decimal):
        return v
    return Decimal(str(v))


def record_of(json_part: str) -> dict[str, Any]:
    """A report's open-data record (gkgen.render.dataset.json_part), decimals kept exact."""
    record: dict[str, Any] = json.loads(json_part, parse_float=Decimal)
    return record


def cells_of(record: dict[str, Any]) -> dict[str, Number | None]:
    return {k: _number(v) for k, v in record.get("cells", {}).items()}


def changes_of(record: dict[str, Any]) -> tuple[tuple[dt.date, str], ...]:
    return tuple((dt.date.fromisoformat(c["date"]), c["note"]) for c in record.get("changes", ()))


def from_report(report: Report, parent: str, status: Status,
                record: dict[str, Any] | None) -> Entry:
    """The entry of a light report (record: its open-data record; None for a held draft)."""
    return Entry(report.body.slug, report.body.name, report.body.level, parent, report.year,
                 report.edition.key, report.full_title, report.published, report.draft, status,
                 True, changes_of(record) if record else (),
                 cells_of(record) if record else {})
