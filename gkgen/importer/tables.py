"""Placing a source table's cells into the official cells, never guessing a position."""

from __future__ import annotations

from dataclasses import dataclass, field

from gkgen.findings import Number, fmt
from gkgen.format import Cell, Table
from gkgen.importer.cells import Read, is_number, is_odd, placements, read
from gkgen.importer.columns import Layout, in_official_order, layout
from gkgen.importer.doc import Block, Flat, Grid
from gkgen.importer.labels import HOW_ZH, Label, LabelIndex, label_index
from gkgen.importer.log import CellIssue, CellRead, ImportLog, LabelNote


@dataclass
class Placer:
    """Walks a table's source cells, row by row, into values; every doubt goes to the log."""

    index: LabelIndex
    log: ImportLog
    values: dict[str, Number | None] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # refs of rows placed
    row: Label | None = None
    pending: list[Read] = field(default_factory=list)
    exact: bool = True
    stray: list[str] = field(default_factory=list)
    empty_rows: list[Label] = field(default_factory=list)  # flattened rows without numbers
    flat_rows: list[Label] = field(default_factory=list)  # flattened rows placed by count
    overfull: bool = False  # a flattened row had more values than cells: the order is unsure
    header: list[str] = field(default_factory=list)  # the last header row's column labels, in printed order
    header_printed: dict[str, str] = field(default_factory=dict)  # official leaf label -> as printed
    page: int | None = None  # the PDF page of the grid being read
    printed_rows: list[str] = field(default_factory=list)  # row labels of the current row, as printed
    where: dict[str, CellRead] = field(default_factory=dict)  # cell id -> where its value was read
    head_rows: list[list[str]] = field(default_factory=list)  # the header rows over the data rows
    after_data: bool = False  # a data row came since the last header row
    unsure_header: bool = False  # header rows that name columns but fit no official layout
    names: dict[str, str | None] = field(default_factory=dict)  # header text -> official column label
    layouts: dict[int, Layout | None] = field(default_factory=dict)  # by head_count
    head_count: int = 0  # header rows seen: a new one (or a new header) changes the layout

    @property
    def table(self) -> Table:
        return self.index.table

    def feed(self, cells: list[str], exact: bool, page: int | None = None) -> None:
        """One grid row (exact) or a whole flattened stream (not exact)."""
        self.exact, self.page = exact, page
        if exact:
            self.printed_rows = []
            self._header(cells)
        if exact and not self.index.rows() and all(is_number(c) for c in cells) \
                and any(c.strip() for c in cells):
            self.row = self._whole_table()  # a data row of a table without row headers
        for raw in cells:
            self._token(raw)
        self._flush()

    def _header(self, cells: list[str]) -> None:
        """Remember a header row's leaf column labels, so data rows are read by label, not position."""
        if any(c.strip() and is_number(c) for c in cells):
            self.after_data = True
            return
        if self.after_data:  # a new header (a table repeated on the next page)
            self.head_rows, self.after_data = [], False
        self.head_rows.append(cells)
        self.head_count += 1
        cols: list[str] = []
        printed: dict[str, str] = {}
        for text in cells:
            m = self.index.match(text)
            col = m.first("col") if m and not m.first("row") else None
            if col and (not cols or cols[-1] != col.text):  # a rowspan repeats a label
                cols.append(col.text)
                printed.setdefault(col.text, " ".join(text.split()))
        self.header_printed.update(printed)  # every header row names some columns (spans)
        if len(cols) >= 2:
            self.header = cols

    def _by_label(self, cells: tuple[Cell, ...], reads: list[Read]) -> list[Read]:
        """The reads in the official column order, when the header names each column once."""
        leaves = [c.col_labels[-1] for c in cells]
        printed = [c for c in self.header if c in leaves]
        if len(set(leaves)) != len(leaves) or sorted(printed) != sorted(leaves) or printed == leaves:
            return reads
        by_leaf = dict(zip(printed, reads, strict=True))
        return [by_leaf[leaf] for leaf in leaves]

    def _col_name(self, text: str) -> str | None:
        if text not in self.names:
            m = self.index.match(text)
            col = m.first("col") if m and not m.first("row") else None
            self.names[text] = col.text if col else None
        return self.names[text]

    def _by_columns(self, cells: tuple[Cell, ...],
                    reads: list[Read]) -> tuple[list[Read], list[str]] | str | None:
        """The reads in the official order by the header's label paths, when a leaf label
        repeats (table 4); a reason when the row cannot be read so; None when not needed."""
        leaves = [c.col_labels[-1] for c in cells]
        if len(set(leaves)) == len(leaves) or len(self.table.blocks) != 1 or not self.head_rows:
            return None
        if self.head_count not in self.layouts:
            self.layouts[self.head_count] = layout(self.table.blocks[0].cols, self.head_rows, self._col_name)
        found = self.layouts[self.head_count]
        got = found.arrange([c.col_labels for c in cells], [r.raw for r in reads]) if found else None
        if got is None:
            named = sum(1 for row in self.head_rows for t in row if t.strip() and self._col_name(t))
            if named < 2:
                return None
            if not in_official_order(self.table.blocks[0].cols, self.head_rows, self._col_name):
                return ("来源的表头与官方的列对不上（列标签缺失、重复或层级不符），且列的次序与官方不同，"
                        "无法确定各数字所在的列，整行留空。")
            self.unsure_header = True
            return None
        if isinstance(got, str):
            return got
        assert found is not None
        return [reads[i] for i in got], [found.shown(c.col_labels) for c in cells]

    def _whole_table(self) -> Label:
        return Label("", "row", self.table.key, self.table.cells)

    def _token(self, raw: str) -> None:
        found = None if is_number(raw) else self.index.match(raw)
        if found is None and (is_number(raw) or is_odd(raw)):
            if self.row is None and not self.exact and not self.index.rows() and raw.strip():
                self.row = self._whole_table()
            if self.row is not None:
                self.pending.append(read(raw))
            elif read(raw).value is not None:
                self.stray.append(raw.strip())
            return
        self._flush()
        if found is None:
            if raw.strip():
                self.log.notes.append(f"{self.table.number}中无法识别的文字“{raw.strip()}”，未导入。")
            return
        if found.how != "exact":
            self.log.label(LabelNote(self.table.number, raw.strip(), found.text,
                                     HOW_ZH[found.how]))
        row = found.first("row")
        if row and self.exact:
            self.printed_rows.append(" ".join(raw.split()))
        elif row:
            self.printed_rows = [" ".join(raw.split())]
        self.row = row if row and row.cells else None

    def _flush(self) -> None:
        row, reads = self.row, self.pending
        self.row, self.pending = None, []
        if row is None:
            return
        if row.ref in self.seen:
            self._duplicate(row, reads)
            return
        self.seen.add(row.ref)
        k = len(row.cells)
        arranged = self._by_columns(row.cells, reads) if self.exact else None
        if isinstance(arranged, str):
            for cell in row.cells:
                self.values[cell.id] = None
            self._issue(row.cells, arranged)
            return
        if arranged is not None:
            self._place(row.cells, *arranged)
            return
        if self.exact and len(reads) > k:
            reads = _unpadded(reads, k)
        if len(reads) == k:
            self._place(row.cells, self._by_label(row.cells, reads) if self.exact else reads)
            if not self.exact:
                self.flat_rows.append(row)
        elif not self.exact and not reads:
            self.empty_rows.append(row)
        else:
            self._lost(row, reads)

    def _place(self, cells: tuple[Cell, ...], reads: list[Read], cols: list[str] | None = None) -> None:
        blanks = []
        for i, (cell, r) in enumerate(zip(cells, reads, strict=True)):
            self.values[cell.id] = r.value
            col = cols[i] if cols else self.header_printed.get(cell.col_labels[-1]) if self.exact else None
            self.where[cell.id] = CellRead(self.table.number, cell, r.raw.strip(),
                                           " / ".join(self.printed_rows), col or f"本行第 {i + 1} 个数",
                                           self.page, flat=not self.exact)
            if r.blank:
                blanks.append(cell)
            elif r.value is None:
                self._issue((cell,), f"无法读取来源中的“{r.raw.strip()}”，不是数字。")
            elif r.unit and _wrong_unit(cell, r.unit):
                self.values[cell.id] = None
                self._issue((cell,), f"来源写作“{r.raw.strip()}”，单位是“{r.unit}”，而本格以"
                            f"“{cell.col_labels[-1]}”为准，单位不同，未换算，留空。")
            elif r.grouped or r.unit:
                said = "、".join(x for x in ("去掉千位分隔符" if r.grouped else "",
                                               f"去掉单位“{r.unit}”" if r.unit else "") if x)
                self.log.notes.append(f"{cell.label}：来源写作“{r.raw.strip()}”，已{said}。")
        if blanks:
            self._issue(tuple(blanks), "来源中空白（空白不等于零）。", blank=True)

    def _lost(self, row: Label, reads: list[Read]) -> None:
        for cell in row.cells:
            self.values[cell.id] = None
        shown = "、".join(r.raw.strip() or "（空）" for r in reads)
        k = len(row.cells)
        numbers = [r.value for r in reads if r.value is not None]
        self.overfull = self.overfull or (not self.exact and len(reads) > k)
        if self.exact or len(reads) > k or len(numbers) != len(reads):
            self._issue(row.cells, f"来源此行有 {len(reads)} 格（{shown}），应为 {k} 格，无法对应，整行留空。")
            return
        count, shown_ways = placements(self.table, row.cells, numbers)
        why = (f"来源只印出 {len(reads)} 个数字（{shown}），本行有 {k} 格；空白格在转录中丢失，"
               f"数字所在的位置无法确定，整行留空。")
        if count:
            why += f"按本行勾稽关系（空白按零计）可能的排法共 {count} 种" + (
                "，列出前几种：" if count > len(shown_ways) else "：")
        self._issue(row.cells, why, tuple(shown_ways))

    def _duplicate(self, row: Label, reads: list[Read]) -> None:
        again = [r.value for r in reads]
        before = [self.values.get(c.id) for c in row.cells]
        if again != before:
            for cell in row.cells:
                self.values[cell.id] = None
            self._issue(row.cells, "来源中此行出现两次且数字不同（"
                        + "、".join(fmt(v) for v in before) + " / "
                        + "、".join(r.raw.strip() for r in reads) + "），整行留空。")

    def _issue(self, cells: tuple[Cell, ...], reason: str, candidates: tuple[str, ...] = (),
               blank: bool = False) -> None:
        self.log.cells.append(CellIssue(self.table.number, cells, reason, candidates, blank))

    def _withdraw(self) -> None:
        """Numbers out of place in a flattened table: no count-based placement is certain."""
        for row in self.flat_rows:
            shown = "、".join(fmt(self.values[c.id]) for c in row.cells)
            for cell in row.cells:
                self.values[cell.id] = None
            self._issue(row.cells, f"来源此行读出 {len(row.cells)} 个数字（{shown}），个数相符，"
                        "但表中有错位或无法归属的数字，读出的顺序不可靠，整行留空。")

    def finish(self) -> dict[str, Number | None]:
        """Every cell of the table: placed values, None for the rest (each one logged)."""
        self._flush()
        if self.stray:
            self.log.notes.append(f"{self.table.number}中有无法归属到任何行的数字：" + "、".join(self.stray))
        if self.stray or self.overfull:
            self._withdraw()
        if self.unsure_header:
            self.log.notes.append(f"{self.table.number}的表头无法与官方的列逐一对应（列标签缺失、重复或层级不符），"
                                  "但印出的列标签与官方次序一致，数字按官方列的顺序读取，请对照原文核对。")
        for row in self.empty_rows:
            for cell in row.cells:
                self.values[cell.id] = None
            if self.stray:  # numbers out of place: this row's may be among them
                self._issue(row.cells, "来源中此行后面没有数字，但表中有无法归属的数字，不能断定此行空白，整行留空。")
            else:
                self._issue(row.cells, "来源中此行没有任何数字（空白）。", blank=True)
        rows = self.index.rows() or [self._whole_table()]
        missing = [r for r in rows if r.ref not in self.seen]
        if len(missing) == len(rows):
            self._issue(self.table.cells, "来源中没有找到这张表，全部留空。")
        else:
            for r in missing:
                self._issue(r.cells, "来源中没有找到这一行，整行留空。")
        for cell in self.table.cells:
            self.values.setdefault(cell.id, None)
            if self.values[cell.id] is not None and cell.id in self.where:
                self.log.reads.append(self.where[cell.id])
        return self.values


