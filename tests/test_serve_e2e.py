"""`gkgen serve` end to end: the real builder, a real server on a free port, real HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkgen.serve.overlay import OVERLAY_ID
from gkgen.serve.pdfs import PdfCache
from gkgen.serve.session import Session

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import EventListener, request, wait_for  # noqa: E402

GOOD, BAD = 9173, 9281  # figures that appear nowhere else on the page
ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_OPEN = "（一）予以公开"
ROW_TOTAL = "（七）总计"
PAGE = "/x/2022/"


def gkgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkgen", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=60, check=False)


def set_rows(path: Path, figures: dict[str, int]) -> None:
    """Give a table-3 row `自然人: n` and `总计: n` (the other columns stay 0)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        for label, n in figures.items():
            if line.lstrip().startswith(label + ":"):
                line = re.sub(r"自然人: \d+", f"自然人: {n}", line)
                lines[i] = re.sub(r"总计: \d+", f"总计: {n}", line)
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def template_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    done = gkgen("new", "x", "2022", "--name", "某机关", cwd=root)
    assert done.returncode == 0, done.stderr
    set_rows(root / "content/x/2022/3-requests.yaml", {ROW_NEW: GOOD, ROW_OPEN: GOOD,
                                                       ROW_TOTAL: GOOD})
    return root


