"""Round trips through gkgen's own office files, with the real CLI: every report of the example
site (and two fixture sites: a 2021 report with lists, headings and escaped characters, a 2019
trial-edition report) is built, and its report.docx imports back to the same cells and the same
text of every narrative part, its tables.xlsx to the same cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_common import empty_site, run, shown, typed
from test_import_roundtrip import _sites, assert_same_report

from gkgen.content.load import load_site

pytest.importorskip("docx", reason="python-docx is not installed")
pytest.importorskip("openpyxl", reason="openpyxl is not installed")

CLEAN = "无法读取或无法确定位置：0 格；来源空白：0 格"


def _built(tmp_path: Path) -> list[tuple[Path, list[tuple[str, int]]]]:
    """Each site built with `gkgen build --no-pdf --drafts` (the fixture reports are drafts), with its reports (body, year)."""
    out = []
    for src in _sites(tmp_path):
        res = run(src, "build", "--no-pdf", "--drafts")
        assert res.exit_code == 0, res.output
        site = load_site(src).site
        reports = [(b.slug, y) for b in site.bodies.values() for y in b.reports]
        assert reports
        out.append((src, reports))
    return out


def test_docx_and_xlsx_import_back(tmp_path: Path) -> None:
    count, expected = 0, 0
    for src, reports in _built(tmp_path):
        expected += 2 * len(reports)
        for kind in ("report.docx", "tables.xlsx"):
            dst = empty_site(tmp_path / f"{src.name}-{kind}")
            for slug, year in reports:
                path = src / "output" / slug / str(year) / kind
                res = run(dst, "import", str(path), "--body", slug)
                assert res.exit_code == 0, res.output
                assert CLEAN in res.output, (path, res.output)
                if kind == "report.docx":
                    assert_same_report(src, dst, slug, year)  # cells and part text
                else:
                    assert typed(dst, slug, year) == shown(src, slug, year), path
                count += 1
    assert count == expected >= 2 * (4 + 1 + 1)  # every example report and one per fixture site
