"""Loading a table file (2-proactive.yaml …) against the format's cell tree."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gkgen.content.fullwidth import IME_HINT, LOOKALIKES, Lookalike
from gkgen.content.source import mapping_items, not_mapping, pos_of, written_as
from gkgen.content.values import is_blank, parse_cell
from gkgen.findings import Finding, Pos
from gkgen.format import EDITIONS, Cell, Edition, Table, edition
from gkgen.model import Value

Item = tuple[str, yaml.ScalarNode, yaml.Node]


@functools.lru_cache(maxsize=65536)
def norm(label: str) -> str:
    """A label reduced for matching: NFKC, no white space, straight quotes."""
    s = unicodedata.normalize("NFKC", label)
    s = "".join(s.split())
    return s.replace("“", '"').replace("”", '"').replace("．", ".")


@dataclass
class Node:
    label: str
    children: dict[str, Node] = field(default_factory=dict)  # norm(label) -> node
    cell: Cell | None = None

    def cells(self) -> list[Cell]:
        if self.cell:
            return [self.cell]
        return [c for ch in self.children.values() for c in ch.cells()]

    @functools.cached_property
    def is_row(self) -> bool:
        return bool(self.children) and all(ch.cell for ch in self.children.values())


_TREES: dict[int, tuple[Table, Node]] = {}


def tree(table: Table) -> Node:
    """The key tree of a table's YAML file (built once per table; read-only afterwards)."""
    cached = _TREES.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    root = _build_tree(table)
    _TREES[id(table)] = (table, root)
    return root


def _build_tree(table: Table) -> Node:
    root = Node("")
    for cell in table.cells:
        node = root
        for label in cell.yaml_path:
            node = node.children.setdefault(norm(label), Node(label))
        node.cell = cell
    return root


def join_thousands(items: list[Item]) -> list[Item]:
    """Undo YAML's split of {自然人: 1,234}: the comma made "234" a key of its own."""
    out: list[Item] = []
    for key, knode, vnode in items:
        if out and re.fullmatch(r"\d{3}", key) and _empty(vnode):
            pkey, pknode, pvnode = out[-1]
            if (isinstance(pvnode, yaml.ScalarNode) and not pvnode.style
                    and re.fullmatch(r"[+-]?\d{1,3}(,\d{3})*", str(pvnode.value))
                    and knode.start_mark.index == pvnode.end_mark.index + 1):
                joined = yaml.ScalarNode(pvnode.tag, f"{pvnode.value},{key}", pvnode.start_mark,
                                         knode.end_mark, style=pvnode.style)
                out[-1] = (pkey, pknode, joined)
                continue
        out.append((key, knode, vnode))
    return out


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


_QUOTES = "“”‘’＂＇「」\"'"


def _glued(key: str, labels: dict[str, str]) -> int | None:
    """Where a colon without its space glued a label and its value into one key (自然人:3)."""
    for m in re.finditer("[:：]", key):
        if norm(key[:m.start()]) in labels:
            return m.start()
    return None


def shape_hint(trie: Node) -> str:
    """How the part of the file that trie describes is written, as an example to copy."""
    if trie.is_row:
        keys = [ch.label for ch in trie.children.values()]
        pairs = ", ".join(f"{k}: 0" for k in keys)
        return (f"应写作 {{{pairs}}}，把 0 换成实际数字；"
                f"也可以按列的顺序写成 [{', '.join('0' for _ in keys)}]。")
    names = "、".join(f"「{ch.label}」" for ch in trie.children.values())
    return f"这里应逐项写出{names}，每项一行，写作“键: 值”（英文冒号后加一个空格）；可参照 gkgen new 生成的模板。"


def other_edition(table: Table, key: str) -> Edition | None:
    """The other edition whose same table prints key, when this one does not."""
    here = {norm(lab) for c in table.cells for lab in c.yaml_path}
    if norm(key) in here:
        return None
    for k in EDITIONS:
        other = edition(k).table(table.key)
        if other != table and norm(key) in {norm(lab) for c in other.cells for lab in c.yaml_path}:
            return edition(k)
    return None


def edition_of(table: Table) -> Edition:
    """The edition a table belongs to."""
    return next(edition(k) for k in EDITIONS if edition(k).table(table.key) == table)


