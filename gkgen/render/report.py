"""One report's output files, as a pure function of its inputs (so it can run in a worker).

``render_report(job)`` returns every file of ``<body>/<year>/`` (page, PDF, data, images)
as bytes keyed by relative path; nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from gkgen.content.quote import render_part
from gkgen.findings import Finding
from gkgen.model import Report
from gkgen.region.settings import RegionSettings
from gkgen.render import dataset, search
from gkgen.render.chart import table_charts
from gkgen.render.chrome import article_meta, site_context
from gkgen.render.markdown import render_markdown
from gkgen.render.office import office_files
from gkgen.render.pages import render_page
from gkgen.render.pdfout import pdf_key, render_pdf
from gkgen.render.tables import render_table

_TITLE_REST = re.compile(r"^(\d{4}年度?)(\S+)$")


@dataclass(frozen=True)
class SiteInfo:
    """What a page needs to know about its site (small and picklable)."""

    root: Path
    title: str
    base_url: str
    language: str
    templates: tuple[Path, ...]
    region: RegionSettings = field(default_factory=RegionSettings)  # site.yaml's region settings

    @property
    def content(self) -> Path:
        return self.root / "content"

    def canonical(self, rel: str) -> str | None:
        """The page's canonical URL under base_url; None unless base_url is an absolute http(s) URL.

        A canonical link must be absolute: a path such as the default "/" would name the
        wrong page whenever the site is served under a sub-path.
        """
        url = urlsplit(self.base_url.strip())
        if url.scheme.lower() not in ("http", "https") or not url.netloc:
            return None
        return self.base_url.strip().rstrip("/") + "/" + rel


@dataclass
class ReportJob:
    site: SiteInfo
    report: Report
    pdf: bool = True
    pdf_salt: str = ""  # digest of what a PDF depends on besides its HTML (pdfout.pdf_salt)
    reuse_pdf: str | None = None  # key of the PDF the last build made: equal key, no new render
    pdf_links: bool | None = None  # link to report.pdf; None: when the PDF is built
    keep_pdf: bool = False  # --no-pdf: keep (and link) the last PDF when it is still current
    office: bool = True  # report.docx and tables.xlsx (gkgen.render.office)


@dataclass
class RenderedReport:
    key: str
    files: dict[str, bytes]
    findings: list[Finding] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)  # site files the pages use
    pdf_key: str | None = None  # report.pdf is missing from files when it equals job.reuse_pdf
    search: str = ""  # the page's text as the site search looks it up (gkgen.render.search)
    stored: dict[str, list[int]] = field(default_factory=dict)  # files a local worker wrote
    # into the build's staging tree already: [size, mtime_ns] (they are no longer in files)


def report_folder(report: Report) -> str:
    """The report's folder in the output: <body>/<year>."""
    return f"{report.body.slug}/{report.year}"


def _parts(job: ReportJob, for_print: bool, images: list[Path],
           findings: list[Finding]) -> list[dict[str, Any]]:
    report = job.report
    parts = []
    for part in report.edition.parts:
        if part.table:
            table = report.edition.table(part.table)
            html = render_table(table, report)
            if not for_print:  # the PDF keeps to the official layout: tables only
                html += table_charts(table, report)
        else:
            narrative = report.narratives.get(part.number)
            text = render_part(report, narrative, []) if narrative else ""
            path = narrative.path if narrative else report.dir / part.filename
            md = render_markdown(text, path, job.site.content, for_print=for_print)
            images.extend(md.images)
            findings.extend(md.findings)
            html = md.html  # an empty part stays empty: never text the author did not write
        parts.append({"number": part.number, "heading": part.heading,
                      "anchor": f"part-{part.number}", "html": Markup(html)})
    return parts


def report_context(job: ReportJob, for_print: bool, images: list[Path],
                   findings: list[Finding]) -> dict[str, Any]:
    """The template context of report.html."""
    report, site = job.report, job.site
    canonical = site.canonical(report_folder(report) + "/")
    return {
        "site": site_context(site.title, site.language, site.region),
        "meta": article_meta(site.title, site.region, article=report.full_title,
                             body=report.body.name, year=report.year, published=report.published,
                             edition=report.edition.name, url=canonical),
        "root": "../../",
        "print": for_print,
        "canonical": canonical,
        "report": {
            "title": report.full_title,
            "title_parts": _title_parts(report),
            "body_name": report.body.name,
            "body_slug": report.body.slug,
            "year": report.year,
            "published": report.published,
            "edition_name": report.edition.name,
            "contact": list(report.contact.items()),
            "has_pdf": job.pdf if job.pdf_links is None else job.pdf_links,
            "draft": report.draft,
            "changes": [(c.date, c.note) for c in report.changes],
        },
        "parts": _parts(job, for_print, images, findings),
    }


def _title_parts(report: Report) -> list[str] | None:
    """The title as [body name, "2022年", "政府信息公开工作年度报告"], or None when it is not.

    A long title may break between these parts only (never leaving 报告 alone on a line).
    """
    title, name = report.full_title, report.body.name
    m = _TITLE_REST.match(title[len(name):]) if name and title.startswith(name) else None
    return [name, m.group(1), m.group(2)] if m else None


def report_html(job: ReportJob, for_print: bool = False) -> tuple[str, list[Path], list[Finding]]:
    """The report page (web or print variant), the images it uses and findings about it."""
    images: list[Path] = []
    findings: list[Finding] = []
    context = report_context(job, for_print, images, findings)
    return render_page(job.site.templates, "report.html", context), images, findings


def render_report(job: ReportJob) -> RenderedReport:
    """Every output file of one report: index.html, data.json, report.pdf, .docx, .xlsx, images."""
    report = job.report
    folder = report_folder(report)
    images: list[Path] = []
    findings: list[Finding] = []
    context = report_context(job, False, images, findings)  # Word and Excel are made from it too
    html = render_page(job.site.templates, "report.html", context)
    files = {f"{folder}/index.html": html.encode("utf-8"),
             f"{folder}/data.json": dataset.report_json(report)}
    if job.office:
        files.update(office_files(report, context, folder))
    content = job.site.content.resolve()
    for image in images:
        files[image.relative_to(content).as_posix()] = image.read_bytes()
    key = None
    if job.pdf or job.keep_pdf:
        print_html, print_images, _ = report_html(job, for_print=True)
        key = pdf_key(job.pdf_salt, print_html, report, job.site.content, print_images)
        if job.keep_pdf and key != job.reuse_pdf:  # out of date: neither kept nor linked
            return render_report(replace(job, keep_pdf=False, pdf_links=False))
        if job.keep_pdf:
            return RenderedReport(report.key, files, findings, sorted(set(images + print_images)),
                                  key, search.doc_text(report.full_title, report.body.name, html))
        images.extend(print_images)
        if key != job.reuse_pdf:
            files[f"{folder}/report.pdf"] = render_pdf(print_html, report, job.site.content)
    return RenderedReport(report.key, files, findings, sorted(set(images)), key,
                          search.doc_text(report.full_title, report.body.name, html))
