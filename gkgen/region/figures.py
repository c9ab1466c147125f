"""Derived figures of bodies and roll-ups, quartiles among bodies of one level, figures out of band.

A site may name, in site.yaml, a band for any derived figure; a figure outside it is marked for
a reader to look at ("请关注"). It describes, it never judges: no finding, no error (spec 7).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from gkgen.findings import Number
from gkgen.region.derived import DERIVED, PERCENT, YOY, YOY_FORMULA, YOY_NAME, shown, value, yoy

Band = tuple[Decimal | None, Decimal | None]  # (low, high), either end open


@dataclass(frozen=True)
class Figure:
    id: str
    name: str
    formula: str
    value: Decimal | None
    percent: bool
    why: str = ""  # why there is no value ("" when there is one)
    flag: str = ""  # why a reader may want to look (outside the site's band), "" otherwise

    @property
    def text(self) -> str:
        return shown(self.value, self.percent)


def band_text(band: Band, percent: bool) -> str:
    """A band in words: 「0%～15%」, 「不低于 5%」, 「不高于 15%」."""
    unit = "%" if percent else "件"
    lo, hi = band
    if lo is not None and hi is not None:
        return f"{lo}{unit}～{hi}{unit}"
    if lo is not None:
        return f"不低于{lo}{unit}"
    return f"不高于{hi}{unit}"


def flag(bands: Mapping[str, Band], fid: str, v: Decimal | None, percent: bool) -> str:
    """The note of a figure outside its band ("" inside it, without a band or without a value)."""
    band = bands.get(fid)
    if band is None or v is None:
        return ""
    lo, hi = band
    if lo is not None and v < lo:
        return f"低于站点设定的关注区间（{band_text(band, percent)}）"
    if hi is not None and v > hi:
        return f"高于站点设定的关注区间（{band_text(band, percent)}）"
    return ""


def figures(cells: Mapping[str, Number | None], before: Mapping[str, Number | None] | None,
            bands: Mapping[str, Band], no_before: str = "") -> list[Figure]:
    """Every derived figure of one set of cells; before: the same body's or group's last year.

    no_before: why there is no comparable last year, when before is None for a known reason.
    """
    out = []
    for d in DERIVED:
        v, why = value(d, dict(cells))
        out.append(Figure(d.id, d.name, d.formula, v, d.percent, why,
                          flag(bands, d.id, v, d.percent)))
    requests = DERIVED[0]
    now = value(requests, dict(cells))[0]
    last = value(requests, dict(before))[0] if before is not None else None
    if before is None:
        change, why = None, no_before or "无上年可比数字"
    elif last is None:
        change, why = None, "上年所需单元格有空白，不计算"
    else:
        change, why = yoy(now, last)
    out.append(Figure(YOY, YOY_NAME, YOY_FORMULA, change, PERCENT[YOY], why,
                      flag(bands, YOY, change, True)))
    return out


@dataclass(frozen=True)
class Quartiles:
    figure: str
    name: str
    level: str
    count: int
    q1: Decimal
    median: Decimal
    q3: Decimal
    percent: bool

    def texts(self) -> tuple[str, str, str]:
        return (shown(self.q1, self.percent), shown(self.median, self.percent),
                shown(self.q3, self.percent))


def quartiles(by_level: Mapping[str, list[list[Figure]]]) -> list[Quartiles]:
    """Quartiles of each figure among the bodies of each level (those with a value, at least 2).

    The inclusive method (Excel's QUARTILE.INC): position (n − 1) × p in the sorted values,
    interpolated linearly.
    """
    out = []
    for level, bodies in by_level.items():
        if not bodies:
            continue
        for i, first in enumerate(bodies[0]):
            values = sorted(v for b in bodies if (v := b[i].value) is not None)
            if len(values) < 2:
                continue
            q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
            out.append(Quartiles(first.id, first.name, level, len(values), q1, q2, q3,
                                 first.percent))
    return out
