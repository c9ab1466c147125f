"""A damaged PDF or Word file is refused in Chinese, with no library message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from gkgen.cli.main import main as cli


@pytest.mark.parametrize(("name", "data", "says"), [
    ("bad.pdf", b"%PDF-1.4 broken\n" + os.urandom(2000), "文件已损坏或不是 PDF"),
    ("bad.docx", b"PK\x03\x04garbage", "文件已损坏，或不是 .docx 格式"),
])
def test_damaged_file_is_refused_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            name: str, data: bytes, says: str) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(cli, ["new", "demo", "2023", "--name", "示例县财政局", "--level",
                               "department"])
    assert made.exit_code == 0, made.output
    (tmp_path / name).write_bytes(data)
    res = runner.invoke(cli, ["import", name])
    assert res.exit_code != 0
    assert says in res.output
    assert "Exception" not in res.output and "Package not found" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
