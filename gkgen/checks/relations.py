"""R1–R4: the arithmetic relations that the format description declares."""

from __future__ import annotations

from gkgen.checks.blame import explain
from gkgen.findings import Finding, Number, fmt
from gkgen.format import Relation, Table
from gkgen.model import Report, Site

_SCOPE = {"R1": "列", "R2": "行", "R3": "列", "R4": ""}


def check_relations(site: Site, report: Report) -> list[Finding]:
    """One finding per broken relation, at the typed cell it contradicts."""
    out = []
    for table in report.edition.tables:
        if table.key in report.missing_tables:
            continue
        found, failing = [], []
        for rel in table.relations:
            f = _check(report, table, rel)
            if f:
                found.append(f)
                failing.append(rel)
        out.extend(explain(report, table, failing, found))
    return out


def _side(report: Report, ids: tuple[str, ...]) -> Number | None:
    values = [report.number(c) for c in ids]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


_MANY = {"R2": "六类申请人之和", "R3": "（一）至（六）各项之和"}


def gap(actual: Number, expected: Number) -> str:
    """How actual stands to expected, one wording for every check: 比应有的多 2 / 少 2."""
    diff: Number = actual - expected if actual > expected else expected - actual
    return f"比应有的{'多' if actual > expected else '少'} {fmt(diff)}"


def _names(table: Table, ids: tuple[str, ...], rel: Relation) -> str:
    if len(ids) > 4:
        return _MANY.get(rel.check, "各分项之和")
    names = []
    for cid in ids:
        cell = table.cell(cid)
        by_row = rel.check in ("R1", "R3")
        names.append(" ".join(cell.row_labels) if by_row else cell.col_labels[-1])
    return "＋".join(names)


def _check(report: Report, table: Table, rel: Relation) -> Finding | None:
    if rel.defines_total:
        total = report.values.get(rel.lhs[0])
        if total is None or not total.typed:
            return None
    left, right = _side(report, rel.lhs), _side(report, rel.rhs)
    if left is None or right is None or left == right:
        return None
    cells = rel.lhs + rel.rhs
    if rel.defines_total:
        where = report.anchors[rel.lhs[0]]
        msg = (f"{table.number}「{rel.scope}」{_SCOPE[rel.check]}：填写的总计为 {fmt(left)}，"
               f"而{_names(table, rel.rhs, rel)}为 {fmt(right)}，总计{gap(left, right)}。")
        expected, actual = right, left
        hint = "核对各分项和总计：如果总计无误，说明某个分项填错了。也可以删去总计，由系统计算。"
    else:
        # At the typed balance of the column ((七)总计, else 四、结转下年度): where the author
        # reconciles. A computed one has no place of its own; its row's place will do.
        typed = [c for c in rel.rhs if report.values[c].typed]
        where = report.anchors[typed[0] if typed else rel.rhs[-1]]
        msg = (f"{table.number}「{rel.scope}」{_SCOPE[rel.check]}：{_names(table, rel.rhs, rel)} = {fmt(right)}，"
               f"应等于 {_names(table, rel.lhs, rel)} = {fmt(left)}，{gap(right, left)}。")
        expected, actual = left, right
        hint = "本年收到的申请（新收＋上年结转）应全部有去向：本年办结（（七）总计）或结转下年度。"
    return Finding(rel.check, msg, where, hint=hint, cells=cells,
                   labels=tuple(table.cell(c).label for c in cells), expected=expected, actual=actual)
