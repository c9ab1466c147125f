"""The files an import writes: report settings, body settings, and what goes in them."""

from __future__ import annotations

import json

from gkgen.format import Edition
from gkgen.importer.bodies import guess_level as _guess
from gkgen.importer.log import Found
from gkgen.model import LEVELS


def report_yaml(edition: Edition, year: int, published: Found | None, title: str | None,
                source: str) -> str:
    """report.yaml of an imported report: edition, and the date and title the source prints."""
    lines = [f"# {year}年度政府信息公开工作年度报告的设置（由 gkgen import 从 {source} 导入）",
             f"edition: \"{edition.key}\"    # 格式版本：{edition.name}"]
    lines.append(f"published: {published.value}    # 发布日期：{published.how}" if published
                 else "# published: YYYY-MM-DD    # 发布日期（来源中没有找到）")
    lines.append(f"title: {json.dumps(title, ensure_ascii=False)}    # 来源中的标题" if title
                 else "# title: …    # 报告标题，留空则为“机关全称+年度+政府信息公开工作年度报告”")
    return "\n".join(lines) + "\n"


def guess_level(name: str) -> tuple[str, str]:
    """The body's level from the ending of its name, and its label (see importer.bodies)."""
    level = _guess(name)[0]
    return level, LEVELS[level]
