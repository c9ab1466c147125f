"""Table 3 — 收到和处理政府信息公开申请情况 (both editions; spec section 4 and 6)."""

from __future__ import annotations

from gkgen.format.build import make_table
from gkgen.format.spec import Block, Col, Relation, Row, Table

TITLE = "收到和处理政府信息公开申请情况"
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

COLUMNS: tuple[Col, ...] = (
    Col("natural", "自然人"),
    Col("", "法人或其他组织", (
        Col("business", "商业企业"),
        Col("research", "科研机构"),
        Col("charity", "社会公益组织"),
        Col("legal", "法律服务机构"),
        Col("other", "其他"),
    )),
    Col("total", "总计", total=True),
)


def _rows(other: Row) -> tuple[Row, ...]:
    return (
        Row("new", "一、本年新收政府信息公开申请数量"),
        Row("carried", "二、上年结转政府信息公开申请数量"),
        Row("result", "三、本年度办理结果", (
            Row("granted", "（一）予以公开"),
            Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Row("denied", "（三）不予公开", (
                Row("secret", "1.属于国家秘密"),
                Row("prohibited", "2.其他法律行政法规禁止公开"),
                Row("security", "3.危及“三安全一稳定”"),
                Row("third_party", "4.保护第三方合法权益"),
                Row("internal", "5.属于三类内部事务信息"),
                Row("process", "6.属于四类过程性信息"),
                Row("enforcement", "7.属于行政执法案卷"),
                Row("inquiry", "8.属于行政查询事项"),
            )),
            Row("unable", "（四）无法提供", (
                Row("not_held", "1.本机关不掌握相关政府信息"),
                Row("not_existing", "2.没有现成信息需要另行制作"),
                Row("unclear", "3.补正后申请内容仍不明确"),
            )),
            Row("rejected", "（五）不予处理", (
                Row("petition", "1.信访举报投诉类申请"),
                Row("repeated", "2.重复申请"),
                Row("publication", "3.要求提供公开出版物"),
                Row("excessive", "4.无正当理由大量反复申请"),
                Row("confirm", "5.要求行政机关确认或重新出具已获取信息"),
            )),
            other,
            Row("total", "（七）总计", total=True),
        )),
        Row("forward", "四、结转下年度继续办理"),
    )


OTHER_2021 = Row("other", "（六）其他处理", (
    Row("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    Row("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    Row("other", "3.其他"),
))
OTHER_2019 = Row("other", "（六）其他处理")


def _relations(rows: tuple[Row, ...]) -> tuple[Relation, ...]:
    col_leaves = [leaf for top in COLUMNS for _, leaf in top.leaves()]
    applicant = [c for c in col_leaves if not c.total]
    row_leaves = [(anc, leaf) for top in rows for anc, leaf in top.leaves()]

    def rid(anc: tuple[Row, ...], row: Row) -> str:
        return ".".join(r.key for r in anc + (row,))

    rels: list[Relation] = []
    results = [rid(a, r) for a, r in row_leaves if a and a[0].key == "result" and not r.total]
    for col in col_leaves:
        rels.append(Relation(
            "R3", "t3", col.label, (f"t3.result.total.{col.key}",),
            tuple(f"t3.{r}.{col.key}" for r in results), True))
    for anc, row in row_leaves:
        r = rid(anc, row)
        rels.append(Relation(
            "R2", "t3", " ".join(x.label for x in anc + (row,)), (f"t3.{r}.total",),
            tuple(f"t3.{r}.{c.key}" for c in applicant), True))
    for col in col_leaves:
        rels.append(Relation(
            "R1", "t3", col.label, (f"t3.new.{col.key}", f"t3.carried.{col.key}"),
            (f"t3.result.total.{col.key}", f"t3.forward.{col.key}"), False))
    return tuple(rels)


def table3(other: Row) -> Table:
    rows = _rows(other)
    block = Block("requests", rows, COLUMNS, corner_note=CORNER_NOTE, col_group="申请人情况")
    return make_table("t3", "表三", TITLE, 3, (block,), _relations(rows))
