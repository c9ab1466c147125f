"""Matching the labels a source prints to the labels of gkgen.format, with tolerated variants.

No official label is typed here: the index is built from the edition's tables. The only
text typed here is VARIANTS — wordings seen on published pages — keyed by the stable
reference of the official label they stand for.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from gkgen.format import Cell, Col, Table
from gkgen.format import edition as get_edition
from gkgen.importer.normalize import key, strip_numbering

# Reworded or shortened labels seen on published pages, by the reference of the official
# label (row: cell-id prefix; column: "<table>:<column keys>"). Normalised when used.
VARIANTS: dict[str, tuple[str, ...]] = {
    "t2:issued": ("本年发件数", "本年发件", "本年制发数", "本年制发件"),
    "t2:repealed": ("本年废止件", "本年废止数"),
    "t2:in_force": ("现行有效件", "现行有效数", "现行有效"),
    "t2:amount": ("本年收费金额", "本年收费金额(万元)", "收费金额(单位:万元)"),
    "t3.result.partial": ("（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
                          "（二）部分公开（区分处理的，只计这一情况，不计其他情况）"),
    "t3.result.denied.internal": ("5.属于三类内容事务信息", "三类内容事务信息"),
    "t3.result.denied.process": ("6.属于四类过程信息",),
}

SIMILAR = 0.75  # lowest similarity accepted for a reworded label
MARGIN = 0.1  # how far ahead of the next best label it must be


@dataclass(frozen=True)
class Label:
    """One official label of a table: a block heading, a row or column header, a note."""

    text: str
    kind: str  # "block" | "row" | "col" | "header"
    ref: str  # stable reference (see VARIANTS)
    cells: tuple[Cell, ...] = ()  # a data row's cells, in column order


@dataclass(frozen=True)
class Match:
    labels: tuple[Label, ...]  # every official label with the matched text
    how: str  # "exact" | "normalised" | "variant" | "numbering" | "similar"
    score: float = 1.0

    @property
    def text(self) -> str:
        return self.labels[0].text

    def first(self, kind: str) -> Label | None:
        return next((lab for lab in self.labels if lab.kind == kind), None)


HOW_ZH = {"normalised": "标点、空格或字形不同", "variant": "常见改写", "numbering": "编号不同",
          "similar": "文字相近"}


def _row_labels(table: Table) -> list[Label]:
    out: dict[str, Label] = {}
    for cell in table.cells:
        depth = len(cell.row_labels)
        keys = cell.id.split(".")[1:1 + depth]
        for i in range(depth):
            ref = ".".join([table.key, *keys[:i + 1]])
            leaf = i == depth - 1
            if ref not in out:
                out[ref] = Label(cell.row_labels[i], "row", ref)
            if leaf:
                lab = out[ref]
                out[ref] = Label(lab.text, "row", ref, lab.cells + (cell,))
    return list(out.values())


def _col_labels(table: Table) -> list[Label]:
    out: dict[str, Label] = {}
    for block in table.blocks:
        for top in block.cols:
            stack: list[tuple[tuple[str, ...], Col]] = [((), top)]
            while stack:
                path, col = stack.pop()
                keys = (*path, col.key)
                ref = f"{table.key}:" + ".".join(k for k in keys if k)
                out.setdefault(ref + "|" + col.label, Label(col.label, "col", ref))
                stack.extend((keys, ch) for ch in col.children)
    return list(out.values())


def _other_labels(table: Table) -> list[Label]:
    out = []
    for b in table.blocks:
        if b.heading:
            out.append(Label(b.heading, "block", f"{table.key}:block:{b.key}"))
        for text in (b.stub, b.corner_note, b.col_group):
            if text:
                out.append(Label(text, "header", f"{table.key}:header"))
    return out


@dataclass(frozen=True)
class LabelIndex:
    """Every label of one table, ready for matching."""

    table: Table
    labels: tuple[Label, ...]

    def rows(self) -> list[Label]:
        """The data rows (leaf row headers), in document order."""
        return [lab for lab in self.labels if lab.kind == "row" and lab.cells]

    def by_key(self) -> dict[str, list[Label]]:
        out: dict[str, list[Label]] = {}
        for lab in self.labels:
            out.setdefault(key(lab.text), []).append(lab)
        return out

    def match(self, text: str) -> Match | None:
        """The official label(s) text stands for, or None when none fits with certainty."""
        return _match(self, text)


@cache
def label_index(edition_key: str, table_key: str) -> LabelIndex:
    """The label index of one table of one edition."""
    table = get_edition(edition_key).table(table_key)
    labels = _other_labels(table) + _row_labels(table) + _col_labels(table)
    return LabelIndex(table, tuple(labels))


def _match(index: LabelIndex, text: str) -> Match | None:
    k = key(text)
    if not k or "。" in text or len(k) > 80:  # a sentence is never a label
        return None
    by_key = index.by_key()
    if k in by_key:
        found = tuple(by_key[k])
        return Match(found, "exact" if text.strip() == found[0].text else "normalised")
    for lab in index.labels:
        if any(key(v) == k for v in VARIANTS.get(lab.ref, ())):
            return Match(tuple(x for x in index.labels if x.text == lab.text), "variant")
    bare = strip_numbering(k)
    same = {lk for lk in by_key if strip_numbering(lk) == bare}
    if bare and len(same) == 1:
        return Match(tuple(by_key[same.pop()]), "numbering")
    return _similar(by_key, k)


def _similar(by_key: dict[str, list[Label]], k: str) -> Match | None:
    if len(k) < 4:
        return None
    scored = sorted(((_score(k, lk), lk) for lk in by_key), reverse=True)
    best, runner = scored[0], (scored[1] if len(scored) > 1 else (0.0, ""))
    if best[0] >= SIMILAR and best[0] - runner[0] >= MARGIN:
        return Match(tuple(by_key[best[1]]), "similar", best[0])
    return None


def _score(a: str, b: str) -> float:
    if not 0.6 <= len(a) / len(b) <= 1.6:
        return 0.0
    plain = difflib.SequenceMatcher(None, a, b).ratio()
    bare = difflib.SequenceMatcher(None, strip_numbering(a), strip_numbering(b)).ratio()
    return max(plain, bare)
