"""Site search that works for Chinese queries, offline, on any static host and from disk.

The index is built from the report pages this build put into the staging tree: each page's
visible text (the narrative, title and body name; the official tables' labels, shared by
every report, are left out) is cut into overlapping character pairs (bigrams; runs of Latin
letters and digits stay whole words). ``search/index.js`` maps each token to the reports that
hold it; ``static/search.js`` on ``search.html`` cuts the query the same way and lists the
reports that hold all of its tokens. No segmentation dictionary, no network, no WebAssembly,
and a plain ``<script src>`` (so it also works from ``file:``). Without JavaScript,
``search.html`` is a plain list of every report (the form in the header leads there).

Why not Pagefind's extended build (it ships as a Python wheel, 52 MB, with a Chinese
segmenter): its browser side fetches its index with ``fetch()`` and WebAssembly, which
fail when the site is opened from disk, and it would add a binary step over the staged tree;
a bigram index also finds any two-character substring, where a word segmenter finds only
the words it cut.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable

INDEX = "search/index.js"
PAGE = "search.html"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(f"[{_CJK}]+|[a-z0-9]+")
_DROP = re.compile(r"<(table|nav|svg|script|style|header|footer)\b.*?</\1>", re.S | re.I)
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def page_text(page: str) -> str:
    """The visible text of a report page's main part, without its tables and navigation."""
    found = _MAIN.search(page)
    body = _DROP.sub(" ", found.group(1) if found else page)
    return html.unescape(_TAG.sub(" ", body))


def tokens(text: str) -> set[str]:
    """Bigrams of each run of Chinese characters (a lone character stands alone) and words.

    static/search.js cuts a query the same way (NFKC, lower case).
    """
    out: set[str] = set()
    for run in _TOKENS.findall(unicodedata.normalize("NFKC", text).lower()):
        if run[0].isascii() or len(run) == 1:
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def index_js(docs: Iterable[tuple[str, str, str, int, str]]) -> bytes:
    """search/index.js for (url, title, body name, year, page text) in site order.

    Deterministic: the same documents give the same bytes.
    """
    listed: list[list[object]] = []
    postings: dict[str, list[int]] = {}
    for i, (url, title, body, year, text) in enumerate(docs):
        listed.append([url, title, body, year])
        for token in tokens(" ".join((title, body, text))):
            postings.setdefault(token, []).append(i)
    grams = {t: ",".join(map(str, ids)) for t, ids in sorted(postings.items())}
    data = json.dumps({"docs": listed, "grams": grams}, ensure_ascii=False,
                      separators=(",", ":"))
    # "</" never closes anything here (the file is loaded with src=), but keep it inert anyway
    return ("window.gkgenSearch = " + data.replace("</", "<\\/") + ";\n").encode("utf-8")
