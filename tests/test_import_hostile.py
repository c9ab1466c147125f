"""Hostile input to `gkgen import`: each gets a clear Chinese refusal quickly and in bounded
memory, never a traceback, and nothing is written outside content/ (inputs are made in in/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_import_common import FIXTURES, empty_site, run

SAMPLE = FIXTURES / "report-2019-tabs.txt"


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "in").mkdir()
    root = empty_site(tmp_path / "a" / "b" / "site")
    before = _files(tmp_path)
    yield root
    after = _files(tmp_path) - before
    inputs = tmp_path / "in"
    assert all(root / "content" in p.parents or inputs in p.parents for p in after), after


def _refused(res: object, *says: str) -> None:
    out = str(getattr(res, "output", ""))
    assert getattr(res, "exit_code", 0) != 0, out
    for s in says:
        assert s in out, out
    assert "Traceback" not in out and "Error" not in out
    exc = getattr(res, "exception", None)
    assert exc is None or isinstance(exc, SystemExit)


# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec from the forked parent (a
# large pytest process), while VmHWM belongs to the new program's own memory.
PEAK = ("import sys\nfrom gkgen.cli.main import main\ntry:\n    main()\nfinally:\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "    print('PEAK', int(hwm.split()[1]) // 1024, file=sys.stderr)\n")
LIMIT_MB = 150  # an ordinary import peaks near 30 MB; reading the 200 MB member or the 50 MB page would not fit


def _peak_mb(site: Path, *args: str) -> tuple[int, str]:
    """`gkgen import args` in a fresh process: its peak memory (MB) and its output."""
    done = subprocess.run([sys.executable, "-c", PEAK, "import", *args], cwd=site, capture_output=True,
                          text=True, timeout=120)
    peak = int(done.stderr.rsplit("PEAK", 1)[1].split()[0])
    return peak, done.stdout + done.stderr


def test_zip_bomb_docx(site: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "in" / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(200):  # 200 MB of spaces, a few hundred KB packed
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    res = run(site, "import", str(bomb), "--body", "x")
    _refused(res, "解压后有 200 MB", "可能是恶意构造的文件")
    peak, out = _peak_mb(site, str(bomb), "--body", "x")
    assert "可能是恶意构造的文件" in out and peak < LIMIT_MB, (peak, out)
    assert not (site / "content" / "x").exists()


def test_five_thousand_nested_tables(site: Path, tmp_path: Path) -> None:
    page = tmp_path / "in" / "nested.html"
    page.write_text("<html><body><h1>示例县财政局2023年政府信息公开工作年度报告</h1>"
                    + "<table><tr><td>" * 5000 + "x" + "</td></tr></table>" * 5000 + "</body></html>",
                    encoding="utf-8")
    _refused(run(site, "import", str(page)), "嵌套超过 150 层")
    assert _files(site / "content") == {site / "content" / "site.yaml"}


def test_fifty_megabyte_page(site: Path, tmp_path: Path) -> None:
    page = tmp_path / "in" / "big.html"
    with page.open("wb") as f:
        f.write(b"<html><body>")
        f.truncate(50 * 1024 * 1024)
    _refused(run(site, "import", str(page)), "有 50 MB，超过导入上限 20 MB")
    peak, out = _peak_mb(site, str(page))
    assert "超过导入上限" in out and peak < LIMIT_MB, (peak, out)


def test_file_name_with_a_newline(site: Path, tmp_path: Path) -> None:
    odd = tmp_path / "in" / "报告\n2023.txt"
    odd.write_bytes(SAMPLE.read_bytes())
    res = run(site, "import", str(odd))
    _refused(res, "报告\\n2023.txt", "含有换行等控制字符")
    assert "报告\n2023" not in res.output  # the name never breaks the output's lines


@pytest.mark.parametrize("body", ["../../x", "../x", "..", "/tmp/gkgen-abs-body", "a/b", ".hidden"])
def test_body_outside_the_site_is_refused(site: Path, body: str) -> None:
    res = run(site, "import", str(SAMPLE), "--body", body)
    _refused(res, f"--body “{body}”不是有效的机关目录名")
    assert not Path("/tmp/gkgen-abs-body").exists()


def test_binary_file_named_txt(site: Path, tmp_path: Path) -> None:
    junk = tmp_path / "in" / "junk.txt"
    junk.write_bytes(b"\x00\xff" * 1000)
    _refused(run(site, "import", str(junk)), "不是文字文件（含有二进制内容）")


def test_existing_report_not_overwritten_without_force(site: Path) -> None:
    assert run(site, "import", str(SAMPLE), "--body", "czj").exit_code == 0
    folder = site / "content" / "czj" / "2020"
    before = {p: p.read_bytes() for p in folder.iterdir()}
    _refused(run(site, "import", str(SAMPLE), "--body", "czj"), "报告已存在，未做任何修改", "--force")
    assert {p: p.read_bytes() for p in folder.iterdir()} == before
