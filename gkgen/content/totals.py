"""Totals that nobody typed are computed from their parts; typed ones are left for the checks."""

from __future__ import annotations

from gkgen.findings import Number
from gkgen.format import Edition
from gkgen.model import Report, Value


def fill_totals(edition: Edition, numbers: dict[str, Number | None]) -> list[str]:
    """Add every absent total whose parts are all known to numbers; return the ids added."""
    relations = [r for t in edition.tables for r in t.relations if r.defines_total]
    added: list[str] = []
    changed = True
    while changed:
        changed = False
        for rel in relations:
            if rel.lhs[0] in numbers:
                continue
            parts = [numbers.get(c) for c in rel.rhs]
            if any(p is None for p in parts):
                continue
            numbers[rel.lhs[0]] = sum(p for p in parts if p is not None)
            added.append(rel.lhs[0])
            changed = True
    return added


def complete_totals(report: Report) -> None:
    """Fill the report's untyped totals; they are marked as computed."""
    numbers = {k: v.value for k, v in report.values.items()}
    for cell_id in fill_totals(report.edition, numbers):
        report.values[cell_id] = Value(numbers[cell_id], report.anchors[cell_id], typed=False)
