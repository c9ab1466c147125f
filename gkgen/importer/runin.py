"""Part headings run into the text: a page whose report is one line or one paragraph
("一、总体情况 2023年，本机关…… 二、主动公开政府信息情况 ……") is cut at the official headings
(and their published variants) found inside its paragraphs, but only where they follow each
other in order with the headings printed on their own, so a heading quoted in a sentence or
a stray "二、" is left alone. Table cells are never looked at: only paragraphs are cut."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gkgen.format import edition as get_edition
from gkgen.importer.doc import Block, Para
from gkgen.importer.parts import HEADING_VARIANTS, NUMERALS, Split, split_own

# Where a run-in heading may start: the paragraph's start, a space, or the end of a sentence.
_BEFORE = set(" \t\u3000\xa0。；;！!？?：:”\"’）)》】")
_ENDS = set("。；;！!？?：:”\"’）)》】")
_NUMERAL_SEP = r"\s*[、.．,，]\s*"
MAX_HITS = 300  # a report prints each heading once; a page with hundreds is no report to cut


@dataclass(frozen=True)
class _Hit:
    block: int  # index of the paragraph in the page
    start: int
    end: int
    part: int


@cache
def _patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Per part, the official heading and its variants as one pattern, longest wording first."""
    out = []
    for part in get_edition("2021").parts:
        bodies = {part.heading[2:], *HEADING_VARIANTS.get(part.number, ())}
        words = sorted(bodies, key=len, reverse=True)
        alts = "|".join(r"\s*".join(_char(ch) for ch in w) for w in words)
        numeral = NUMERALS[part.number - 1]
        out.append((part.number, re.compile(f"{numeral}{_NUMERAL_SEP}(?:{alts})\\s*[：:。.]?\\s*")))
    return tuple(out)


def _char(ch: str) -> str:
    if ch in "、,，":
        return "[、,，]"
    return re.escape(ch)


def _hits(blocks: list[Block], skip: set[int]) -> list[_Hit]:
    """Every place an official heading is printed at a boundary of a paragraph's text. A
    heading after a sentence's end (or right after another heading) is firm; one after a mere
    space ("详见 二、主动公开政府信息情况") counts only when its part has no firm one."""
    found: list[tuple[_Hit, bool]] = []
    for i, block in enumerate(blocks):
        if i in skip or not isinstance(block, Para) or block.level:
            continue
        text = block.text
        matches = [(part, m) for part, pattern in _patterns() for m in pattern.finditer(text)]
        ends = {m.end() for _, m in matches} | {len(m.group(0).rstrip()) + m.start() for _, m in matches}
        for part, m in matches:
            head = text[:m.start()].rstrip()
            if m.start() and text[m.start() - 1] not in _BEFORE:
                continue
            firm = not head or head[-1] in _ENDS or len(head) in ends
            found.append((_Hit(i, m.start(), m.end(), part), firm))
    firm_parts = {h.part for h, firm in found if firm}
    kept = [h for h, firm in found if firm or h.part not in firm_parts]
    return sorted(kept, key=lambda h: (h.block, h.start))


def _chosen(events: list[tuple[int, bool]]) -> set[int]:
    """Indexes of the longest run of events (part, printed on its own) in page order with
    rising part numbers; a heading printed on its own outweighs any number of run-in ones."""
    n = len(events)
    best: list[tuple[int, int]] = []  # (score, previous index) per event
    for i, (part, own) in enumerate(events):
        score, prev = (1000 if own else 1), -1
        for j in range(i):
            if events[j][0] < part and best[j][0] + (1000 if own else 1) > score:
                score, prev = best[j][0] + (1000 if own else 1), j
        best.append((score, prev))
    if not best:
        return set()
    i = max(range(n), key=lambda k: (best[k][0], -k))
    out = set()
    while i >= 0:
        out.add(i)
        i = best[i][1]
    return out


def split_parts(blocks: list[Block]) -> Split:
    """The six parts of a page (gkgen.importer.parts.split_parts), with the headings run into
    the text of a paragraph cut out first when they follow in order."""
    out, own = split_own(blocks)
    if len(out.headings) == len(NUMERALS):
        return out
    cut, count = split_run_in(blocks, own)
    if not count:
        return out
    out, _ = split_own(cut)
    out.run_in = count
    return out


def split_run_in(blocks: list[Block], own: dict[int, int]) -> tuple[list[Block], int]:
    """The page with paragraphs cut at run-in part headings, and how many were cut; own maps
    the index of each paragraph that is a heading by itself to its part number."""
    hits = _hits(blocks, set(own))
    if not hits or len(hits) > MAX_HITS:
        return blocks, 0
    events = [((i, 0), part, True) for i, part in own.items()]
    events += [((h.block, h.start + 1), h.part, False) for h in hits]
    events.sort(key=lambda e: e[0])
    keep = _chosen([(part, mine) for _, part, mine in events])
    run_in = [e for k, e in enumerate(events) if k in keep and not e[2]]
    parts = {e[1] for e in run_in}
    if not run_in or len(keep) < 2 or any(not e[2] and e[1] in parts for k, e in enumerate(events) if k not in keep):
        return blocks, 0  # a single heading, or one also run in elsewhere out of order: no sequence to trust
    cuts: dict[int, list[_Hit]] = {}
    chosen = {(e[0][0], e[0][1] - 1) for e in run_in}
    for h in hits:
        if (h.block, h.start) in chosen:
            cuts.setdefault(h.block, []).append(h)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i not in cuts:
            out.append(block)
            continue
        assert isinstance(block, Para)
        out += _cut(block.text, cuts[i])
    return out, len(chosen)


def _cut(text: str, hits: list[_Hit]) -> list[Block]:
    out: list[Block] = []
    pos = 0
    for h in hits:
        if h.start < pos:
            continue  # overlapping wordings of one heading
        if text[pos:h.start].strip():
            out.append(Para(text[pos:h.start].strip()))
        out.append(Para(text[h.start:h.end].strip()))
        pos = h.end
    if text[pos:].strip():
        out.append(Para(text[pos:].strip()))
    return out
