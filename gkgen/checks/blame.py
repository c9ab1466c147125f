"""Which cell is most likely wrong when several relations fail: the one whose correction
satisfies every failing relation and keeps every other one (R1–R4 of one table).

One wrong total in 一、本年新收 fails R2 (its row) and R1 (its column); the R1 message alone
blames the results side. Naming the one cell that explains both, in both findings, says where
to look.
"""

from __future__ import annotations

from dataclasses import replace

from gkgen.content.totals import fill_totals
from gkgen.findings import Finding, Number, fmt
from gkgen.format import Relation, Table
from gkgen.model import Report

MAX_FAILING = 12  # beyond this many broken relations, one slip explains nothing


def _holds(numbers: dict[str, Number | None], typed: set[str], rel: Relation) -> bool:
    if rel.defines_total and rel.lhs[0] not in typed:
        return True  # a computed total is never checked
    left = [numbers.get(c) for c in rel.lhs]
    right = [numbers.get(c) for c in rel.rhs]
    if any(v is None for v in left + right):
        return True
    return sum(v for v in left if v is not None) == sum(v for v in right if v is not None)


def _numbers(report: Report, typed: set[str], change: tuple[str, Number] | None) -> dict[str, Number | None]:
    numbers: dict[str, Number | None] = {k: report.values[k].value for k in typed}
    if change:
        numbers[change[0]] = change[1]
    fill_totals(report.edition, numbers)
    return numbers


def culprit(report: Report, table: Table, failing: list[Relation]) -> tuple[str, Number] | None:
    """(cell, value it should have) when exactly one typed cell explains every failing relation."""
    if not failing or len(failing) > MAX_FAILING:
        return None
    typed = {k for k, v in report.values.items() if v.typed and v.value is not None}
    now = _numbers(report, typed, None)
    shared = set.intersection(*(set(r.lhs + r.rhs) for r in failing)) & typed
    found = []
    for cell in sorted(shared):
        rel = failing[0]
        left = sum(now[c] or 0 for c in rel.lhs)
        right = sum(now[c] or 0 for c in rel.rhs)
        value = now[cell] or 0
        fixed = value + (right - left) if cell in rel.lhs else value + (left - right)
        if fixed < 0:
            continue
        after = _numbers(report, typed, (cell, fixed))
        if all(_holds(after, typed, r) for r in table.relations):
            found.append((cell, fixed))
    return found[0] if len(found) == 1 else None


def explain(report: Report, table: Table, failing: list[Relation],
            findings: list[Finding]) -> list[Finding]:
    """The findings, each naming the one cell that explains them all, when there is one."""
    got = culprit(report, table, failing)
    if got is None:
        return findings
    cell, value = got
    label = table.cell(cell).label
    ids = "、".join(sorted({f.id for f in findings}))
    note = (f"最可能填错的是{label}（现为 {fmt(report.values[cell].value)}）：改为 {fmt(value)} 即可同时满足"
            f"{'这 ' + str(len(findings)) + ' 处勾稽关系（' + ids + '）' if len(findings) > 1 else '这一勾稽关系'}。")
    return [replace(f, message=f"{f.message}{note}", hint=f"先核对{label}。" + (f.hint or ""))
            for f in findings]
