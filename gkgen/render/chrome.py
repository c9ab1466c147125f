"""What every page carries around its content: the government-site footer and <meta> tags.

The names follow the government-website rules (《政府网站发展指引》, 国办发〔2017〕47号, and the
网页设计规范 it refers to): every page names its site (SiteName, SiteDomain, SiteIDCode); a
column page its column (ColumnName, ColumnType); an article page (a report) also ArticleTitle,
PubDate, ContentSource, Keywords, Author, Description and Url. The values come from site.yaml
``government_site`` (网站名称, 网站域名, 网站标识码, 栏目名称, 主办单位, ICP备案号, …) and the
report itself; a tag whose value is unknown is left out rather than invented (no Image: a
report has no lead picture; no Url unless base_url is a full address).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gkgen.region.settings import META_NAMES, RegionSettings

Meta = list[tuple[str, str]]


def site_context(title: str, language: str, region: RegionSettings) -> dict[str, Any]:
    """The ``site`` variable of every page template: title, language, footer lines, site meta."""
    meta = [(name, region.gov(key)) for key, name in META_NAMES.items() if region.gov(key)]
    if not region.gov("网站名称"):
        meta.insert(0, ("SiteName", title))
    return {"title": title, "language": language, "footer": region.footer(), "meta": meta,
            "column": column_name(title, region)}


def column_name(title: str, region: RegionSettings) -> str:
    """The column (栏目) the reports are published in: 栏目名称, else the site's title."""
    return region.gov("栏目名称") or title


def column_meta(title: str, region: RegionSettings, description: str) -> Meta:
    """The <meta> of a column page (the site index, a body's list of reports)."""
    return [("ColumnName", column_name(title, region)), ("ColumnDescription", description),
            ("ColumnType", "政府信息公开工作年度报告")]


def article_meta(title: str, region: RegionSettings, *, article: str, body: str, year: int,
                 published: dt.date | None, edition: str, url: str | None) -> Meta:
    """The <meta> of a report page (an article of the column)."""
    meta = [("ColumnName", column_name(title, region)), ("ArticleTitle", article)]
    if published:
        meta.append(("PubDate", published.isoformat()))
    meta += [("ContentSource", body),
             ("Keywords", f"政府信息公开,年度报告,{body},{year}年度"),
             ("Author", body),
             ("Description", f"{article}（{edition}格式）")]
    if url:
        meta.append(("Url", url))
    return meta
