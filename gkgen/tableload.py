"""Loading a table file (2-proactive.yaml …) against the format's cell tree."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gkgen.findings import Finding, Pos
from gkgen.format import EDITIONS, Cell, Edition, Table, edition
from gkgen.model import Value
from gkgen.source import mapping_items, pos_of
from gkgen.values import parse_cell

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

    @property
    def edition(self) -> Edition:
        return edition_of(self.table)

    def load(self, trie: Node, node: yaml.Node, what: str) -> None:
        anchor = pos_of(self.path, node)
        if trie.is_row and isinstance(node, yaml.SequenceNode):
            self._sequence(trie, node)
            return
        if len(trie.children) == 1 and trie.is_row and isinstance(node, yaml.ScalarNode):
            self._scalar(next(iter(trie.children.values())).cell, node)  # type: ignore[arg-type]
            return
        items = mapping_items(self.path, node, self.findings, what)
        if items is None:  # the F5 says it all; an R5 per cell below would only repeat it
            for c in trie.cells():
                self.anchors.setdefault(c.id, anchor)
            return
        present: dict[str, Pos] = {}
        guessed: set[str] = set()
        for key, knode, vnode in join_thousands(items):
            child = trie.children.get(norm(key))
            if child is None:
                guessed.update(self._unknown(trie, key, knode))
                continue
            present[norm(key)] = pos_of(self.path, knode)
            if child.cell:
                self._scalar(child.cell, vnode)
            else:
                self.load(child, vnode, f"「{child.label}」")
        order = list(trie.children)
        for i, (k, child) in enumerate(trie.children.items()):
            if k in present or k in guessed:
                continue
            # Where the missing key belongs: before the next key that is there.
            after = [present[n] for n in order[i + 1:] if n in present]
            self._missing(child, after[0] if after else anchor, whole=not child.cell)

    def _scalar(self, cell: Cell, node: yaml.Node) -> None:
        pos = pos_of(self.path, node)
        self.anchors[cell.id] = pos
        if not isinstance(node, yaml.ScalarNode):
            self.findings.append(Finding("F5", f"{cell.label}应填写一个数字。", pos,
                                         cells=(cell.id,), labels=(cell.label,)))
            return
        value, finding = parse_cell(str(node.value), node.style in ("'", '"'), cell, pos)
        if finding:
            self.findings.append(finding)
        else:
            self.values[cell.id] = Value(value, pos)

    def _sequence(self, trie: Node, node: yaml.SequenceNode) -> None:
        cells = trie.cells()
        plain = [c for c in cells if not c.total]
        if len(node.value) not in (len(cells), len(plain)):
            names = "、".join(c.col_labels[-1] for c in cells)
            self.findings.append(Finding(
                "F5", f"「{trie.label}」应有 {len(cells)} 个数值（{names}），实际有 {len(node.value)} 个。",
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
        head = re.split(r"[:：]", key, maxsplit=1)[0]
        message = f"未知的键「{key}」。"
        if head != key and norm(head) in labels:  # 自然人:3 or 自然人：3 is one plain scalar
            close = [norm(head)]
            message = f"未知的键「{key}」：冒号后缺少空格（或用了中文冒号），整段被当作了键。"
            hint = f"应写作「{labels[close[0]]}: {key[len(head) + 1:].strip()}」（英文冒号后加一个空格）。"
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
        self.findings.append(Finding("F4", message, pos_of(self.path, knode), hint=hint,
                                     cells=tuple(c.id for c in cells),
                                     labels=tuple(c.label for c in cells)))
        return close

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
