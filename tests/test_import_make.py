"""Fixture makers for the import tests: a report's tables written the way real sites print
them (CMS HTML with Word markup, Markdown pipe tables, a PDF made by WeasyPrint), from the
official format itself, so every fixture is ours and every expected value is known."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from decimal import Decimal

from gkgen.findings import Number
from gkgen.format import Block, Cell, Col, Table, edition

PARTS_TEXT = {
    1: "本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
    5: "存在的问题是公开内容不够全面。下一步将加强培训，提高公开质量。",
    6: "本年度未收取信息处理费。",
}


def values_for(edition_key: str, start: int = 1) -> dict[str, Number]:
    """A distinct value for every cell, so a value in the wrong cell is seen."""
    out: dict[str, Number] = {}
    for i, (cid, cell) in enumerate(edition(edition_key).cells.items()):
        out[cid] = Decimal(f"{start + i}.5") if cell.kind.name == "AMOUNT" else start + i
    return out


def swapped(table: Table, a: str, b: str) -> Table:
    """The table with two sibling columns (labels a and b) printed in each other's place."""
    def fix(cols: tuple[Col, ...]) -> tuple[Col, ...]:
        labels = [c.label for c in cols]
        out = [dataclasses.replace(c, children=fix(c.children)) for c in cols]
        if a in labels and b in labels:
            i, j = labels.index(a), labels.index(b)
            out[i], out[j] = out[j], out[i]
        return tuple(out)
    blocks = tuple(dataclasses.replace(bl, cols=fix(bl.cols)) for bl in table.blocks)
    return dataclasses.replace(table, blocks=blocks)


def _leaves(cols: tuple[Col, ...]) -> list[Col]:
    return [leaf for c in cols for leaf in (_leaves(c.children) if c.children else [c])]


def _unique(leaves: list[Col]) -> bool:
    return len({c.key for c in leaves}) == len(leaves)


def _depth(cols: tuple[Col, ...]) -> int:
    return max((1 + _depth(c.children) for c in cols), default=0)


def _row_depth(cells: list[Cell]) -> int:
    return max((len(c.row_labels) for c in cells), default=0)


def _block_cells(table: Table, block: Block) -> list[Cell]:
    keys = {leaf.key for leaf in _leaves(block.cols)}
    rows = {r.key for r in block.rows}
    return [c for c in table.cells if (c.block == block.heading) and c.id.split(".")[-1] in keys
            and (not rows or c.id.split(".")[1] in rows)]


def _header_rows(cols: tuple[Col, ...], depth: int) -> list[list[tuple[str, int, int]]]:
    """(label, colspan, rowspan) per header row."""
    rows: list[list[tuple[str, int, int]]] = [[] for _ in range(depth)]

    def walk(c: Col, level: int) -> None:
        span = len(_leaves(c.children)) if c.children else 1
        rows[level].append((c.label, span, 1 if c.children else depth - level))
        for ch in c.children:
            walk(ch, level + 1)
    for c in cols:
        walk(c, 0)
    return rows


def table_rows(table: Table, values: dict[str, Number | None]) -> Iterator[list[tuple[str, int, int, bool]]]:
    """The table as printed rows of (text, colspan, rowspan, is_header), spans honoured."""
    for block in table.blocks:
        cells = _block_cells(table, block)
        leaves = _leaves(block.cols)
        rdepth = _row_depth(cells)
        width = rdepth + len(leaves)
        cdepth = _depth(block.cols) + (1 if block.col_group else 0)
        if block.heading:
            yield [(block.heading, width, 1, True)]
        heads = _header_rows(block.cols, _depth(block.cols))
        if block.col_group:
            heads = [[(block.col_group, len(leaves), 1)], *heads]
        for i, row in enumerate(heads):
            corner = [(block.corner_note or block.stub or "", rdepth, cdepth, True)] if i == 0 and rdepth else []
            yield corner + [(t, cs, rs, True) for t, cs, rs in row]
        by_row: dict[tuple[str, ...], list[Cell]] = {}
        for c in cells:
            by_row.setdefault(c.row_labels, []).append(c)
        seen: set[tuple[str, ...]] = set()
        for path, row_cells in by_row.items():
            out: list[tuple[str, int, int, bool]] = []
            for level, label in enumerate(path):
                prefix = path[:level + 1]
                if prefix in seen:
                    continue
                seen.add(prefix)
                leaf = level == len(path) - 1
                down = 1 if leaf else sum(1 for p in by_row if p[:level + 1] == prefix)
                out.append((label, rdepth - level if leaf else 1, down, True))
            order = {leaf.key: i for i, leaf in enumerate(leaves)} if _unique(leaves) else {}
            ranked = sorted(row_cells, key=lambda c: order.get(c.id.split(".")[-1], 0))
            for c in ranked:
                v = values.get(c.id)
                out.append(("" if v is None else str(v), 1, 1, False))
            yield out


