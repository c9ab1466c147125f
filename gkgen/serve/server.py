"""The preview HTTP server: static files from the served build only, GET and HEAD only.

Safety rules: a URL path is percent-decoded once, any ``.``/``..`` segment, backslash or
NUL is refused, and the real path (symlinks resolved) must lie inside the served build.
Anything else is a 404. Clients that hang up mid-response are not an error.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from gkgen.serve.overlay import banner_html, placeholder_page
from gkgen.serve.preview import Preview, View
from gkgen.serve.reload import EVENTS_PATH, KEEPALIVE, STATUS_PATH, inject

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
}
HTML = CONTENT_TYPES[".html"]
_PDF_PATH = re.compile(r"^/([^/]+)/(\d{4})/report\.pdf$")
IDLE_TIMEOUT = 10.0  # seconds

_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class PdfUnavailable(Exception):
    """A report's PDF could not be rendered; the message (Chinese) says why."""


class PdfSource(Protocol):
    """Gives a report's PDF (rendered lazily, then reused); None when there is no such report."""

    def get(self, body: str, year: int) -> bytes | None: ...


def content_type(path: Path) -> str:
    """The Content-Type for a served file (UTF-8 for every text type)."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def safe_path(root: Path, url_path: str) -> Path | None:
    """The real file or folder a URL path names inside root, or None (→ 404)."""
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p.startswith(".") for p in parts):  # "..", ".", and the builder's hidden files
        return None
    try:
        real = root.joinpath(*parts).resolve()
    except (OSError, RuntimeError):  # symlink loops
        return None
    return real if real == root or real.is_relative_to(root) else None


class PreviewServer(ThreadingHTTPServer):
    """A threading server bound to one preview; SSE clients never block shutdown."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 64  # a browser opens several connections at once

    def __init__(self, address: tuple[str, int], preview: Preview,
                 pdfs: PdfSource | None = None) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.preview = preview
        self.pdfs = pdfs

    @property
    def port(self) -> int:
        """The port actually bound (useful with port 0)."""
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is normal; anything else gets one line on stderr."""
        exc = sys.exc_info()[1]
        if isinstance(exc, _DISCONNECTS):
            return
        print(f"预览服务器处理请求时出错：{type(exc).__name__}: {exc}", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    """Serves the current build; HTML gets the reload script and, on errors, the banner."""

    server: PreviewServer
    server_version = "gkgen-preview"
    sys_version = ""
    # A connection that sends nothing (or a half-open one) is closed after this long instead of
    # holding a thread forever; the event stream writes a keep-alive more often than this.
    timeout = IDLE_TIMEOUT

    def parse_request(self) -> bool:
        """Answer anything but GET and HEAD with 405 before it is dispatched."""
        if not super().parse_request():
            return False
        if self.command in ("GET", "HEAD"):
            return True
        body = "只支持 GET 和 HEAD 请求。\n".encode()
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self._headers(CONTENT_TYPES[".txt"], len(body), Allow="GET, HEAD")
        self.wfile.write(body)
        return False

    def handle(self) -> None:
        try:
            super().handle()
        except _DISCONNECTS:
            self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(*_DISCONNECTS):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for build results, not for every request."""

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        url = urlsplit(self.path)
        if url.path == EVENTS_PATH:
            return self._events(parse_qs(url.query).get("since", [""])[0], head)
        view = self.server.preview.view()
        if url.path == STATUS_PATH:
            return self._status(view, head)
        target = safe_path(view.root, url.path) if view.root else None
        if target is not None and target.is_dir():
            if not url.path.endswith("/"):
                return self._redirect(url.path + "/" + (f"?{url.query}" if url.query else ""))
            target = target / "index.html"
        if target is not None and target.is_file():
            return self._file(target, view, head)
        if view.root is None and url.path in ("", "/", "/index.html"):
            return self._page(HTTPStatus.OK, placeholder_page(view.problems), view, head)
        if self._pdf(url.path, view, head):
            return None
        return self._page(HTTPStatus.NOT_FOUND, _NOT_FOUND, view, head)

    def _file(self, path: Path, view: View, head: bool) -> None:
        if content_type(path) == HTML:
            try:
                page = path.read_bytes()
            except OSError:  # pruned between the check and the read
                page, status = _NOT_FOUND.encode(), HTTPStatus.NOT_FOUND
            else:
                status = HTTPStatus.OK
            return self._page(status, page, view, head)
        try:
            f = path.open("rb")
        except OSError:
            return self._page(HTTPStatus.NOT_FOUND, _NOT_FOUND, view, head)
        with f:
            size = path.stat().st_size
            self.send_response(HTTPStatus.OK)
            self._headers(content_type(path), size)
            if not head:
                shutil.copyfileobj(f, self.wfile)
        return None

    def _page(self, status: HTTPStatus, page: str | bytes, view: View, head: bool) -> None:
        data = page.encode("utf-8") if isinstance(page, str) else page
        data = inject(data, view.token, banner_html(view.problems, view.root is not None))
        self._send(status, HTML, data, head)

    def _pdf(self, url_path: str, view: View, head: bool) -> bool:
        m = _PDF_PATH.match(url_path)
        pdfs, root = self.server.pdfs, view.root
        if not m or pdfs is None or root is None or not (root / m[1] / m[2] / "index.html").is_file():
            return False
        if view.problems:  # the sources no longer match the page: no PDF of either
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, CONTENT_TYPES[".txt"],
                       "内容有错误（见预览页面顶部），修正后即可生成 PDF。\n".encode(), head)
            return True
        try:
            data = pdfs.get(m[1], int(m[2]))
        except PdfUnavailable as exc:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, CONTENT_TYPES[".txt"],
                       f"PDF 生成失败：{exc}\n".encode(), head)
            return True
        if data is None:
            return False
        self._send(HTTPStatus.OK, CONTENT_TYPES[".pdf"], data, head)
        return True

    def _status(self, view: View, head: bool) -> None:
        state = {"token": view.token, "served": view.root is not None,
                 "ok": not view.problems, "problems": [p.to_json() for p in view.problems]}
        data = json.dumps(state, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, CONTENT_TYPES[".json"], data, head)

    def _events(self, since: str, head: bool) -> None:
        hub = self.server.preview.hub
        self.send_response(HTTPStatus.OK)
        self._headers("text/event-stream; charset=utf-8", None)
        if head:
            return
        self.wfile.write(b"retry: 1000\n\n")
        while not hub.closed:
            token = hub.wait_change(since, KEEPALIVE)
            if hub.closed:
                return
            if token is None:
                self.wfile.write(b": keepalive\n\n")
                continue
            self.wfile.write(f"event: reload\ndata: {token}\n\n".encode())
            since = token

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self._headers(CONTENT_TYPES[".txt"], 0)

    def _send(self, status: HTTPStatus, ctype: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self._headers(ctype, len(data))
        if not head:
            self.wfile.write(data)

    def _headers(self, ctype: str, length: int | None, **extra: str) -> None:
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()


_NOT_FOUND = ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
              "<title>找不到该页面</title></head><body><main><h1>404 找不到该页面</h1>"
              "<p>预览中没有这个地址。<a href=\"/\">返回首页</a></p></main></body></html>\n")
