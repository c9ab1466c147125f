"""N1–N5: the narrative parts and the report's dates."""

from __future__ import annotations

import datetime as dt
import re

from gkgen.checks.text import blank_out, plain_text, pos_at
from gkgen.content.quote import render_part
from gkgen.findings import Finding, Pos, fmt
from gkgen.model import Body, Report, Site
from gkgen.region.status import due

# A phrase in prose that names a table figure: (pattern with one number group, cells summed).
# The gap between a phrase and its number holds no 的 (…予以公开的公文812件 counts documents).
_N = r"[^。；，、的\d]{0,6}?"
FIGURE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (rf"(?:新收|收到|受理)(?:各类)?(?:政府信息公开|依申请公开)?申请{_N}(\d+)\s*件", ("t3.new.total",)),
    (rf"上年结转(?:政府信息公开)?(?:申请)?{_N}(\d+)\s*件", ("t3.carried.total",)),
    (rf"结转下年度(?:继续办理)?{_N}(\d+)\s*件", ("t3.forward.total",)),
    (rf"(?:办理|办结|答复)(?:了)?(?:政府信息公开申请|依申请公开申请|依申请公开){_N}(\d+)\s*件",
     ("t3.result.total.total",)),
    # 予以公开及部分公开42件 is the sum of both rows, not the 予以公开 cell.
    (rf"予以公开[及和与、]部分公开{_N}(\d+)\s*件", ("t3.result.granted.total", "t3.result.partial.total")),
    (rf"(?<!部分)予以公开(?![及和与、]部分公开){_N}(\d+)\s*件", ("t3.result.granted.total",)),
    (rf"(?<![及和与、])部分公开{_N}(\d+)\s*件", ("t3.result.partial.total",)),
    (rf"不予公开{_N}(\d+)\s*件", tuple(f"t3.result.denied.{k}.total" for k in (
        "secret", "prohibited", "security", "third_party", "internal", "process", "enforcement",
        "inquiry"))),
    # 行政复议结果维持1件 / 行政诉讼中尚未审结的 name a sub-column, not the total.
    (rf"行政复议(?:案件)?(?!结果|中|后){_N}(\d+)\s*件", ("t4.review.total",)),
    (rf"行政诉讼(?:案件)?(?!结果|中){_N}(\d+)\s*件", ("t4.suit.direct.total", "t4.suit.after.total")),
    (rf"(?:制发|印发)(?:行政)?规范性文件{_N}(\d+)\s*件", ("t2.normative.issued",)),  # 2021
    (rf"(?:制发|制作|印发)规范性文件{_N}(\d+)\s*件", ("t2.normative.made",)),  # 2019
)


_CLAUSE_START = re.compile(r"[。；！？，、,;\n][^。；！？，、,;\n]*$")
_OTHER_YEAR = re.compile(r"上年|去年|上一年|同比|(\d{4})\s*年")


def _about_another_year(text: str, start: int, year: int) -> bool:
    """Whether the clause before a figure says it is about another year (比上年…, 2022年共…)."""
    head = text[max(0, start - 60):start]
    m = _CLAUSE_START.search(head)
    clause = head[m.start() + 1:] if m else head
    return any(not g.group(1) or int(g.group(1)) != year for g in _OTHER_YEAR.finditer(clause))


def check_figures(site: Site, report: Report) -> list[Finding]:
    """N1: a figure written in prose that disagrees with the table cell it names."""
    out = []
    cells = report.edition.cells
    for part in report.narratives.values():
        if part.source is None:
            continue
        text = blank_out(part.source)
        for pattern, ids in FIGURE_PHRASES:
            if any(c not in cells for c in ids):
                continue
            values = [report.number(c) for c in ids]
            if any(v is None for v in values):
                continue
            actual = sum(v for v in values if v is not None)
            for m in re.finditer(pattern, text):
                written = int(m.group(1))
                if written != actual and not _about_another_year(text, m.start(), report.year):
                    out.append(Finding(
                        "N1", f"正文写的是“{m.group(0)}”，但表格中{'、'.join(cells[c].label for c in ids)}为 {fmt(actual)}。",
                        pos_at(part.path, part.source, m.start(1)),
                        hint=f"改正文字，或直接引用表格数字：{{{{ {' + '.join(ids)} }}}}。",
                        cells=ids, labels=tuple(cells[c].label for c in ids), expected=actual, actual=written))
    return out


_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月(?:\s*1\s*日)?\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*"
                     r"(?:(\d{4})\s*年\s*)?12\s*月(?:\s*31\s*日)?")
# "2021年，我办将着力…" in a 2021 report: a year, at most a comma and a short subject (我局,
# 本机关), then a verb of intent. The subject may not hold 的 or a comma, so that
# "针对2022年发现的问题，我局将" (a plan about this year's problems) is not read as one.
_OPENING = re.compile(r"\s*(?:#+[^\n]*\n\s*)*(\d{4})\s*年(?:度)?\s*[，,以来]")
_PLAN = re.compile(r"(\d{4})\s*年(?:度)?\s*[，,]?\s*[^。；，,、\n的]{0,6}?(?:将|计划|拟|力争|打算)")


