"""The roll-up pages: region/index.html, one page per roll-up, one per-body breakdown per roll-up.

A roll-up page shows the official tables filled with the sums (rendered by the report pages' own
code, so labels, headers and charts are the same), the derived figures with their formulas, the
quartiles among bodies of one level, the bodies left out and why, and the cells left blank
because some report has them blank. Its breakdown page lists every member's cells and figures.
Every figure on these pages is in the CSV files beside them (gkgen.render.rolldata).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from gkgen.findings import Number, Pos, fmt
from gkgen.format import edition as get_edition
from gkgen.model import LEVELS, Body, Report, Value
from gkgen.region.derived import DERIVED, FORMULAS, NAMES, YOY
from gkgen.region.figures import Figure, band_text
from gkgen.region.rollup import ALL, Rollup, RollupView, stem_of
from gkgen.render.chart import Bar, bar_chart, table_charts
from gkgen.render.tables import render_table

Page = tuple[str, dict[str, Any]]
REGION = "region"


def rel(r: Rollup, suffix: str = ".html") -> str:
    """A roll-up's file below the output root: region/2023/all.html, …/all.bodies.html, …/all.csv."""
    return f"{REGION}/{r.key}{suffix}"


def _as_report(r: Rollup) -> Report:
    where = Pos(Path(REGION))
    body = Body(r.group, Path(REGION), r.title)
    values = {cid: Value(v, where, typed=False) for cid, v in r.sums.items()}
    return Report(body, r.year, Path(REGION), get_edition(r.edition), values=values)


def _figures(figs: list[Figure]) -> list[dict[str, str]]:
    return [{"id": f.id, "name": f.name, "formula": f.formula, "text": f.text, "why": f.why,
             "flag": f.flag} for f in figs]


def _tables(r: Rollup) -> list[dict[str, Any]]:
    report = _as_report(r)
    return [{"key": t.key, "title": f"{t.number}　{t.title}",
             "html": Markup(render_table(t, report) + table_charts(t, report))}
            for t in report.edition.tables]


def _blanks(r: Rollup) -> list[dict[str, Any]]:
    cells = get_edition(r.edition).cells
    return [{"label": cells[cid].label, "field": cid, "names": names,
             "partial": fmt(r.partial.get(cid, 0)), "filled": len(r.members) - len(names)}
            for cid, names in r.blanks.items()]


def _bands(rv: RollupView) -> list[tuple[str, str]]:
    return [(NAMES[fid], band_text(b, fid != "requests")) for fid, b in rv.bands.items()]


def _quartiles(rv: RollupView, r: Rollup) -> list[dict[str, Any]]:
    if r.group != ALL:
        return []
    return [{"name": q.name, "level": LEVELS.get(q.level, q.level), "count": q.count,
             "quart": q.texts()} for q in rv.quartiles.get(r.year, [])]


def _rollup_context(rv: RollupView, r: Rollup) -> dict[str, Any]:
    stem = r.stem
    return {"rollup": {
        "title": f"{r.title}{r.year}年度政府信息公开工作情况汇总", "year": r.year,
        "edition_name": get_edition(r.edition).name, "scope": r.title,
        "members": [{"slug": m.body, "name": m.name} for m in r.members],
        "left_out": r.left_out, "blanks": _blanks(r),
        "breakdown": f"{stem}.bodies.html", "csv": f"{stem}.csv",
        "figures_csv": f"{stem}.figures.csv", "bodies_csv": f"{stem}.bodies.csv"},
        "figures": _figures(rv.rollup_figures.get(r.key, [])), "bands": _bands(rv),
        "quartiles": _quartiles(rv, r), "tables": _tables(r)}


def breakdown_columns(ed: str) -> list[tuple[str, str, str]]:
    """(table number, field, short label) of a breakdown: every cell, table 3's 总计 column only."""
    out = []
    for table in get_edition(ed).tables:
        for c in table.cells:
            if table.key == "t3" and not c.id.endswith(".total"):
                continue
            labels = c.row_labels[-1:] if table.key == "t3" else (*c.row_labels[-1:], *c.col_labels)
            out.append((table.number, c.id, "·".join(labels) or c.label))
    return out


