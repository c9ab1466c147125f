"""The files an import writes: report settings, body settings, and what goes in them."""

from __future__ import annotations

import json
import re

from gkgen.format import Edition
from gkgen.model import LEVELS


def report_yaml(edition: Edition, year: int, published: str | None, title: str | None,
                source: str) -> str:
    """report.yaml of an imported report: edition, and the date and title the source prints."""
    lines = [f"# {year}年度政府信息公开工作年度报告的设置（由 gkgen import 从 {source} 导入）",
             f"edition: \"{edition.key}\"    # 格式版本：{edition.name}"]
    lines.append(f"published: {published}    # 来源落款的日期" if published
                 else "# published: YYYY-MM-DD    # 发布日期（来源中没有找到）")
    lines.append(f"title: {json.dumps(title, ensure_ascii=False)}    # 来源中的标题" if title
                 else "# title: …    # 报告标题，留空则为“机关全称+年度+政府信息公开工作年度报告”")
    return "\n".join(lines) + "\n"


_TOWNSHIP = re.compile(r"(?:乡|镇|街道)(?:人民政府|办事处)$")


def guess_level(name: str) -> tuple[str, str]:
    """The body's level from the ending of its name, and the words that say so (for the log)."""
    if _TOWNSHIP.search(name):
        return "township", LEVELS["township"]
    if name.endswith("人民政府"):
        return "government", LEVELS["government"]
    return "department", LEVELS["department"]
