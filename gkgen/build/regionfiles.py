"""The site step's region files: roll-up pages, their CSV files, the wide open data, datapackage.json.

``region_files`` gives, for each file, the key that decides whether it is rebuilt and how to make
it: a page as (template, context), keyed by gkgen.build.plan.page_key (its template files and
the exact data it shows); a data file as a function giving its bytes, keyed by the region key
(gkgen's code, every YAML file of the site, which reports are published, their statuses and the
region settings). Nothing is made unless its key changed; the roll-ups themselves are computed in
one pass over the reports' records (gkgen.region.rollup).

site.yaml ``rollups: false`` leaves the roll-up pages and roll-up data out (the wide table,
its workbook and datapackage.json stay).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from gkgen.build.cache import digest
from gkgen.build.plan import Inputs, page_key
from gkgen.model import Body
from gkgen.region.bands import bands_of
from gkgen.region.rollup import RollupView, enabled, rollup_view
from gkgen.region.status import LATE
from gkgen.region.view import RegionView
from gkgen.render import datapackage as dp
from gkgen.render import rolldata, widedata
from gkgen.render.chrome import column_meta, site_context
from gkgen.render.regionpages import rel, rollup_pages
from gkgen.render.report import SiteInfo

Wanted = dict[str, tuple[str, object]]  # rel -> (key, (template, context) or a maker of bytes)


def rollups_on(info: SiteInfo) -> bool:
    """Whether the site has roll-up pages (site.yaml rollups:, default true)."""
    return enabled(info.region)


def region_key(inputs: Inputs, info: SiteInfo, view: RegionView, keys: list[str]) -> str:
    """The key of every region data file: what any of them can show."""
    states = sorted(f"{e.key}:{e.status.kind}:{e.status.days if e.status.kind == LATE else 0}"
                    for e in view.entries.values())
    return digest("region", inputs.code, inputs.data_key, repr(info.region), info.title,
                  f"office={inputs.office}", *keys, "states", *states)


def _pages(info: SiteInfo, rv: RollupView, inputs: Inputs) -> Wanted:
    common = {"site": site_context(info.title, info.language, info.region), "print": False,
              "meta": column_meta(info.title, info.region, "各年度政府信息公开工作情况汇总统计")}
    out: Wanted = {}
    for path, (name, context) in rollup_pages(rv, common, info.canonical).items():
        out[path] = (page_key(inputs, name, context), (name, context))
    return out


def region_files(info: SiteInfo, view: RegionView, bodies: list[Body], keys: list[str],
                 inputs: Inputs) -> Wanted:
    """Every region file of the site; view must hold the reports' cells (records=True).

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
        rv = rollup_view(view, bands_of(info.region.extra))
        wanted.update(_pages(info, rv, inputs))
        site_csvs = functools.cache(lambda: rolldata.site_csvs(rv))
        for name in ("rollups.csv", "figures.csv", "quartiles.csv"):
            files[f"data/{name}"] = functools.partial(lambda n: site_csvs()[n], name)
        for r in rv.rollups:
            own = functools.cache(functools.partial(rolldata.rollup_csvs, rv, view, r, regions))
            for suffix in rolldata.suffixes(r):
                files[rel(r, suffix)] = functools.partial(_pick, own, suffix)
                resources.append(dp.rollup_resource(rel(r, suffix), suffix,
                                                    f"{r.year}年度{r.title}", r.edition))
    package = dp.datapackage(info.title, resources)
    files["datapackage.json"] = lambda: package
    for path, make in files.items():
        wanted[path] = (key, make)
    return wanted


def _pick(files: Callable[[], dict[str, bytes]], suffix: str) -> bytes:
    return files()[suffix]


def made(what: object) -> bytes | None:
    """The bytes of a region data file (None: not one of region_files' makers)."""
    return what() if callable(what) else None