def _num(v: Number | None) -> str:
    return "" if v is None else fmt(v)


def _breakdown_context(rv: RollupView, r: Rollup) -> dict[str, Any]:
    cols = breakdown_columns(r.edition)
    tables = []
    for number in dict.fromkeys(t for t, _, _ in cols):
        mine = [(f, lab) for t, f, lab in cols if t == number]
        rows = [{"name": m.name, "slug": m.body, "cells": [_num(m.cells.get(f)) for f, _ in mine]}
                for m in r.members]
        tables.append({"number": number, "columns": [lab for _, lab in mine], "rows": rows,
                       "sums": [_num(r.sums.get(f)) for f, _ in mine]})
    bodies = [{"name": m.name, "figures": _figures(rv.body_figures.get((m.body, m.year), []))}
              for m in r.members]
    bars = [Bar(m.name, v) for m in r.members if (v := m.cells.get("t3.new.total")) is not None]
    chart = bar_chart("chart-requests", f"{r.year}年度各机关本年新收申请数量", "表三“一、本年新收政府信息公开"
                      "申请数量”“总计”列", bars) if bars else ""
    return {"breakdown": {"title": f"{r.title}{r.year}年度各机关数据", "year": r.year,
                          "rollup": f"{r.stem}.html", "csv": f"{r.stem}.bodies.csv",
                          "figures_csv": f"{r.stem}.figures.csv"},
            "tables": tables, "body_figures": bodies,
            "figure_names": [NAMES[d.id] for d in DERIVED] + [NAMES[YOY]],
            "chart": Markup(chart)}


def _year_rows(rv: RollupView) -> list[dict[str, Any]]:
    rows = []
    for r in rv.rollups:
        if r.group != ALL:
            continue
        figs = {f.id: f.text + ("（请关注）" if f.flag else "")
                for f in rv.rollup_figures.get(r.key, [])}
        texts = [figs.get(fid, "—") for fid in NAMES]
        groups = [{"title": g.title, "href": f"{g.key}.html"} for g in rv.rollups
                  if g.year == r.year and g.group != ALL and g.edition == r.edition]
        rows.append({"year": r.year, "edition": get_edition(r.edition).name,
                     "href": f"{r.key}.html", "members": len(r.members),
                     "left_out": len(r.left_out), "texts": texts, "groups": groups})
    return rows


def _requests_chart(rv: RollupView) -> str:
    bars = [Bar(f"{r.year}年度", v) for r in sorted(rv.rollups, key=lambda r: r.year)
            if r.group == ALL and (v := r.sums.get("t3.new.total")) is not None]
    if not bars:
        return ""
    return bar_chart("chart-years", "各年度全部机关本年新收申请数量合计", "下表各年度汇总页表三", bars)


INDEX = f"{REGION}/index.html"


def page_rels(rollups: list[tuple[int, str, str]]) -> dict[str, str]:
    """The roll-up pages of a layout (gkgen.region.rollup.layout), rel -> template."""
    out = {}
    for year, group, edition in rollups:
        key = f"{year}/{stem_of(group, edition)}"
        out[f"{REGION}/{key}.html"] = "rollup.html"
        out[f"{REGION}/{key}.bodies.html"] = "breakdown.html"
    out[INDEX] = "region.html"
    return out


def page(rv: RollupView, path: str, common: dict[str, Any],
         canonical: Callable[[str], str | None]) -> Page:
    """(template, context) of one roll-up page (a path page_rels names)."""
    if path == INDEX:
        return ("region.html", {
            **common, "root": "../", "canonical": canonical(f"{REGION}/"),
            "years": _year_rows(rv), "chart": Markup(_requests_chart(rv)), "bands": _bands(rv),
            "formulas": [(NAMES[fid], FORMULAS[fid]) for fid in NAMES]})
    base = {**common, "root": "../../", "canonical": canonical(path)}
    key = path.removeprefix(f"{REGION}/").removesuffix(".html")
    if key.endswith(".bodies"):
        return "breakdown.html", {**base, **_breakdown_context(rv, rv.rollup(key[:-7]))}
    return "rollup.html", {**base, **_rollup_context(rv, rv.rollup(key))}
