"""The two editions of the format, keyed by the year they were issued."""

from __future__ import annotations

import copyreg
from collections.abc import Callable
from functools import cache

from gkgen.format.parts import PARTS
from gkgen.format.spec import Edition
from gkgen.format.table2 import table2_2019, table2_2021
from gkgen.format.table3 import OTHER_2019, OTHER_2021, table3
from gkgen.format.table4 import table4


@cache
def edition(key: str) -> Edition:
    """The edition named by key ("2021" or "2019"); KeyError for any other."""
    if key == "2021":
        t2 = table2_2021()
        return Edition("2021", "国办公开办函〔2021〕30号", PARTS, (t2, table3(OTHER_2021), table4()),
                       markers=_markers(t2, ("本年制发件数", "现行有效件数", "本年收费金额（单位：万元）")))
    if key == "2019":
        t2 = table2_2019()
        return Edition("2019", "国办公开办函〔2019〕60号", PARTS, (t2, table3(OTHER_2019), table4()),
                       markers=_markers(t2, ("本年新制作数量", "对外公开总数量", "上一年项目数量",
                                             "第二十条第（九）项")))
    raise KeyError(key)


def _markers(t2: object, labels: tuple[str, ...]) -> tuple[str, ...]:
    # The markers are labels this edition's table 2 prints; keep them honest.
    from gkgen.format.spec import Table

    assert isinstance(t2, Table)
    printed = {lab for c in t2.cells for lab in (*c.col_labels, c.block or "")}
    missing = [m for m in labels if m not in printed]
    if missing:
        raise ValueError(f"edition markers not printed by table 2: {missing}")
    return labels


EDITIONS: tuple[str, ...] = ("2021", "2019")


def _by_key(e: Edition) -> tuple[Callable[[str], Edition], tuple[str]]:
    return edition, (e.key,)


# An edition pickles as its key: the format is data every process already has, and a loaded
# report sent to a worker process would otherwise carry 40 KB of labels with it.
copyreg.pickle(Edition, _by_key)