def split_label(text: str) -> str:
    """A label as Word-exported CMS pages print it: split across <span> and <font> runs."""
    if len(text) < 4:
        return f'<span style="font-family:宋体;mso-bidi-font-size:10.5pt">{html.escape(text)}</span>'
    h = len(text) // 2
    return (f'<span lang="EN-US" style="mso-fareast-font-family:宋体">{html.escape(text[:h])}</span>'
            f'<font face="仿宋_GB2312">{html.escape(text[h:])}</font><o:p></o:p>')


def cms_table(table: Table, values: dict[str, Number | None]) -> str:
    """One table as a Word-exported CMS page prints it: mso classes, spans, &nbsp; blanks."""
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" style="mso-table-layout-alt:fixed">']
    for row in table_rows(table, values):
        out.append('<tr style="mso-yfti-irow:0">')
        for text, cs, rs, head in row:
            attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
            inner = split_label(text) if head and text else (
                f'<span lang="EN-US">{html.escape(text)}<o:p></o:p></span>' if text
                else '<span lang="EN-US"><o:p>&nbsp;</o:p></span>')
            out.append(f'<td{attrs} valign="center"><p class="MsoNormal" align="center">{inner}</p></td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def plain_table(table: Table, values: dict[str, Number | None]) -> str:
    """One table as plain HTML (for WeasyPrint and for Markdown with embedded HTML)."""
    out = ["<table>"]
    for row in table_rows(table, values):
        cells = "".join(
            f"<td{f' colspan={cs}' if cs > 1 else ''}{f' rowspan={rs}' if rs > 1 else ''}>{html.escape(t)}</td>"
            for t, cs, rs, _ in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def full_grid(table: Table, values: dict[str, Number | None]) -> list[list[str]]:
    """The printed rows with every grid position filled: a spanned cell's text at its first
    position and "" at the others (as converters write tables without spans)."""
    covered: dict[tuple[int, int], bool] = {}
    out: list[list[str]] = []
    for r, row in enumerate(table_rows(table, values)):
        line: list[str] = []
        col = 0
        for text, cs, rs, _h in row:
            while covered.get((r, col)):
                line.append("")
                col += 1
            line += [text] + [""] * (cs - 1)
            for dr in range(1, rs):
                for dc in range(cs):
                    covered[(r + dr, col + dc)] = True
            col += cs
        while covered.get((r, col)):
            line.append("")
            col += 1
        out.append(line)
    return out


def pipe_table(table: Table, values: dict[str, Number | None]) -> str:
    """One table as a PDF-to-Markdown converter writes it: no spans, a |---| row after the first."""
    rows = full_grid(table, values)
    width = max(len(r) for r in rows)
    lines = []
    for i, r in enumerate(rows):
        lines.append("| " + " | ".join(r + [""] * (width - len(r))) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def test_every_cell_printed_once() -> None:
    for key in ("2021", "2019"):
        ed = edition(key)
        vals = values_for(key)
        for t in ed.tables:
            printed = [text for row in table_rows(t, vals) for text, _c, _r, head in row if not head]
            assert sorted(printed) == sorted(str(vals[c.id]) for c in t.cells), (key, t.key)
