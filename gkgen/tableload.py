"""Loading a table file (2-proactive.yaml …) against the format's cell tree."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gkgen.findings import Finding, Pos
from gkgen.format import Cell, Table
from gkgen.model import Value
from gkgen.source import mapping_items, pos_of
from gkgen.values import parse_cell


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

    @property
    def is_row(self) -> bool:
        return bool(self.children) and all(ch.cell for ch in self.children.values())


def tree(table: Table) -> Node:
    """The key tree of a table's YAML file."""
    root = Node("")
    for cell in table.cells:
        node = root
        for label in cell.yaml_path:
            node = node.children.setdefault(norm(label), Node(label))
        node.cell = cell
    return root


@dataclass
class TableLoad:
    path: Path
    values: dict[str, Value]
    anchors: dict[str, Pos]
    findings: list[Finding]

    def load(self, trie: Node, node: yaml.Node, what: str) -> None:
        anchor = pos_of(self.path, node)
        if trie.is_row and isinstance(node, yaml.SequenceNode):
            self._sequence(trie, node)
            return
        if len(trie.children) == 1 and trie.is_row and isinstance(node, yaml.ScalarNode):
            self._scalar(next(iter(trie.children.values())).cell, node)  # type: ignore[arg-type]
            return
        items = mapping_items(self.path, node, self.findings, what)
        if items is None:
            self._missing(trie, anchor, whole=True)
            return
        seen: set[str] = set()
        for key, knode, vnode in items:
            child = trie.children.get(norm(key))
            if child is None:
                self._unknown(trie, key, knode)
                continue
            seen.add(norm(key))
            if child.cell:
                self._scalar(child.cell, vnode)
            else:
                self.load(child, vnode, f"「{child.label}」")
        for k, child in trie.children.items():
            if k not in seen:
                self._missing(child, anchor, whole=not child.cell)

    def _scalar(self, cell: Cell, node: yaml.Node) -> None:
        pos = pos_of(self.path, node)
        self.anchors[cell.id] = pos
        if not isinstance(node, yaml.ScalarNode):
            self.findings.append(Finding("F5", f"{cell.label}应填写一个数字。", pos,
                                         cells=(cell.id,), labels=(cell.label,)))
            return
        value, finding = parse_cell(str(node.value), node.style is not None, cell, pos)
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

    def _unknown(self, trie: Node, key: str, knode: yaml.Node) -> None:
        labels = {k: ch.label for k, ch in trie.children.items()}
        close = difflib.get_close_matches(norm(key), list(labels), n=1, cutoff=0.4)
        hint = f"是否应为「{labels[close[0]]}」？" if close else (
            "此处可用的键：" + "、".join(labels.values()))
        self.findings.append(Finding("F4", f"未知的键「{key}」。", pos_of(self.path, knode), hint=hint))

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
    TableLoad(path, values, anchors, findings).load(tree(table), node, f"{table.number}文件")
