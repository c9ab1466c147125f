"""Site search that works for Chinese queries, offline, on any static host and from disk.

Each report page's visible text (the narrative, title and body name; the official tables'
labels, shared by every report, are left out) is folded (NFKC, lower case, no white space)
when the report is rendered, and kept with the report in the build cache. ``search/index.js``
lists every report with its folded text; ``static/search.js`` on ``search.html`` folds the
query the same way and lists the reports whose text holds every word of it as a substring:
any run of Chinese characters is found, with no segmentation dictionary, no network, no
WebAssembly and a plain ``<script src>`` (so it also works from ``file:``). The index is made
by joining the reports' kept texts, so a one-report change costs what that report costs.
Without JavaScript, ``search.html`` is a plain list of every report (the header form leads there).

Why not Pagefind's extended build (it ships as a Python wheel, 52 MB, with a Chinese
segmenter): its browser side fetches its index with ``fetch()`` and WebAssembly, which
fail when the site is opened from disk, and it would add a binary step over the output;
a word segmenter finds only the words it cut, a substring search any part of a word.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable

INDEX = "search/index.js"
PAGE = "search.html"

_DROP = re.compile(r"<(table|nav|svg|script|style|header|footer)\b.*?</\1>", re.S | re.I)
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def page_text(page: str) -> str:
    """The visible text of a report page's main part, without its tables and navigation."""
    found = _MAIN.search(page)
    body = _DROP.sub(" ", found.group(1) if found else page)
    return html.unescape(_TAG.sub(" ", body))


def fold(text: str) -> str:
    """Text as the search compares it: NFKC (full-width letters and digits fold), lower case,
    without white space. static/search.js folds each word of a query the same way."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def doc_text(title: str, body: str, page: str) -> str:
    """What the search looks up for one report: its title, body name and page text, folded."""
    return fold(" ".join((title, body, page_text(page))))


HEAD = 'window.gkgenSearch = {"docs":[\n'
TAIL = "]};\n"


def doc_line(url: str, title: str, body: str, year: int, text: str) -> str:
    """One report's line of search/index.js (JSON never holds a raw line break)."""
    line = json.dumps([url, title, body, year, text], ensure_ascii=False, separators=(",", ":"))
    # "</" never closes anything here (the file is loaded with src=), but keep it inert anyway
    return line.replace("</", "<\\/")


def index_of(lines: Iterable[bytes]) -> bytes:
    """search/index.js from the reports' lines (doc_line(), UTF-8), in site order."""
    return HEAD.encode() + b",\n".join(lines) + b"\n" + TAIL.encode()


def index_lines(data: bytes) -> dict[str, bytes]:
    """url -> line of an index that index_of() wrote (empty when it is not one)."""
    head, tail = HEAD.encode(), TAIL.encode()
    if not (data.startswith(head) and data.endswith(tail)):
        return {}
    found = {}
    for line in data[len(head):-len(tail)].split(b"\n"):
        line = line.removesuffix(b",")
        if line.startswith(b'["'):
            found[line[2:line.index(b'"', 2)].decode("utf-8")] = line
    return found


def index_js(docs: Iterable[tuple[str, str, str, int, str]]) -> bytes:
    """search/index.js for (url, title, body name, year, folded text) in site order.

    Deterministic: the same documents give the same bytes.
    """
    return index_of(doc_line(*doc).encode("utf-8") for doc in docs)
