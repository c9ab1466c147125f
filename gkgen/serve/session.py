"""One preview session: temp folder, first build, watcher, HTTP server — and a clean end."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from gkgen.serve.overlay import Problem
from gkgen.serve.preview import Preview, SiteBuilder, Summary, preview_build
from gkgen.serve.reload import Hub
from gkgen.serve.server import PdfSource, PreviewServer
from gkgen.serve.watch import Watcher, site_sources

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


class Session:
    """A preview of one site; a busy port raises OSError here and leaves no temp folder."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000, *,
                 builder: SiteBuilder = preview_build,
                 pdfs: Callable[[Path], PdfSource] | None = None,
                 say: Say = _quiet, interval: float = 0.05, debounce: float = 0.15) -> None:
        self.root = root.resolve()
        self.say = say
        self.hub = Hub()
        self.workdir = Path(tempfile.mkdtemp(prefix="gkgen-serve-"))
        try:
            self.preview = Preview(self.root, self.workdir, self.hub, builder)
            pdf_source = pdfs(self.root) if pdfs else None
            self.server = PreviewServer((host, port), self.preview, pdf_source)
        except BaseException:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise
        self.watcher = Watcher(site_sources(self.root), self._changed,
                               interval=interval, debounce=debounce)
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = str(self.server.server_address[0])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.server.port}/"

    def build_first(self) -> Summary:
        """The first build (HTML only), then start watching."""
        summary = self.preview.rebuild()
        self._report(summary, first=True)
        self.watcher.start()
        return summary

    def serve_forever(self) -> None:
        """Serve on the calling thread until interrupted (Ctrl-C raises KeyboardInterrupt)."""
        self.server.serve_forever(poll_interval=0.2)

    def start(self) -> None:
        """First build, then serve on a background thread (tests, embedding)."""
        self.build_first()
        self._thread = threading.Thread(target=self.serve_forever, name="gkgen-serve",
                                        daemon=True)
        self._thread.start()

    def __enter__(self) -> Session:
        """Started on a background thread; closed on leaving the with block."""
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop watching and serving, then remove the temp folder. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.watcher.stop()
        self.hub.close()
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(5)
        self.server.server_close()
        close_pdfs = getattr(self.server.pdfs, "close", None)
        if callable(close_pdfs):
            close_pdfs()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _changed(self, paths: set[Path]) -> None:
        names = "、".join(sorted(_short(p, self.root) for p in paths)[:3])
        more = f" 等 {len(paths)} 个文件" if len(paths) > 3 else ""
        self.say(f"检测到修改：{names}{more}，正在重新生成……")
        self._report(self.preview.rebuild(paths), first=False)

    def _report(self, s: Summary, first: bool) -> None:
        took = f"（{s.seconds:.2f} 秒）"
        warn = f"，{s.warnings} 个警告（运行 gkgen check 查看）" if s.warnings else ""
        if s.ok:
            self.say(("已生成预览" if first else "已重新生成，页面将自动刷新") + took + warn + "。")
            return
        kept = "仍显示上次成功生成的内容" if self.preview.view().root else "尚无可显示的内容"
        self.say(f"有 {len(s.problems)} 个错误，{kept}{took}：")
        for p in s.problems:
            self.say(_line(p))


def _short(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _line(p: Problem) -> str:
    where = f"{p.where}: " if p.where else ""
    return f"  {where}{p.id} {p.message}"