def check_years(site: Site, report: Report) -> list[Finding]:
    """N2: the title year and statistics period are Y; plans in part 五 point at Y+1."""
    out = []
    y = report.year
    if report.title:
        for m in re.finditer(r"(\d{4})\s*年", report.title):
            if int(m.group(1)) != y:
                out.append(Finding("N2", f"标题中的年份 {m.group(1)} 与报告年度 {y} 不符。",
                                   report.meta_pos.get("title", Pos(report.dir / "report.yaml")),
                                   hint=f"标题应为“…{y}年政府信息公开工作年度报告”。", expected=y,
                                   actual=int(m.group(1))))
    for part in report.narratives.values():
        if part.source is None:
            continue
        text = blank_out(part.source)
        for m in _PERIOD.finditer(text):
            wrong = [g for g in (1, 2) if m.group(g) and int(m.group(g)) != y]
            if wrong:  # one finding per period, at its first wrong year
                g = wrong[0]
                out.append(Finding("N2", f"统计期限“{m.group(0)}”不是本报告年度 {y} 年。",
                                   pos_at(part.path, part.source, m.start(g)),
                                   hint=f"统计期限应为 {y}年1月1日至{y}年12月31日。", expected=y,
                                   actual=int(m.group(g))))
        opening = _OPENING.match(text) if part.part == 1 else None
        if opening and int(opening.group(1)) != y:
            out.append(Finding("N2", f"「{report.edition.parts[0].heading}」开头写的是 {opening.group(1)} 年，"
                               f"本报告是 {y} 年度报告。", pos_at(part.path, part.source, opening.start(1)),
                               hint=f"总体情况应写本年度：“{y}年，…”；疑为照搬往年报告时遗留的年份。",
                               expected=y, actual=int(opening.group(1))))
        if part.part != 5:
            continue
        for m in _PLAN.finditer(text):
            if int(m.group(1)) <= y:
                out.append(Finding("N2", f"第五部分的工作计划“{m.group(0)}”指向 {m.group(1)} 年，应为下一年度 {y + 1} 年。",
                                   pos_at(part.path, part.source, m.start(1)),
                                   hint="改进计划应写下一年度；疑为照搬往年报告时遗留的年份。",
                                   expected=y + 1, actual=int(m.group(1))))
    return out


_FEES = re.compile(r"处理费|收费|收取费用")  # 未发生收费情况 says it too


def check_fees(site: Site, report: Report) -> list[Finding]:
    """N3: part 六 says nothing about 信息处理费."""
    part = report.narratives.get(6)
    if part is None or not plain_text(part.source) or _FEES.search(plain_text(part.source)):
        return []
    heading = report.edition.parts[5].heading
    return [Finding("N3", f"「{heading}」没有说明信息处理费的收取情况。", Pos(part.path, 1, 1),
                    hint="写明本年度收取信息处理费的金额，未收取的写“本年度未收取信息处理费”。")]


def check_empty(site: Site, report: Report) -> list[Finding]:
    """N4: a narrative part is missing or empty; an expression error (F8) surfaces here too."""
    out: list[Finding] = []
    for number, part in sorted(report.narratives.items()):
        heading = report.edition.parts[number - 1].heading
        if part.source is None and part.path.exists():
            continue  # there but unreadable: the loader's F1/F6 says why
        if part.source is None:
            out.append(Finding("N4", f"缺少「{heading}」（文件 {part.path.name} 不存在）。", Pos(part.path),
                               hint=f"新建 {part.path.name} 并撰写这一部分。"))
        elif not plain_text(part.source):
            out.append(Finding("N4", f"「{heading}」还没有内容。", Pos(part.path, 1, 1),
                               hint="按模板中的提示撰写这一部分。"))
        else:
            render_part(report, part, out)
    return out


def deadline(site: Site, body: Body, year: int) -> dt.date:
    """The last day the body may publish its report for year (spec section 1)."""
    return due(body.level, body.deadline, site.township_deadline, year)


def check_deadline(site: Site, report: Report) -> list[Finding]:
    """N5: the publication date is set, after the year it reports on, and not past the deadline."""
    due = deadline(site, report.body, report.year)
    where = report.meta_pos.get("published", Pos(report.dir / "report.yaml", 1, 1))
    if report.published is None:
        if "published" in report.meta_pos:
            return []  # written but unreadable: F7 says so
        return [Finding("N5", f"尚未填写发布日期（法定期限 {due.isoformat()}），生成的报告不会显示日期。",
                        where, hint=f"发布前在 report.yaml 中写明 published: {due.isoformat()} 之前的实际发布日期。",
                        expected=due.isoformat())]
    if report.published.year <= report.year:
        return [Finding("N5", f"发布日期 {report.published.isoformat()} 早于 {report.year} 年度结束，"
                        "年度报告应在次年发布。", where, hint="核对发布日期的年份。",
                        expected=f"{report.year + 1}-01-01 至 {due.isoformat()}",
                        actual=report.published.isoformat())]
    if report.published <= due:
        return []
    late = (report.published - due).days
    return [Finding("N5", f"发布日期 {report.published.isoformat()} 晚于法定期限 {due.isoformat()}（迟 {late} 天）。",
                    where, hint="县级以上人民政府部门应于次年1月31日前、县级以上人民政府应于次年3月31日前发布。",
                    expected=due.isoformat(), actual=report.published.isoformat())]


NARRATIVE_CHECKS = (check_figures, check_years, check_fees, check_empty, check_deadline)
