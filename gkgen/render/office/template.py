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
Segments = tuple[Piece, ...]
Values = Mapping[str, Mapping[str, str]]  # what -> field -> value as XML text


def compile_pieces(pieces: Iterable[Piece]) -> Segments:
    """Adjacent strings joined: the fewest pieces to fill."""
    out: list[Piece] = []
    run: list[str] = []  # strings since the last slot, joined once (no quadratic +=)
    for piece in pieces:
        if isinstance(piece, str):
            run.append(piece)
            continue
        if run and "".join(run):
            out.append("".join(run))
        run = []
        out.append(piece)
    if run and "".join(run):
        out.append("".join(run))
    return tuple(out)


def fill(segments: Segments, values: Values) -> str:
    """The XML with every slot filled from values[slot.what][slot.field]."""
    out: list[str] = []
    for p in segments:
        if isinstance(p, str):
            out.append(p)
            continue
        v = values[p.what].get(p.field)
        out.append(p.empty if v is None else p.before + v + p.after)
    return "".join(out)
