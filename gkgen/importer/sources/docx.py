"""A Word (.docx) report: python-docx (an optional dependency, imported lazily) opens the
package; the body is walked as XML (lxml), so what python-docx does not expose is read too:
tables and paragraphs inside text boxes (w:txbxContent, once even when mc:Fallback repeats
mc:Choice), content controls (w:sdt), and tables saved by WPS (no or zero-width w:tblGrid,
vertical and horizontal merges read from the cells themselves, see docxtable)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gkgen.importer.doc import Block, Document, Grid, Para
from gkgen.importer.sources.docxtable import grid, local, para_text, pick, qn
from gkgen.importer.sources.errors import SourceError
from gkgen.importer.sources.limits import check_zip

_HEADING = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)
MISSING = ("读取 Word 文件需要 python-docx，当前环境中没有安装。请运行 pip install python-docx "
           "后重试，或在 Word/WPS 中把报告另存为网页（.html）再导入。")
_CONTAINERS = {"sdt", "sdtContent", "customXml", "smartTag", "ins"}  # wrap body content
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def read_docx(path: Path) -> Document:
    """The blocks of a .docx file, paragraphs and tables in document order; the content of a
    text box follows the paragraph it is anchored in. The zip's declared sizes are checked
    first (read_document does so too), so python-docx never unpacks a zip bomb."""
    check_zip(path)
    try:
        import docx  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise SourceError(MISSING) from None
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise SourceError(f"无法打开 Word 文件 {path.name}：文件已损坏，或不是 .docx 格式（旧的 .doc 请先在 Word 或 WPS 中另存为 .docx）。") from None
    reader = _Reader(_styles(document))
    reader.content(document.element.body)
    notes = []
    if reader.boxes:
        notes.append(f"Word 文件中有 {reader.boxes} 个文本框，其中的文字和表格已按所在位置读取。")
    return Document(reader.blocks, title=_title(document), source_kind="Word（.docx）", notes=notes)


def _title(document: Any) -> str | None:
    """The core property title; none when the file has no core properties (WPS), where
    python-docx would make up "Word Document"."""
    rels = document.part.package.rels.values()
    if not any(r.reltype == _CORE for r in rels):
        return None
    return document.core_properties.title or None


def _styles(document: Any) -> dict[str, str]:
    """Style id -> UI name ("Heading 1") of every style."""
    from docx.styles import BabelFish  # type: ignore[import-not-found,import-untyped,unused-ignore]

    out: dict[str, str] = {}
    root = document.styles.element
    for style in root.iterchildren(qn("style")):
        sid = style.get(qn("styleId"))
        name_el = style.find(qn("name"))
        name = name_el.get(qn("val")) if name_el is not None else ""
        out[sid or ""] = BabelFish.internal2ui(name or "")
    return out


class _Reader:
    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.counters: dict[str, int] = {}
        self.boxes = 0

    def content(self, parent: Any) -> None:
        """Paragraphs and tables of a body, a text box or a content control, in order."""
        for child in parent.iterchildren():
            tag = local(child)
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.counters.clear()
                self.blocks.append(Grid(grid(child)))
            elif tag in _CONTAINERS and not _is_toc(child):
                self.content(child)
            elif tag == "AlternateContent":
                chosen = pick(child)
                if chosen is not None:
                    self.content(chosen)

    def paragraph(self, p: Any) -> None:
        para = self._para(p)
        if para:
            self.blocks.append(para)
        for box in _text_boxes(p):
            self.boxes += 1
            self.counters.clear()
            self.content(box)

    def _para(self, p: Any) -> Para | None:
        text = " ".join(para_text(p).replace("\xa0", " ").split())
        if not text:
            return None
        ppr = p.find(qn("pPr"))
        sid_el = ppr.find(qn("pStyle")) if ppr is not None else None
        sid = sid_el.get(qn("val")) if sid_el is not None else ""
        style = self.styles.get(sid or "", "")
        m = _HEADING.match(style)
        if m:
            self.counters.clear()
            return Para(text, level=int(m.group(1)))
        if style == "Title":
            return Para(text, level=1)
        if style.startswith("List Number"):
            self.counters[style] = self.counters.get(style, 0) + 1
            return Para(text, ordinal=self.counters[style])
        self.counters.clear()
        if style.startswith("List Bullet"):
            return Para(text, bullet=True)
        return Para(text)


def _is_toc(el: Any) -> bool:
    """A content control holding the table of contents: its lines repeat the headings (with
    page numbers), which would be taken for the parts' headings."""
    if local(el) != "sdt":
        return False
    pr = el.find(qn("sdtPr"))
    gallery = pr.find(f"{qn('docPartObj')}/{qn('docPartGallery')}") if pr is not None else None
    return gallery is not None and "contents" in (gallery.get(qn("val")) or "").lower()


def _text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (w:txbxContent), outermost only, each once:
    of an mc:AlternateContent only the chosen branch is looked into."""
    out: list[Any] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = local(child)
            if tag == "txbxContent":
                out.append(child)
            elif tag == "AlternateContent":
                chosen = pick(child)
                if chosen is not None:
                    walk(chosen)
            elif tag not in ("p", "tbl"):
                walk(child)
    walk(p)
    return out
