"""Authoring slips, crashes and misleading messages (tests/fixtures/authoring/<case>/).

Each folder is one item of the issue "nothing broken is published", named after it: the
edits that reproduce it, and the exact findings (id, position, Chinese message and hint) that
now answer it, through the library and through the real command line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import apply_case, assert_findings, cases, cli, cli_json, findings

AUTHORING = cases("authoring")


@pytest.mark.parametrize("case", AUTHORING)
def test_authoring_case(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    spec = apply_case(case, root)
    assert_findings(findings(root), spec["findings"])
    assert_findings(cli_json(root), spec["findings"])
    result = cli("check", str(root))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == spec["exit"], result.output
