"""report.docx: the report as a Word document, from the same description as its PDF.

The input is the print context of the report page (``report_context(..., for_print=True)``
in gkgen.render.report: title, the six parts with their official headings, the narrative
HTML, the signature and date) and each official table's rows (gkgen.render.tables.Layout).
Nothing here knows a label: headings and table layout come from gkgen.format through them.

The XML is written directly (python-docx opens, checks and reads it in the tests): a
python-docx document costs ~40 ms a report, far over the build's time budget.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gkgen.render.office import docxstyle as st
from gkgen.render.office.grid import Placed, place
from gkgen.render.office.narrative import Block, Grid, Para, Run, html_blocks
from gkgen.render.office.package import (
    XML_HEAD,
    app_xml,
    attr,
    core_xml,
    rels_xml,
    root_rels,
    text,
    zip_parts,
)
from gkgen.render.tables import Layout

_RUN_FONT = {"strong": st.HEI, "em": st.KAI}
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_BORDERS = ("<w:tblBorders>" + "".join(_BORDER.format(s) for s in (
    "top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")


def _run(run: Run, font: str | None = None) -> str:
    if run.br:
        return "<w:r><w:br/></w:r>"
    name = font or _RUN_FONT.get(run.style)
    rpr = f"<w:rPr>{st.fonts(name)}</w:rPr>" if name else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text(run.text)}</w:t></w:r>'


def paragraph(style: str, runs: list[Run], ppr: str = "", font: str | None = None) -> str:
    """A w:p of the given style."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style != "Normal" else ""
    head = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{head}{''.join(_run(r, font) for r in runs)}</w:p>"


def _para(block: Para) -> str:
    ppr = ""
    if block.style in ("ListParagraph", "ListBullet") and block.level > 1:
        left = (block.level + 1) * 2 * st.CHAR
        ppr = f'<w:ind w:left="{left}" w:hanging="{st.CHAR if block.style == "ListBullet" else 0}"/>'
    return paragraph(block.style, block.runs, ppr)


def _widths(grid_width: int, first_data: int, key: str) -> list[int]:
    """Column widths (twips) filling the text block: narrow figure columns, wide labels."""
    data = grid_width - first_data
    if first_data == 0:
        return [st.TEXT_W // grid_width] * grid_width
    figure = 640 if data >= 6 else 1900
    weights = {1: [1], 2: [1, 2], 3: [2, 3, 6]}.get(first_data, [1] * first_data)
    room = st.TEXT_W - figure * data
    stub = [room * w // sum(weights) for w in weights]
    return stub + [figure] * data


def _cell(p: Placed | None, span: int, width: int, keep: bool, cont: bool) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if p is not None and (p.rows > 1 or cont):
        tcpr += '<w:vMerge/>' if cont else '<w:vMerge w:val="restart"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    ppr = "<w:keepNext/>" if keep else ""
    runs: list[Run] = []
    font = None
    if p is not None and not cont:
        runs = [Run(p.cell.text)] if p.cell.text else []
        cls = p.cell.attrs.get("class", "")
        if p.cell.tag == "th":
            font = st.HEI
            if p.cell.attrs.get("scope") == "row":
                ppr += '<w:jc w:val="left"/>'
        elif "corner" in cls:
            ppr += '<w:jc w:val="left"/>'
            runs = [Run(p.cell.text)] if p.cell.text else []
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraph('TableText', runs, ppr, font)}</w:tc>"


def official_table(layout: Layout, key: str) -> str:
    """An official table: caption, repeated header rows, merged cells, rows kept whole."""
    rows = [*layout.head, *(row for group in layout.groups for row in group)]
    placed, width = place(rows)
    first_data = min((p.col for row in placed for p in row if p.field), default=0)
    widths = _widths(width, first_data, key)
    # grid[r] = (col, cell, continued) for every cell starting on or running through row r
    grid: list[list[tuple[int, Placed, bool]]] = [[] for _ in rows]
    for row in placed:
        for p in row:
            for i in range(p.rows):
                grid[p.row + i].append((p.col, p, i > 0))
    last_of_group: set[int] = set()
    n = len(layout.head)
    for group in layout.groups:
        n += len(group)
        last_of_group.add(n - 1)
    out = [paragraph("Caption", [Run(layout.caption)]),
           '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
           f'{_BORDERS}<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, cells in enumerate(grid):
        header = r < len(layout.head)
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        keep = header or r not in last_of_group
        tcs = "".join(_cell(p, p.cols, sum(widths[c:c + p.cols]), keep, cont)
                      for c, p, cont in sorted(cells, key=lambda x: x[0]))
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{tcs}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _author_table(grid: Grid) -> str:
    width = max((len(r) for r in grid.rows), default=0)
    if not width:
        return ""
    col = st.TEXT_W // width
    rows = []
    for i, row in enumerate(grid.rows):
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if i < grid.head else "") + "</w:trPr>"
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/></w:tcPr>'
            f'{paragraph("TableText", [Run(t)] if t else [], "", st.HEI if i < grid.head else None)}'
            "</w:tc>" for t in row + [""] * (width - len(row)))
        rows.append(f"<w:tr>{trpr}{cells}</w:tr>")
    return ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
            f'{_BORDERS}<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
            + f'<w:gridCol w:w="{col}"/>' * width + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")


def _blocks(blocks: list[Block]) -> str:
    return "".join(_para(b) if isinstance(b, Para) else _author_table(b) for b in blocks)


def document_xml(context: dict[str, Any], tables: dict[int, tuple[str, Layout]]) -> str:
    """word/document.xml from the print context and the layouts of the tables, by part number."""
    report = context["report"]
    body = [paragraph("Title", [Run(report["title"])])]
    for part in context["parts"]:
        body.append(paragraph("Heading1", [Run(part["heading"])]))
        if part["number"] in tables:
            key, layout = tables[part["number"]]
            body.append(official_table(layout, key))
        else:
            body.append(_blocks(html_blocks(str(part["html"]))))
    body.append(paragraph("Normal", []))
    body.append(paragraph("Signoff", [Run(report["body_name"])]))
    published: dt.date | None = report["published"]
    if published:
        day = f"{published.year}年{published.month}月{published.day}日"
        body.append(paragraph("Signoff", [Run(day)]))
    return (XML_HEAD + f"<w:document {st.NS}><w:body>" + "".join(body) + st.SECTION
            + "</w:body></w:document>")


def report_docx(context: dict[str, Any], tables: dict[int, tuple[str, Layout]]) -> bytes:
    """The bytes of report.docx (reproducible: fixed member dates and properties)."""
    report = context["report"]
    published: dt.date | None = report["published"]
    description = f"{report['title']}（{report['edition_name']}格式），由 gkgen 生成。{st.FONT_NOTE}"
    return zip_parts([
        ("[Content_Types].xml", st.CONTENT_TYPES),
        ("_rels/.rels", root_rels("word/document.xml")),
        ("docProps/core.xml", core_xml(report["title"], report["body_name"], description, published)),
        ("docProps/app.xml", app_xml("gkgen")),
        ("word/_rels/document.xml.rels", rels_xml(st.DOCUMENT_RELS)),
        ("word/document.xml", document_xml(context, tables)),
        ("word/styles.xml", st.STYLES),
        ("word/settings.xml", st.SETTINGS),
        ("word/numbering.xml", st.NUMBERING),
        ("word/fontTable.xml", st.FONT_TABLE),
        ("word/footer1.xml", st.footer(odd=True)),
        ("word/footer2.xml", st.footer(odd=False)),
    ], published)


__all__ = ["attr", "document_xml", "official_table", "report_docx"]
