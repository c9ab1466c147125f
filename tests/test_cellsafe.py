"""CSV cells never start a formula; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from gkgen.render.cellsafe import csv_text, text_cell


@pytest.mark.parametrize("raw", ["=1+1", "+86 10", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "=HYPERLINK(\"http://x\")"])
def test_formula_triggers_are_quoted(raw: str) -> None:
    assert text_cell(raw) == "'" + raw


@pytest.mark.parametrize("raw", ["市人民政府", "0571-1234", "", "a=b"])
def test_plain_text_unchanged(raw: str) -> None:
    assert text_cell(raw) == raw


def test_csv_numbers_not_quoted_and_text_is() -> None:
    text = csv_text([["=cmd|' /C calc'!A0", -3, 2.5, None]])
    row = next(csv.reader(io.StringIO(text)))
    assert row == ["'=cmd|' /C calc'!A0", "-3", "2.5", ""]
