"""Authoring slips, crashes and misleading messages (tests/fixtures/authoring/<case>/).

Each folder is one item of the issue "nothing broken is published", named after it: the
edits that reproduce it, and the exact findings (id, position, Chinese message and hint) that
now answer it, through the library and through the real command line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cases, check_case

AUTHORING = cases("authoring")


@pytest.mark.parametrize("case", AUTHORING)
def test_authoring_case(case: Path, tmp_path: Path) -> None:
    check_case(case, tmp_path / "site")
