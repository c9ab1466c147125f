"""The official tables as HTML, driven by the format description (gkgen.format).

Every label comes from the format tree; spans come from its shape. Every data cell
names its headers with ``headers``/``id`` (the header trees are up to four levels
deep), header cells carry ``scope`` for the PDF tags, and each table sits in a
focusable scroll region so a phone or 200 % zoom never cuts it off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from gkgen.findings import fmt
from gkgen.format import Block, Col, Row, Table
from gkgen.format.build import cells_of
from gkgen.model import Report

_SHORT_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
SHORT = "label-short"  # the class of such a header cell (site.css: word-break: keep-all)


@dataclass
class HCell:
    """One cell of the HTML grid."""

    tag: str  # "th" | "td"
    text: str
    attrs: dict[str, str] = field(default_factory=dict)

    def html(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs.items())
        text = escape(self.text)
        if self.attrs.get("class") == SHORT and len(text) % 2 == 0:
            text = "<wbr>".join(text[i:i + 2] for i in range(0, len(text), 2))
        return f"<{self.tag}{attrs}>{text}</{self.tag}>"


def is_short_label(text: str) -> bool:
    """A short all-Chinese column label: it breaks only between its two-character words.

    Such labels (自然人, 结果维持, 社会公益组织) read in pairs: an even one may break only
    between its pairs (结果/维持; the page keeps other breaks out with word-break:
    keep-all), an odd one not at all (自然人), so a narrow column never shows 结果维/持.
    """
    return _SHORT_LABEL.match(text) is not None


def _th(text: str, hid: str, scope: str, colspan: int = 1, rowspan: int = 1) -> HCell:
    attrs = {"id": hid, "scope": scope}
    if colspan > 1:
        attrs["colspan"] = str(colspan)
    if rowspan > 1:
        attrs["rowspan"] = str(rowspan)
    if scope == "col" and colspan == 1 and is_short_label(text):  # a single column's label
        attrs["class"] = SHORT
    return HCell("th", text, attrs)


def _tr(cells: list[HCell]) -> str:
    return "<tr>" + "".join(c.html() for c in cells) + "</tr>"


def _hid(prefix: str, keys: list[str]) -> str:
    return prefix + "-" + "-".join(k.replace("_", "-") for k in keys)


def _key(node: Col | Row, index: int) -> str:
    return node.key or f"g{index}"


def column_headers(cols: tuple[Col, ...], depth: int, prefix: str,
                   top: list[str]) -> tuple[list[list[HCell]], list[list[str]]]:
    """Header rows for a column tree, and each leaf column's header ids (outermost first)."""
    rows: list[list[HCell]] = [[] for _ in range(depth)]
    leaves: list[list[str]] = []

    def walk(node: Col, level: int, path: list[str], ancestors: list[str]) -> None:
        hid = _hid(prefix, path)
        if node.children:
            rows[level].append(_th(node.label, hid, "col", colspan=len(list(node.leaves()))))
            for i, child in enumerate(node.children):
                walk(child, level + 1, [*path, _key(child, i)], [*ancestors, hid])
        else:
            rows[level].append(_th(node.label, hid, "col", rowspan=depth - level))
            leaves.append([*ancestors, hid])

    for i, col in enumerate(cols):
        walk(col, 0, ["c", _key(col, i)], list(top))
    return rows, leaves


def row_headers(rows: tuple[Row, ...], width: int,
                prefix: str) -> list[tuple[list[HCell], list[str]]]:
    """For each data row: the header cells that start on it and all its header ids."""
    out: list[tuple[list[HCell], list[str]]] = []
    pending: list[HCell] = []

    def walk(node: Row, level: int, path: list[str], ancestors: list[str]) -> None:
        nonlocal pending
        hid = _hid(prefix, path)
        if node.children:
            pending.append(_th(node.label, hid, "row", rowspan=len(list(node.leaves()))))
            for i, child in enumerate(node.children):
                walk(child, level + 1, [*path, _key(child, i)], [*ancestors, hid])
        else:
            pending.append(_th(node.label, hid, "row", colspan=width - level))
            out.append((pending, [*ancestors, hid]))
            pending = []

    for i, row in enumerate(rows):
        walk(row, 0, ["r", _key(row, i)], [])
    return out


def _value(report: Report, cell_id: str) -> str:
    v = report.values.get(cell_id)
    return "" if v is None or v.value is None else fmt(v.value)


def _data(report: Report, cell_id: str, headers: list[str], colspan: int = 1) -> HCell:
    attrs = {"headers": " ".join(headers), "data-field": cell_id, "class": "num"}
    if colspan > 1:
        attrs["colspan"] = str(colspan)
    return HCell("td", _value(report, cell_id), attrs)


