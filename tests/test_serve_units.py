"""Unit-level pieces of `gkgen serve`, driven with a tiny stand-in builder.

The end-to-end behaviour (real build, real CLI, real browser) is in test_serve_e2e.py.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gkgen.findings import Finding, Pos
from gkgen.serve.overlay import OVERLAY_ID, Problem, banner_html, from_exception
from gkgen.serve.preview import Preview
from gkgen.serve.reload import SCRIPT_ID, Hub, inject
from gkgen.serve.server import safe_path
from gkgen.serve.session import Session
from gkgen.serve.watch import Watcher, snapshot

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import EventListener, request, wait_for  # noqa: E402


@dataclass
class StandIn:
    """Writes index.html from content/page.txt; "ERROR" in it is an R1 finding."""

    calls: list[frozenset[Path]] = field(default_factory=list)

    @dataclass
    class Result:
        ok: bool
        findings: list[Finding]

    def __call__(self, root: Path, out: Path, changed: frozenset[Path],
                 previous: Path | None) -> StandIn.Result:
        self.calls.append(changed)
        src = root / "content" / "page.txt"
        text = src.read_text(encoding="utf-8")
        if "ERROR" in text:
            return self.Result(False, [Finding("R1", "勾稽关系不符。", Pos(src, 2, 1))])
        if "RAISE" in text:
            import jinja2
            raise jinja2.TemplateSyntaxError("unexpected '}'", 7, "report.html",
                                             str(root / "templates" / "report.html"))
        (out / "sub").mkdir(parents=True)
        (out / "index.html").write_text(
            f'<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head>'
            f"<body><main><p>{text}</p></main></body></html>", encoding="utf-8")
        (out / "style.css").write_text("p{color:red}", encoding="utf-8")
        (out / "data.json").write_text('{"a": 1}', encoding="utf-8")
        (out / "sub" / "index.html").write_text("<html><body>sub</body></html>")
        return self.Result(True, [])


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "content" / "page.txt").write_text("第一版", encoding="utf-8")
    return tmp_path


@pytest.fixture()
def session(site: Path) -> Iterator[Session]:
    with Session(site, port=0, builder=StandIn(), interval=0.02, debounce=0.1) as s:
        yield s


def test_safe_path_refuses_everything_outside(tmp_path: Path) -> None:
    root = (tmp_path / "site").resolve()
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.html").write_text("x")
    (tmp_path / "secret.txt").write_text("s")
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")
    assert safe_path(root, "/a/x.html") == root / "a" / "x.html"
    assert safe_path(root, "/a/%78.html") == root / "a" / "x.html"
    for bad in ("/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt",
                "/..%2fsecret.txt", "/a/..%5c..%5csecret.txt", "/leak.txt", "/a%00.html",
                "/%ff%fe"):
        assert safe_path(root, bad) is None, bad


def test_inject_puts_banner_first_and_script_last() -> None:
    page = b"<html><BODY class='x'><main>m</main></body></html>"
    banner = banner_html([Problem("R1", "不等", "content/a.yaml:3:1")], has_content=True)
    out = inject(page, "abc-1", banner).decode()
    assert out.index(OVERLAY_ID) < out.index("<main>") < out.index(SCRIPT_ID) < out.index("</body>")
    assert 'role="alert"' in out and "content/a.yaml:3:1" in out and "R1" in out
    assert "since=abc-1" in out
    assert OVERLAY_ID not in inject(page, "abc-1", "").decode()


def test_banner_escapes_author_text() -> None:
    html = banner_html([Problem("F3", "<script>alert(1)</script>", "a&b.yaml:1")], True)
    assert "<script>" not in html and "&lt;script&gt;" in html and "a&amp;b.yaml:1" in html


def test_template_syntax_error_becomes_a_problem_with_its_place(tmp_path: Path) -> None:
    import jinja2

    exc = jinja2.TemplateSyntaxError("unexpected end of template", 12, "page.html",
                                     str(tmp_path / "templates" / "page.html"))
    p = from_exception(exc, tmp_path)
    assert p.where == os.path.join("templates", "page.html") + ":12"
    assert p.id == "模板" and p.message.startswith("语法错误：模板意外结束")
    assert "模板 模板" not in f"{p.id} {p.message}"  # the terminal prints id and message


def test_build_template_errors_become_the_same_problem(tmp_path: Path) -> None:
    """serve shows what gkgen build prints: one logic (gkgen.render.pages.template_failed)."""
    from conftest import make_site

    from gkgen.build.site import build_site
    from gkgen.render.pages import TemplateFailed

    site = make_site(tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "report.html").write_text("{{ report.title }}\n{{ report.no.such }}\n",
                                                    encoding="utf-8")
    with pytest.raises(TemplateFailed) as raised:
        build_site(site, tmp_path / "out", pdf=False, jobs=1)
    p = from_exception(raised.value, site)
    assert p.where == os.path.join("templates", "report.html") + ":2"
    assert p.id == "模板" and p.message.startswith("引用了不存在的数据：")


def test_watcher_debounces_a_burst_into_one_call(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    calls: list[set[Path]] = []
    w = Watcher([tmp_path / "content"], calls.append, interval=0.02, debounce=0.15)
    w.start()
    try:
        for i in range(5):
            (tmp_path / "content" / f"f{i}.md").write_text(str(i))
            time.sleep(0.04)
        (tmp_path / "content" / ".f0.md.swp").write_text("ignored")
        wait_for(lambda: bool(calls), 2)
        time.sleep(0.3)
    finally:
        w.stop()
    assert len(calls) == 1
    assert {p.name for p in calls[0]} == {f"f{i}.md" for i in range(5)}


def test_snapshot_sees_a_rename_over_the_file(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("one")
    before = snapshot([tmp_path])
    (tmp_path / "b.tmp").write_text("two")
    os.replace(tmp_path / "b.tmp", f)
    assert snapshot([tmp_path]) != before


def test_failed_build_keeps_the_last_good_folder(site: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    hub = Hub()
    preview = Preview(site, work, hub, StandIn())
    assert preview.rebuild().ok
    good = preview.view()
    (site / "content" / "page.txt").write_text("ERROR", encoding="utf-8")
    summary = preview.rebuild({site / "content" / "page.txt"})
    now = preview.view()
    assert not summary.ok and now.root == good.root and now.token != good.token
    assert [p.id for p in now.problems] == ["R1"]
    assert now.problems[0].where == os.path.join("content", "page.txt") + ":2:1"
    (site / "content" / "page.txt").write_text("第二版", encoding="utf-8")
    assert preview.rebuild().ok
    assert preview.view().problems == [] and preview.view().root != good.root
    assert len(list((work / "builds").iterdir())) <= 2


def test_server_types_methods_and_traversal(session: Session) -> None:
    port = session.server.port
    root = session.preview.view().root
    assert root is not None
    outside = session.workdir.parent / f"outside-{port}.txt"
    outside.write_text("secret", encoding="utf-8")
    try:
        os.symlink(outside, root / "link.txt")
        expected = {"/": "text/html; charset=utf-8", "/style.css": "text/css; charset=utf-8",
                    "/data.json": "application/json; charset=utf-8",
                    "/__gkgen/status": "application/json; charset=utf-8"}
        for path, ctype in expected.items():
            r = request(port, path)
            assert (r.status, r.headers["content-type"]) == (200, ctype), path
        head = request(port, "/", "HEAD")
        assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) > 0
        for method in ("POST", "PUT", "DELETE", "OPTIONS", "BREW"):
            r = request(port, "/", method)
            assert r.status == 405 and r.headers["allow"] == "GET, HEAD", method
        for bad in ("/../" + outside.name, "/%2e%2e/" + outside.name, "/..%2f" + outside.name,
                    "/sub/../../" + outside.name, "/link.txt"):
            r = request(port, bad)
            assert r.status == 404 and b"secret" not in r.body, bad
        r = request(port, "/sub")
        assert r.status == 301 and r.headers["location"] == "/sub/"
    finally:
        outside.unlink()


def test_server_survives_clients_that_hang_up(session: Session) -> None:
    port = session.server.port
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /__gkgen/events?since=x HTTP/1.0\r\n\r\n")
        s.close()
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()  # RST instead of FIN: the server sees ConnectionReset
    assert request(port, "/").status == 200


def test_save_rebuilds_and_signals_reload(session: Session, site: Path) -> None:
    port = session.server.port
    token = session.preview.view().token
    listener = EventListener(port, token).start()
    started = time.monotonic()
    (site / "content" / "page.txt").write_text("第三版", encoding="utf-8")
    wait_for(lambda: "第三版" in request(port, "/").text, 2)
    wait_for(lambda: bool(listener.events), 2)
    assert listener.events[0][0] - started < 1.0


def test_errors_show_in_a_banner_over_the_last_good_page(session: Session, site: Path) -> None:
    port = session.server.port
    (site / "content" / "page.txt").write_text("ERROR", encoding="utf-8")
    wait_for(lambda: OVERLAY_ID in request(port, "/").text, 2)
    page = request(port, "/").text
    assert "第一版" in page and "勾稽关系不符。" in page and "content/page.txt:2:1" in page
    assert OVERLAY_ID not in request(port, "/style.css").text
    (site / "content" / "page.txt").write_text("RAISE", encoding="utf-8")
    wait_for(lambda: "语法错误" in request(port, "/").text, 2)
    assert "templates/report.html:7" in request(port, "/").text
    (site / "content" / "page.txt").write_text("第四版", encoding="utf-8")
    wait_for(lambda: "第四版" in request(port, "/").text, 2)
    assert OVERLAY_ID not in request(port, "/").text


def test_close_removes_the_temp_folder(site: Path) -> None:
    s = Session(site, port=0, builder=StandIn())
    s.start()
    EventListener(s.server.port, "x").start()  # a client still connected at shutdown
    work = s.workdir
    assert work.is_dir()
    s.close()
    assert not work.exists()
