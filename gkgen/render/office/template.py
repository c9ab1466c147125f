"""XML made once per edition with slots for a report's values, then filled per report.

Labels, spans and styles of the official tables are the same for every report of an
edition; only the figures (and the title) change. The fixed XML is built once per process
and each slot knows the exact text around its value, so a report costs a dictionary
lookup per figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """Where a report's value goes: before + value + after, or empty when it has none."""

    field: str  # a field id, or "title"
    what: str  # which of the report's value tables: "figure" | "computed" | "title" …
    before: str
    after: str
    empty: str


Piece = str | Slot
Values = Mapping[str, Mapping[str, str]]  # what -> field -> value as XML text


@dataclass(frozen=True)
class Segments:
    """Fixed XML with slots: the strings between slots, and each slot with its position."""

    fixed: tuple[str, ...]  # one entry per piece; a slot's entry is its empty form
    slots: tuple[tuple[int, Slot], ...]


def compile_pieces(pieces: Iterable[Piece]) -> Segments:
    """Adjacent strings joined: the fewest pieces to fill."""
    out: list[str] = []
    slots: list[tuple[int, Slot]] = []
    run: list[str] = []  # strings since the last slot, joined once (no quadratic +=)
    for piece in pieces:
        if isinstance(piece, str):
            run.append(piece)
            continue
        if run and "".join(run):
            out.append("".join(run))
        run = []
        slots.append((len(out), piece))
        out.append(piece.empty)
    if run and "".join(run):
        out.append("".join(run))
    return Segments(tuple(out), tuple(slots))


def fill(segments: Segments, values: Values) -> str:
    """The XML with every slot filled from values[slot.what][slot.field].

    Only the slots are visited: a report's workbook has ~600 of them among ~1,200 pieces.
    """
    out = list(segments.fixed)
    for i, p in segments.slots:
        v = values[p.what].get(p.field)
        if v is not None:
            out[i] = p.before + v + p.after
    return "".join(out)
