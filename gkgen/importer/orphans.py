"""Text that the source prints inside a table part (after table 四, say, when the source has
no 五 heading): never dropped, but placed in the next narrative part under a visible marker,
which `gkgen check` reports (I1) until the author has looked at it."""

from __future__ import annotations

from gkgen.checks.imported import MARK
from gkgen.format import Edition
from gkgen.importer.doc import Block, Flat, Grid, Para
from gkgen.importer.narrative import is_prose
from gkgen.importer.parts import Split


def marker(count: int, where: str) -> str:
    """The paragraph that precedes placed text (gkgen check reports it as I1)."""
    return (f"{MARK}以下 {count} 段在来源中位于{where}，前面没有所属部分的标题，导入时暂放在本部分。"
            "请核对：属于本部分的保留，不属于的移到相应部分，然后删除本段。")


def _loose(blocks: list[Block]) -> list[Para]:
    """The paragraphs of a table part that are report text, not table text: every prose
    paragraph, and every paragraph after the last table once prose follows it."""
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Grid | Flat)]
    tail = blocks[tables[-1] + 1:] if tables else []
    out: list[Para] = []
    if any(isinstance(b, Para) and _sentence(b) for b in tail):
        first = next(i for i, b in enumerate(tail) if isinstance(b, Para))
        out += [b for b in tail[first:] if isinstance(b, Para)]
    head = blocks[:tables[-1] + 1] if tables else blocks
    out = [b for b in head if isinstance(b, Para) and _sentence(b)] + out
    return out


def _sentence(block: Para) -> bool:
    return is_prose(block) or ("。" in block.text and len(block.text) >= 8)


def place(split: Split, edition: Edition, notes: list[str]) -> dict[int, list[Block]]:
    """Take the loose text out of the table parts; the blocks to put first in each narrative part."""
    narrative = [p.number for p in edition.parts if p.table is None]
    placed: dict[int, list[Block]] = {}
    for part in edition.parts:
        if part.table is None or part.number not in split.parts:
            continue
        loose = _loose(split.parts[part.number])
        if not loose:
            continue
        ids = {id(b) for b in loose}
        split.parts[part.number] = [b for b in split.parts[part.number] if id(b) not in ids]
        target = next((n for n in narrative if n > part.number), narrative[-1])
        where = f"「{part.heading}」中"
        heading = edition.parts[target - 1].heading
        placed.setdefault(target, []).extend([Para(marker(len(loose), where)), *loose])
        notes.append(f"{where}有 {len(loose)} 段正文（不是表格），已放入「{heading}」开头并标注“{MARK}”，"
                     "gkgen check 会提示核对：" + " / ".join(p.text for p in loose))
    return placed
