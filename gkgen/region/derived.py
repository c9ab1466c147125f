"""Derived figures a reader of a region looks for, each defined once with its formula (spec 7).

Every figure is computed from official cells only, and its formula names those cells with their
official labels, so a reader can redo the sum. A figure that cannot be computed (a cell it reads
is blank, or its denominator is 0) has no value and says why; it is never shown as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gkgen.findings import Number

BLANK = "所需单元格有空白，不计算"
ZERO = "分母为0，不计算"


@dataclass(frozen=True)
class Derived:
    """value = (Σ plus − Σ minus) ÷ (Σ den_plus − Σ den_minus) × 100 %; a count when den is empty."""

    id: str
    name: str
    formula: str
    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()
    den_plus: tuple[str, ...] = ()
    den_minus: tuple[str, ...] = ()

    @property
    def percent(self) -> bool:
        return bool(self.den_plus)

    @property
    def unit(self) -> str:
        return "%" if self.percent else "件"

    @property
    def cells(self) -> tuple[str, ...]:
        return self.plus + self.minus + self.den_plus + self.den_minus


def _corrected(group: str, name: str, label: str) -> Derived:
    return Derived(
        f"{group.replace('.', '_')}_corrected", name,
        f"{label}「结果纠正」÷（{label}「总计」−{label}「尚未审结」）×100%",
        (f"t4.{group}.corrected",), (), (f"t4.{group}.total",), (f"t4.{group}.pending",))


DERIVED: tuple[Derived, ...] = (
    Derived("requests", "本年新收申请数量",
            "表三「一、本年新收政府信息公开申请数量」×「总计」", ("t3.new.total",)),
    Derived("granted_share", "予以公开和部分公开占已办结的比例",
            "（表三「（一）予以公开」+「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」）"
            "÷「（七）总计」×100%（均取「总计」列）",
            ("t3.result.granted.total", "t3.result.partial.total"), (),
            ("t3.result.total.total",)),
    Derived("not_held_share", "“本机关不掌握相关政府信息”占已办结的比例",
            "表三「（四）无法提供 1.本机关不掌握相关政府信息」÷「（七）总计」×100%（均取「总计」列）",
            ("t3.result.unable.not_held.total",), (), ("t3.result.total.total",)),
    _corrected("review", "行政复议纠错率", "表四「行政复议」"),
    _corrected("suit.direct", "行政诉讼（未经复议直接起诉）纠错率", "表四「行政诉讼 未经复议直接起诉」"),
    _corrected("suit.after", "行政诉讼（复议后起诉）纠错率", "表四「行政诉讼 复议后起诉」"),
)
BY_ID = {d.id: d for d in DERIVED}
YOY = "requests_yoy"  # year on year change of "requests": computed from two years' values
YOY_NAME = "本年新收申请数量同比变化"
YOY_FORMULA = ("（本年表三「一、本年新收政府信息公开申请数量」×「总计」−上年同一单元格）"
               "÷上年同一单元格×100%")
FIGURE_IDS = (*BY_ID, YOY)
NAMES = {**{d.id: d.name for d in DERIVED}, YOY: YOY_NAME}
FORMULAS = {**{d.id: d.formula for d in DERIVED}, YOY: YOY_FORMULA}
PERCENT = {**{d.id: d.percent for d in DERIVED}, YOY: True}


def _sum(cells: dict[str, Number | None], ids: tuple[str, ...]) -> Decimal | None:
    total = Decimal(0)
    for cid in ids:
        v = cells.get(cid)
        if v is None:
            return None
        total += Decimal(v)
    return total


def value(d: Derived, cells: dict[str, Number | None]) -> tuple[Decimal | None, str]:
    """The figure from cells (a percentage for shares) and, when it has none, why."""
    num, minus = _sum(cells, d.plus), _sum(cells, d.minus)
    if num is None or minus is None:
        return None, BLANK
    if not d.percent:
        return num - minus, ""
    den, den_minus = _sum(cells, d.den_plus), _sum(cells, d.den_minus)
    if den is None or den_minus is None:
        return None, BLANK
    if den - den_minus == 0:
        return None, ZERO
    return (num - minus) * 100 / (den - den_minus), ""


def yoy(now: Decimal | None, before: Decimal | None) -> tuple[Decimal | None, str]:
    """Change from before to now in percent of before, or why there is none."""
    if before is None:
        return None, "无上年可比数字"
    if now is None:
        return None, BLANK
    if before == 0:
        return None, "上年为0，不计算"
    return (now - before) * 100 / before, ""


def shown(v: Decimal | None, percent: bool) -> str:
    """A figure as a page shows it: shares to one decimal with %, counts whole."""
    if v is None:
        return "—"
    if percent:
        return f"{v.quantize(Decimal('0.1'))}%"
    return f"{v.quantize(Decimal('1'))}件" if v == v.to_integral_value() else f"{v}件"


def rounded(v: Decimal | None) -> int | float | None:
    """A figure for open data: four decimals, as a JSON/CSV number."""
    if v is None:
        return None
    q = v.quantize(Decimal("0.0001"))
    return int(q) if q == q.to_integral_value() else float(q)
