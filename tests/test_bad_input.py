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
