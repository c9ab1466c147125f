"""Helpers shared by the serve tests: a real HTTP client, waiting, an SSE listener."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(port: int, path: str, method: str = "GET", timeout: float = 10.0) -> Response:
    """One raw HTTP request: the path is sent exactly as given (no client normalising)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, body)
    finally:
        conn.close()


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.02) -> float:
    """Seconds until predicate() held; raises AssertionError after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    raise AssertionError(f"condition not met within {timeout} s")


@dataclass
class EventListener:
    """Reads /__gkgen/events on a thread and records every reload event with its time."""

    port: int
    since: str
    events: list[tuple[float, str]] = field(default_factory=list)
    opened: threading.Event = field(default_factory=threading.Event)

    def start(self) -> EventListener:
        threading.Thread(target=self._run, daemon=True).start()
        assert self.opened.wait(5), "event stream did not open"
        return self

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", f"/__gkgen/events?since={self.since}")
        resp = conn.getresponse()
        assert resp.status == 200
        self.opened.set()
        kind = ""
        try:
            while True:
                line = resp.fp.readline()
                if not line:
                    return
                text = line.decode("utf-8").rstrip("\n")
                if text.startswith("event: "):
                    kind = text[7:]
                elif text.startswith("data: ") and kind == "reload":
                    self.events.append((time.monotonic(), text[6:]))
                    kind = ""
        except OSError:
            return
