"""Reading author files: text decoding and YAML with positions, every problem a finding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from gkgen.content.fullwidth import IME_HINT, Lookalike, find_lookalike, split_lines
from gkgen.content.reader import READ_HINT, Refused, read_bytes
from gkgen.findings import Finding, Pos
from gkgen.i18n import os_error_zh

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~7x faster
_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Composes nodes without resolving implicit tags: gkgen reads every scalar's raw text itself,
    and tag resolution (a regex per scalar) was a third of the load time."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]


def read_text(path: Path, findings: list[Finding], inside: Path | None = None,
              what: str = "") -> str | None:
    """The file's text, or None when it cannot be read as UTF-8 (a finding says why).

    what: the official label of the part the file holds, for the message.
    """
    label = f"「{what}」的文件 {path.name}" if what else "文件"
    try:
        data = read_bytes(path, inside)
    except Refused as exc:
        findings.append(Finding("F6", f"无法读取{label}：{exc}", Pos(path), hint=exc.hint))
        return None
    except OSError as exc:
        findings.append(Finding("F6", f"无法读取{label}：{os_error_zh(exc)}。",
                                Pos(path), hint=READ_HINT))
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


STOPS = "YAML 读到这里无法继续，本文件其余部分未检查，改正后再检查一次；其他文件照常检查。"


def compose_yaml(path: Path, text: str, findings: list[Finding]) -> yaml.Node | None:
    """The YAML node tree of text, or None (with a finding) when it is not valid YAML."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        f = _syntax_finding(path, text, exc)
        findings.append(Finding(f.id, f.message, f.pos, hint=f"{f.hint or ''}{STOPS}"))
        return None
    except RecursionError:  # deeper nesting than the parser can follow
        findings.append(Finding("F3", "YAML 语法错误：括号或缩进的嵌套层数过多。", Pos(path, 1, 1),
                                hint=STOPS))
        return None
    except yaml.YAMLError:  # a ReaderError: a character YAML does not accept
        findings.append(_control_finding(path, text))
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
    "exceeded maximum nesting depth": "括号或缩进的嵌套层数过多",
    "found unknown escape character": "双引号里的反斜杠“\\”后面是无法识别的转义字符",
    "found unexpected ':'": "此处出现了多余的冒号“:”",
    "expected <block end>": "缩进不对齐",
    "did not find expected <document start>": "缩进不对齐或多了一段内容",
    "found a tab character": "出现了 Tab 字符（YAML 只允许用空格缩进）",
    "while scanning": "无法识别的写法",
}
# Whatever PyYAML says in English that the table above does not know: never shown as such.
_UNKNOWN = "这里的写法 YAML 无法识别"
_HINT = "检查该行的缩进（只能用空格，不能用 Tab）、冒号后是否有空格、引号和括号是否成对。"
_INDENT_HINT = ("同一级的各项必须左端对齐，下一级比上一级多缩进两个空格；"
                "对照上下几行，检查这一行开头的空格数。")
_HINTS = {"did not find expected key": _INDENT_HINT, "expected <block end>": _INDENT_HINT,
          "did not find expected <document start>": _INDENT_HINT}
_NO_SPACE = re.compile(r"[^\s:]:(?![\s/])")
_COMMENT = re.compile(r"(?:^|\s)#.*")
_BRACE_NO_COLON = re.compile(r"^\s*([^:{}\[\]#,\s][^:{}\[\]#,]*?)\s*[{\[]")

Explained = tuple[int, int, str, str]  # 0-based line and column, message, hint


@dataclass
class _Failure:
    """A YAML parse error and the text it happened in."""

    lines: list[str]
    problem: str
    mark: yaml.Mark  # where to point by default
    exc: yaml.MarkedYAMLError

    @property
    def line(self) -> str:
        return self.lines[self.mark.line] if self.mark.line < len(self.lines) else ""


