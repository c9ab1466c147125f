"""A narrative part's paragraphs as Markdown that renders to the same text, numbering intact."""

from __future__ import annotations

import re

from gkgen.importer.doc import Block, Flat, Grid, Para
from gkgen.importer.normalize import fix_radicals

_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(#?\w+;)")
_JINJA = re.compile(r"\{(?=[{%#])")
_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_BLOCK_START = re.compile(r"^([#>+\-=])")
FOOTER = re.compile(r"版权所有|Copyright|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|"
                    r"打印本页|关闭窗口|【打印】|【关闭】|扫一扫|分享到|上一篇|下一篇|相关链接|网站地图")
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


def escape(text: str) -> str:
    """Text as Markdown source that renders back to exactly this text (and is no Jinja)."""
    s = _INLINE.sub(r"\\\1", text)
    s = _ENTITY.sub(r"\\&\1", s)
    s = _JINJA.sub('{{ "{" }}', s)
    s = _LIST_START.sub(r"\1\\\2", s)
    return _BLOCK_START.sub(r"\\\1", s)


def to_markdown(blocks: list[Block], heading_level: int, notes: list[str], where: str) -> str:
    """The Markdown source of one part; tables inside a narrative part are noted, not kept."""
    out: list[str] = []
    in_list = False
    fixed = 0
    for block in blocks:
        if not isinstance(block, Para):
            notes.append(f"{where}中有一张表格（{_table_size(block)}），正文部分不导入表格，请对照原文处理。")
            continue
        text, n = fix_radicals(" ".join(block.text.split()))
        fixed += n
        if not text:
            continue
        item = block.ordinal is not None or block.bullet
        if out and not (item and in_list):
            out.append("")
        in_list = item
        out.append(_line(block, escape(text), heading_level))
    if fixed:
        notes.append(f"{where}中有 {fixed} 个康熙部首等形近字符，已换成对应的规范汉字。")
    return "\n".join(out) + "\n" if out else ""


def _line(block: Para, text: str, heading_level: int) -> str:
    if block.level:
        depth = min(max(2 + block.level - heading_level, 3), 6) if heading_level else 3
        return "#" * depth + " " + text
    if block.ordinal is not None:
        return f"{block.ordinal}. {text}"
    if block.bullet:
        return f"- {text}"
    return text


def _table_size(block: Grid | Flat) -> str:
    if isinstance(block, Grid):
        return f"{len(block.rows)} 行"
    return f"{len(block.tokens)} 格"


def is_prose(block: Block) -> bool:
    """A paragraph of report text rather than page furniture."""
    return isinstance(block, Para) and len(block.text) >= 20 and "。" in block.text


def trim_tail(blocks: list[Block], notes: list[str], name: str | None) -> tuple[list[Block], str | None]:
    """The last part without the page footer and the signature; the date it was signed."""
    for i, block in enumerate(blocks):
        if isinstance(block, Para) and FOOTER.search(block.text) and not is_prose(block):
            dropped = [b.text for b in blocks[i:] if isinstance(b, Para)]
            notes.append("报告正文之后的网页文字未导入：" + _preview(dropped))
            blocks = blocks[:i]
            break
    signed = None
    last = blocks[-1] if blocks else None
    date = _DATE_LINE.match(last.text.strip()) if isinstance(last, Para) else None
    if isinstance(last, Para) and date:
        y, m, d = date.groups()
        signed = f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
        blocks = blocks[:-1]
        tail = [last.text]
        before = blocks[-1] if blocks else None
        if isinstance(before, Para) and _is_signature(before.text):
            tail.insert(0, before.text)
            blocks = blocks[:-1]
        notes.append("报告末尾的落款未写入正文：" + _preview(tail))
    elif name and isinstance(last, Para) and "".join(last.text.split()) == "".join(name.split()):
        blocks = blocks[:-1]
        notes.append("报告末尾的落款未写入正文：" + _preview([last.text]))
    return blocks, signed


def _is_signature(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。，；：,;:]", text)


def _preview(texts: list[str]) -> str:
    joined = " / ".join(t.strip() for t in texts if t.strip())
    return "“" + (joined if len(joined) <= 80 else joined[:80] + "…") + "”"
