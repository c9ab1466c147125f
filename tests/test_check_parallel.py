"""`gkgen check` in worker processes finds exactly what the plain serial check finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkgen.build import executors
from gkgen.build.checksite import check_site
from gkgen.checks.run import run_checks
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


@pytest.mark.parametrize(("scope", "workers"), [(None, [2]), ("content/y", []),
                                                ("content/x/2022", [])])
def test_parallel_check_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      scope: str | None, workers: list[int]) -> None:
    root = _site(tmp_path / "site")
    where = root / scope if scope else None
    serial = run_checks(root, where)
    monkeypatch.setattr(executors, "PARALLEL_FROM", 2)
    used: list[int] = []
    original = executors.Processes.__init__

    def spy(self: executors.Processes, n: int, pdf: bool) -> None:
        used.append(n)
        original(self, n, pdf)

    monkeypatch.setattr(executors.Processes, "__init__", spy)
    parallel = check_site(root, where, jobs=2, cache=False)
    # One body is checked in this process; several are shared among the workers.
    assert used == workers
    assert parallel.report_count == serial.report_count and parallel.checked == serial.checked
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]
    assert {f.id for f in serial.findings} >= ({"R1", "R2", "R5"} if scope is None else set())
    cached = check_site(root, where, jobs=2)  # stores the records, then reads them
    again = check_site(root, where, jobs=2)
    assert again.checked == [] and used == workers * 2
    assert [f.to_json() for f in again.findings] == [f.to_json() for f in cached.findings] \
        == [f.to_json() for f in serial.findings]
