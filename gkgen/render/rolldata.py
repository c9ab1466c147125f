"""Every figure of the roll-up pages as data: a CSV per roll-up, and the whole set site-wide.

Per roll-up (beside its page, region/<year>/<stem>.*): ``.csv`` every summed cell (blank sums
blank, with the reports blank there and the sum of the others), ``.figures.csv`` the derived
figures of the roll-up and of each member with their formulas and notes, ``.bodies.csv`` the
members' rows of the wide table, ``.quartiles.csv`` (roll-ups of all bodies) the quartiles.
Site-wide: data/rollups.csv, data/figures.csv and data/quartiles.csv. (No workbook of them: it
cost a third of the roll-ups' build time; the CSV files open in Excel as they are.) Text cells
pass through gkgen.render.cellsafe.
"""

from __future__ import annotations

from typing import Any

from gkgen.format import edition as get_edition
from gkgen.model import LEVELS
from gkgen.region.derived import rounded
from gkgen.region.figures import Figure
from gkgen.region.rollup import ALL, Rollup, RollupView
from gkgen.region.view import RegionView
from gkgen.render.cellsafe import csv_text
from gkgen.render.regionpages import breakdown_columns
from gkgen.render.widedata import META_COLUMNS, field_columns, plain, row

SUM_COLUMNS = ("年度", "汇总范围", "汇总代码", "格式版本", "字段编号", "表", "官方标签", "合计",
               "计入报告数", "空白报告数", "其余报告之和", "空白的报告")
FIGURE_COLUMNS = ("年度", "对象", "对象代码", "指标代码", "指标", "数值", "单位", "计算方法", "说明",
                  "请关注")
QUARTILE_COLUMNS = ("年度", "指标代码", "指标", "机关层级", "机关数", "下四分位数", "中位数",
                    "上四分位数", "单位")


def sum_rows(r: Rollup) -> list[list[Any]]:
    cells = get_edition(r.edition).cells
    out = []
    for cid, v in r.sums.items():
        blank = r.blanks.get(cid, [])
        out.append([r.year, r.title, r.stem, r.edition, cid, cells[cid].table, cells[cid].label,
                    plain(v), len(r.members), len(blank),
                    plain(r.partial[cid]) if blank else None, "、".join(blank)])
    return out


def _figure_rows(year: int, who: str, code: str, figs: list[Figure]) -> list[list[Any]]:
    return [[year, who, code, f.id, f.name, rounded(f.value), "%" if f.percent else "件",
             f.formula, f.why, f.flag] for f in figs]


def figure_rows(rv: RollupView, r: Rollup, members: bool = True) -> list[list[Any]]:
    """The roll-up's figures, then (members=True) each member's."""
    out = _figure_rows(r.year, r.title, r.stem, rv.rollup_figures.get(r.key, []))
    if members:
        for m in r.members:
            out += _figure_rows(m.year, m.name, m.body, rv.body_figures.get((m.body, m.year), []))
    return out


def quartile_rows(rv: RollupView, year: int) -> list[list[Any]]:
    return [[year, q.figure, q.name, LEVELS.get(q.level, q.level), q.count, rounded(q.q1),
             rounded(q.median), rounded(q.q3), "%" if q.percent else "件"]
            for q in rv.quartiles.get(year, [])]


def _csv(head: tuple[str, ...] | list[str], rows: list[list[Any]]) -> bytes:
    return csv_text([list(head), *rows]).encode("utf-8-sig")


def breakdown_fields(ed: str) -> list[tuple[str, str, str]]:
    """The wide table's columns (field, header, kind) the breakdown page of an edition shows."""
    shown = {f for _, f, _ in breakdown_columns(ed)}
    return [c for c in field_columns() if c[0] in shown]


def bodies_header(ed: str) -> list[str]:
    return [*META_COLUMNS, *(h for _, h, _ in breakdown_fields(ed))]


def rollup_csvs(rv: RollupView, view: RegionView, r: Rollup,
                regions: dict[str, str]) -> dict[str, bytes]:
    """The CSV files of one roll-up, by suffix (.csv, .figures.csv, .bodies.csv, .quartiles.csv).

    .bodies.csv has the breakdown page's cells (table 3's 总计 column); data/reports-wide.csv
    has every cell of every report.
    """
    cols = breakdown_fields(r.edition)
    files = {".csv": _csv(SUM_COLUMNS, sum_rows(r)),
             ".figures.csv": _csv(FIGURE_COLUMNS, figure_rows(rv, r)),
             ".bodies.csv": _csv(bodies_header(r.edition),
                                 [row(view, m, cols, regions) for m in r.members])}
    if r.group == ALL:
        files[".quartiles.csv"] = _csv(QUARTILE_COLUMNS, quartile_rows(rv, r.year))
    return files


def _all_figure_rows(rv: RollupView) -> list[list[Any]]:
    out = []
    for r in rv.rollups:
        out += figure_rows(rv, r, members=False)
    for r in rv.rollups:
        if r.group == ALL:
            for m in r.members:
                out += _figure_rows(m.year, m.name, m.body, rv.body_figures.get((m.body, m.year), []))
    return out


def _years(rv: RollupView) -> list[int]:
    return sorted({r.year for r in rv.rollups}, reverse=True)


def site_csvs(rv: RollupView) -> dict[str, bytes]:
    """data/rollups.csv, data/figures.csv, data/quartiles.csv."""
    return {"rollups.csv": _csv(SUM_COLUMNS, [x for r in rv.rollups for x in sum_rows(r)]),
            "figures.csv": _csv(FIGURE_COLUMNS, _all_figure_rows(rv)),
            "quartiles.csv": _csv(QUARTILE_COLUMNS,
                                  [x for y in _years(rv) for x in quartile_rows(rv, y)])}
