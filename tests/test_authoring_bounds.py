"""Bounded cost: any single file is checked within a bound, and a message quotes only an excerpt.

The time bounds are generous hang guards (the old behaviour was 47 s and minutes), not
benchmarks; speed itself is measured in bench/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import make_site, report_dir

from gkgen.content.reader import MAX_BYTES
from gkgen.findings import PER_FILE

ROW = "行政复议: {结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0}\n"


def _check(root: Path) -> list[dict[str, object]]:
    proc = subprocess.run([sys.executable, "-m", "gkgen", "check", "--format", "json"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    found: list[dict[str, object]] = json.loads(proc.stdout)
    return found


def test_crash_long_line_with_a_syntax_error_is_quick_and_quoted_short(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    line = ROW.rstrip("}\n") + ", 结果维持x: 0" * 50000 + " 结果纠正: :: }\n"
    assert 800_000 < len(line.encode()) < MAX_BYTES
    (report_dir(root, 2022) / "4-reviews.yaml").write_text(line, encoding="utf-8")
    found = _check(root)
    assert [f["id"] for f in found] == ["F3"], found
    assert found[0]["line"] == 1 and int(str(found[0]["column"])) > 300_000
    assert "缺少逗号" in str(found[0]["message"]) and len(json.dumps(found)) < 2000


def test_crash_repeated_rows_give_a_bounded_list_of_findings(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (report_dir(root, 2022) / "4-reviews.yaml").write_text(ROW * 11000, encoding="utf-8")
    found = _check(root)
    dup = [f for f in found if f["id"] == "F5"]
    assert len(dup) == PER_FILE + 1, len(dup)
    assert dup[0]["line"] == 0 and "同类问题（F5）还有" in str(dup[0]["message"])
    assert "键「行政复议」重复出现（第一次在第 1 行）" in str(dup[1]["message"])
    assert len(json.dumps(found, ensure_ascii=False)) < 20_000


def test_crash_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (report_dir(root, 2022) / "4-reviews.yaml").write_text(ROW * 30000, encoding="utf-8")
    found = _check(root)
    f6 = [f for f in found if f["id"] == "F6"]
    assert len(f6) == 1 and "文件过大" in str(f6[0]["message"]), found
