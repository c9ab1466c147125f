"""Reading author files: text decoding and YAML with positions, every problem a finding."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from gkgen.findings import Finding, Pos

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~7x faster
_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Composes nodes without resolving implicit tags: gkgen reads every scalar's raw text itself,
    and tag resolution (a regex per scalar) was a third of the load time."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]


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
        findings.append(_syntax_finding(path, text, exc))
        return None
    except yaml.YAMLError as exc:
        findings.append(Finding("F3", f"YAML 语法错误：{exc}", Pos(path)))
        return None
    if node is None:
        findings.append(Finding("F6", "文件为空。", Pos(path, 1, 1),
                                hint="可以用 gkgen new 重新生成该文件的模板后再填写。"))
    return node


# PyYAML's messages (libyaml and pure Python word some differently), in the author's language.
_PROBLEMS = {
    "found character": "出现了不能作为内容开头的字符",
    "mapping values are not allowed": "此处不允许出现“键: 值”（常见原因：冒号后缺空格、缩进不对或值中含有未加引号的冒号）",
    "could not find expected ':'": "找不到应有的冒号“:”",
    "did not find expected key": "缩进不对齐，找不到应有的键",
    "did not find expected ',' or '}'": "花括号“{”没有配对的“}”，或两项之间缺少逗号",
    "did not find expected ',' or ']'": "方括号“[”没有配对的“]”，或两项之间缺少逗号",
    "expected ',' or '}'": "花括号“{”没有配对的“}”，或两项之间缺少逗号",  # pure-Python wording
    "expected ',' or ']'": "方括号“[”没有配对的“]”，或两项之间缺少逗号",
    "found unexpected end of stream": "引号没有成对（文件结束时引号仍未闭合）",
    "found undefined alias": "引用了未定义的锚点",
    "found duplicate anchor": "锚点重复定义",
}
_HINT = "检查该行的缩进（只能用空格，不能用 Tab）、冒号后是否有空格、引号和括号是否成对。"
_NO_SPACE = re.compile(r"[^\s:]:(?![\s/])")


def _syntax_finding(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Finding:
    """An F3 finding at the most useful place: the tab, or the bracket left open."""
    problem = exc.problem or exc.context or "无法解析"
    mark = exc.problem_mark or exc.context_mark
    # An unclosed bracket or quote is reported where the parser gave up; point at where it opened.
    if problem.startswith(("did not find expected ','", "expected ','", "found unexpected end")) \
            and exc.context_mark:
        mark = exc.context_mark
    if mark is None:
        return Finding("F3", f"YAML 语法错误：{_explain(problem)}", Pos(path, 1, 1), hint=_HINT)
    pos = Pos(path, mark.line + 1, mark.column + 1)
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    message, hint = _explain(problem), _HINT
    opened = _open_quote(lines[: mark.line + 1])
    if "\t" in line[: mark.column + 1]:
        message = "出现了 Tab 字符（YAML 只允许用空格缩进）"
        pos = Pos(path, mark.line + 1, line.index("\t") + 1)
        hint = "把行首的 Tab 换成空格（每级缩进两个空格）。"
    elif opened is not None:
        # A quote left open swallows the lines after it; the parser fails far below.
        pos = Pos(path, opened[0] + 1, opened[1] + 1)
        message = "双引号没有成对"
        hint = "在该行补上配对的“\"”，或去掉多余的引号。"
    elif problem.startswith("mapping values are not allowed") and _NO_SPACE.search(line):
        m = _NO_SPACE.search(line)
        assert m is not None
        pos = Pos(path, mark.line + 1, m.start() + 2)
        message = "冒号后缺少空格"
        hint = "应写作“键: 值”（英文冒号后加一个空格）。"
    return Finding("F3", f"YAML 语法错误：{message}", pos, hint=hint)


def _open_quote(lines: list[str]) -> tuple[int, int] | None:
    """(line, column) of the first double quote that its line leaves open, 0-based."""
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        quotes = [m.start() for m in re.finditer(r'(?<!\\)"', line)]
        if len(quotes) % 2:
            return i, quotes[-1]
    return None


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
