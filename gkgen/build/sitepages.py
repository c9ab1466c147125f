"""The site step of a build: index pages, open data and static files, from every report's light copy.

This is where site-wide output is made (gkgen.render.site.page_contexts names the pages and
their data; roll-ups belong there too). It reads no report from disk: it gets, in site
order, a light Report per report (body, year, edition, title, publication date; no cell
values) and that report's share of the open data (``SiteData.parts``: the JSON record with
every cell under its field id, and the CSV lines), whether the report was read by this
build or taken from the load-and-check cache. Each file is rebuilt only when its inputs
changed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkgen.build.plan import Inputs, page_key
from gkgen.build.records import DamagedRecord, Light
from gkgen.build.regionfiles import region_files
from gkgen.build.result import BuildError
from gkgen.build.searchpages import search_files
from gkgen.build.sitejobs import make_files
from gkgen.build.writer import Writer
from gkgen.model import Body, Report
from gkgen.region.entry import RecordSource, record_of
from gkgen.region.view import RegionView
from gkgen.render import dataset
from gkgen.render.office import XLSX
from gkgen.render.office.xlsx import site_xlsx
from gkgen.render.pages import render_page, static_files
from gkgen.render.report import SiteInfo
from gkgen.render.site import page_contexts, view_of


@dataclass
class SiteData:
    """Every report of the site, light, in site order, with its share of the open data."""

    reports: list[Report] = field(default_factory=list)
    lights: list[Light] = field(default_factory=list)  # of the same reports
    bodies: list[Body] = field(default_factory=list)  # every readable body, light, in site order
    held: list[Report] = field(default_factory=list)  # drafts held back: light, never published

    @functools.cached_property
    def parts(self) -> list[tuple[str, str]]:
        """(json_part, csv_part) of every report: read only by a build that needs them (a
        change that leaves the data files as they were does not read 1,000 records)."""
        return [_parts(light) for light in self.lights]

    def sources(self) -> list[RecordSource]:
        """What gives each report's open-data record, read when first asked for (with
        every other report's: the pages and data that need one record need them all)."""
        return [functools.partial(self._record, i) for i in range(len(self.lights))]

    def _record(self, i: int) -> dict[str, Any]:
        return record_of(self.parts[i][0])

    def view(self, info: SiteInfo, records: bool = False) -> RegionView:
        """The region view (hierarchy, statuses; with records, every report's cells too,
        each read from its record only when a page or a check asks for it)."""
        return view_of(info, self.reports, self.bodies, self.held,
                       self.sources() if records else None)


def _parts(light: Light) -> tuple[str, str]:
    """light.parts(), a damaged record store said in Chinese."""
    try:
        return light.parts()
    except DamagedRecord as exc:
        raise BuildError(f"检查缓存已损坏（{exc}）：请用 gkgen build --clean 重新生成。") from None


def site_files(writer: Writer, info: SiteInfo, data: SiteData, inputs: Inputs,
               kept: frozenset[str] = frozenset(), workers: int = 1) -> list[str]:
    """Write the site pages, open data and static files; the ones rebuilt, by path.

    kept: the reports whose PDF a --no-pdf build kept (their pages still link it);
    workers: the local cores the files may be made on (gkgen.build.sitejobs).
    """
    made: list[str] = []
    wanted: dict[str, tuple[str, object]] = {}
    view = data.view(info, records=True)  # the cells (roll-ups, wide data) and change logs
    for rel, (name, context) in page_contexts(info, data.reports, inputs.links or kept,
                                              view=view).items():
        wanted[rel] = (page_key(inputs, name, context), (name, context))
    wanted["data/reports.json"] = (inputs.data_key, "json")
    wanted["data/reports.csv"] = (inputs.data_key, "csv")
    if inputs.office:
        wanted[f"data/{XLSX}"] = (inputs.data_key, "xlsx")
    wanted.update(region_files(info, view, data.bodies, [r.key for r in data.reports], inputs))
    for rel, path in static_files(info.templates):
        wanted[rel] = (inputs.files.of(path), path)
    for rel, (key, _) in wanted.items():
        writer.new.pages[rel] = key
        if writer.old and writer.old.pages.get(rel) == key and writer.can_carry([rel]):
            writer.carry(rel, "site")
            continue
        made.append(rel)
    makes = [functools.partial(_make, info, data, wanted[rel][1]) for rel in made]
    searched: list[str] = []  # the search page and index, made while the children work

    def search() -> None:
        searched.extend(search_files(writer, info, data.reports, inputs))

    for rel, content in zip(made, make_files(made, makes, workers, len(data.reports), search),
                            strict=True):
        writer.write(rel, content, "site")
    return made + searched


def _make(info: SiteInfo, data: SiteData, what: object) -> bytes:
    if callable(what):  # a region data file (gkgen.build.regionfiles)
        return bytes(what())
    if isinstance(what, tuple):
        return render_page(info.templates, what[0], what[1]).encode("utf-8")
    if what == "json":
        return dataset.site_json_of(info.title, [r.edition for r in data.reports],
                                    [j for j, _ in data.parts])
    if what == "csv":
        return dataset.site_csv_of([c for _, c in data.parts])
    if what == "xlsx":
        return site_xlsx(info.title, [r.edition for r in data.reports],
                         [json.loads(j) for j, _ in data.parts])
    assert isinstance(what, Path)
    return what.read_bytes()
