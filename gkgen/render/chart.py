"""Inline SVG bar charts of table 3's outcomes and table 4's results, with text alternatives.

The chart is an extra view: every figure it shows is also in the table it names, and
its <title>/<desc> (plus a visible caption) say the same in words. No script needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from gkgen.findings import Number, fmt
from gkgen.format import Table
from gkgen.format.build import cells_of
from gkgen.model import Report

_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
ROW_H = 30
BAR_MAX = 300
CHAR_W = 15
BAR_FILL = "#2b6cb0"  # 5:1 against white: visible without relying on colour names


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number


def short_label(label: str) -> str:
    """An official row label without its trailing parenthetical note."""
    return _TRAILING_NOTE.sub("", label) or label


def outcome_bars(table: Table, report: Report) -> list[Bar]:
    """Table 3: the total column of each （一）–（六） outcome, sub-items summed."""
    groups: dict[str, Number] = {}
    for block in table.blocks:
        for cell in cells_of(table.key, block):
            keys = cell.id.split(".")
            if keys[1] != "result" or keys[-1] != "total" or len(cell.row_labels) < 2:
                continue
            if keys[2] == "total":  # （七）总计 is the sum of the others
                continue
            label = short_label(cell.row_labels[1])
            groups[label] = groups.get(label, 0) + (report.number(cell.id) or 0)
    return [Bar(k, v) for k, v in groups.items()]


def result_bars(table: Table, report: Report) -> list[Bar]:
    """Table 4: each result of each group (totals left out)."""
    bars = []
    for block in table.blocks:
        for cell in cells_of(table.key, block):
            if not cell.total:
                bars.append(Bar("·".join(cell.col_labels[-2:]), report.number(cell.id) or 0))
    return bars


def bar_chart(chart_id: str, title: str, source: str, bars: list[Bar]) -> str:
    """A horizontal bar chart as an accessible inline SVG inside a <figure>."""
    label_w = CHAR_W * max(len(b.label) for b in bars) + 12
    width = label_w + BAR_MAX + 60
    height = ROW_H * len(bars) + 10
    top = max((b.value for b in bars), default=0) or 1
    desc = "；".join(f"{b.label}{fmt(b.value)}件" for b in bars) + "。"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-size="14" fill="#1a1a1a" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for i, bar in enumerate(bars):
        y = 5 + i * ROW_H
        w = round(BAR_MAX * float(bar.value) / float(top), 1)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:g}" height="{ROW_H - 10}" fill="{BAR_FILL}"/>'
            f'<text x="{label_w + w + 6:g}" y="{y + 19}">{escape(fmt(bar.value))}</text>')
    parts.append("</svg>")
    caption = f"图：{escape(title)}（数据见{escape(source)}）"
    return (f'<figure class="chart" id="{chart_id}">{"".join(parts)}'
            f'<figcaption>{caption}</figcaption></figure>')


def table_charts(table: Table, report: Report) -> str:
    """The chart that follows an official table, or "" when it has none (or nothing to show)."""
    if table.key == "t3":
        bars = outcome_bars(table, report)
        return bar_chart("chart-t3", "本年度办理结果", table.number, bars) if bars else ""
    if table.key == "t4":
        bars = result_bars(table, report)
        if any(b.value for b in bars):
            return bar_chart("chart-t4", table.title, table.number, bars)
    return ""