def place_table(edition_key: str, table_key: str, blocks: list[Block],
                log: ImportLog) -> dict[str, Number | None]:
    """The values of one table from its source blocks (grids and flattened streams)."""
    placer = Placer(label_index(edition_key, table_key), log)
    for block in blocks:
        if isinstance(block, Grid):
            for cells in block.rows:
                placer.feed(cells, exact=True, page=block.page)
        elif isinstance(block, Flat):
            placer.feed(block.tokens, exact=False)
    return placer.finish()


def votes(edition_key: str, table_key: str, block: Grid | Flat) -> int:
    """How many of a block's cells are labels of a table: which table a block is."""
    index = label_index(edition_key, table_key)
    texts = block.tokens if isinstance(block, Flat) else [c for row in block.rows for c in row]
    return sum(1 for t in texts if not is_number(t) and index.match(t) is not None)


def _unpadded(reads: list[Read], k: int) -> list[Read]:
    """A grid row's k value cells when the extra ones are a span's blank padding: after the
    values (a pipe table wider than this row) or right after the label (a colspan written as
    empty cells). When blanks on both sides could be the padding, the row is left as it is."""
    extra = len(reads) - k
    tail = all(r.blank for r in reads[k:])
    head = all(r.blank for r in reads[:extra])
    if tail and not head:
        return reads[:k]
    if head and not tail:
        return reads[extra:]
    if head and tail and all(r.blank for r in reads):
        return reads[:k]
    return reads


def _wrong_unit(cell: Cell, unit: str) -> bool:
    """A unit that contradicts the one the official column states (元 in a 万元 column)."""
    label = "".join(cell.col_labels)
    if unit in ("元", "万元"):
        stated = "万元" if "万元" in label else "元" if "元" in label else ""
        return bool(stated) and stated != unit
    return False
