"""The one reader of author files: only regular files inside the site, never a hang or a leak.

Real symlinks, FIFOs and devices on disk; the real command line in its own process with a time
bound (a FIFO used to block `gkgen build` forever); the real preview server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_site, report_dir
from serve_helpers import request

from gkgen.build.output import Staging, remove_stale
from gkgen.build.site import build_site
from gkgen.render.pages import official_templates
from gkgen.serve import server
from gkgen.serve.session import Session

PASSWD = Path("/etc/passwd")


def _gkgen(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkgen", *args], cwd=root, capture_output=True,
                          text=True, timeout=timeout)


def _check_json(root: Path) -> list[dict[str, object]]:
    proc = _gkgen(root, "check", "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found: list[dict[str, object]] = json.loads(proc.stdout)
    return found


def _swap_for_link(path: Path, target: str | Path) -> None:
    path.unlink()
    path.symlink_to(target)


def _f6(found: list[dict[str, object]], name: str) -> dict[str, object]:
    hits = [f for f in found if f["id"] == "F6" and str(f["file"]).endswith(name)]
    assert len(hits) == 1, found
    return hits[0]


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd")
def test_leak_part_symlinked_to_etc_passwd_is_refused(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    other = report_dir(root, 2022) / "6-other.md"
    _swap_for_link(other, PASSWD)
    f = _f6(_check_json(root), "6-other.md")
    assert (f["line"], f["column"]) == (0, 0)
    assert "无法读取「六、其他需要报告的事项」的文件 6-other.md" in str(f["message"])
    assert "指向站点之外（/etc/passwd）的符号链接" in str(f["message"]) and f["hint"]
    proc = _gkgen(root, "build")
    assert proc.returncode == 1 and not (root / "output").exists()
    secret = PASSWD.read_text(encoding="utf-8").splitlines()[0]
    assert secret not in proc.stdout + proc.stderr


def test_crash_symlink_loop_fifo_and_dev_zero_are_findings_not_hangs(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    year = report_dir(root, 2022)
    _swap_for_link(year / "4-reviews.yaml", "4-reviews.yaml")  # a loop onto itself
    (year / "5-problems.md").unlink()
    os.mkfifo(year / "5-problems.md")
    _swap_for_link(year / "1-overview.md", "/dev/zero")
    (root / "content" / "x" / "slash").symlink_to("/")  # a folder link to the whole disk
    started = time.monotonic()
    found = _check_json(root)
    assert "循环的符号链接" in str(_f6(found, "4-reviews.yaml")["message"])
    assert "不是普通文件（命名管道）" in str(_f6(found, "5-problems.md")["message"])
    assert "指向站点之外（/dev/zero）" in str(_f6(found, "1-overview.md")["message"])
    proc = _gkgen(root, "build", "--no-pdf", timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "循环的符号链接" in proc.stdout
    assert time.monotonic() - started < 60


def test_leak_templates_static_symlink_is_not_published_or_served(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.css").write_text("/* secret */", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "static").symlink_to(outside)
    result = build_site(root, tmp_path / "out", pdf=False, jobs=1)
    assert result.ok, result.findings
    published = sorted(p.name for p in (tmp_path / "out" / "static").iterdir())
    official = sorted(p.name for p in (official_templates() / "static").iterdir() if p.is_file())
    assert published == official and "secret.css" not in published  # only the official files
    assert all("secret" not in (tmp_path / "out" / "static" / n).read_text() for n in published)
    with Session(root, port=0) as s:
        assert request(s.server.port, "/static/site.css").status == 200
        assert request(s.server.port, "/static/secret.css").status == 404


def test_crash_staging_folders_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "output"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    left = tmp_path / f".output.new-{dead.stdout.strip()}-abc"
    (left / "x").mkdir(parents=True)
    legacy = tmp_path / ".output.new-old1"
    legacy.mkdir()
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    mine = tmp_path / f".output.new-{os.getpid()}-live"
    mine.mkdir()
    assert sorted(remove_stale(out)) == sorted([left, legacy])
    assert mine.is_dir()  # a build still running (this process) keeps its folder
    with Staging(out) as staging:
        staging.write("index.html", b"x")
        staging.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name, "output"]


def test_crash_preview_server_closes_idle_connections(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server.Handler, "timeout", 0.5)
    root = make_site(tmp_path / "site")
    with Session(root, port=0) as s:
        idle = [socket.create_connection(("127.0.0.1", s.server.port)) for _ in range(40)]
        try:
            for sock in idle:
                sock.settimeout(5)
                assert sock.recv(1024) == b""  # closed by the server, not held open
            assert request(s.server.port, "/").status == 200
        finally:
            for sock in idle:
                sock.close()
