"""Site-wide pages: the index (bodies × years) and one page per body listing its years."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from gkgen.model import Report
from gkgen.render.report import SiteInfo


def _summary(report: Report, pdf: bool | AbstractSet[str]) -> dict[str, Any]:
    has_pdf = pdf if isinstance(pdf, bool) else report.key in pdf
    return {"year": report.year, "title": report.full_title, "published": report.published,
            "has_pdf": has_pdf}


def _bodies(reports: list[Report], pdf: bool | AbstractSet[str]) -> list[dict[str, Any]]:
    bodies: dict[str, dict[str, Any]] = {}
    for r in reports:
        b = bodies.setdefault(r.body.slug, {"slug": r.body.slug, "name": r.body.name,
                                            "reports": {}})
        b["reports"][r.year] = _summary(r, pdf)
    return [bodies[k] for k in sorted(bodies)]


def page_contexts(site: SiteInfo, reports: list[Report],
                  pdf: bool | AbstractSet[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """(template, context) of index.html and of <body>/index.html for every body with a report.

    pdf: whether reports have a PDF, or the keys of those that do (--no-pdf keeps some).
    """
    common = {"site": {"title": site.title, "language": site.language}, "print": False}
    bodies = _bodies(reports, pdf)
    years = sorted({r.year for r in reports}, reverse=True)
    pages = {"index.html": ("index.html", {
        **common, "root": "", "canonical": site.canonical(""), "bodies": bodies,
        "years": years})}
    for body in bodies:
        newest_first = [body["reports"][y] for y in sorted(body["reports"], reverse=True)]
        pages[f"{body['slug']}/index.html"] = ("body.html", {
            **common, "root": "../", "canonical": site.canonical(body["slug"] + "/"),
            "body": body, "reports": newest_first})
    return pages
