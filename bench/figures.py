"""Consistent table figures for one body over consecutive years.

Every relation of the format holds (R1–R4 by construction, R5 because every cell is a
well-typed number), and so do the year-to-year ones: this year's 上年结转 equals last year's
结转下年度继续办理 (Y1) and 现行有效件数 carries over (Y2). Totals are never computed here:
gkgen.content.totals.fill_totals adds them, from the format's own relations.
"""

from __future__ import annotations

import random
from decimal import Decimal

from gkgen.content.totals import fill_totals
from gkgen.findings import Number
from gkgen.format import Edition

APPLICANTS = ("natural", "business", "research", "charity", "legal", "other")
# Share of requests by applicant column (natural persons file most of them).
APPLICANT_WEIGHTS = (0.74, 0.1, 0.02, 0.02, 0.07, 0.05)
# How handled requests end, by the key of the outcome row (first matching prefix wins).
OUTCOME_WEIGHTS = (
    ("granted", 44.0), ("partial", 12.0), ("unable.not_held", 16.0), ("unable", 3.0),
    ("denied.third_party", 2.0), ("denied.process", 2.0), ("denied", 0.6),
    ("rejected.petition", 3.0), ("rejected.repeated", 2.0), ("rejected", 0.8),
    ("other.no_correction", 3.0), ("other", 1.0),
)


def _weight(outcome: str) -> float:
    for prefix, w in OUTCOME_WEIGHTS:
        if outcome.startswith(prefix):
            return w
    return 1.0


class BodyFigures:
    """Draws one year after another for a body; remembers what the next year carries over."""

    def __init__(self, rng: random.Random, scale: int) -> None:
        self.rng = rng
        self.scale = scale  # typical yearly number of new requests
        self.forward: dict[str, int] = {}  # t3.forward.<applicant> of the previous year
        self.in_force: dict[str, int] = {}  # t2.<row>.in_force of the previous 2021-edition year

    def year(self, edition: Edition) -> dict[str, Number | None]:
        """Every cell of the next year's tables, totals included."""
        values: dict[str, Number | None] = {}
        self._table2(edition, values)
        self._table3(edition, values)
        self._table4(values)
        fill_totals(edition, values)
        missing = [c.id for c in edition.cells.values() if c.id not in values]
        if missing:
            raise AssertionError(f"figures left cells empty: {missing[:5]}")
        return values

    def _count(self, mean: float) -> int:
        return max(0, round(self.rng.gauss(mean, mean * 0.35))) if mean > 0 else 0

    def _table2(self, edition: Edition, v: dict[str, Number | None]) -> None:
        if edition.key == "2021":
            for row, issued_mean in (("rules", 0.6), ("normative", 6.0)):
                before = self.in_force.get(row, self._count(issued_mean * 8))
                issued = self._count(issued_mean)
                repealed = self.rng.randint(0, min(before + issued, max(1, int(issued_mean * 0.8))))
                v[f"t2.{row}.issued"], v[f"t2.{row}.repealed"] = issued, repealed
                v[f"t2.{row}.in_force"] = self.in_force[row] = before + issued - repealed
            for row, mean in (("licensing", 40.0), ("penalty", 25.0), ("coercion", 3.0)):
                v[f"t2.{row}.decisions"] = self._count(mean * self.scale / 20)
            v["t2.fees.amount"] = self._amount()
            return
        self.in_force.clear()  # Y2 applies between 2021-edition years only
        for row, mean in (("rules", 0.5), ("normative", 5.0)):
            made = self._count(mean)
            v[f"t2.{row}.made"], v[f"t2.{row}.published"] = made, made
            v[f"t2.{row}.public_total"] = made + self._count(mean * 6)
        for row, mean in (("licensing", 30.0), ("services", 12.0), ("penalty", 20.0),
                          ("coercion", 3.0)):
            v[f"t2.{row}.previous"] = self._count(mean / 2 + 2)
            v[f"t2.{row}.change"] = self.rng.randint(-2, 3)
            v[f"t2.{row}.decisions"] = self._count(mean * self.scale / 20)
        v["t2.fees.previous"], v["t2.fees.change"] = self._count(3), self.rng.randint(-1, 1)
        v["t2.procurement.projects"] = self._count(4)
        v["t2.procurement.amount"] = self._amount()

    def _amount(self) -> Decimal:
        if self.rng.random() < 0.6:
            return Decimal(0)
        return Decimal(self.rng.randint(1, 90000)) / 100

    def _table3(self, edition: Edition, v: dict[str, Number | None]) -> None:
        outcomes = [c.id for c in edition.cells.values()
                    if c.id.startswith("t3.result.") and not c.total
                    and c.id.endswith(".natural")]
        keys = [o.removeprefix("t3.result.").removesuffix(".natural") for o in outcomes]
        weights = [_weight(k) for k in keys]
        for col, share in zip(APPLICANTS, APPLICANT_WEIGHTS, strict=True):
            new = self._count(self.scale * share)
            carried = self.forward.get(col, self.rng.randint(0, 1) if share > 0.5 else 0)
            open_now = new + carried
            forward = self.rng.randint(0, max(0, min(open_now, round(open_now * 0.08) + 1)))
            handled = open_now - forward
            counts = dict.fromkeys(keys, 0)
            for k in self.rng.choices(keys, weights, k=handled):
                counts[k] += 1
            for k, n in counts.items():
                v[f"t3.result.{k}.{col}"] = n
            v[f"t3.new.{col}"], v[f"t3.carried.{col}"] = new, carried
            v[f"t3.forward.{col}"] = self.forward[col] = forward

    def _table4(self, v: dict[str, Number | None]) -> None:
        for group, mean in (("review", 1.2), ("suit.direct", 0.6), ("suit.after", 0.3)):
            for outcome, share in (("upheld", 0.6), ("corrected", 0.15), ("other", 0.1),
                                   ("pending", 0.15)):
                v[f"t4.{group}.{outcome}"] = self._count(mean * share * self.scale / 25)
