"""A table's data columns as its header rows print them, when a leaf label repeats under
several groups (table 4's 结果维持 under 行政复议, 未经复议直接起诉 and 复议后起诉), so
only the whole label path tells a column: the printed order of the official columns, and
where a page adds a column of its own (blank in the header). Never a guess: a header that
does not name every column once, in a tree the official one allows, gives no layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gkgen.format import Col

Path = tuple[str, ...]  # column labels, outermost first (Cell.col_labels)
Namer = Callable[[str], str | None]  # a header text -> the official column label it stands for
_BLANK = ""


@dataclass(frozen=True)
class Layout:
    """The printed data columns, left to right: an official column's label path, or None for
    a column the official table does not have (blank in the header)."""

    columns: tuple[Path | None, ...]
    printed: tuple[str, ...] = ()  # each column's header texts as printed, outermost first

    def shown(self, path: Path) -> str:
        """The column's header texts as printed."""
        return self.printed[self.columns.index(path)] if self.printed else " ".join(path)

    def arrange(self, paths: list[Path], reads: list[str]) -> list[int] | str | None:
        """For each official path (in official order), the position of its value among reads;
        a reason (Chinese) when the row cannot be read by this layout; None when the layout
        does not apply to a row of this many cells."""
        leaves = [c for c in self.columns if c is not None]
        if sorted(leaves) != sorted(paths):
            return None
        if len(reads) == len(self.columns):
            where = {c: i for i, c in enumerate(self.columns) if c is not None}
            extra = [i for i, c in enumerate(self.columns) if c is None and reads[i].strip()]
            if extra:
                shown = "、".join(f"第 {i + 1} 格“{reads[i].strip()}”" for i in extra)
                return f"来源此行在没有列标签的列中印有内容（{shown}），无法确定属于哪一列，整行留空。"
            return [where[p] for p in paths]
        if len(reads) == len(leaves) and len(leaves) == len(self.columns):
            return [leaves.index(p) for p in paths]
        return None


def layout(cols: tuple[Col, ...], rows: list[list[str]], name: Namer) -> Layout | None:
    """The printed columns from the header rows (a span once per row; a cell spanning rows
    either repeated in each or printed only in its first; or every position filled, a span's
    label first and blanks after, as converters write pipe tables), or None when they do not fit."""
    named_rows = [r for r in rows if any(t.strip() and name(t) for t in r)]
    if len(named_rows) > 1 and len({len(r) for r in named_rows}) == 1:
        full = _full(cols, named_rows, name)
        if full is not None:
            return full
    entries: list[_Entry | None] | None = None
    for row in rows:
        texts = [(_BLANK, "") if not t.strip() else (name(t), " ".join(t.split())) for t in row]
        named = [(t, shown) for t, shown in texts if t is not None]
        if not any(t for t, _ in named):
            continue  # a row of other labels (a note, the group label over all columns)
        words = [t for t, _ in named]
        if entries is None or _is_top(cols, words):
            entries = _top(cols, named)
        else:
            entries = _next(entries, named)
        if entries is None:
            return None
        if all(e is None or not e[1].children for e in entries):
            return Layout(tuple(None if e is None else e[0] for e in entries),
                          tuple("" if e is None else " ".join(e[2]) for e in entries))
    return None


_Entry = tuple[Path, Col, Path]  # label path, the official column, the path as printed


def _leaf_count(col: Col) -> int:
    return sum(_leaf_count(k) for k in col.children) if col.children else 1


def _full(cols: tuple[Col, ...], rows: list[list[str]], name: Namer) -> Layout | None:
    """Header rows with every position filled: a label, then blanks for the rest of its span
    (or below it, where it spans rows); a position no label reaches is the page's own column."""
    width = len(rows[0])
    nodes: list[tuple[Col, ...]] = [()] * width  # per position: the official columns above it
    shown: list[tuple[str, ...]] = [()] * width
    for row in rows:
        span: tuple[tuple[Col, ...], int] | None = None  # the label spreading right, positions left
        for p, text in enumerate(row):
            label = name(text) if text.strip() else None
            if label is None and text.strip():
                span = None
                continue  # another kind of label (the corner note)
            if label is None:
                if span and span[1] > 0 and nodes[p] == span[0][:-1]:
                    nodes[p], shown[p] = span[0], shown[p - 1]
                    span = (span[0], span[1] - 1)
                continue
            here = nodes[p]
            choices = here[-1].children if here else cols
            col = next((c for c in choices if c.label == label), None)
            if col is None:
                return None
            nodes[p], shown[p] = (*here, col), (*shown[p], " ".join(text.split()))
            span = (nodes[p], _leaf_count(col) - 1)
    out = [None if not n else tuple(c.label for c in n) for n in nodes]
    if any(n and n[-1].children for n in nodes):
        return None
    leaves = [c for c in out if c is not None]
    if len(set(leaves)) != len(leaves):
        return None
    return Layout(tuple(out), tuple(" ".join(s) for s in shown))


def _is_top(cols: tuple[Col, ...], named: list[str]) -> bool:
    words = [t for t in named if t]
    return sorted(words) == sorted(c.label for c in cols)


def _top(cols: tuple[Col, ...], named: list[tuple[str, str]]) -> list[_Entry | None] | None:
    if not _is_top(cols, [t for t, _ in named]):
        return None
    by_label = {c.label: c for c in cols}
    return [None if not t else ((t,), by_label[t], (shown,)) for t, shown in named]


def _next(entries: list[_Entry | None], named: list[tuple[str, str]]) -> list[_Entry | None] | None:
    """The next header row: each group's children in printed order; a column spanning rows
    (a leaf, or a page's blank column) printed again or not at all — all alike."""
    needed = sum(len(e[1].children) for e in entries if e is not None and e[1].children)
    kept = sum(1 for e in entries if e is None or not e[1].children)
    if len(named) == needed + kept:
        again = True
    elif len(named) == needed:
        again = False
    else:
        return None
    out: list[_Entry | None] = []
    queue = list(named)
    for e in entries:
        if e is None or not e[1].children:
            if again:
                said = queue.pop(0)[0]
                if said != ("" if e is None else e[1].label):
                    return None
            out.append(e)
            continue
        path, col, shown = e
        mine, queue = queue[:len(col.children)], queue[len(col.children):]
        by_label = {c.label: c for c in col.children}
        if sorted(t for t, _ in mine) != sorted(by_label):
            return None
        out += [((*path, t), by_label[t], (*shown, s)) for t, s in mine]
    return out


def in_official_order(cols: tuple[Col, ...], rows: list[list[str]], name: Namer) -> bool:
    """Whether the labels the header rows name, read row by row, come in the order the
    official header prints them (some may be missing or unreadable): then the columns are
    in their official places even though no layout could be read."""
    official: list[str] = []
    level: list[Col] = list(cols)
    while level:
        official += [c.label for c in level]
        if all(not c.children for c in level):
            break
        level = [k for c in level for k in (c.children or (c,))]
    said = [t for row in rows for t in map(name, (x for x in row if x.strip())) if t]
    it = iter(official)
    return all(any(t == o for o in it) for t in said)
