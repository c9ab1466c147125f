"""`gkgen check` in worker processes finds exactly what the serial run finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkgen.checks import run as check
from gkgen.content.new import scaffold, write
from gkgen.model import Site
from tests.conftest import edit, make_site, report_dir


def _site(root: Path) -> Path:
    make_site(root, (2021, 2022))
    for slug in ("y", "z"):
        for year in (2021, 2022):
            write(scaffold(Site(root=root), slug, year, None, f"某市{slug}局", "department"))
    edit(report_dir(root, 2022) / "3-requests.yaml", "自然人: 0", "自然人: 5")  # R1, R2
    edit(report_dir(root, 2021, "z") / "4-reviews.yaml", "结果维持: 0", "结果维持: 无", line=4)
    return root


@pytest.mark.parametrize(("scope", "in_workers"), [(None, True), ("content/y", False),
                                                  ("content/x/2022", False)])
def test_parallel_check_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      scope: str | None, in_workers: bool) -> None:
    root = _site(tmp_path / "site")
    where = root / scope if scope else None
    serial = check.run_checks(root, where, jobs=1)
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel = check.run_checks(root, where, jobs=2)
    # One body is checked in this process; several are shared among the workers.
    assert (parallel.reports == []) is in_workers and serial.reports
    assert parallel.report_count == serial.report_count
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]
    assert {f.id for f in serial.findings} >= ({"R1", "R2", "R5"} if scope is None else set())

