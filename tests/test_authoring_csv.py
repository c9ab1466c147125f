"""Leak: data/reports.csv (made for Excel) never starts a cell with a formula trigger.

End to end: an author's body name that reads as a formula goes through a real build, and the
CSV that lands in the output is read back with the csv module.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import edit, make_site

from gkgen.build.site import build_site


@pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com","某局")', "+1+某局", "-2+某局",
                                  "@SUM(1)某局", "＝1+某局"])
def test_leak_reports_csv_cells_cannot_carry_formulas(tmp_path: Path, name: str) -> None:
    root = make_site(tmp_path / "site")
    edit(root / "content" / "x" / "body.yaml", "name: 某市某局", f"name: '{name}'")
    result = build_site(root, tmp_path / "out", pdf=False, jobs=1)
    assert result.ok, result.findings
    text = (tmp_path / "out" / "data" / "reports.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = {row[1] for row in rows[1:]}
    assert names == {"'" + name}, names  # shown as the text the author wrote, never evaluated
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "＝")), row
