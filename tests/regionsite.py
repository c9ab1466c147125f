"""A small region site on disk for the region tests: bodies of three levels, chosen dates.

Each report is a fresh scaffold (every cell 0) with narratives that pass every check; its
publication date is set as given (None leaves it a draft).
"""

from __future__ import annotations

from pathlib import Path

from conftest import NARRATIVES, _part_file, edit

from gkgen.content.new import SITE_YAML, scaffold, write
from gkgen.model import Site

GOV = ("gov", "某市人民政府", "government")
EDU = ("edu", "某市教育局", "department")
HRSS = ("hrss", "某市人力资源和社会保障局", "department")
TOWN = ("town", "某市城关镇人民政府", "township")


def add_report(root: Path, body: tuple[str, str, str], year: int, published: str | None,
               body_lines: str = "") -> Path:
    """One report of body (slug, name, level) for year; body_lines are appended to body.yaml."""
    slug, name, level = body
    write(scaffold(Site(root=root), slug, year, None, name, level))
    folder = root / "content" / slug / str(year)
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    if published:
        lines = text.split("\n")
        lines[2] = f"published: {published}"
        (folder / "report.yaml").write_text("\n".join(lines), encoding="utf-8")
    for part, narrative in NARRATIVES.items():
        (folder / _part_file(part)).write_text(narrative.format(y=year, n=year + 1), encoding="utf-8")
    if body_lines:
        body_yaml = root / "content" / slug / "body.yaml"
        if body_lines not in body_yaml.read_text(encoding="utf-8"):
            with body_yaml.open("a", encoding="utf-8") as f:
                f.write(body_lines)
    return folder


def region_site(root: Path, site_lines: str = "", status_date: str = "2024-06-30") -> Path:
    """Government, two departments (hrss first by order), a township; years 2022–2023.

    2022: all on time. 2023: gov on time, hrss on time, edu 20 days late, town a draft,
    and the 2023 report of a third department (nr) missing.
    """
    (root / "content").mkdir(parents=True)
    (root / "content" / "site.yaml").write_text(
        SITE_YAML + f"years: [2022, 2023]\nstatus_date: {status_date}\n" + site_lines,
        encoding="utf-8")
    parent = "parent: 某市人民政府\n"
    add_report(root, GOV, 2022, "2023-03-20")
    add_report(root, GOV, 2023, "2024-03-20")
    add_report(root, EDU, 2022, "2023-01-20", parent)
    add_report(root, EDU, 2023, "2024-02-20", parent)
    add_report(root, HRSS, 2022, "2023-01-18", parent + "order: 1\n")
    add_report(root, HRSS, 2023, "2024-01-26", parent + "order: 1\n")
    add_report(root, ("nr", "某市自然资源和规划局", "department"), 2022, "2023-01-16", parent)
    add_report(root, TOWN, 2022, "2023-02-24", parent)
    add_report(root, TOWN, 2023, None, parent)
    return root


def set_date(root: Path, day: str) -> None:
    """Change site.yaml's status_date."""
    path = root / "content" / "site.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"status_date: {day}" if line.startswith("status_date:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


__all__ = ["EDU", "GOV", "HRSS", "TOWN", "add_report", "edit", "region_site", "set_date"]
