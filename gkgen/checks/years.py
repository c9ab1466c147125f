"""Y1–Y3: this year's report against the previous year's, when the site holds it."""

from __future__ import annotations

import functools
import re

from gkgen.checks.relations import gap
from gkgen.checks.text import plain_text
from gkgen.findings import Finding, Pos, fmt
from gkgen.model import Report, Site


def check_carry_over(site: Site, report: Report) -> list[Finding]:
    """Y1: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1), column by column."""
    prev = site.previous(report)
    if prev is None or "t3" in report.missing_tables | prev.missing_tables:
        return []
    t3 = report.edition.table("t3")
    out = []
    for cell in t3.cells:
        if not cell.id.startswith("t3.carried."):
            continue
        before_id = cell.id.replace("t3.carried.", "t3.forward.")
        now, before = report.number(cell.id), prev.number(before_id)
        if now is None or before is None or now == before:
            continue
        out.append(Finding(
            "Y1", f"{t3.number}「{cell.col_labels[-1]}」列：本年「{cell.row_labels[0]}」为 {fmt(now)}，"
            f"应等于 {prev.year} 年报告「{t3.cell(before_id).row_labels[0]}」的 {fmt(before)}，{gap(now, before)}。",
            report.anchors[cell.id], hint="上年结转的申请数应与上一年度报告结转下年度继续办理的数量一致。",
            cells=(cell.id,), labels=(cell.label,), expected=before, actual=now))
    return out


def check_in_force(site: Site, report: Report) -> list[Finding]:
    """Y2: 现行有效件数 (Y) = 现行有效件数 (Y−1) + 本年制发件数 (Y) − 本年废止件数 (Y)."""
    prev = site.previous(report)
    if prev is None or "2021" not in (report.edition.key, prev.edition.key) \
            or report.edition.key != prev.edition.key or "t2" in report.missing_tables:
        return []
    t2 = report.edition.table("t2")
    out = []
    for row in ("rules", "normative"):
        now = report.number(f"t2.{row}.in_force")
        before = prev.number(f"t2.{row}.in_force")
        issued = report.number(f"t2.{row}.issued")
        repealed = report.number(f"t2.{row}.repealed")
        if None in (now, before, issued, repealed):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if now == expected:
            continue
        cell = t2.cell(f"t2.{row}.in_force")

        def label(col: str, row: str = row) -> str:
            return t2.cell(f"t2.{row}.{col}").col_labels[-1]

        out.append(Finding(
            "Y2", f"{t2.number}「{cell.row_labels[0]}」：{label('in_force')}为 {fmt(now)}，按上年{label('in_force')} "
            f"{fmt(before)} ＋{label('issued')} {fmt(issued)} − {label('repealed')} {fmt(repealed)} "
            f"应为 {fmt(expected)}，{gap(now, expected)}。",  # type: ignore[arg-type]
            report.anchors[cell.id], hint="如因修订、失效等原因确有出入，可在正文中说明。",
            cells=(cell.id,), labels=(cell.label,), expected=expected, actual=now))
    return out


SIMILAR = 0.8
MIN_CHARS = 80


PREFILTER = 0.3
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")


def _masked(text: str) -> str:
    # Digits are masked so that a copy with only the years and figures changed still matches.
    return re.sub(r"\d+", "#", "".join(text.split()))


@functools.lru_cache(maxsize=32)  # one body's years at a time (a task); large sets
def sentences(text: str) -> frozenset[str]:
    """The text's sentences, white space dropped and digits masked."""
    return frozenset(x for x in _SENTENCE_END.split(_masked(text)) if x)


@functools.lru_cache(maxsize=32)  # one body's years at a time (a task); large sets
def shingles(text: str) -> frozenset[str]:
    """Character 4-grams of a text with white space dropped and digits masked."""
    s = _masked(text)
    return frozenset(s[i:i + 4] for i in range(max(len(s) - 3, 0)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """How much of two texts is the same, 0…1 (Jaccard of character 4-grams).

    Sentence sets are compared first: texts that share under 30 % of their sentences are not
    copies, and skipping their 4-grams keeps the check cheap on large sites.
    """
    quick = _jaccard(sentences(a), sentences(b))
    if quick < PREFILTER:
        return quick
    return _jaccard(shingles(a), shingles(b))


def check_copied(site: Site, report: Report) -> list[Finding]:
    """Y3: a narrative part nearly identical to the same part of last year's report."""
    prev = site.previous(report)
    if prev is None:
        return []
    out = []
    for number, part in report.narratives.items():
        before = prev.narratives.get(number)
        now_text = plain_text(part.source)
        if before is None or len(now_text) < MIN_CHARS:
            continue
        score = similarity(now_text, plain_text(before.source))
        if score >= SIMILAR:
            heading = report.edition.parts[number - 1].heading
            out.append(Finding(
                "Y3", f"「{heading}」与 {prev.year} 年报告的同一部分相似度为 {score:.0%}（不计年份和数字），"
                "疑似照抄上年报告。",
                Pos(part.path, 1, 1), hint="按本年度实际工作重写这一部分；照抄上年报告是督查通报的常见问题。",
                expected=f"< {SIMILAR:.0%}", actual=f"{score:.0%}"))
    return out


YEAR_CHECKS = (check_carry_over, check_in_force, check_copied)
