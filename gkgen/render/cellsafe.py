"""Spreadsheet cells that cannot carry a formula (CSV and Excel formula injection, OWASP).

Every text cell gkgen writes to a CSV or an Excel workbook passes through ``text_cell``: a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also their full-width forms,
which some spreadsheet programs normalise) gets a leading apostrophe, so Excel and LibreOffice
show it as text instead of evaluating it. Numbers are written as numbers and never pass here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def text_cell(value: object) -> str:
    """``value`` as cell text that a spreadsheet shows verbatim and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS):
        return "'" + text
    return text


def csv_cell(value: object) -> str:
    """A CSV cell: ints and floats as written, everything else through ``text_cell``."""
    if isinstance(value, bool):
        return text_cell(value)
    if isinstance(value, int | float):
        return str(value)
    return text_cell(value)


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """CSV text (CRLF line ends, as Excel writes) with every cell made safe."""
    buf = io.StringIO()  # ints, the most common cells, as the csv module writes them (str())
    csv.writer(buf, lineterminator="\r\n").writerows(
        [c if type(c) is int else csv_cell(c) for c in row] for row in rows)
    return buf.getvalue()
