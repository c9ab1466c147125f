"""Reading author files: text decoding and YAML with positions, every problem a finding."""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml

from gkgen.findings import Finding, Pos

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # libyaml missing: slower, same behaviour
    _Loader = yaml.SafeLoader


def read_text(path: Path, findings: list[Finding]) -> str | None:
    """The file's text, or None when it cannot be read as UTF-8 (a finding says why)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        findings.append(Finding("F6", f"无法读取文件：{exc.strerror}", Pos(path)))
        return None
    if data.startswith(codecs.BOM_UTF8):
        findings.append(Finding(
            "F2", "文件以 UTF-8 BOM（字节顺序标记）开头，已忽略该标记继续读取。", Pos(path, 1, 1),
            hint="用编辑器另存为“UTF-8（无 BOM）”即可消除此提示。"))
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "请用编辑器将文件另存为 UTF-8 编码。"
        try:
            data.decode("gb18030")
            hint = "文件似乎是 GBK/GB18030 编码。" + hint
        except UnicodeDecodeError:
            pass
        findings.append(Finding("F1", "文件不是 UTF-8 编码，无法读取。", Pos(path, line, col), hint=hint))
        return None


def pos_of(path: Path, node: yaml.Node) -> Pos:
    """The 1-based position of a YAML node."""
    return Pos(path, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_yaml(path: Path, text: str, findings: list[Finding]) -> yaml.Node | None:
    """The YAML node tree of text, or None (with a finding) when it is not valid YAML."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(path, mark.line + 1, mark.column + 1) if mark else Pos(path)
        problem = exc.problem or exc.context or "无法解析"
        findings.append(Finding(
            "F3", f"YAML 语法错误：{_explain(problem)}", pos,
            hint="检查该行的缩进（只能用空格，不能用 Tab）、冒号后是否有空格、引号和括号是否成对。"))
        return None
    except yaml.YAMLError as exc:
        findings.append(Finding("F3", f"YAML 语法错误：{exc}", Pos(path)))
        return None
    if node is None:
        findings.append(Finding("F6", "文件为空。", Pos(path, 1, 1),
                                hint="可以用 gkgen new 重新生成该文件的模板后再填写。"))
    return node


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "出现了 Tab 字符（YAML 只允许用空格缩进）",
    "mapping values are not allowed here": "此处不允许出现“键: 值”（常见原因：冒号后缺空格、缩进不对或值中含有未加引号的冒号）",
    "could not find expected ':'": "找不到应有的冒号“:”",
    "did not find expected key": "缩进不对齐，找不到应有的键",
    "found undefined alias": "引用了未定义的锚点",
}


def _explain(problem: str) -> str:
    for en, zh in _PROBLEMS.items():
        if problem.startswith(en):
            return zh
    return problem


def mapping_items(path: Path, node: yaml.Node, findings: list[Finding],
                  what: str) -> list[tuple[str, yaml.ScalarNode, yaml.Node]] | None:
    """The (key, key node, value node) pairs of a mapping, duplicates reported; None if not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        findings.append(Finding("F5", f"{what}应为“键: 值”的映射。", pos_of(path, node)))
        return None
    seen: dict[str, yaml.Node] = {}
    out = []
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            findings.append(Finding("F5", "键必须是文字。", pos_of(path, knode)))
            continue
        key = str(knode.value)
        if key in seen:
            first = pos_of(path, seen[key])
            findings.append(Finding(
                "F5", f"键「{key}」重复出现（第一次在第 {first.line} 行）。", pos_of(path, knode),
                hint="删除多余的一处，每个单元格只能填写一次。"))
            continue
        seen[key] = knode
        out.append((key, knode, vnode))
    return out
