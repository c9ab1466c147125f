"""A small region for the roll-up and open-data tests, and readers of what its build wrote.

The site is the benchmark's generator (bench/sitegen.py: 12 bodies × 2023–2024, every figure
consistent and different per body), arranged as a region: b0000 a government with departments
b0001–b0007 and township b0009 below it, b0008 below b0001 (a second level), a second root b0010
with b0011 below it. In 2024 b0003's report is a draft and b0004's is missing; b0006's 2024 table 4
has a blank cell (R4/R5 set off, so the build goes through); b0005's region starts with "=".
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.sitegen import generate_site
from gkgen.build.site import BuildResult, build_site

YEARS = (2023, 2024)
PARENTS = {**{f"b{i:04d}": "b0000" for i in (1, 2, 3, 4, 5, 6, 7, 9)}, "b0008": "b0001",
           "b0011": "b0010"}
LEVELS = {"b0000": "government", "b0009": "township"}
DRAFT, MISSING, BLANK = "b0003/2024", "b0004/2024", "b0006/2024"
BLANK_CELL = "t4.review.corrected"
INJECTED = "=HYPERLINK(\"http://x\",\"y\")"
SITE_EXTRA = "status_date: 2025-06-01\nchecks:\n  R4: off\n  R5: off\n"


def content(root: Path) -> Path:
    return root / "content"


def make_region(root: Path, extra: str = "") -> Path:
    """The region site at root (extra: more site.yaml lines)."""
    generate_site(root, 24, years=len(YEARS), last_year=YEARS[-1])
    c = content(root)
    for body in sorted(p for p in c.iterdir() if p.is_dir()):
        path = body / "body.yaml"
        text = path.read_text(encoding="utf-8")
        slug = body.name
        if slug in LEVELS:
            text = text.replace("level: department", f"level: {LEVELS[slug]}")
        if slug in PARENTS:
            text += f"parent: {PARENTS[slug]}\n"
        if slug == "b0005":
            text += f"region: '{INJECTED}'\n"
        path.write_text(text, encoding="utf-8")
    draft = c / DRAFT / "report.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")
    for f in (c / MISSING).iterdir():
        f.unlink()
    (c / MISSING).rmdir()
    reviews = c / BLANK / "4-reviews.yaml"
    text = reviews.read_text(encoding="utf-8")
    start = text.index("结果纠正: ") + len("结果纠正: ")  # the first: 行政复议's
    end = text.index(",", start)
    reviews.write_text(text[:start] + "~" + text[end:], encoding="utf-8")
    site = c / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + SITE_EXTRA + extra, encoding="utf-8")
    return root


def build(root: Path, **kw: Any) -> BuildResult:
    result = build_site(root, pdf=False, jobs=1, **kw)
    assert result.ok, [(f.id, f.message) for f in result.findings if f.severity == "error"]
    return result


def record(out: Path, key: str) -> dict[str, Any]:
    """A report's own data.json, decimals exact."""
    data: dict[str, Any] = json.loads((out / key / "data.json").read_text(encoding="utf-8"),
                                      parse_float=Decimal)
    return data


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # UTF-8 with BOM: Excel reads it
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


def body_yaml(root: Path, slug: str) -> str:
    return (content(root) / slug / "body.yaml").read_text(encoding="utf-8")


def below(slug: str) -> set[str]:
    """slug and every body below it, from PARENTS (the test's own reading of the tree)."""
    out = {slug}
    grew = True
    while grew:
        more = {b for b, p in PARENTS.items() if p in out} - out
        grew = bool(more)
        out |= more
    return out


def bodies(root: Path) -> list[str]:
    return sorted(p.name for p in content(root).iterdir() if p.is_dir())


def published(root: Path, year: int) -> list[str]:
    """The bodies with a published (non-draft) report for year, read from the content."""
    out = []
    for slug in bodies(root):
        ry = content(root) / slug / str(year) / "report.yaml"
        if ry.is_file() and "draft: true" not in ry.read_text(encoding="utf-8"):
            out.append(slug)
    return out


def number(text: str) -> int | Decimal | None:
    if text == "":
        return None
    return Decimal(text) if "." in text else int(text)