def _syntax_finding(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Finding:
    """An F3 finding at the most useful place: the tab, the full-width comma, the missing colon."""
    problem = exc.problem or exc.context or "无法解析"
    mark = exc.problem_mark or exc.context_mark
    # An unclosed bracket or quote is reported where the parser gave up; point at where it opened.
    if problem.startswith(("did not find expected ','", "expected ','", "found unexpected end")) \
            and exc.context_mark:
        mark = exc.context_mark
    if mark is None:
        return Finding("F3", f"YAML 语法错误：{_explain(problem)}", Pos(path, 1, 1), hint=_HINT)
    failure = _Failure(split_lines(text), problem, mark, exc)
    for explain in (_tab, _fullwidth, _quote, _missing_colon, _no_space, _missing_comma, _unclosed,
                    _bad_start):
        got = explain(failure)
        if got is not None:
            break
    else:
        hint = next((h for en, h in _HINTS.items() if problem.startswith(en)), _HINT)
        got = (mark.line, mark.column, _explain(problem), hint)
    line, column, message, hint = got
    return Finding("F3", f"YAML 语法错误：{message}", Pos(path, line + 1, column + 1), hint=hint)


def _tab(f: _Failure) -> Explained | None:
    if "\t" not in f.line[: f.mark.column + 1]:
        return None
    return (f.mark.line, f.line.index("\t"), "出现了 Tab 字符（YAML 只允许用空格缩进）",
            "把行首的 Tab 换成空格（每级缩进两个空格）。")


def _fullwidth(f: _Failure) -> Explained | None:
    context = f.exc.context_mark.line if f.exc.context_mark else f.mark.line
    last = (f.exc.problem_mark or f.mark).line
    found = find_lookalike(f.lines, *_suspect_lines(f.lines, min(f.mark.line, context), last))
    return None if found is None else (found.line - 1, found.column - 1, found.message(), IME_HINT)


def _quote(f: _Failure) -> Explained | None:
    # A quote left open swallows the lines after it; the parser fails far below.
    opened = _open_quote(f.lines[: f.mark.line + 1])
    if opened is None:
        return None
    return (*opened, "双引号没有成对", "在该行补上配对的“\"”，或去掉多余的引号。")


def _missing_colon(f: _Failure) -> Explained | None:
    """行政诉讼 (no colon) above its indented lines, or 行政复议 {…}: the key's colon is missing."""
    if f.problem.startswith("mapping values are not allowed"):
        m = _BRACE_NO_COLON.match(f.line)
        if m:
            return (f.mark.line, m.end(1), f"「{m.group(1)}」后面缺少冒号“:”",
                    f"应写作“{m.group(1)}: {{…}}”（英文冒号后加一个空格）。")
        at = _parent(f.lines, f.mark.line)
        if at == f.mark.line:
            return None
    elif f.problem.startswith("could not find expected ':'") and f.exc.context_mark:
        at = f.exc.context_mark.line
    else:
        return None
    body = _COMMENT.sub("", f.lines[at]).rstrip()
    if not body.strip() or ":" in body:
        return None
    return (at, len(body), f"「{body.strip()}」后面缺少冒号“:”",
            "每一项写作“键: 值”；下面还有缩进的下级项时，写作“键:”后换行。")


def _no_space(f: _Failure) -> Explained | None:
    m = _NO_SPACE.search(f.line)
    if not f.problem.startswith("mapping values are not allowed") or m is None:
        return None
    return f.mark.line, m.start() + 1, "冒号后缺少空格", "应写作“键: 值”（英文冒号后加一个空格）。"


def _missing_comma(f: _Failure) -> Explained | None:
    """{结果维持: 0 结果纠正: 0}: a value and the next key with no comma between them."""
    stop, opened = f.exc.problem_mark, f.exc.context_mark
    if not f.problem.startswith(("did not find expected ','", "expected ','")) or stop is None \
            or opened is None or stop.line != opened.line:
        return None
    line = f.lines[stop.line]
    if line[stop.column: stop.column + 1] != ":":
        return None
    start = max(line.rfind(",", 0, stop.column), line.rfind(": ", 0, stop.column) + 1, opened.column) + 1
    m = re.search(r"\S(\s+)\S+\s*$", line[start: stop.column])
    if m is None:
        return None
    column = start + m.end(1)
    brackets = "花括号" if line[opened.column] == "{" else "方括号"
    return (stop.line, column, f"第 {column + 1} 列之前缺少逗号“,”（{brackets}里的各项之间要用逗号隔开）",
            "在上一项后面加上半角逗号“,”和一个空格。")


def _unclosed(f: _Failure) -> Explained | None:
    """A bracket still open when the next line starts: point at the bracket."""
    stop, opened = f.exc.problem_mark, f.exc.context_mark
    if not f.problem.startswith(("did not find expected ','", "expected ','")) or stop is None \
            or opened is None or stop.line == opened.line:
        return None
    left = f.lines[opened.line][opened.column: opened.column + 1]
    if left not in "{[" or not left:
        return None
    right = "}" if left == "{" else "]"
    name = "花括号" if left == "{" else "方括号"
    return (opened.line, opened.column, f"{name}“{left}”没有配对的“{right}”",
            f"在这一组最后一项的后面补上“{right}”。")


def _bad_start(f: _Failure) -> Explained | None:
    if not f.problem.startswith("found character") or f.mark.column >= len(f.line):
        return None
    ch = f.line[f.mark.column]
    return (f.mark.line, f.mark.column, f"“{ch}”不能作为一项内容的开头",
            f"如果内容确实以“{ch}”开头，请把整项内容用英文双引号括起来。")


def _control_finding(path: Path, text: str) -> Finding:
    """F3 for a character YAML refuses (a control character pasted from Word or a web page)."""
    m = _CONTROL.search(text)
    if m is None:  # pragma: no cover - PyYAML refuses only these
        return Finding("F3", "YAML 语法错误：文件中有无法识别的字符。", Pos(path, 1, 1), hint=_HINT)
    before = split_lines(text[: m.start()])
    return Finding(
        "F3", f"YAML 语法错误：第 {len(before[-1]) + 1} 列有一个看不见的控制字符（U+{ord(m.group()):04X}），"
        "YAML 文件中不允许出现。", Pos(path, len(before), len(before[-1]) + 1),
        hint="删除该字符（常见于从 Word、网页复制来的内容）；可在编辑器中打开“显示不可见字符”后查找。")


_CONTROL = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _parent(lines: list[str], at: int) -> int:
    """The line that lines[at] is indented under (a plain scalar such as 键：值 runs on into
    the more indented lines below it); at itself when it is not indented."""
    indent = len(lines[at]) - len(lines[at].lstrip(" "))
    for i in range(at - 1, -1, -1):
        if not indent:
            break
        text = lines[i].strip()
        if text and not text.startswith("#") and len(lines[i]) - len(lines[i].lstrip(" ")) < indent:
            return i
    return at


def _suspect_lines(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """The lines a parse error may come from: first..last, back to the parent line or, at the
    top level, the line before (name：某机关 only fails on the next line)."""
    if first >= len(lines):
        return first, last
    parent = _parent(lines, first)
    if parent < first:
        return parent, last
    before = [i for i in range(first - 1, -1, -1)
              if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    return (before[0] if before else first), last


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
    return _UNKNOWN


def written_as(node: yaml.Node) -> str:
    """What a node that is in the wrong place was written as, for a message."""
    if isinstance(node, yaml.MappingNode):
        return "“键: 值”的形式（或花括号 {…}）"
    if isinstance(node, yaml.SequenceNode):
        return "一组用方括号 […] 或“- ”列出的值"
    return "一个数字" if str(node.value).strip().isdigit() else "一段文字"


def scalar_lookalike(path: Path, node: yaml.Node) -> Lookalike | None:
    """The first full-width look-alike in an unquoted scalar's source text, or None."""
    if not isinstance(node, yaml.ScalarNode) or node.style:
        return None
    try:
        lines = split_lines(read_bytes(path).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, Refused):
        return None
    start, end = node.start_mark, node.end_mark
    return find_lookalike(lines, start.line, end.line, start.column, end.column)


_MAP_HINT = "每项写作“键: 值”（英文冒号后加一个空格），可参照 gkgen new 生成的模板。"


def not_mapping(path: Path, node: yaml.Node, what: str, hint: str | None = None,
                shape: str = "“键: 值”的形式") -> Finding:
    """F5: node should be a mapping; a full-width colon that made it one long text is named."""
    found = scalar_lookalike(path, node)
    if found is not None:
        return Finding("F5", f"{what}应写成{shape}，但整段被读成了一段文字：{found.message()}",
                       Pos(path, found.line, found.column), hint=IME_HINT)
    return Finding("F5", f"{what}应写成{shape}，现在写成了{written_as(node)}。", pos_of(path, node),
                   hint=hint or _MAP_HINT)


def mapping_items(path: Path, node: yaml.Node, findings: list[Finding], what: str,
                  hint: str | None = None) -> list[tuple[str, yaml.ScalarNode, yaml.Node]] | None:
    """The (key, key node, value node) pairs of a mapping, duplicates reported; None if not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        findings.append(not_mapping(path, node, what, hint))
        return None
    seen: dict[str, yaml.Node] = {}
    out = []
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            findings.append(Finding("F5", f"键应是一段文字，现在写成了{written_as(knode)}。", pos_of(path, knode),
                                    hint=_MAP_HINT))
            continue
        key = str(knode.value)
        if key in seen:
            first = pos_of(path, seen[key])
            findings.append(Finding(
                "F5", f"键「{key}」重复出现（第一次在第 {first.line} 行）。", pos_of(path, knode),
                hint="删除多余的一处：同一项只能填写一次。"))
            continue
        seen[key] = knode
        out.append((key, knode, vnode))
    return out
