"""Publication status and deadlines of every body for every year the site covers (spec 1, S1).

The deadline rule is the one N5 checks (spec section 1): a department publishes its report for
year Y by 31 January of Y+1, a government by 31 March, a township by the site's
``township_deadline`` (default the end of February); a body's ``deadline`` overrides it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TIME, LATE, NOT_DUE, MISSING, DRAFT = "on_time", "late", "not_due", "missing", "draft"
KINDS = (ON_TIME, LATE, NOT_DUE, MISSING, DRAFT)
LABELS = {ON_TIME: "按时发布", LATE: "逾期发布", NOT_DUE: "未到期限", MISSING: "缺报", DRAFT: "草稿"}
LEGAL = {"department": "01-31", "government": "03-31"}


def due(level: str, local: str | None, township: str, year: int) -> dt.date:
    """The last day a body of this level may publish its report for year (spec section 1)."""
    mmdd = local or LEGAL.get(level, township)
    month, day = int(mmdd[:2]), int(mmdd[3:])
    if (month, day) in ((2, 28), (2, 29)):  # "the end of February", leap year or not
        return dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
    return dt.date(year + 1, month, day)


def zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Status:
    """Where one body's report for one year stands on a given day."""

    kind: str  # ON_TIME | LATE | NOT_DUE | MISSING | DRAFT
    deadline: dt.date
    published: dt.date | None = None
    days: int = 0  # late: days after the deadline; missing or a draft past it: days past it

    @property
    def overdue(self) -> bool:
        """Past the deadline without a publication (S1): missing, or a draft after the deadline."""
        return self.kind == MISSING or (self.kind == DRAFT and self.days > 0)

    @property
    def problem(self) -> bool:
        """Late or overdue: what `gkgen status --strict` fails on."""
        return self.kind == LATE or self.overdue

    @property
    def short(self) -> str:
        """The status in a few characters (the index's cells)."""
        if self.kind == LATE:
            return f"逾期{self.days}天"
        return LABELS[self.kind]

    @property
    def text(self) -> str:
        """The status in words: pages show it as text, never by colour alone."""
        limit = f"期限{zh_date(self.deadline)}"
        if self.kind == ON_TIME:
            assert self.published is not None
            return f"按时发布（{zh_date(self.published)}发布，{limit}）"
        if self.kind == LATE:
            assert self.published is not None
            return f"逾期{self.days}天发布（{zh_date(self.published)}发布，{limit}）"
        if self.kind == NOT_DUE:
            return f"尚未发布，未到期限（{limit}）"
        if self.kind == MISSING:
            return f"缺报：已过期限{self.days}天仍未发布（{limit}）"
        if self.days > 0:
            return f"草稿，尚未发布，已过期限{self.days}天（{limit}）"
        return f"草稿，尚未发布（{limit}）"


def status(deadline: dt.date, today: dt.date, exists: bool, published: dt.date | None,
           draft: bool) -> Status:
    """The status on today of a report (exists) or of its absence.

    A report dated after today is not published yet: it counts as absent until that day.
    """
    past = (today - deadline).days
    if exists and draft:
        return Status(DRAFT, deadline, None, max(past, 0))
    if exists and published is not None and published <= today:
        late = (published - deadline).days
        if late > 0:
            return Status(LATE, deadline, published, late)
        return Status(ON_TIME, deadline, published)
    if past > 0:
        return Status(MISSING, deadline, None, past)
    return Status(NOT_DUE, deadline)


def covered_years(declared: tuple[int, ...], present: set[int]) -> list[int]:
    """The years a site covers, oldest first: the declared ones, else the span of those present."""
    if declared:
        return sorted(declared)
    return list(range(min(present), max(present) + 1)) if present else []
