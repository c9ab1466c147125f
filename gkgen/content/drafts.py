"""Drafts: a report without a publication date (or with draft: true) is not published.

gkgen build leaves drafts out of the output and says so; --drafts builds them with a visible
草稿 mark on the page and in the PDF; the preview server always shows them, marked.
"""

from __future__ import annotations

from gkgen.model import Report


def publishable(reports: list[Report], drafts: bool) -> tuple[list[Report], list[Report]]:
    """(the reports to build, the drafts held back)."""
    if drafts:
        return reports, []
    return [r for r in reports if not r.draft], [r for r in reports if r.draft]


def held_message(held: list[str]) -> str:
    """The line gkgen build prints about the drafts it left out."""
    shown = "、".join(held[:5]) + (f" 等 {len(held)} 份" if len(held) > 5 else "")
    return (f"草稿未生成：{shown}（report.yaml 中没有发布日期 published，或写了 draft: true）。"
            "发布前填写 published；要一并生成草稿（页面和 PDF 标有“草稿”），请加 --drafts。")
