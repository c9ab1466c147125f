"""Table 4 — 政府信息公开行政复议、行政诉讼情况 (both editions; spec section 5)."""

from __future__ import annotations

from gkgen.format.build import make_table
from gkgen.format.spec import Block, Col, Relation, Table

TITLE = "政府信息公开行政复议、行政诉讼情况"


def _outcomes() -> tuple[Col, ...]:
    return (
        Col("upheld", "结果维持"),
        Col("corrected", "结果纠正"),
        Col("other", "其他结果"),
        Col("pending", "尚未审结"),
        Col("total", "总计", total=True),
    )


GROUPS: tuple[Col, ...] = (
    Col("review", "行政复议", _outcomes()),
    Col("suit", "行政诉讼", (
        Col("direct", "未经复议直接起诉", _outcomes()),
        Col("after", "复议后起诉", _outcomes()),
    )),
)


def _relations() -> tuple[Relation, ...]:
    rels = []
    for prefix, label in (("review", "行政复议"), ("suit.direct", "行政诉讼 未经复议直接起诉"),
                          ("suit.after", "行政诉讼 复议后起诉")):
        parts = tuple(f"t4.{prefix}.{c.key}" for c in _outcomes() if not c.total)
        rels.append(Relation("R4", "t4", label, (f"t4.{prefix}.total",), parts, True))
    return tuple(rels)


def table4() -> Table:
    return make_table("t4", "表四", TITLE, 4, (Block("reviews", (), GROUPS),), _relations())
