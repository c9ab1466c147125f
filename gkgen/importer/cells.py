"""Reading one cell's text as a value, and the placements of numbers whose positions were lost."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from gkgen.findings import Number, fmt
from gkgen.format import Cell, Table
from gkgen.importer.normalize import clean_cell, number

MAX_TRIES = 50_000  # placements examined at most
SHOWN = 6  # placements listed in the log


@dataclass(frozen=True)
class Read:
    """What a value cell of the source holds."""

    raw: str
    value: Number | None  # None: blank or unreadable
    blank: bool = False
    grouped: bool = False  # thousands separators were removed
    unit: str = ""  # a unit printed after the number ("元", "件")


def read(raw: str) -> Read:
    """The value a source cell prints: a number, a blank, or something unreadable (None)."""
    text = clean_cell(raw)
    if not text:
        return Read(raw, None, blank=True)
    dec, grouped = number(text)
    unit = ""
    if dec is None:
        m = _UNIT.match(text)
        if m:
            dec, grouped = number(m.group(1))
            unit = m.group(2)
    if dec is None:
        return Read(raw, None)
    return Read(raw, _as_number(dec), grouped=grouped, unit=unit)


_UNIT = re.compile(r"^(.*?\d)\s*(万元|元|件|个|条|项|次|人次|家)$")


def _as_number(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() and d.as_tuple().exponent == 0 else d


def is_number(raw: str) -> bool:
    """A cell that reads as a number, or is blank."""
    text = clean_cell(raw)
    return not text or number(text)[0] is not None or bool(_UNIT.match(text) and number(
        _UNIT.match(text).group(1))[0] is not None)  # type: ignore[union-attr]


def is_odd(raw: str) -> bool:
    """Short text standing where a number should be ("—", "/", "无", "3件")."""
    text = clean_cell(raw)
    return 0 < len(text) <= 3 or (text[:1].isdigit() and len(text) <= 8)


def placements(table: Table, cells: tuple[Cell, ...], values: list[Number]) -> tuple[int, list[str]]:
    """How many placements of values (in order) over cells agree with the table's relations
    inside these cells (other cells counted as zero), and the first few, written out."""
    ids = {c.id for c in cells}
    rels = [r for r in table.relations if set(r.lhs + r.rhs) <= ids]
    found, shown = 0, list[str]()
    combos = itertools.combinations(range(len(cells)), len(values))
    for slots in itertools.islice(combos, MAX_TRIES):
        numbers = dict.fromkeys(ids, 0) | {cells[i].id: v for i, v in zip(slots, values, strict=True)}
        if all(sum(numbers[c] for c in r.lhs) == sum(numbers[c] for c in r.rhs) for r in rels):
            found += 1
            if len(shown) < SHOWN:
                shown.append("、".join(f"{_short(cells, i)}={fmt(v)}"
                                      for i, v in zip(slots, values, strict=True)))
    return found, shown


def _short(cells: tuple[Cell, ...], i: int) -> str:
    labels = cells[i].col_labels
    same_leaf = sum(c.col_labels[-1] == labels[-1] for c in cells) > 1
    return "".join(labels[-2:]) if same_leaf and len(labels) > 1 else labels[-1]
