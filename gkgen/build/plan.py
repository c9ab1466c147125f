"""What a build is made from: input digests, and the keys that decide what must be rebuilt.

A report's key covers its own folder's files, the previous year's folder (the checks read
it), its body's and the site's settings files, the images it used (recorded by the last
render), the templates report.html loads, gkgen's own code, and whether PDFs are built.
A site page's key covers its template files and the exact data it shows. A report's check key
(the load-and-check cache, gkgen.build.records) covers less: what reading and checking it reads.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from gkgen.build.cache import FileDigests, Manifest, ReportEntry, code_digest, digest, template_deps
from gkgen.model import Report
from gkgen.render.pages import environment
from gkgen.render.pdfout import pdf_salt

YEAR_DIR = re.compile(r"^(19|20)\d\d$")
SITE_GROUP = ""  # files directly in content/ (site.yaml)


@dataclass
class Inputs:
    """Digests of every input file of a build, grouped by the report or body they belong to."""

    files: FileDigests
    content: Path
    code: str
    salt: str
    pdf: bool
    templates: list[str]
    env: jinja2.Environment
    groups: dict[str, list[str]] = field(default_factory=dict)
    data_key: str = ""
    fingerprint: str = ""
    links: bool = True  # pages link to report.pdf (the preview links to PDFs it renders on request)
    office: bool = True  # report.docx and tables.xlsx (gkgen.render.office)
    _templates: dict[str, str] = field(default_factory=dict)
    _groups: dict[str, str] = field(default_factory=dict)

    def group(self, name: str) -> str:
        """The digest of one group's files (made once per build: keys are digests of these)."""
        found = self._groups.get(name)
        if found is None:
            found = self._groups[name] = digest(name, *self.groups.get(name, []))
        return found

    def template_digest(self, name: str) -> str:
        """The digest of the files the named template loads (all templates when unknowable)."""
        if name not in self._templates:
            deps = template_deps(self.env, name)
            entries = self.templates if deps is None else [
                f"{p}\0{self.files.of(Path(p))}" for p in deps]
            self._templates[name] = digest(name, *entries)
        return self._templates[name]


def _group(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 1:
        return SITE_GROUP
    if len(parts) >= 3 and YEAR_DIR.match(parts[1]):
        return f"{parts[0]}/{parts[1]}"
    return parts[0]


def scan(root: Path, template_dirs: tuple[Path, ...], pdf: bool,
         old: Manifest | None, links: bool | None = None, office: bool = True) -> Inputs:
    """Digest every input file (reusing the old manifest's digests of unchanged files)."""
    files = old.digests() if old else FileDigests()
    content = (root / "content").resolve()
    templates = [f"{p}\0{d}" for t in template_dirs for p, d in files.tree(t)]
    # --no-pdf keeps the PDFs still current: their keys need the salt too
    keeps = old is not None and any(e.pdf_key for e in old.reports.values())
    inputs = Inputs(files, content, code_digest(files), pdf_salt() if pdf or keeps else "", pdf,
                    templates, environment(template_dirs))
    inputs.links = pdf if links is None else links
    inputs.office = office
    data: list[str] = []
    everything: list[str] = []
    prefix = len(str(content)) + 1
    for path, sha in files.tree(content):
        rel = path[prefix:].replace("\\", "/")
        entry = f"{rel}\0{sha}"
        inputs.groups.setdefault(_group(rel), []).append(entry)
        everything.append(entry)
        if rel.endswith((".yaml", ".yml")):
            data.append(entry)
    inputs.data_key = digest("data", inputs.code, *data)
    # the day too: a body's status (not yet due / missing) changes when a deadline passes
    inputs.fingerprint = digest(inputs.code, inputs.salt, str(pdf), str(inputs.links),
                                f"office={office}", *templates,
                                *everything, dt.date.today().isoformat())
    return inputs


def report_key(inputs: Inputs, report: Report, entry: ReportEntry | None) -> str:
    """The digest of everything the report's pages, data and PDF are made from."""
    return folder_key(inputs, report.body.slug, report.year, entry)


def folder_key(inputs: Inputs, slug: str, year: int, entry: ReportEntry | None) -> str:
    """report_key of the report in content/<slug>/<year>, known without loading it."""
    own = f"{slug}/{year}"
    previous = f"{slug}/{year - 1}"
    images = [f"{rel}\0{inputs.files.of(inputs.content / rel)}"
              for rel in (entry.images if entry else [])]
    return digest(inputs.code, inputs.salt, str(inputs.pdf), str(inputs.links),
                  f"office={inputs.office}", inputs.template_digest("report.html"),
                  "site", inputs.group(SITE_GROUP), "body", inputs.group(slug),
                  "own", inputs.group(own), "previous", inputs.group(previous),
                  "images", *images)


def page_key(inputs: Inputs, name: str, context: dict[str, Any]) -> str:
    """The digest of a site page's template files and of the data it shows."""
    data = json.dumps(context, sort_keys=True, default=str, ensure_ascii=False)
    return digest(inputs.code, inputs.template_digest(name), data)


def slim(report: Report) -> Report:
    """The report without its body's other years (a worker needs only this one)."""
    body = copy.copy(report.body)
    body.reports = {}
    report = copy.copy(report)
    report.body = body
    return report


def check_key(inputs: Inputs, slug: str, year: int) -> str:
    """The digest of what reading and checking content/<slug>/<year> depends on.

    Its own files, the previous year's (the Y checks read it), the body folder's own files,
    site.yaml and gkgen's code; not the templates, images (recorded apart) or PDF settings.
    """
    return digest("check", inputs.code,
                  "site", inputs.group(SITE_GROUP), "body", inputs.group(slug),
                  "own", inputs.group(f"{slug}/{year}"),
                  "previous", inputs.group(f"{slug}/{year - 1}"))


def body_key(inputs: Inputs, slug: str) -> str:
    """The digest of what reading content/<slug>/body.yaml depends on."""
    return digest("body", inputs.code, inputs.group(slug))
