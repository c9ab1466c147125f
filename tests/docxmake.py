"""Word files written as raw WordprocessingML (python-docx makes the package, the body is ours):
tables with w:gridSpan / w:vMerge as Word saves merged cells, text boxes in
mc:AlternateContent with a VML fallback, and the quirks of files saved by WPS."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from test_import_make import PARTS_TEXT, table_rows

from gkgen.findings import Number
from gkgen.format import edition

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')
WPS_NS = ('xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
          'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"')
Rows = list[list[tuple[str, int, int, bool]]]


def run(text: str, per_char: bool = False) -> str:
    """Runs of text; per_char splits it one run a character, as WPS and pasted text leave it."""
    pieces = list(text) if per_char else [text]
    rpr = '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr>'
    return "".join(f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(p)}</w:t></w:r>' for p in pieces)


def para(text: str, style: str | None = None, per_char: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{run(text, per_char) if text else ''}</w:p>"


def table(rows: Rows, tbl_grid: str = "normal", per_char: bool = False) -> str:
    """A table as Word saves merged cells: a span across columns is one w:tc with w:gridSpan;
    a span down the rows is a w:vMerge="restart" cell and an empty w:vMerge cell in each row
    below it. tbl_grid: "normal", "zero" (gridCol widths 0), "short" (fewer gridCols than the
table has columns) or "missing" (no w:tblGrid)."""
    width = sum(cs for _t, cs, _rs, _h in rows[0])
    covered: dict[tuple[int, int], tuple[int, bool]] = {}  # (row, col) -> (colspan, first col)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>']
    if tbl_grid != "missing":
        w = 0 if tbl_grid == "zero" else 800
        n = 3 if tbl_grid == "short" else width
        out.append("<w:tblGrid>" + f'<w:gridCol w:w="{w}"/>' * n + "</w:tblGrid>")
    for r, row in enumerate(rows):
        cells: list[str] = []
        col = 0
        for text, cs, rs, _head in row:
            col = _continued(covered, r, col, cells)
            pr = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "") + ('<w:vMerge w:val="restart"/>' if rs > 1 else "")
            cells.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{para(text, per_char=per_char)}</w:tc>")
            for dr in range(1, rs):
                covered[(r + dr, col)] = (cs, True)
            col += cs
        _continued(covered, r, col, cells)
        out.append("<w:tr>" + "".join(cells) + "</w:tr>")
    return "".join(out) + "</w:tbl>"


def _continued(covered: dict[tuple[int, int], tuple[int, bool]], r: int, col: int, cells: list[str]) -> int:
    """The empty w:vMerge cells continuing merges from the rows above at col; the next column."""
    while (r, col) in covered:
        cs, _ = covered[(r, col)]
        span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
        cells.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
        col += cs
    return col


def text_box(content: str) -> str:
    """A paragraph anchoring a text box: the DrawingML shape, and the VML fallback that
    repeats the same content for older readers."""
    choice = ('<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
              'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
              '<wp:extent cx="5400000" cy="3000000"/><wp:docPr id="1" name="文本框 1"/>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
              f'<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
              '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>')
    fallback = ('<w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:425pt;height:236pt">'
                f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>')
    return ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>' + choice
            + '</w:drawing></mc:Choice><mc:Fallback>' + fallback + "</mc:Fallback></mc:AlternateContent></w:r></w:p>")


def report_body(title: str, values: dict[str, Number | None], heading: str = "Heading1",
                boxed: str | None = None, per_char: bool = False, grids: tuple[str, ...] = ("normal",)) -> str:
    """A whole report: the title, the six parts (narratives from PARTS_TEXT), the tables;
    the table named boxed sits in a text box; grids cycles over the tables' w:tblGrid kinds."""
    ed = edition("2021")
    out = [para(title, per_char=per_char)]
    n = 0
    for part in ed.parts:
        out.append(para(part.heading, heading, per_char=per_char))
        if part.table is None:
            out.append(para(PARTS_TEXT[part.number], per_char=per_char))
            continue
        rows: Rows = list(table_rows(ed.table(part.table), values))
        xml = table(rows, grids[n % len(grids)], per_char=per_char)
        n += 1
        out.append(text_box(para("（见下表）") + xml + para("")) if part.table == boxed else xml)
    out.append(para("示例县财政局"))
    out.append(para("2024年1月20日"))
    return "".join(out)


WPS_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="正文"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="样式二"/><w:basedOn w:val="1"/></w:style>'
              '<w:style w:type="table" w:default="1" w:styleId="a3"><w:name w:val="Normal Table"/></w:style>'
              "</w:styles>")


def save(path: Path, body: str, wps: bool = False) -> None:
    """A .docx whose document.xml has body; wps: saved as WPS does (its namespaces, its style
    ids, no core properties, so no title)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    ns = NS + (" " + WPS_NS if wps else "")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns} mc:Ignorable="w14">'
                f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = document.encode("utf-8")
            elif wps and item.filename == "word/styles.xml":
                data = WPS_STYLES.encode("utf-8")
            elif wps and item.filename == "docProps/core.xml":
                continue
            elif wps and item.filename == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*core-properties"[^>]*/>', b"", data)
            elif wps and item.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/docProps/core.xml"[^>]*/>', b"", data)
            out.writestr(item.filename, data)