@dataclass
class TableLoad:
    path: Path
    table: Table
    values: dict[str, Value]
    anchors: dict[str, Pos]
    findings: list[Finding]
    blank: set[str] = field(default_factory=set)  # cells typed blank

    @property
    def edition(self) -> Edition:
        return edition_of(self.table)

    def load(self, trie: Node, node: yaml.Node, what: str, at: Pos | None = None) -> None:
        """Read node as trie's part of the file; at is the place of its key (a row's place)."""
        anchor = pos_of(self.path, node)
        start = len(self.findings)
        if trie.is_row and isinstance(node, yaml.SequenceNode):
            self._sequence(trie, node)
            self._group_blanks(trie, at or anchor, start)
            return
        if len(trie.children) == 1 and trie.is_row and isinstance(node, yaml.ScalarNode):
            self._scalar(next(iter(trie.children.values())).cell, node)  # type: ignore[arg-type]
            return
        if trie.is_row and not isinstance(node, yaml.MappingNode):
            items = None
            self.findings.append(not_mapping(self.path, node, what, shape_hint(trie),
                                             shape="“键: 值”的形式 {…}（或按列的顺序写成 […]）"))
        else:
            items = mapping_items(self.path, node, self.findings, what, hint=shape_hint(trie))
        if items is None:  # the F5 says it all; an R5 per cell below would only repeat it
            for c in trie.cells():
                self.anchors.setdefault(c.id, anchor)
            return
        present: dict[str, Pos] = {}
        guessed: set[str] = set()
        for key, knode, vnode in join_thousands(items):
            child = trie.children.get(norm(key))
            if child is None:
                meant = self._unknown(trie, key, knode)
                guessed.update(meant)
                for k in meant:  # the cells the F4 names belong where the misspelt key is
                    for c in trie.children[k].cells():
                        self.anchors.setdefault(c.id, pos_of(self.path, knode))
                continue
            present[norm(key)] = pos_of(self.path, knode)
            if child.cell:
                self._scalar(child.cell, vnode)
            else:
                self.load(child, vnode, f"「{child.label}」", present[norm(key)])
        order = list(trie.children)
        for i, (k, child) in enumerate(trie.children.items()):
            if k in present or k in guessed:
                continue
            # Where the missing key belongs: before the next key that is there.
            after = [present[n] for n in order[i + 1:] if n in present]
            self._missing(child, after[0] if after else anchor, whole=not child.cell)
        if trie.is_row:
            self._group_blanks(trie, at or anchor, start)

    def _group_blanks(self, trie: Node, at: Pos, start: int) -> None:
        """One R5 for a row whose cells are all blank (an imported report's lost row), not one a cell."""
        blank = [f for f in self.findings[start:] if f.id == "R5" and len(f.cells) == 1
                 and f.cells[0] in self.blank]
        ids = {f.cells[0] for f in blank}
        if len(blank) < 2 or any(c.id not in ids for c in trie.cells() if not c.total):
            return
        first = next(i for i, f in enumerate(self.findings) if f is blank[0])
        gone = {id(f) for f in blank}
        self.findings[:] = [f for f in self.findings if id(f) not in gone]
        row = " ".join(trie.cells()[0].yaml_path[:-1])
        self.findings.insert(first, Finding(
            "R5", f"「{row}」这一行 {len(blank)} 个单元格都是空白。空白不等于零。", at,
            hint="逐格填写数字，确实为零的填 0。由 gkgen import 导入的报告，留空的原因见 import-log.md。",
            cells=tuple(c for f in blank for c in f.cells), labels=tuple(x for f in blank for x in f.labels)))

    def _scalar(self, cell: Cell, node: yaml.Node) -> None:
        pos = pos_of(self.path, node)
        self.anchors[cell.id] = pos
        if not isinstance(node, yaml.ScalarNode):
            self.findings.append(Finding(
                "F5", f"{cell.label}：这里应填写一个数字，现在写成了{written_as(node)}。", pos,
                hint=f"在「{cell.yaml_path[-1]}: 」后只填一个数字，例如 {cell.yaml_path[-1]}: 0；"
                "不要再写花括号或方括号。", cells=(cell.id,), labels=(cell.label,)))
            return
        quoted = node.style in ("'", '"')
        if is_blank(str(node.value), quoted):
            self.blank.add(cell.id)
        value, finding = parse_cell(str(node.value), quoted, cell, pos)
        if finding:
            self.findings.append(finding)
        else:
            self.values[cell.id] = Value(value, pos)

    def _sequence(self, trie: Node, node: yaml.SequenceNode) -> None:
        cells = trie.cells()
        plain = [c for c in cells if not c.total]
        if len(node.value) not in (len(cells), len(plain)):
            names = "、".join(c.col_labels[-1] for c in cells)
            without = f"；不填总计时为 {len(plain)} 个" if len(plain) < len(cells) else ""
            self.findings.append(Finding(
                "F5", f"「{trie.label}」应有 {len(cells)} 个数值（{names}{without}），实际有 {len(node.value)} 个。",
                pos_of(self.path, node), hint="按列的顺序逐一填写；总计可以不填，由系统计算。",
                cells=tuple(c.id for c in cells), labels=tuple(c.label for c in cells),
                expected=len(cells), actual=len(node.value)))
            for c in cells:
                self.anchors[c.id] = pos_of(self.path, node)
            return
        for c in cells:
            self.anchors.setdefault(c.id, pos_of(self.path, node))
        for cell, vnode in zip(cells if len(node.value) == len(cells) else plain, node.value,
                               strict=True):
            self._scalar(cell, vnode)

    def _unknown(self, trie: Node, key: str, knode: yaml.Node) -> list[str]:
        """An F4 finding for key; returns the key it most likely means (its cells are in the F4)."""
        labels = {k: ch.label for k, ch in trie.children.items()}
        message = f"未知的键「{key}」。"
        pos = pos_of(self.path, knode)
        at = _glued(key, labels)
        unquoted = key.strip(_QUOTES)
        if at is not None:  # 自然人:3 or 自然人：3 is one plain scalar
            close = [norm(key[:at])]
            hint = f"应写作「{labels[close[0]]}: {key[at + 1:].strip()}」（英文冒号后加一个空格）。"
            pos = self._at(knode, at)
            if key[at] in LOOKALIKES:
                fw = Lookalike(pos.line, pos.column, key[at])
                message = f"未知的键「{key}」（整段被当作了一个键）：{fw.message()}"
                hint += IME_HINT
            elif key[at + 1:at + 2] == "\u3000":
                pos = self._at(knode, at + 1)
                message = f"未知的键「{key}」：冒号后用了全角空格，整段被当作了一个键。"
                hint += IME_HINT
            else:
                message = f"未知的键「{key}」：冒号后缺少空格，整段被当作了一个键。"
        elif unquoted != key and norm(unquoted) in labels:
            close = [norm(unquoted)]
            message = f"未知的键「{key}」：名称外加了中文引号，引号被当作了名称的一部分。"
            hint = f"去掉引号，写作「{labels[close[0]]}」；表格中的名称和数字都不需要加引号。"
        elif len(starts := [k for k in labels if len(norm(key)) >= 2 and k.startswith(norm(key))]) == 1:
            close = starts  # （二）部分公开 is the natural short form of the long official label
            hint = f"是否应为「{labels[close[0]]}」？标签要写全，不能只写开头。"
        else:
            close = difflib.get_close_matches(norm(key), list(labels), n=1, cutoff=0.4)
            hint = f"是否应为「{labels[close[0]]}」？" if close else (
                "此处可用的键：" + "、".join(labels.values()))
        other = other_edition(self.table, key)
        if other:
            message = (f"「{key}」是{other.key}版格式（{other.name}）的标签，"
                       f"本报告按{self.edition.key}版（{self.edition.name}）填写。")
            hint += f"如果本报告确实按{other.key}版填写，请在 report.yaml 中写 edition: \"{other.key}\"。"
        cells = [c for k in close for c in trie.children[k].cells()]
        self.findings.append(Finding("F4", message, pos, hint=hint, cells=tuple(c.id for c in cells),
                                     labels=tuple(c.label for c in cells)))
        return close

    def _at(self, knode: yaml.Node, index: int) -> Pos:
        """The place of the index-th character of a one-line unquoted key."""
        start = knode.start_mark
        if isinstance(knode, yaml.ScalarNode) and not knode.style and start.line == knode.end_mark.line:
            return Pos(self.path, start.line + 1, start.column + index + 1)
        return pos_of(self.path, knode)

    def _missing(self, trie: Node, anchor: Pos, whole: bool) -> None:
        for c in trie.cells():
            self.anchors.setdefault(c.id, anchor)
        missing = [c for c in trie.cells() if not c.total]
        if not missing:
            return
        if whole and len(missing) > 1:
            self.findings.append(Finding(
                "R5", f"缺少「{trie.label}」（{len(missing)} 个单元格未填写）。", anchor,
                hint="补上这一项并逐格填写数字，为零的填 0。",
                cells=tuple(c.id for c in missing), labels=tuple(c.label for c in missing)))
            return
        for c in missing:
            self.findings.append(Finding(
                "R5", f"{c.label}：缺少该单元格。", anchor, hint=f"补上「{c.yaml_path[-1]}」并填写数字，为零的填 0。",
                cells=(c.id,), labels=(c.label,)))


def load_table(path: Path, table: Table, node: yaml.Node, findings: list[Finding],
               values: dict[str, Value], anchors: dict[str, Pos]) -> None:
    """Read one table file's node tree into values, reporting every problem."""
    TableLoad(path, table, values, anchors, findings).load(tree(table), node, f"{table.number}文件")
