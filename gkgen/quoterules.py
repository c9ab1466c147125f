"""What a quoting expression in a Markdown part may contain: figures and plain arithmetic.

The Jinja sandbox stops attribute tricks, but not `{{ 'a' * 10**9 }}`, nested loops over
range(), recursion through macros, or globals such as lipsum. Rather than limit each, an
expression is checked against a short list of what an author needs and refused otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jinja2 import nodes

NAMES = frozenset({"t2", "t3", "t4", "year", "next_year", "body", "title"})
FILTERS = frozenset({"round", "int", "abs"})
_ARITH = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv)
LIMIT = 10**12
ONLY = "只能引用表格数字（如 {{ t3.new.total }}），或对它们做加减乘除；不能使用 {% %} 语句、函数和其他名称。"


def problems(node: nodes.Node) -> Iterator[tuple[int, str]]:
    """(line, message) for every part of a parsed template that is not a figure or arithmetic."""
    if isinstance(node, nodes.Template | nodes.Output):
        for child in node.iter_child_nodes():
            yield from problems(child)
    elif isinstance(node, nodes.TemplateData):
        return
    elif isinstance(node, nodes.Name):
        if node.name not in NAMES:
            yield node.lineno, f"没有名为“{node.name}”的数据"
    elif isinstance(node, nodes.Getattr):
        if node.attr.startswith("_"):
            yield node.lineno, f"不能读取“{node.attr}”"
        yield from problems(node.node)
    elif isinstance(node, nodes.Const):
        yield from _const(node)
    elif isinstance(node, _ARITH):
        yield from problems(node.left)
        yield from problems(node.right)
    elif isinstance(node, nodes.Neg | nodes.Pos):
        yield from problems(node.node)
    elif isinstance(node, nodes.Filter) and node.node is not None and node.name in FILTERS \
            and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None:
        yield from problems(node.node)
        for arg in node.args:
            yield from problems(arg)
    else:
        yield node.lineno, f"不支持的写法（{type(node).__name__}）"


def _const(node: nodes.Const) -> Iterator[tuple[int, str]]:
    value: object = node.value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        yield node.lineno, f"不能写常量 {value!r}"
        return
    number: int | float | Decimal = value
    if not -LIMIT <= number <= LIMIT:
        yield node.lineno, "数字过大"