def _depth(nodes: tuple[Col, ...] | tuple[Row, ...]) -> int:
    return max((n.depth() for n in nodes), default=0)


def grid_table(table: Table, block: Block,
               report: Report) -> tuple[list[list[HCell]], list[list[list[HCell]]]]:
    """(header rows, body rows grouped by top-level row) for a one-block table (tables 3, 4).

    Each top-level row (一、二、三 with its sub-rows, 四) becomes its own <tbody>, so print can
    keep a spanning row header together with its rows.
    """
    prefix = f"{table.key}-{block.key}"
    width = _depth(block.rows)
    col_depth = _depth(block.cols) + (1 if block.col_group else 0)
    top: list[HCell] = []
    top_ids: list[str] = []
    if width:
        corner = HCell("td", block.corner_note or block.stub or "", {"class": "corner"})
        corner.attrs.update({"colspan": str(width), "rowspan": str(col_depth)})
        top.append(corner)
    if block.col_group:
        n = sum(len(list(c.leaves())) for c in block.cols)
        top.append(_th(block.col_group, f"{prefix}-group", "col", colspan=n))
        top_ids.append(f"{prefix}-group")
    levels, leaves = column_headers(block.cols, _depth(block.cols), prefix, top_ids)
    head_rows = ([top] if block.col_group else []) + levels
    if not block.col_group and top:
        head_rows[0] = top + head_rows[0]
    row_heads = row_headers(block.rows, width, prefix) if block.rows else [([], [])]
    cells = cells_of(table.key, block)
    body = []
    for r, (heads, rids) in enumerate(row_heads):
        data = [_data(report, cells[r * len(leaves) + c].id, [*cids, *rids])
                for c, cids in enumerate(leaves)]
        body.append(heads + data)
    sizes = [len(list(row.leaves())) for row in block.rows] or [len(body)]
    groups, start = [], 0
    for size in sizes:
        groups.append(body[start:start + size])
        start += size
    return head_rows, groups


def blocks_table(table: Table, report: Report) -> list[list[list[HCell]]]:
    """One group of rows per block (a <tbody>), each with its spanning heading row (table 2)."""
    width = 1 + max(sum(len(list(c.leaves())) for c in b.cols) for b in table.blocks)
    out = []
    for block in table.blocks:
        prefix = f"{table.key}-{block.key}"
        head_id = f"{prefix}-h"
        rows = [[_th(block.heading or "", head_id, "rowgroup", colspan=width)]]
        stub_id = f"{prefix}-stub"
        levels, leaves = column_headers(block.cols, _depth(block.cols), prefix, [head_id])
        extra = width - 1 - len(leaves)
        if extra and levels:
            last = levels[-1][-1]
            last.attrs["colspan"] = str(int(last.attrs.get("colspan", "1")) + extra)
        levels[0].insert(0, _th(block.stub or "", stub_id, "col", rowspan=len(levels)))
        rows += levels
        cells = cells_of(table.key, block)
        for r, (heads, rids) in enumerate(row_headers(block.rows, 1, prefix)):
            data = [_data(report, cells[r * len(leaves) + c].id, [*cids, *rids],
                          colspan=1 + (extra if c == len(leaves) - 1 else 0))
                    for c, cids in enumerate(leaves)]
            rows.append(heads + data)
        out.append(rows)
    return out


@dataclass
class Layout:
    """An official table as rows of cells: what HTML, Word and Excel all lay out."""

    caption: str  # 表三　收到和处理政府信息公开申请情况
    head: list[list[HCell]]  # header rows, repeated on every page (<thead>)
    groups: list[list[list[HCell]]]  # body rows, in groups kept together (<tbody>)


def table_layout(table: Table, report: Report) -> Layout:
    """The rows of one official table for one report, with their spans and field ids."""
    caption = f"{table.number}　{table.title}"
    if len(table.blocks) == 1 and not table.blocks[0].heading:
        head, groups = grid_table(table, table.blocks[0], report)
        return Layout(caption, head, groups)
    return Layout(caption, [], blocks_table(table, report))


def render_table(table: Table, report: Report) -> str:
    """The complete, accessible HTML of one official table for one report."""
    caption_id = f"{table.key}-caption"
    layout = table_layout(table, report)
    caption = layout.caption
    inner = (f"<thead>{''.join(_tr(r) for r in layout.head)}</thead>" if layout.head else "")
    inner += "".join("<tbody>" + "".join(_tr(r) for r in g) + "</tbody>" for g in layout.groups)
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{caption_id}">'
            f'<table class="official {table.key}" id="{table.key}">'
            f'<caption id="{caption_id}">{escape(caption)}</caption>{inner}</table></div>')
