"""Report PDFs in the preview: rendered when first asked for, reused until their inputs change.

HTML rebuilds never render PDFs (WeasyPrint takes about half a second per report); the
PDF link renders on request with the same per-report function `gkgen build` uses, and
keeps the bytes in memory, keyed by a fingerprint of everything the PDF is made from.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from gkgen.serve.server import PdfUnavailable
from gkgen.serve.watch import snapshot

#: render(site root, served build folder, body slug, year) -> PDF bytes.
Render = Callable[[Path, Path, str, int], bytes]


def build_render(root: Path, served: Path, body: str, year: int) -> bytes:
    """The PDF `gkgen build` would write for one report: its print page through WeasyPrint."""
    from gkgen.build import site_info
    from gkgen.load import load_site
    from gkgen.render.pdfout import PdfFailed, render_pdf
    from gkgen.render.report import ReportJob, report_html

    site = load_site(root).site
    found = site.bodies.get(body)
    report = found.reports.get(year) if found else None
    if report is None:
        raise PdfUnavailable(f"找不到报告 {body}/{year}。")
    info = site_info(site)
    html, _, _ = report_html(ReportJob(info, report, pdf=True), for_print=True)
    try:
        return render_pdf(html, report, info.content)
    except PdfFailed as exc:
        raise PdfUnavailable(str(exc)) from exc


class PdfCache:
    """One PDF per report, in memory; renders one at a time (WeasyPrint is not thread-safe)."""

    def __init__(self, root: Path, render: Render = build_render) -> None:
        self.root = root
        self.render = render
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, int], tuple[str, bytes]] = {}
        self.renders = 0  # how many times a PDF was actually rendered (tests, diagnostics)

    def fingerprint(self, served: Path, body: str, year: int) -> str:
        """A digest of the report's HTML and of every source file its PDF can depend on."""
        h = hashlib.sha256()
        h.update((served / body / str(year) / "index.html").read_bytes())
        content = self.root / "content"
        sources = [content / body / str(year), content / body / "body.yaml",
                   content / "site.yaml", self.root / "templates", self.root / "site.yaml"]
        for path, stamp in sorted(snapshot(sources).items()):
            h.update(f"{path}\0{stamp}\n".encode())
        return h.hexdigest()

    def get(self, served: Path, body: str, year: int) -> bytes | None:
        """The PDF for the served build of one report, rendering it if it is out of date."""
        try:
            key = self.fingerprint(served, body, year)
        except OSError:
            return None
        with self._lock:
            cached = self._cache.get((body, year))
            if cached and cached[0] == key:
                return cached[1]
            try:
                data = self.render(self.root, served, body, year)
            except PdfUnavailable:
                raise
            except Exception as exc:
                raise PdfUnavailable(f"{type(exc).__name__}: {exc}") from exc
            self.renders += 1
            self._cache[(body, year)] = (key, data)
            return data

    def close(self) -> None:
        """Drop the cached PDFs."""
        with self._lock:
            self._cache.clear()
