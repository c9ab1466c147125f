"""Writing content files: table YAML with every official label, and new report folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gkgen.content.meta import PLACEHOLDER_NAME
from gkgen.content.tableload import Node, tree
from gkgen.findings import Number, fmt
from gkgen.format import Edition, Table
from gkgen.model import LEVELS

_PLAIN_KEY = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*$")


def _key(label: str) -> str:
    return label if _PLAIN_KEY.match(label) else json.dumps(label, ensure_ascii=False)


def _value(v: Number | None) -> str:
    return "" if v is None else fmt(v)


def _emit(node: Node, values: dict[str, Number | None], indent: int, out: list[str]) -> None:
    for child in node.children.values():
        pad = "  " * indent
        if child.is_row:
            inner = ", ".join(f"{_key(c.label)}: {_value(values.get(c.cell.id))}"  # type: ignore[union-attr]
                              for c in child.children.values())
            out.append(f"{pad}{_key(child.label)}: {{{inner}}}")
        else:
            out.append(f"{pad}{_key(child.label)}:")
            _emit(child, values, indent + 1, out)


def table_yaml(edition: Edition, table: Table, values: dict[str, Number | None],
               note: str = "") -> str:
    """The YAML text of one table file, every official cell once with its label."""
    heading = edition.parts[table.part - 1].heading
    lines = [
        f"# {heading}（{table.number}，{edition.name}）",
        "# 每格填写阿拉伯数字，为零的填 0，不要留空；金额以万元为单位，可带小数。",
        "# “总计”可以删去，由 gkgen 计算；填写了的总计会被核对。",
    ]
    if note:
        lines.append(f"# {note}")
    _emit(tree(table), values, 0, lines)
    return "\n".join(lines) + "\n"


def body_yaml(name: str | None, level: str) -> str:
    levels = "；".join(f"{k}＝{v}" for k, v in LEVELS.items())
    return (
        "# 机关信息\n"
        f"name: {_key(name or PLACEHOLDER_NAME)}    # 机关正式全称\n"
        f"level: {level}    # 层级：{levels}\n"
        "# region: 某某省某某市    # 所在地区（可选）\n"
        "# parent: 某某市人民政府    # 上级机关（可选）\n"
        "# deadline: \"02-28\"    # 当地规定的发布期限（次年月-日，可选）\n"
    )


def report_yaml(edition: Edition, year: int, due: str) -> str:
    return (
        f"# {year}年度政府信息公开工作年度报告的设置\n"
        f"edition: \"{edition.key}\"    # 格式版本：{edition.name}\n"
        f"# published: {due}    # 发布日期（法定期限 {due}），发布前填写\n"
        "# title: …    # 报告标题，留空则为“机关全称+年度+政府信息公开工作年度报告”\n"
        "# contact:\n#   地址: …\n#   电话: …\n"
    )


def narrative_md(hint: str) -> str:
    return f"{{# 提示：{hint}（这一行是注释，不会出现在报告中。） #}}\n"


def report_files(edition: Edition, year: int, due: str, folder: Path,
                 values: dict[str, Number | None], notes: dict[str, str]) -> dict[Path, str]:
    """Every file of a new report folder."""
    files = {folder / "report.yaml": report_yaml(edition, year, due)}
    for part in edition.parts:
        if part.table:
            files[folder / part.filename] = table_yaml(
                edition, edition.table(part.table), values, notes.get(part.table, ""))
        else:
            files[folder / part.filename] = narrative_md(part.hint)
    return files