@pytest.fixture()
def site(template_site: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(template_site, tmp_path / "site")
    return tmp_path / "site"


@pytest.fixture()
def session(site: Path) -> Iterator[Session]:
    with Session(site, port=0, pdfs=PdfCache) as s:
        yield s


def page(port: int) -> str:
    r = request(port, PAGE)
    assert r.status == 200
    return r.text


def test_a_saved_edit_is_served_and_signalled_within_a_second(session: Session,
                                                             site: Path) -> None:
    port = session.server.port
    assert "预览测试段落" not in page(port)
    listener = EventListener(port, session.preview.view().token).start()
    overview = site / "content/x/2022/1-overview.md"
    started = time.monotonic()
    overview.write_text(overview.read_text(encoding="utf-8") + "\n预览测试段落。\n",
                        encoding="utf-8")
    wait_for(lambda: "预览测试段落" in page(port), 1.0)
    wait_for(lambda: bool(listener.events), 1.0)
    assert listener.events[0][0] - started < 1.0
    assert not (site / "output").exists()  # the preview never touches output/


def test_rebuilds_go_to_a_fresh_folder_seeded_from_the_last(session: Session, site: Path) -> None:
    port = session.server.port
    before = session.preview.view().root
    assert before is not None
    css = (before / "static/site.css").stat().st_ino
    overview = site / "content/x/2022/1-overview.md"
    overview.write_text(overview.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    wait_for(lambda: "又一段" in page(port), 2.0)
    after = session.preview.view().root
    assert after is not None and after != before
    assert "又一段" not in (before / "x/2022/index.html").read_text(encoding="utf-8")
    assert (after / "static/site.css").stat().st_ino == css  # carried over, not re-rendered
    assert request(port, "/.gkgen-cache/manifest.json").status == 404


def test_an_r1_error_shows_a_banner_over_the_old_figures(session: Session, site: Path) -> None:
    port = session.server.port
    requests_yaml = site / "content/x/2022/3-requests.yaml"
    assert str(GOOD) in page(port) and OVERLAY_ID not in page(port)
    set_rows(requests_yaml, {ROW_NEW: BAD})  # 一 + 二 ≠ 三（七） + 四
    wait_for(lambda: OVERLAY_ID in page(port), 2.0)
    shown = page(port)
    banner = shown[shown.index(OVERLAY_ID):shown.index("</div>", shown.index(OVERLAY_ID))]
    assert 'role="alert"' in shown
    assert "R1" in banner and "3-requests.yaml:" in banner
    assert str(GOOD) in shown and str(BAD) not in shown.replace(banner, "")
    status = request(port, "/__gkgen/status")
    assert status.headers["content-type"] == "application/json; charset=utf-8"
    assert '"ok": false' in status.text
    set_rows(requests_yaml, {ROW_NEW: BAD, ROW_OPEN: BAD, ROW_TOTAL: BAD})
    wait_for(lambda: OVERLAY_ID not in page(port), 2.0)
    assert str(BAD) in page(port)


def test_traversal_and_symlinks_out_of_the_build_are_404(session: Session,
                                                         tmp_path: Path) -> None:
    port = session.server.port
    served = session.preview.view().root
    assert served is not None
    secret = session.workdir.parent / f"gkgen-secret-{port}.txt"
    secret.write_text("机密", encoding="utf-8")
    try:
        os.symlink(secret, served / "leak.txt")
        os.symlink(secret.parent, served / "leakdir")
        for bad in ("/../" + secret.name, "/x/../../" + secret.name,
                    "/%2e%2e/" + secret.name, "/%2E%2E/%2e%2e/" + secret.name,
                    "/..%2f" + secret.name, "/x/..%2f..%2f" + secret.name,
                    "/leak.txt", "/leakdir/" + secret.name):
            r = request(port, bad)
            assert r.status == 404, bad
            assert "机密" not in r.body.decode("utf-8", "replace"), bad
    finally:
        secret.unlink()


def test_the_pdf_link_renders_once_and_is_reused(session: Session, site: Path) -> None:
    port = session.server.port
    assert 'href="report.pdf"' in page(port)  # the preview links to the PDF it renders on request
    assert 'report.pdf"' in request(port, "/x/index.html").body.decode("utf-8")
    started = time.monotonic()
    first = request(port, PAGE + "report.pdf", timeout=60)
    assert first.status == 200 and first.headers["content-type"] == "application/pdf"
    assert first.body.startswith(b"%PDF-")
    cache = session.server.pdfs
    assert isinstance(cache, PdfCache) and cache.renders == 1
    again = request(port, PAGE + "report.pdf")
    assert again.body == first.body and cache.renders == 1
    assert time.monotonic() - started < 30
    overview = site / "content/x/2022/1-overview.md"
    text = overview.read_text(encoding="utf-8")
    token = session.preview.view().token
    overview.write_text(text, encoding="utf-8")  # saved again, same words: same PDF
    wait_for(lambda: session.preview.view().token != token, 2.0)
    assert request(port, PAGE + "report.pdf").body == first.body and cache.renders == 1
    overview.write_text(text + "\n新的一段。\n", encoding="utf-8")
    wait_for(lambda: "新的一段" in page(port), 2.0)
    changed = request(port, PAGE + "report.pdf", timeout=60)
    assert changed.status == 200 and changed.body != first.body and cache.renders == 2
    assert request(port, "/x/2031/report.pdf").status == 404


def test_template_edits_and_errors_in_the_sites_templates(session: Session, site: Path) -> None:
    from gkgen.render.pages import official_templates

    port = session.server.port
    official = (official_templates() / "report.html").read_text(encoding="utf-8")
    own = site / "templates" / "report.html"
    own.parent.mkdir()

    def write(insert: str) -> None:
        own.write_text(official.replace("{% block main %}", "{% block main %}" + insert, 1),
                       encoding="utf-8")

    write("<p>站点模板甲</p>")
    wait_for(lambda: "站点模板甲" in page(port), 2.0)
    write("<p>站点模板乙</p>")  # same folders: a cached template must not win
    wait_for(lambda: "站点模板乙" in page(port), 2.0)
    write("<p>站点模板丙</p>{% if %}")
    wait_for(lambda: OVERLAY_ID in page(port), 2.0)
    shown = page(port)
    assert "语法错误" in shown and "templates/report.html:" in shown
    assert "模板 模板" not in shown
    assert "站点模板乙" in shown  # the last good page stays
    own.unlink()
    wait_for(lambda: OVERLAY_ID not in page(port), 2.0)
    assert "站点模板乙" not in page(port)


# --- the command line, in a subprocess ------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_cli(site: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "gkgen", "serve", str(site), "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _wait_listening(proc: subprocess.Popen[str]) -> list[str]:
    lines: list[str] = []
    assert proc.stdout is not None
    while not any("预览地址" in line for line in lines):
        line = proc.stdout.readline()
        assert line, "gkgen serve ended early: " + "".join(lines)
        lines.append(line)
    return lines


def test_cli_busy_port_sigint_and_cleanup(site: Path) -> None:
    port = _free_port()
    proc = _start_cli(site, port)
    try:
        lines = _wait_listening(proc)
        temp = Path(re.search(r"临时目录 (.+?)）", "".join(lines))[1])  # type: ignore[index]
        assert temp.is_dir()
        assert request(port, PAGE).status == 200

        second = gkgen("serve", str(site), "--port", str(port), cwd=site)
        assert second.returncode == 1
        assert f"端口 {port} 已被占用" in second.stderr and "--port" in second.stderr
        assert "Traceback" not in second.stderr + second.stdout

        listener = EventListener(port, "connected-at-shutdown").start()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert listener.opened.is_set()
    assert "再见" in out and "Traceback" not in err
    assert not temp.exists()
    assert not (site / "output").exists()


def test_cli_other_host_warns_in_chinese(site: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "gkgen", "serve", str(site), "--port", "0",
                             "--host", "0.0.0.0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_listening(proc)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "警告" in err and "0.0.0.0" in err
    assert proc.returncode == 0
