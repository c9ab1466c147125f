"""Table 2 — 主动公开政府信息情况, one layout per edition (spec sections 3 and 6)."""

from __future__ import annotations

from gkgen.format.build import make_table
from gkgen.format.spec import Block, Col, Kind, Row, Table

TITLE = "主动公开政府信息情况"
STUB = "信息内容"


def _item(n: str) -> str:
    return f"第二十条第（{n}）项"


def table2_2021() -> Table:
    decisions = (Col("decisions", "本年处理决定数量"),)
    blocks = (
        Block("item1", (Row("rules", "规章"), Row("normative", "行政规范性文件")), (
            Col("issued", "本年制发件数"),
            Col("repealed", "本年废止件数"),
            Col("in_force", "现行有效件数"),
        ), heading=_item("一"), stub=STUB),
        Block("item5", (Row("licensing", "行政许可"),), decisions, heading=_item("五"), stub=STUB),
        Block("item6", (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), decisions,
              heading=_item("六"), stub=STUB),
        Block("item8", (Row("fees", "行政事业性收费"),),
              (Col("amount", "本年收费金额（单位：万元）", kind=Kind.AMOUNT),),
              heading=_item("八"), stub=STUB),
    )
    return make_table("t2", "表二", TITLE, 2, blocks)


def table2_2019() -> Table:
    def items(decide: bool) -> tuple[Col, ...]:
        cols = (Col("previous", "上一年项目数量"), Col("change", "本年增/减", kind=Kind.SIGNED))
        return cols + ((Col("decisions", "处理决定数量"),) if decide else ())

    blocks = (
        Block("item1", (Row("rules", "规章"), Row("normative", "规范性文件")), (
            Col("made", "本年新制作数量"),
            Col("published", "本年新公开数量"),
            Col("public_total", "对外公开总数量"),
        ), heading=_item("一"), stub=STUB),
        Block("item5", (Row("licensing", "行政许可"), Row("services", "其他对外管理服务事项")),
              items(True), heading=_item("五"), stub=STUB),
        Block("item6", (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), items(True),
              heading=_item("六"), stub=STUB),
        Block("item8", (Row("fees", "行政事业性收费"),), items(False), heading=_item("八"), stub=STUB),
        Block("item9", (Row("procurement", "政府集中采购"),), (
            Col("projects", "采购项目数量"),
            Col("amount", "采购总金额", kind=Kind.AMOUNT),
        ), heading=_item("九"), stub=STUB),
    )
    return make_table("t2", "表二", TITLE, 2, blocks)
