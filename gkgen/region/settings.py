"""The region settings of site.yaml, in a small picklable form the site pages receive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Government-website metadata (<meta name=…>) from the keys of site.yaml government_site.
META_NAMES = {"网站名称": "SiteName", "网站域名": "SiteDomain", "网站标识码": "SiteIDCode"}
FOOTER_KEYS = ("主办单位", "承办单位", "网站标识码", "ICP备案号", "公安机关备案号", "联系方式")


@dataclass(frozen=True)
class RegionSettings:
    years: tuple[int, ...] = ()  # empty: the span of years that have a report
    government_site: tuple[tuple[str, str], ...] = ()
    status_date: dt.date | None = None  # None: the day of the build
    township_deadline: str = "02-28"
    extra: tuple[tuple[str, Any], ...] = ()  # other region keys (roll-up settings), as given

    @classmethod
    def of(cls, region: dict[str, Any], township_deadline: str = "02-28") -> RegionSettings:
        """From Site.region (the parsed site.yaml values) and the site's township deadline."""
        own = ("years", "government_site", "status_date")
        return cls(tuple(region.get("years", ())),
                   tuple(region.get("government_site", {}).items()),
                   region.get("status_date"), township_deadline,
                   tuple((k, v) for k, v in region.items() if k not in own))

    def today(self) -> dt.date:
        """The date statuses are computed for: status_date, else today."""
        return self.status_date or dt.date.today()

    def gov(self, key: str) -> str:
        return dict(self.government_site).get(key, "")

    def footer(self) -> list[tuple[str, str]]:
        """(label, text) lines of the government-site footer, in the usual order."""
        own = dict(self.government_site)
        return [(k, own[k]) for k in FOOTER_KEYS if own.get(k)]
