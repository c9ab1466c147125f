"""Word XML read directly (lxml elements of python-docx's document): the text of a paragraph
and the grid of a table. A table is read from its cells alone — w:gridSpan, w:vMerge,
w:hMerge and w:gridBefore — never from w:tblGrid, which WPS may leave out or fill with
zero widths."""

from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP_TEXT = {"txbxContent", "AlternateContent", "del", "moveFrom", "instrText", "delText",
              "footnoteReference", "endnoteReference", "rPr", "pPr"}
_WRAPPERS = {"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo"}


def qn(name: str) -> str:
    return f"{{{W}}}{name}"


def local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def pick(alternate: Any) -> Any | None:
    """The branch of an mc:AlternateContent to read: the first mc:Choice, else mc:Fallback
    (the fallback repeats the choice for older readers: reading both would read it twice)."""
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def para_text(p: Any) -> str:
    """A paragraph's own text (runs split per character joined again); text boxes anchored
    in it, deleted text and field codes are not its text."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = local(child)
            if tag == "t":
                out.append(child.text or "")
            elif tag == "tab":
                out.append("\t")
            elif tag in ("br", "cr"):
                out.append("\n")
            elif tag == "noBreakHyphen":
                out.append("-")
            elif tag == "AlternateContent":
                chosen = pick(child)
                if chosen is not None:
                    walk(chosen)
            elif tag not in _SKIP_TEXT:
                walk(child)
    walk(p)
    return "".join(out)


def _cell_text(tc: Any) -> str:
    texts: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = local(child)
            if tag == "p":
                texts.append(para_text(child))
            elif tag in _WRAPPERS:
                walk(child)
    walk(tc)
    return " ".join(" ".join(texts).replace("\xa0", " ").split())


def _children(el: Any, tag: str) -> list[Any]:
    """el's children of one kind, also those wrapped in a content control."""
    out = []
    for child in el.iterchildren():
        name = local(child)
        if name == tag:
            out.append(child)
        elif name in _WRAPPERS:
            out += _children(child, tag)
    return out


def _int_val(el: Any, default: int) -> int:
    try:
        return max(int(el.get(qn("val"))), 0) if el is not None else default
    except (TypeError, ValueError):
        return default


def grid(tbl: Any) -> list[list[str]]:
    """Rows of cell texts: a cell spanning columns once per row, a cell merged down the rows
    (w:vMerge) repeated in each row it covers, as Grid wants them."""
    rows: list[list[str]] = []
    above: dict[int, tuple[int, str]] = {}  # grid column -> (cell number, text) of the row above
    count = 0
    for tr in _children(tbl, "tr"):
        trpr = tr.find(qn("trPr"))
        col = _int_val(trpr.find(qn("gridBefore")) if trpr is not None else None, 0)
        here: dict[int, tuple[int, str]] = {}
        out: list[str] = []
        last: int | None = None
        for tc in _children(tr, "tc"):
            tcpr = tc.find(qn("tcPr"))
            span = max(_int_val(tcpr.find(qn("gridSpan")) if tcpr is not None else None, 1), 1)
            vmerge = tcpr.find(qn("vMerge")) if tcpr is not None else None
            hmerge = tcpr.find(qn("hMerge")) if tcpr is not None else None
            cont = vmerge is not None and vmerge.get(qn("val"), "continue") != "restart"
            if cont and col in above:
                cell = above[col]
            elif hmerge is not None and hmerge.get(qn("val"), "continue") != "restart" and last is not None:
                cell = here[col - 1]
            else:
                count += 1
                cell = (count, _cell_text(tc))
            for c in range(col, col + span):
                here[c] = cell
            if cell[0] != last:
                out.append(cell[1])
            last = cell[0]
            col += span
        above = here
        rows.append(out)
    return rows
