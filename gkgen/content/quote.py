"""Figures quoted in prose: Markdown parts are Jinja templates rendered in a sandbox.

An author writes 本年共新收政府信息公开申请{{ t3.new.total }}件 and the figure can never
drift from the table. The sandbox has no access to files, attributes or callables
beyond the figures themselves.
"""

from __future__ import annotations

import difflib
import functools
import re
import weakref
from decimal import Decimal
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from gkgen.content.quoterules import ONLY, Unknown, problems, render
from gkgen.content.values import excerpt
from gkgen.findings import Finding, Pos, fmt
from gkgen.model import Narrative, Report


def _finalize(value: Any) -> Any:
    # A result of arithmetic on figures prints like a figure: no exponent, no trailing zeros.
    return fmt(value) if isinstance(value, Decimal) else value


_ENV = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                     keep_trailing_newline=True, finalize=_finalize)


class Figures(dict[str, Any]):
    """A nested mapping readable with attributes: t3.new.total."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Figure(Decimal):
    """A table figure as prose prints it."""

    def __str__(self) -> str:
        return fmt(Decimal(self))


_CONTEXTS: weakref.WeakKeyDictionary[Report, dict[str, Any]] = weakref.WeakKeyDictionary()


def context(report: Report) -> dict[str, Any]:
    """What an expression in a Markdown part can see (built once per loaded report)."""
    cached = _CONTEXTS.get(report)
    if cached is None:
        cached = _CONTEXTS[report] = _context(report)
    return cached


def _context(report: Report) -> dict[str, Any]:
    root = Figures()
    for cell_id, value in report.values.items():
        if value.value is None:
            continue
        *path, leaf = cell_id.split(".")
        node = root
        for key in path:
            node = node.setdefault(key, Figures())
        node[leaf] = Figure(value.value)
    return {**root, "year": report.year, "next_year": report.year + 1,
            "body": report.body.name, "title": report.full_title}


class Refused(Exception):
    """An expression that quotes something other than figures (see gkgen.content.quoterules)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@functools.lru_cache(maxsize=1024)
def _parsed(source: str) -> nodes.Template:
    """The part's parse tree; raises Refused for anything but figures and arithmetic."""
    ast = _ENV.parse(source)
    for line, message in problems(ast):
        raise Refused(line, message)
    return ast


