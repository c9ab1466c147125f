"""Site-wide pages: the index (the 年报专栏: bodies in order, every year's status) and one page per body.

The status of a body × year depends on the day (a deadline passes), so both pages show the
day they were made for (``as_of``); it is part of their data, hence of their page key
(gkgen.build.plan.page_key): they are rebuilt when the day changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from gkgen.model import Body, Report
from gkgen.region.entry import Entry, RecordSource
from gkgen.region.rollup import enabled
from gkgen.region.status import KINDS, LABELS
from gkgen.region.view import RegionView, region_view
from gkgen.render.chrome import column_meta, site_context
from gkgen.render.report import SiteInfo

Page = tuple[str, dict[str, Any]]


def view_of(site: SiteInfo, reports: Sequence[Report], bodies: Sequence[Body] = (),
            held: Sequence[Report] = (), records: Sequence[RecordSource] | None = None,
            today: dt.date | None = None) -> RegionView:
    """The region view of the site's light reports (and of the drafts a build held back).

    records: the reports' open-data records, aligned with reports (None: no cells needed).
    """
    own = list(records) if records is not None else [None] * len(reports)
    return region_view(bodies, [*reports, *held], [*own, *([None] * len(held))], site.region,
                       today)


def _cell(e: Entry, linked: set[str], pdf: bool | AbstractSet[str]) -> dict[str, Any]:
    link = e.key in linked
    has_pdf = link and (pdf if isinstance(pdf, bool) else e.key in pdf)
    return {"year": e.year, "kind": e.status.kind, "short": e.status.short, "text": e.status.text,
            "problem": e.status.problem, "linked": link, "has_pdf": has_pdf,
            "title": e.title if link else f"{e.year}年度报告", "published": e.published,
            "deadline": e.status.deadline, "changed": bool(e.changes)}


def _bodies(view: RegionView, years: list[int], linked: set[str],
            pdf: bool | AbstractSet[str]) -> list[dict[str, Any]]:
    out = []
    for node in view.tree.ordered():
        parent = view.tree.parent_of(node.slug)
        cells = {y: _cell(view.entries[(node.slug, y)], linked, pdf)
                 for y in view.years_of(node.slug)}
        out.append({
            "slug": node.slug, "name": node.name, "depth": node.depth, "level": node.level,
            "level_name": node.level_name,
            "parent": {"slug": parent.slug, "name": parent.name} if parent else None,
            "summary_of": [view.tree.nodes[s].name if s in view.tree.nodes else s
                           for s in node.summary_of],
            "cells": [cells.get(y) for y in years],  # None: the year is not the body's
            "reports": [cells[y] for y in view.years_of(node.slug)]})
    return out


def _counts(view: RegionView) -> list[dict[str, Any]]:
    """Per covered year, newest first: how many bodies are in each status."""
    out = []
    for year in sorted(view.years, reverse=True):
        entries = view.ordered(year)
        counts = [(LABELS[k], sum(e.status.kind == k for e in entries)) for k in KINDS]
        out.append({"year": year, "counts": [(k, n) for k, n in counts if n]})
    return out


def page_contexts(site: SiteInfo, reports: list[Report], pdf: bool | AbstractSet[str], *,
                  view: RegionView | None = None) -> dict[str, Page]:
    """(template, context) of index.html and of <body>/index.html for every body.

    pdf: whether reports have a PDF, or the keys of those that do (--no-pdf keeps some).
    view: the region view (gkgen.render.site.view_of); by default that of reports alone.
    """
    view = view or view_of(site, reports)
    chrome = site_context(site.title, site.language, site.region)
    common = {"site": chrome, "print": False, "as_of": view.today}
    linked = {r.key for r in reports}
    years = sorted({y for (_, y) in view.entries}, reverse=True)
    bodies = _bodies(view, years, linked, pdf)
    pages: dict[str, Page] = {"index.html": ("index.html", {
        **common, "root": "", "canonical": site.canonical(""), "bodies": bodies, "years": years,
        "counts": _counts(view), "rollups": enabled(site.region),  # links region/index.html
        "meta": column_meta(site.title, site.region, "各机关政府信息公开工作年度报告及发布情况")})}
    for body in bodies:
        pages[f"{body['slug']}/index.html"] = ("body.html", {
            **common, "root": "../", "canonical": site.canonical(body["slug"] + "/"),
            "body": body, "reports": body["reports"],
            "meta": column_meta(site.title, site.region,
                                f"{body['name']}政府信息公开工作年度报告")})
    return pages
