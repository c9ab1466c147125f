"""Deliberately broken inputs (tests/fixtures/bad/<case>/): exact findings, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, apply_case, assert_findings, cases, cli, cli_json, findings

BAD = cases("bad")


def test_there_is_a_case_for_every_bad_input_class() -> None:
    assert len(BAD) >= 25


@pytest.mark.parametrize("case", BAD)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    spec = apply_case(case, root)
    assert spec["findings"], "a bad input must say what is wrong"
    assert_findings(findings(root), spec["findings"])
    # The same through the real command line: same findings, right exit code, no traceback.
    assert_findings(cli_json(root), spec["findings"])
    result = cli("check", str(root))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == spec["exit"], result.output
    for f in spec["findings"]:
        assert f"{f['id']} " in result.output  # printed with its id…
        assert f"{f['file']}:{f['line']}:{f['column']}" in result.output.replace(str(root) + "/", "")


@pytest.mark.parametrize("name", ["gbk-table", "yaml-tab-indent", "jinja-unclosed", "bom-table"])
def test_bad_input_in_a_real_process(name: str, tmp_path: Path) -> None:
    """python -m gkgen check in its own process, run from inside the site."""
    root = tmp_path / "site"
    spec = apply_case(FIXTURES / "bad" / name, root)
    proc = subprocess.run([sys.executable, "-m", "gkgen", "check"], cwd=root, capture_output=True,
                          text=True, timeout=60)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    assert proc.returncode == spec["exit"], out
    for f in spec["findings"]:
        assert f"{f['file']}:{f['line']}:{f['column']}: " in out
        assert f["message"] in out


def test_an_imported_report_gets_one_blank_finding_per_empty_row(tmp_path: Path) -> None:
    """gkgen import leaves the rows a legacy report lost blank: one R5 a row, not one a cell."""
    from test_import_common import FIXTURES as IMPORTS
    from test_import_common import empty_site, run

    root = empty_site(tmp_path / "site")
    res = run(root, "import", str(IMPORTS / "legacy-report-2021-flattened.txt"), "--body", "legacy",
              "--year", "2021", "--name", "某市某办公室")
    assert res.exit_code == 0, res.output
    blanks = [f for f in findings(root) if f["id"] == "R5"]
    rows = [f for f in blanks if "这一行" in f["message"]]
    t3_row = next(f for f in rows if f["message"].startswith("「一、本年新收政府信息公开申请数量」"))
    assert t3_row["message"] == "「一、本年新收政府信息公开申请数量」这一行 7 个单元格都是空白。空白不等于零。"
    assert (t3_row["file"], t3_row["line"], t3_row["column"]) == ("content/legacy/2021/3-requests.yaml", 5, 1)
    assert [c["field"] for c in t3_row["cells"]] == [
        f"t3.new.{c}" for c in ("natural", "business", "research", "charity", "legal", "other", "total")]
    cells = [c["field"] for f in blanks for c in f["cells"]]
    assert len(cells) == len(set(cells)) >= 150  # every blank cell is still named, once
    assert len(blanks) <= 40, [f["message"] for f in blanks]
    assert all(len(f["cells"]) > 1 for f in rows)
