"""The site step's region files: roll-up pages, their CSV files, the wide open data, datapackage.json.

``region_files`` gives, for each file, the key that decides whether it is rebuilt and a function
that makes its bytes. Every key covers the region key (gkgen's code, every YAML file of the site,
which reports are published, their statuses, the region settings and the site's title) and, for
a page, the template files it loads. Which files exist comes from the layout of the roll-ups
(gkgen.region.rollup.layout: no cell is read), so a build whose YAML files did not change (a
narrative edited) carries every region file without summing or rendering anything; when a file
must be made, the roll-ups are computed once, in one pass over the reports' records.

site.yaml ``rollups: false`` leaves the roll-up pages and roll-up data out (the wide table,
its workbook and datapackage.json stay).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from gkgen.build.cache import digest
from gkgen.build.plan import Inputs
from gkgen.model import Body
from gkgen.region.bands import bands_of
from gkgen.region.rollup import (
    ALL,
    RollupView,
    enabled,
    layout,
    rollup_view,
    stem_of,
    title_of,
)
from gkgen.region.status import LATE
from gkgen.region.view import RegionView
from gkgen.render import datapackage as dp
from gkgen.render import rolldata, widedata
from gkgen.render.chrome import column_meta, site_context
from gkgen.render.pages import render_page
from gkgen.render.regionpages import page, page_rels
from gkgen.render.report import SiteInfo

Wanted = dict[str, tuple[str, object]]  # rel -> (key, a maker of its bytes)
CSV_SUFFIXES = (".csv", ".figures.csv", ".bodies.csv")


def rollups_on(info: SiteInfo) -> bool:
    """Whether the site has roll-up pages (site.yaml rollups:, default true)."""
    return enabled(info.region)


def region_key(inputs: Inputs, info: SiteInfo, view: RegionView, keys: list[str]) -> str:
    """The key of every region file: what any of them can show."""
    states = sorted(f"{e.key}:{e.status.kind}:{e.status.days if e.status.kind == LATE else 0}"
                    for e in view.entries.values())
    return digest("region", inputs.code, inputs.data_key, repr(info.region), info.title,
                  info.language, info.base_url, f"office={inputs.office}", *keys,
                  "states", *states)


def _page_maker(info: SiteInfo, rv: Callable[[], RollupView], rel: str) -> Callable[[], bytes]:
    common = {"site": site_context(info.title, info.language, info.region), "print": False,
              "meta": column_meta(info.title, info.region, "各年度政府信息公开工作情况汇总统计")}

    def make() -> bytes:
        name, context = page(rv(), rel, common, info.canonical)
        return render_page(info.templates, name, context).encode("utf-8")

    return make


def region_files(info: SiteInfo, view: RegionView, bodies: list[Body], keys: list[str],
                 inputs: Inputs) -> Wanted:
    """Every region file of the site; a file's bytes need view with the reports' cells.

    keys: the published reports (site order); bodies: every readable body (for their region).
    """
    key = region_key(inputs, info, view, keys)
    regions = {b.slug: b.region for b in bodies}
    published = set(keys)
    rows = functools.cache(lambda: widedata.wide_rows(view, published, regions))
    files: dict[str, Callable[[], bytes]] = {
        "data/reports-wide.csv": lambda: widedata.wide_csv(rows()),
        "data/reports.xlsx": lambda: widedata.wide_xlsx(info.title, rows()),
    }
    wanted: Wanted = {}
    resources = dp.site_resources(inputs.office, rollups_on(info))
    if rollups_on(info):
        rv = functools.cache(lambda: rollup_view(view, bands_of(info.region.extra)))
        plan = layout(view)
        for rel, template in page_rels(plan).items():
            wanted[rel] = (digest(key, inputs.template_digest(template), rel),
                           _page_maker(info, rv, rel))
        site_csvs = functools.cache(lambda: rolldata.site_csvs(rv()))
        for name in ("rollups.csv", "figures.csv", "quartiles.csv"):
            files[f"data/{name}"] = functools.partial(_pick, site_csvs, name)
        for year, group, edition in plan:
            stem = stem_of(group, edition)
            own = functools.cache(functools.partial(_csvs, rv, f"{year}/{stem}", view, regions))
            title = f"{year}年度{title_of(view.tree, group)}"
            for suffix in CSV_SUFFIXES + ((".quartiles.csv",) if group == ALL else ()):
                rel = f"region/{year}/{stem}{suffix}"
                files[rel] = functools.partial(_pick, own, suffix)
                resources.append(dp.rollup_resource(rel, suffix, title, edition))
    files["datapackage.json"] = lambda: dp.datapackage(info.title, resources)
    for path, make in files.items():
        wanted[path] = (key, make)
    return wanted


def _csvs(rv: Callable[[], RollupView], key: str, view: RegionView,
          regions: dict[str, str]) -> dict[str, bytes]:
    r = rv().rollup(key)
    return rolldata.rollup_csvs(rv(), view, r, regions)


def _pick(files: Callable[[], dict[str, bytes]], name: str) -> bytes:
    return files()[name]
