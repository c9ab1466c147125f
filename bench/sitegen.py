"""A synthetic site of N bodies × Y years that `gkgen check` passes without a finding.

Deterministic from a seed, and per body: the first k bodies of a big site are the same as
the bodies of a small one (so the PDF subset is a true subset). Files are written with the
same helpers `gkgen new` uses (gkgen.content.scaffold), tables through gkgen.content.scaffold.table_yaml.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from bench.figures import BodyFigures
from bench.prose import Voice, narratives
from gkgen.content.new import SITE_YAML, default_edition
from gkgen.content.scaffold import body_yaml, table_yaml
from gkgen.format import edition as get_edition

_PLACES = tuple(a + b for a in "东西南北青白云安平临清长" for b in "川河山湖阳林原州")
DEPARTMENTS = (
    ("人力资源和社会保障局", "我局"), ("生态环境局", "我局"), ("交通运输局", "我局"),
    ("住房和城乡建设局", "我局"), ("自然资源和规划局", "我局"), ("市场监督管理局", "我局"),
    ("卫生健康委员会", "我委"), ("发展和改革委员会", "我委"), ("教育局", "我局"),
    ("民政局", "我局"), ("财政局", "我局"), ("农业农村局", "我局"), ("应急管理局", "我局"),
    ("水利局", "我局"), ("商务局", "我局"), ("文化广电和旅游局", "我局"),
    ("退役军人事务局", "我局"), ("医疗保障局", "我局"), ("司法局", "我局"),
    ("统计局", "我局"), ("人民政府办公室", "我办"),
)
GOVERNMENT = ("人民政府", "我市")
LAST_YEAR = 2024


@dataclass
class Body:
    slug: str
    name: str
    we: str
    level: str


@dataclass
class SiteStats:
    """What was generated: sizes to print next to the timings."""

    root: Path
    reports: int
    bodies: int
    years: list[int]
    files: int = 0
    bytes: int = 0
    narrative_chars: list[int] = field(default_factory=list)

    @property
    def chars_per_report(self) -> float:
        return sum(self.narrative_chars) / max(1, len(self.narrative_chars))


def body(i: int) -> Body:
    """The i-th body of every synthetic site (unique names for the first 1,056 bodies)."""
    place = _PLACES[(i * 37) % len(_PLACES)] + "市"
    dept, we = (DEPARTMENTS + (GOVERNMENT,))[i % (len(DEPARTMENTS) + 1)]
    level = "government" if dept == GOVERNMENT[0] else "department"
    return Body(f"b{i:04d}", place + dept, we, level)


def published(rng: random.Random, year: int, level: str) -> dt.date:
    """A publication date before the legal deadline for the level (N5)."""
    if level == "government":
        return dt.date(year + 1, rng.randint(1, 3), rng.randint(5, 28))
    return dt.date(year + 1, 1, rng.randint(8, 30))


def report_yaml(edition_key: str, day: dt.date, b: Body) -> str:
    return (f"# {day.year - 1}年度政府信息公开工作年度报告的设置（基准测试生成的虚构数据）\n"
            f'edition: "{edition_key}"\n'
            f"published: {day.isoformat()}\n"
            "contact:\n"
            f"  地址: {b.name}政务公开工作机构\n"
            f'  电话: "0{300 + int(b.slug[1:]) % 600}-{5550000 + int(b.slug[1:]):07d}"\n')


def report_files(b: Body, year: int, has_previous: bool, figures: BodyFigures,
                 rng: random.Random) -> tuple[dict[str, str], int]:
    """The files of one report folder (relative names) and its narrative length."""
    ed = get_edition(default_edition(year))
    values = figures.year(ed)
    files = {"report.yaml": report_yaml(ed.key, published(rng, year, b.level), b)}
    texts = narratives(Voice(b.name, b.we, year, has_previous), values, ed.key, rng)
    for part in ed.parts:
        if part.table:
            files[part.filename] = table_yaml(ed, ed.table(part.table), values)
        else:
            files[part.filename] = texts[part.number]
    return files, sum(len(t) for t in texts.values())


def years_of(years: int, last_year: int = LAST_YEAR) -> list[int]:
    return list(range(last_year - years + 1, last_year + 1))


def generate_site(root: Path, reports: int, years: int = 4, seed: int = 1,
                  last_year: int = LAST_YEAR) -> SiteStats:
    """Write a site of `reports` reports (bodies of `years` consecutive years) under root."""
    if reports < 1 or years < 1:
        raise ValueError("need at least one report and one year")
    all_years = years_of(years, last_year)
    n_bodies = -(-reports // years)
    stats = SiteStats(root, reports, n_bodies, all_years)
    files: dict[Path, str] = {root / "content" / "site.yaml": SITE_YAML}
    left = reports
    for i in range(n_bodies):
        b = body(i)
        rng = random.Random(f"{seed}:{b.slug}")
        figures = BodyFigures(rng, scale=rng.choice((6, 15, 30, 60, 120)))
        body_dir = root / "content" / b.slug
        files[body_dir / "body.yaml"] = body_yaml(b.name, b.level)
        for j, year in enumerate(all_years[:min(years, left)]):
            rel, chars = report_files(b, year, j > 0, figures, rng)
            stats.narrative_chars.append(chars)
            files.update({body_dir / str(year) / name: text for name, text in rel.items()})
        left -= years
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        stats.files += 1
        stats.bytes += len(text.encode("utf-8"))
    return stats
