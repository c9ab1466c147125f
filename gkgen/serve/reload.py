"""Live reload: a state token, Server-Sent Events, and the script the server injects.

Every served HTML page carries the token of the state it was rendered from. The page's
script opens ``/__gkgen/events?since=<token>``; the server sends ``event: reload`` as soon
as the token differs (at once, when a build finished between the page load and the
connection). The token changes only *after* a new build has been swapped in.
"""

from __future__ import annotations

import re
import secrets
import threading

EVENTS_PATH = "/__gkgen/events"
STATUS_PATH = "/__gkgen/status"
SCRIPT_ID = "gkgen-reload"
KEEPALIVE = 10.0  # seconds between SSE comments, so dead clients are noticed

_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)


class Hub:
    """The current state token; threads wait here for it to change."""

    def __init__(self) -> None:
        self._instance = secrets.token_hex(4)  # a restarted server differs from the old one
        self._generation = 0
        self._closed = False
        self._cond = threading.Condition()

    @property
    def token(self) -> str:
        """The token of the state being served now."""
        with self._cond:
            return f"{self._instance}-{self._generation}"

    @property
    def closed(self) -> bool:
        """True once the server is shutting down."""
        return self._closed

    def bump(self) -> str:
        """A new state is being served: wake every waiting client; return the new token."""
        with self._cond:
            self._generation += 1
            self._cond.notify_all()
            return f"{self._instance}-{self._generation}"

    def wait_change(self, since: str, timeout: float) -> str | None:
        """The new token once it differs from ``since``; None on timeout or shutdown."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._token() != since, timeout)
            if self._closed or self._token() == since:
                return None
            return self._token()

    def close(self) -> None:
        """Release every waiting client (server shutdown)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _token(self) -> str:
        return f"{self._instance}-{self._generation}"


def script(token: str) -> str:
    """The reload script for a page rendered from state ``token``."""
    safe = re.sub(r"[^0-9a-zA-Z-]", "", token)
    return (f'<script id="{SCRIPT_ID}">(function(){{'
            f'var es=new EventSource("{EVENTS_PATH}?since={safe}");'
            'es.addEventListener("reload",function(){es.close();location.reload();});'
            "})();</script>")


def inject(page: bytes, token: str, banner: str) -> bytes:
    """The page with the banner after <body> and the reload script before </body>."""
    tail = script(token).encode("utf-8")
    closes = list(_BODY_CLOSE.finditer(page))
    at = closes[-1].start() if closes else len(page)
    page = page[:at] + tail + page[at:]
    if banner:
        head = banner.encode("utf-8")
        m = _BODY_OPEN.search(page)
        page = page[: m.end()] + head + page[m.end():] if m else head + page
    return page