class NotAFigure(Exception):
    """An expression whose value is a group of cells (t2.coercion), not one figure."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__("、".join(keys))
        self.keys = keys
        self.line = 0  # set by quoterules.render


def _show(value: Any) -> str:
    # One quoting rule: an expression only ever yields a number (or the year, the body's name).
    if isinstance(value, dict):
        raise NotAFigure(sorted(value))
    return str(_finalize(value))


_WIDE = re.compile(r"[｛{]\s*[｛{]|[｝}]\s*[｝}]")


def fullwidth_braces(part: Narrative) -> list[Finding]:
    """F8 for ｛｛ … ｝｝ typed with a Chinese IME: it would be published as it stands."""
    out = []
    source = part.source or ""
    lines_seen: set[int] = set()
    for m in _WIDE.finditer(source):
        line = source.count("\n", 0, m.start())
        if ("｛" not in m.group(0) and "｝" not in m.group(0)) or line in lines_seen:
            continue
        lines_seen.add(line)
        at = m.start() + (m.group(0).find("｛") if "｛" in m.group(0) else m.group(0).find("｝"))
        line_start = source.rfind("\n", 0, at) + 1
        pos = Pos(part.path, line + 1, at - line_start + 1)
        out.append(Finding("F8", f"引用表达式用了全角花括号“{m.group(0)}”，不会被替换为数字，会按原样发布。",
                           pos, hint="把全角花括号“｛｝”改成半角“{}”，写作 {{ t3.new.total }}；"
                           "中文输入法下可按 Ctrl+. 切换到半角标点。"))
    return out


def render_part(report: Report, part: Narrative, findings: list[Finding]) -> str:
    """The part's Markdown with every expression evaluated; an expression error is an F8 finding.

    Expressions are evaluated by gkgen itself (quoterules.render), not by Jinja's runtime: only
    figures and arithmetic can run, and no template is compiled.
    """
    if part.source is None:
        return ""
    if "｛" in part.source or "｝" in part.source:
        findings.extend(fullwidth_braces(part))
    if "{" not in part.source:
        return part.source
    try:
        return render(_parsed(part.source), context(report), _show)
    except Refused as exc:
        findings.append(Finding("F8", f"引用表达式不允许：{exc}", expr_pos(part, exc.line, None),
                                hint=ONLY))
    except RecursionError:
        findings.append(Finding("F8", "引用表达式嵌套过深。", expr_pos(part, 0, None), hint=ONLY))
    except jinja2.TemplateSyntaxError as exc:
        findings.append(Finding("F8", f"引用表达式语法错误：{_syntax(exc.message or '')}",
                                expr_pos(part, exc.lineno or 0, None),
                                hint="引用写作 {{ t3.new.total }}，花括号成对出现。"))
    except Unknown as exc:
        pos = expr_pos(part, exc.line, exc.name)
        findings.append(Finding("F8", f"引用表达式无法求值：{exc}", pos,
                                hint=_suggest(report, part, pos)))
    except NotAFigure as exc:
        findings.append(_group(report, part, exc))
    except (TypeError, ArithmeticError, ValueError) as exc:
        findings.append(Finding("F8", f"引用表达式无法计算：{_arith(exc)}", expr_pos(part, 0, None),
                                hint="只能对数字做加减乘除，除数不能为零。"))
    return part.source


def _group(report: Report, part: Narrative, exc: NotAFigure) -> Finding:
    """F8 for {{ t2.coercion }}: the cells of the group are named with their official labels."""
    pos = expr_pos(part, exc.line, None)
    lines = (part.source or "").split("\n")
    line = lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""
    m = re.match(r"\{\{\s*([\w.]+)", line[max(pos.column - 1, 0):])
    name = m.group(1) if m else ""
    cells = [report.edition.cells[f"{name}.{k}"] for k in exc.keys if f"{name}.{k}" in report.edition.cells]
    shown = "、".join(f"{{{{ {c.id} }}}}（{c.label}）" for c in cells[:3]) or "具体单元格的字段编号"
    return Finding("F8", f"引用表达式“{{{{ {excerpt(name)} }}}}”指向一组单元格，不是一个数字，"
                   "发布后会显示成一串代码。", pos,
                   hint=f"引用到具体的单元格，例如 {shown}；可引用的字段编号见 gkgen fields。",
                   cells=tuple(c.id for c in cells), labels=tuple(c.label for c in cells))


def _arith(exc: Exception) -> str:
    if isinstance(exc, ZeroDivisionError | ArithmeticError):
        return "除数为零或结果无效"
    return "文字不能参与计算"


_OPEN = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)", re.S | re.M)


def expr_pos(part: Narrative, line: int, name: str | None) -> Pos:
    """Where the failing expression starts: on line (0 = anywhere), holding name if given."""
    source = part.source or ""
    for m in _OPEN.finditer(source):
        at = source.count("\n", 0, m.start()) + 1
        if (not line or at == line) and (name is None or name in m.group(0)):
            return Pos(part.path, at, m.start() - (source.rfind("\n", 0, m.start()) + 1) + 1)
    return Pos(part.path, line, 1 if line else 0)


def _syntax(message: str) -> str:
    if message.startswith(("unexpected end of template", "expected token 'end of print")):
        return "“{{”没有配对的“}}”"
    return message


def _suggest(report: Report, part: Narrative, pos: Pos) -> str:
    hint = "可引用的字段编号见 gkgen fields 的输出，例如 {{ t3.new.total }}。"
    lines = (part.source or "").splitlines()
    if not pos.line or pos.line > len(lines):
        return hint
    m = re.match(r"\{\{\s*([\w.]+)", lines[pos.line - 1][pos.column - 1:])
    close = difflib.get_close_matches(m.group(1), list(report.edition.cells), n=1) if m else []
    return f"是否应为 {{{{ {close[0]} }}}}？" + hint if close else hint


