"""What a quoting expression in a Markdown part may contain: figures and plain arithmetic.

The Jinja sandbox stops attribute tricks, but not `{{ 'a' * 10**9 }}`, nested loops over
range(), recursion through macros, or globals such as lipsum. Rather than limit each, an
expression is checked against a short list of what an author needs and refused otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

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
    elif isinstance(node, nodes.Getitem):
        if not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)
                and not node.arg.value.startswith("_")):
            yield node.lineno, "方括号中只能写字段名"
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


class Unknown(Exception):
    """A name or field that the report does not have."""

    def __init__(self, line: int, name: str) -> None:
        super().__init__(f"没有名为“{name}”的数据")
        self.line = line
        self.name = name


def _number(value: Any) -> Any:
    # Constants join the figures' decimal arithmetic, so 0.1 + 0.2 prints as 0.3.
    return Decimal(str(value)) if isinstance(value, int | float) else value


_OPS: dict[type, Callable[[Any, Any], Any]] = {
    nodes.Add: lambda a, b: a + b, nodes.Sub: lambda a, b: a - b, nodes.Mul: lambda a, b: a * b,
    nodes.Div: lambda a, b: a / b, nodes.FloorDiv: lambda a, b: a // b,
}
_FILTER_FUNCS: dict[str, Callable[..., Any]] = {
    "round": lambda v, digits=0: round(v, int(digits)), "int": int, "abs": abs,
}


def evaluate(node: nodes.Node, names: Mapping[str, Any]) -> Any:
    """The value of an expression that `problems` accepted."""
    if isinstance(node, nodes.Name):
        if node.name not in names:
            raise Unknown(node.lineno, node.name)
        return names[node.name]
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        base = evaluate(node.node, names)
        if not isinstance(base, Mapping) or key not in base:
            raise Unknown(node.lineno, str(key))
        return base[key]
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.BinExpr):
        return _OPS[type(node)](_number(evaluate(node.left, names)),
                                _number(evaluate(node.right, names)))
    if isinstance(node, nodes.Neg):
        return -_number(evaluate(node.node, names))
    if isinstance(node, nodes.Pos):
        return _number(evaluate(node.node, names))
    if isinstance(node, nodes.Filter) and node.node is not None:
        args = [evaluate(a, names) for a in node.args]
        return _FILTER_FUNCS[node.name](evaluate(node.node, names), *args)
    raise TypeError(type(node).__name__)  # pragma: no cover - problems() refuses it first


def render(template: nodes.Template, names: Mapping[str, Any], show: Callable[[Any], str]) -> str:
    """The template's text with every expression replaced by its shown value."""
    out: list[str] = []
    for output in template.body:
        assert isinstance(output, nodes.Output)
        for item in output.nodes:
            if isinstance(item, nodes.TemplateData):
                out.append(item.data)
                continue
            try:
                out.append(show(evaluate(item, names)))
            except Exception as exc:
                if hasattr(exc, "line") and not exc.line:  # where it failed, for the finding
                    exc.line = item.lineno
                raise
    return "".join(out)
