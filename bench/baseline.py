"""The "bare pipeline": the least any generator must do to turn a report's files into a page.

YAML (libyaml CSafeLoader) for the four settings and table files, markdown-it for the three
narrative parts (each first rendered as a Jinja template, as gkgen does), one Jinja page
template that prints the tables from the YAML mappings. No checks, no official layout, no
data files: the floor that gkgen's per-report HTML time is compared with.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown_it import MarkdownIt

PAGE = """{% macro rows(node, depth=0) %}{% for label, value in node.items() %}
{% if value is mapping %}<tr><th colspan="8" class="d{{ depth }}">{{ label }}</th></tr>
{{ rows(value, depth + 1) }}{% else %}<tr><th>{{ label }}</th><td>{{ value }}</td></tr>
{% endif %}{% endfor %}{% endmacro %}
<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="../../static/site.css"></head>
<body><main><h1>{{ title }}</h1>
{% for part in parts %}<section><h2>{{ part.heading }}</h2>
{% if part.html is not none %}{{ part.html | safe }}{% else %}
<table>{{ rows(part.table) }}</table>{% endif %}</section>
{% endfor %}</main></body></html>
"""
NARRATIVE = ("1-overview.md", "5-problems.md", "6-other.md")
TABLES = ("2-proactive.yaml", "3-requests.yaml", "4-reviews.yaml")


class BarePipeline:
    """Everything compiled once, as a fair generator would."""

    def __init__(self) -> None:
        self.md = MarkdownIt("commonmark", {"html": False}).enable("table")
        self.env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined)
        self.page = self.env.from_string(PAGE)
        self.prose = jinja2.Environment(undefined=jinja2.ChainableUndefined)

    def _yaml(self, path: Path) -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def render(self, report_dir: Path) -> str:
        """One report folder to one HTML page."""
        settings = self._yaml(report_dir / "report.yaml")
        parts: list[dict[str, Any]] = []
        for name in (NARRATIVE[0], *TABLES, *NARRATIVE[1:]):
            path = report_dir / name
            if name in NARRATIVE:
                text = self.prose.from_string(path.read_text(encoding="utf-8")).render()
                parts.append({"heading": name, "html": self.md.render(text), "table": None})
            else:
                parts.append({"heading": name, "html": None, "table": self._yaml(path) or {}})
        title = f"{report_dir.parent.name} {report_dir.name} {settings.get('edition')}"
        return self.page.render(title=title, parts=parts)


def report_dirs(root: Path) -> list[Path]:
    """Every report folder of a site, in a stable order."""
    return sorted(p.parent for p in (root / "content").glob("*/*/report.yaml"))


def run(root: Path, sample: int) -> dict[str, Any]:
    """Mean milliseconds per report over the first `sample` reports (after one warm-up)."""
    dirs = report_dirs(root)[:sample]
    if not dirs:
        raise ValueError(f"no reports under {root}")
    pipeline = BarePipeline()
    pipeline.render(dirs[0])  # warm-up: first-use costs are not per-report costs
    total_chars = 0
    start, cpu = time.perf_counter(), time.process_time()
    for d in dirs:
        total_chars += len(pipeline.render(d))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"status": "ok", "seconds": seconds, "cpu_s": cpu, "reports": len(dirs),
            "ms_per_report": seconds * 1000 / len(dirs),
            "cpu_ms_per_report": cpu * 1000 / len(dirs), "html_chars": total_chars}
