"""A PDF with a text layer, read by geometry with pdfplumber: table grids rebuilt from ruling
lines (spanned cells, wrapped labels, row headers printed a character a line or rotated a
quarter turn, which are read along their own direction), the text
outside the tables as lines joined into paragraphs by their indentation and width, and page
footers ("— 7 —") dropped. Without pdfplumber, poppler's pdftotext reads the text (cells lose
their positions then)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gkgen.importer.doc import Block, Document, Grid, Para
from gkgen.importer.sources.errors import SourceError, shown
from gkgen.importer.sources.text import read_text

MAX_PAGES = 300
_PAGE_NUMBER = re.compile(r"^\s*[—–\-－]*\s*(?:第\s*)?\d{1,3}\s*(?:页)?\s*[—–\-－]*\s*$")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
_ENDS = "。：:；;！!？?"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float
    page: int


def read_pdf(path: Path) -> Document:
    """The blocks of a PDF: tables as grids, the rest as paragraphs, in page order."""
    try:
        import pdfplumber
    except ImportError:
        return _read_pdftotext(path)
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise SourceError(f"{shown(path)} 有 {len(pdf.pages)} 页，超过导入上限 {MAX_PAGES} 页。")
            items: list[_Line | Grid] = []
            for number, page in enumerate(pdf.pages, start=1):
                items += _page(page, number)
    except SourceError:
        raise
    except Exception:  # pdfminer raises many kinds on a damaged file
        raise SourceError(f"无法读取 PDF 文件 {shown(path)}：文件已损坏或不是 PDF；请换用原始文件，或导入发布网页。") from None
    blocks = _paragraphs(items)
    if not any(isinstance(b, Para) for b in blocks) and not any(isinstance(b, Grid) for b in blocks):
        raise SourceError(f"{shown(path)} 没有文字层（可能是扫描件），无法导入。")
    return Document(blocks, source_kind="PDF",
                    notes=["PDF 按版面读取：表格按框线重建，正文按缩进和行宽连成段落，页码已去掉。"])


def _page(page: Any, number: int) -> list[_Line | Grid]:
    """One page's text lines and tables, top to bottom."""
    tables = page.find_tables()
    placed: list[tuple[float, _Line | Grid]] = []
    boxes = []
    turned = [c for c in page.chars if not c.get("upright", True)]
    for t in tables:
        rows = t.extract()
        if not rows or max(len(r) for r in rows) == 1:
            continue  # a framed text box: its text is read as lines below
        if turned:
            _read_turned(t, rows, turned)
        boxes.append(t.bbox)
        placed.append((t.bbox[1], Grid([_row(r) for r in rows], page=number)))

    def outside(obj: dict[str, Any]) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    text_page = page.filter(lambda o: o.get("object_type") != "char" or outside(o))
    for line in text_page.extract_text_lines():
        text = " ".join(line["text"].split())
        if text and not _PAGE_NUMBER.match(text):
            size = max(line["bottom"] - line["top"], 1.0)
            placed.append((line["top"], _Line(text, line["x0"], line["x1"], size, number)))
    placed.sort(key=lambda p: p[0])
    return [item for _, item in placed]


def _read_turned(table: Any, rows: list[list[str | None]], turned: list[dict[str, Any]]) -> None:
    """Cells whose text is rotated a quarter turn (a row-group label such as 三、本年度办理结果
    set with rotate(-90deg)), read along the text: pdfplumber reads them top to bottom as
    lines, which reverses text that runs upwards."""
    for i, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is None or i >= len(rows) or j >= len(rows[i]) or not rows[i][j]:
                continue
            x0, top, x1, bottom = bbox
            inside = [c for c in turned if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                      and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
            printed = "".join((rows[i][j] or "").split())
            if inside and len(inside) >= len(printed):  # every character of the cell is turned
                rows[i][j] = _along(inside)


def _along(chars: list[dict[str, Any]]) -> str:
    """Rotated characters in reading order: text turned anticlockwise (runs upwards) reads
    bottom to top, its lines left to right; turned clockwise, top to bottom, right to left."""
    up = sum(c["matrix"][1] for c in chars) > 0
    size = sorted(c["x1"] - c["x0"] for c in chars)[len(chars) // 2] or 1.0
    columns: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: c["x0"]):
        if columns and c["x0"] - columns[-1][-1]["x0"] < 0.5 * size:
            columns[-1].append(c)
        else:
            columns.append([c])
    if not up:
        columns.reverse()
    lines = ["".join(c["text"] for c in sorted(col, key=lambda c: c["top"], reverse=up)) for col in columns]
    return _unwrap("\n".join(lines))


def _row(cells: list[str | None]) -> list[str]:
    """A table row: a spanned cell (None) appears once; a wrapped label is one line again."""
    return [_unwrap(c) for c in cells if c is not None]


def _unwrap(text: str) -> str:
    lines = [seg.strip() for seg in text.split("\n")]
    out = ""
    for seg in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and seg[:1].isascii() and seg[:1].isalnum():
            out += " "
        out += seg
    return out


def _paragraphs(items: list[_Line | Grid]) -> list[Block]:
    """Lines joined into paragraphs: a line continues the one before when that one reaches the
    right margin, ends mid-sentence, and this one is not indented and not numbered."""
    lines = [i for i in items if isinstance(i, _Line)]
    if not lines:
        return [i for i in items if isinstance(i, Grid)]
    left = sorted(ln.x0 for ln in lines)[len(lines) // 4]
    right = sorted(ln.x1 for ln in lines)[int(0.9 * (len(lines) - 1))]
    out: list[Block] = []
    prev: _Line | None = None
    for item in items:
        if isinstance(item, Grid):
            out.append(item)
            prev = None
            continue
        if (prev is not None and isinstance(out[-1], Para) and prev.x1 >= right - 1.5 * prev.size
                and prev.text[-1] not in _ENDS and item.x0 <= left + 0.6 * item.size
                and not _NUMBERED.match(item.text)):
            out[-1] = Para(_join(out[-1].text, item.text))
        else:
            out.append(Para(item.text))
        prev = item
    return out


def _join(a: str, b: str) -> str:
    if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " " + b
    return a + b


def _read_pdftotext(path: Path) -> Document:
    """The fallback without pdfplumber: the text layer as plain text (cells lose positions)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise SourceError("读取 PDF 需要 pdfplumber（pip install pdfplumber）或 pdftotext（poppler-utils）。")
    try:
        done = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True, timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"pdftotext 无法读取 {shown(path)}：{type(exc).__name__}") from None
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise SourceError(f"{shown(path)} 没有文字层（可能是扫描件），无法导入。")
    lines = [line for line in text.replace("\f", "\n").split("\n") if not _PAGE_NUMBER.match(line)]
    doc = read_text("\n".join(lines))
    doc.source_kind = "PDF"
    doc.cells_by_space = True
    doc.notes.append("PDF 中的表格以文字形式读出，空白单元格的位置无法确定。")
    return doc
