"""Reading author files: text decoding and YAML with positions, every problem a finding."""

from __future__ import annotations

import codecs
import errno
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from gkgen.findings import Finding, Pos
from gkgen.format import EDITIONS, edition

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
        findings.append(Finding("F6", f"无法读取文件：{_OS_ERRORS.get(exc.errno or 0, exc.strerror)}。",
                                Pos(path), hint="检查文件是否存在、是否被其他程序占用，以及是否有读取权限。"))
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


_OS_ERRORS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
              errno.ENOENT: "文件不存在", errno.EISDIR: "这是一个文件夹，不是文件"}


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
}
_HINT = "检查该行的缩进（只能用空格，不能用 Tab）、冒号后是否有空格、引号和括号是否成对。"
_NO_SPACE = re.compile(r"[^\s:]:(?![\s/])")


def _syntax_finding(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Finding:
    """An F3 finding at the most useful place: the tab, the full-width comma, the bracket left open."""
    problem = exc.problem or exc.context or "无法解析"
    mark = exc.problem_mark or exc.context_mark
    # An unclosed bracket or quote is reported where the parser gave up; point at where it opened.
    if problem.startswith(("did not find expected ','", "expected ','", "found unexpected end")) \
            and exc.context_mark:
        mark = exc.context_mark
    if mark is None:
        return Finding("F3", f"YAML 语法错误：{_explain(problem)}", Pos(path, 1, 1), hint=_HINT)
    pos = Pos(path, mark.line + 1, mark.column + 1)
    lines = split_lines(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    message, hint = _explain(problem), _HINT
    context = exc.context_mark.line if exc.context_mark else mark.line
    fullwidth = find_lookalike(lines, *_suspect_lines(lines, min(mark.line, context),
                                                     (exc.problem_mark or mark).line))
    opened = _open_quote(lines[: mark.line + 1])
    if "\t" in line[: mark.column + 1]:
        message = "出现了 Tab 字符（YAML 只允许用空格缩进）"
        pos = Pos(path, mark.line + 1, line.index("\t") + 1)
        hint = "把行首的 Tab 换成空格（每级缩进两个空格）。"
    elif fullwidth is not None:
        pos = Pos(path, fullwidth.line, fullwidth.column)
        message, hint = fullwidth.message(), IME_HINT
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
    elif problem.startswith("found character") and mark.column < len(line):
        message = f"“{line[mark.column]}”不能作为一项内容的开头"
        hint = f"如果内容确实以“{line[mark.column]}”开头，请把整项内容用英文双引号括起来。"
    return Finding("F3", f"YAML 语法错误：{message}", pos, hint=hint)


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
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """text's lines as YAML counts them."""
    return _BREAK.split(text)


# Full-width punctuation that a Chinese input method types where YAML needs the ASCII one:
# character -> (what it is, what it should be, the ASCII character).
LOOKALIKES: dict[str, tuple[str, str, str]] = {
    "，": ("全角逗号", "半角逗号", ","), "：": ("全角冒号", "半角冒号", ":"),
    "｛": ("全角花括号", "半角花括号", "{"), "｝": ("全角花括号", "半角花括号", "}"),
    "［": ("全角方括号", "半角方括号", "["), "］": ("全角方括号", "半角方括号", "]"),
    "【": ("中文方括号", "半角方括号", "["), "】": ("中文方括号", "半角方括号", "]"),
    "“": ("中文引号", "半角引号", '"'), "”": ("中文引号", "半角引号", '"'),
    "＂": ("全角引号", "半角引号", '"'), "＇": ("全角单引号", "半角单引号", "'"),
    "‘": ("中文单引号", "半角单引号", "'"), "’": ("中文单引号", "半角单引号", "'"),
    "\u3000": ("全角空格", "半角空格", " "),
}
IME_HINT = ("中文输入法容易打出全角标点。YAML 的冒号、逗号、括号和引号都必须是半角（英文）符号；"
            "多数输入法可按 Ctrl+. 在中英文标点之间切换。")


def _show(ch: str) -> str:
    if ch in " \u3000":
        return ""
    return f"「{ch}」" if ch in "\"'“”‘’＂＇" else f"“{ch}”"


@dataclass(frozen=True)
class Lookalike:
    """A full-width look-alike of the punctuation YAML needs, at a 1-based place."""

    line: int
    column: int
    char: str

    def message(self) -> str:
        """第 N 列用了全角逗号“，”，请改为半角逗号“,”。"""
        name, ascii_name, ascii = LOOKALIKES[self.char]
        fix = f"请改为{ascii_name}{_show(ascii)}"
        if self.char == "：":
            fix += "，并在其后加一个空格"
        elif ascii in "\"'":
            fix += "，或者去掉引号"
        return f"第 {self.column} 列用了{name}{_show(self.char)}，{fix}。"


@functools.lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    """The official labels that contain a look-alike themselves (（单位：万元）, “三安全一稳定”), longest first."""
    labels = {lab for k in EDITIONS for t in edition(k).tables for c in t.cells for lab in c.yaml_path}
    return tuple(sorted((x for x in labels if any(ch in LOOKALIKES for ch in x)), key=len, reverse=True))


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_PARENS = re.compile(r"（[^（）]*）")
_COMMENT = re.compile(r"(?:^|\s)#.*")


def _mask(line: str) -> str:
    """line with what may rightly hold full-width punctuation blanked out: labels, quoted
    text, （…）, comments."""
    for label in _labels():
        line = line.replace(label, "\0" * len(label))
    line = _QUOTED.sub(lambda m: "\0" * len(m.group()), line)
    line = _PARENS.sub(lambda m: "\0" * len(m.group()), line)
    return _COMMENT.sub(lambda m: "\0" * len(m.group()), line)


def lookalike_at(text: str) -> int | None:
    """The 0-based index of the first suspicious look-alike in one line of text, or None."""
    masked = _mask(text)
    return next((i for i, ch in enumerate(masked) if ch in LOOKALIKES), None)


def find_lookalike(lines: list[str], first: int, last: int, start: int = 0,
                   end: int | None = None) -> Lookalike | None:
    """The first look-alike on lines[first..last] (0-based), from column start of the first line
    to column end of the last."""
    for i in range(first, min(last, len(lines) - 1) + 1):
        line = lines[i]
        lo = start if i == first else 0
        hi = end if i == last and end is not None else len(line)
        at = lookalike_at("\0" * lo + line[lo:hi])
        if at is not None:
            return Lookalike(i + 1, at + 1, line[at])
    return None


def _suspect_lines(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """The lines a parse error may come from: first..last, and back to the parent line (a
    plain scalar such as 键：值 runs on into the more indented lines below it)."""
    if first >= len(lines):
        return first, last
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    if not indent:
        return first, last
    for i in range(first - 1, -1, -1):
        text = lines[i].strip()
        if text and not text.startswith("#") and len(lines[i]) - len(lines[i].lstrip(" ")) < indent:
            return i, last
    return first, last


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
        lines = split_lines(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
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
