"""The error banner the preview server puts on top of the last good page.

It is added to HTML responses by the server only (never written into a build), so a
failed save shows its errors in place while the figures that were last right stay visible.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from gkgen.findings import ERROR, Finding

OVERLAY_ID = "gkgen-overlay"

_STYLE = (
    "position:sticky;top:0;z-index:2147483647;margin:0;padding:.75em 1em;"
    "background:#fff4f4;color:#1a1a1a;border-bottom:3px solid #b00020;"
    "font:15px/1.6 'Noto Sans CJK SC',sans-serif;max-height:45vh;overflow:auto;"
    "box-shadow:0 2px 6px rgba(0,0,0,.2)"
)


@dataclass(frozen=True)
class Problem:
    """One thing the author must fix: a check id (or kind), a Chinese message, a place."""

    id: str
    message: str
    where: str = ""
    hint: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The shape /__gkgen/status reports."""
        return {"id": self.id, "message": self.message, "where": self.where, "hint": self.hint}


def _where(path: Path, line: int, column: int, root: Path) -> str:
    try:
        shown = os.path.relpath(path, root) if path.is_relative_to(root) else str(path)
    except ValueError:
        shown = str(path)
    if line:
        shown += f":{line}"
        if column:
            shown += f":{column}"
    return shown


def from_findings(findings: Iterable[Finding], root: Path) -> list[Problem]:
    """The errors among findings (warnings do not stop a build, so they get no banner)."""
    return [Problem(f.id, f.message, _where(f.pos.file, f.pos.line, f.pos.column, root), f.hint)
            for f in findings if f.severity == ERROR]


def from_exception(exc: BaseException, root: Path) -> Problem:
    """A build that raised: a template error with its place, or anything else by its type."""
    import jinja2

    from gkgen.render.pages import TemplateFailed, template_failed

    if isinstance(exc, jinja2.TemplateError):
        exc = template_failed(exc)
    if isinstance(exc, TemplateFailed):
        return Problem("模板", exc.message, exc.where(lambda p: _where(p, 0, 0, root)),
                       exc.hint + "保存后预览会自动更新。")
    from gkgen.build.site import BuildError

    if isinstance(exc, BuildError):
        return Problem("构建", str(exc))
    text = str(exc) or type(exc).__name__
    return Problem("构建", f"生成网页时出错（{type(exc).__name__}）：{text}")


def banner_html(problems: list[Problem], has_content: bool) -> str:
    """The banner (role="alert") listing every problem with its id, message and file:line."""
    if not problems:
        return ""
    lead = (f"有 {len(problems)} 个错误需要修正。"
            + ("下面显示的是上次成功生成的内容；" if has_content else "还没有成功生成过网页；")
            + "保存修正后的文件，页面会自动刷新。")
    items = "".join(_item(p) for p in problems)
    return (f'<div id="{OVERLAY_ID}" role="alert" lang="zh-CN" style="{_STYLE}">'
            f'<p style="margin:0 0 .4em;font-weight:bold;color:#b00020">{escape(lead)}</p>'
            f'<ul style="margin:0;padding-left:1.4em">{items}</ul></div>')


def _item(p: Problem) -> str:
    where = f' <code class="gkgen-where">{escape(p.where)}</code>' if p.where else ""
    hint = f'<br><span class="gkgen-hint">提示：{escape(p.hint)}</span>' if p.hint else ""
    return (f'<li><strong class="gkgen-id">{escape(p.id)}</strong> '
            f'<span class="gkgen-message">{escape(p.message)}</span>{where}{hint}</li>')


def placeholder_page(problems: list[Problem]) -> str:
    """The page shown before any build has succeeded (the banner is injected into it)."""
    state = "正在生成……" if not problems else "网页尚未生成成功。"
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>gkgen 预览</title></head><body><main>"
            f"<h1>gkgen 预览</h1><p>{escape(state)}</p></main></body></html>\n")
