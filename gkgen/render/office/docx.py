"""report.docx: the report as a Word document, from the same description as its PDF.

The input is the context of the report page (``report_context`` in gkgen.render.report:
title, the six parts with their official headings, the narrative HTML, the signature and
date; the same as the PDF's but for links, of which Word keeps only the text) and each official table's rows (gkgen.render.tables.Layout).
Nothing here knows a label: headings and table layout come from gkgen.format through them.

The XML is written directly (python-docx opens, checks and reads it in the tests): a
python-docx document costs ~40 ms a report, far over the build's time budget.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import gkgen.render.office.docxstyle as st
from gkgen.findings import fmt
from gkgen.format import Table
from gkgen.model import Report
from gkgen.render.office.grid import Placed, frame
from gkgen.render.office.narrative import Block, Grid, Para, Run, html_blocks
from gkgen.render.office.package import (
    XML_HEAD,
    app_xml,
    core_xml,
    rels_xml,
    root_rels,
    text,
    zip_parts,
)
from gkgen.render.office.template import Piece, Segments, Slot, compile_pieces, fill

FIXED = frozenset(("[Content_Types].xml", "_rels/.rels", "docProps/app.xml",
                   "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                   "word/numbering.xml", "word/fontTable.xml", "word/footer1.xml",
                   "word/footer2.xml"))
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


def _widths(grid_width: int, first_data: int) -> list[int]:
    """Column widths (twips) filling the text block: narrow figure columns, wide labels."""
    data = grid_width - first_data
    if first_data == 0:
        return [st.TEXT_W // grid_width] * grid_width
    figure = 640 if data >= 6 else 1900
    weights = {1: [1], 2: [1, 2], 3: [5, 5, 12]}.get(first_data, [1] * first_data)
    room = st.TEXT_W - figure * data
    stub = [room * w // sum(weights) for w in weights]
    return stub + [figure] * data


def _cell(p: Placed, width: int, keep: bool, cont: bool) -> list[Piece]:
    tcpr = ""  # a single column's width is its w:gridCol (fixed layout): ~8 % of the XML less
    if p.cols > 1:
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{p.cols}"/>'
    if p.rows > 1 or cont:
        tcpr += '<w:vMerge/>' if cont else '<w:vMerge w:val="restart"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    ppr = "<w:keepNext/>" if keep else ""
    font = None
    runs: list[Run] = []
    if not cont and p.field is None:
        runs = [Run(p.cell.text)] if p.cell.text else []
        if p.cell.tag == "th":
            font = st.HEI
            if p.cell.attrs.get("scope") == "row":
                ppr += '<w:jc w:val="left"/>'
        else:  # the corner note of table 3
            ppr += '<w:jc w:val="left"/>'
    para = paragraph("TableText", runs, ppr, font)
    if p.field is not None and not cont:  # the figure goes in before </w:p>
        return [f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para[:-6]}",
                Slot(p.field, "figure", "<w:r><w:t>", "</w:t></w:r>", ""), "</w:p></w:tc>"]
    return [f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para}</w:tc>"]


_TABLES: dict[tuple[str, str], Segments] = {}


def table_segments(table: Table, report: Report) -> Segments:
    """An official table (caption, repeated header rows, merged cells, rows kept whole) with
    a slot for each figure; made once per edition."""
    key = (report.edition.key, table.key)
    if key in _TABLES:
        return _TABLES[key]
    f = frame(table, report)
    widths = _widths(f.width, f.first_data)
    # rows[r] = (col, cell, continued) for every cell starting on or running through row r
    rows: list[list[tuple[int, Placed, bool]]] = [[] for _ in range(f.rows)]
    for p in f.cells:
        for i in range(p.rows):
            rows[p.row + i].append((p.col, p, i > 0))
    out: list[Piece] = [
        paragraph("Caption", [Run(f.caption)]),
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
        f'{_BORDERS}<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for r, cells in enumerate(rows):
        header = r < f.head
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
                   + "</w:trPr>")
        keep = header or r not in f.group_ends
        for c, p, cont in sorted(cells, key=lambda x: x[0]):
            out.extend(_cell(p, sum(widths[c:c + p.cols]), keep, cont))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    segments = _TABLES[key] = compile_pieces(out)
    return segments


def official_table(table: Table, report: Report, figures: dict[str, str]) -> str:
    """The official table of the report, figures filled in."""
    return fill(table_segments(table, report), {"figure": figures})


def figures(report: Report) -> dict[str, str]:
    """Every figure of the report as printed (fmt), by field id."""
    return {cid: str(v.value) if type(v.value) is int else fmt(v.value)  # ints: the common case
            for cid, v in report.values.items() if v.value is not None}


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


def document_xml(context: dict[str, Any], report: Report) -> str:
    """word/document.xml from the page context; the official tables from their frames."""
    page = context["report"]
    shown = figures(report)
    body = [paragraph("Title", [Run(page["title"])])]
    for part in context["parts"]:
        body.append(paragraph("Heading1", [Run(part["heading"])]))
        table = report.edition.parts[part["number"] - 1].table
        if table:
            body.append(official_table(report.edition.table(table), report, shown))
        else:
            body.append(_blocks(html_blocks(str(part["html"]))))
    body.append(paragraph("Normal", []))
    body.append(paragraph("Signoff", [Run(page["body_name"])]))
    published: dt.date | None = page["published"]
    if published:
        day = f"{published.year}年{published.month}月{published.day}日"
        body.append(paragraph("Signoff", [Run(day)]))
    return (XML_HEAD + f"<w:document {st.NS}><w:body>" + "".join(body) + st.SECTION
            + "</w:body></w:document>")


def report_docx(context: dict[str, Any], report: Report) -> bytes:
    """The bytes of report.docx (reproducible: fixed member dates and properties)."""
    page = context["report"]
    published: dt.date | None = page["published"]
    description = f"{page['title']}（{page['edition_name']}格式），由 gkgen 生成。{st.FONT_NOTE}"
    return zip_parts([
        ("[Content_Types].xml", st.CONTENT_TYPES),
        ("_rels/.rels", root_rels("word/document.xml")),
        ("docProps/core.xml", core_xml(page["title"], page["body_name"], description, published)),
        ("docProps/app.xml", app_xml("gkgen")),
        ("word/_rels/document.xml.rels", rels_xml(st.DOCUMENT_RELS)),
        ("word/document.xml", document_xml(context, report)),
        ("word/styles.xml", st.STYLES),
        ("word/settings.xml", st.SETTINGS),
        ("word/numbering.xml", st.NUMBERING),
        ("word/fontTable.xml", st.FONT_TABLE),
        ("word/footer1.xml", st.footer(odd=True)),
        ("word/footer2.xml", st.footer(odd=False)),
    ], published, FIXED)
